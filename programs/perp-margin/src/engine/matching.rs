//! Matching a taker against the book, with **direct maker settlement**: the taker's transaction
//! carries the margin accounts of the makers it will cross, and each fill settles both sides at
//! once. There is no event queue to crank, so a fill can never be left half-applied, and the
//! solvency identity holds after every transaction. The client reads the book to know which makers
//! to pass; if one is missing the order fails with `MakerAccountMissing` (nothing changes) and the
//! client retries with a fresh read.
//!
//! Self-trade prevention: when the taker meets its own resting order, that order is cancelled and
//! matching continues ("cancel resting").

use crate::engine::env::Env;
use crate::engine::positions::{charge_fee, fill_account};
use crate::engine::risk::MarketSnap;
use crate::engine::validate;
use crate::error::{PerpError, PerpResult};
use crate::events::{Fill, OrderCancelled};
use crate::math::fees::fee_on_notional;
use crate::math::safe::{signed, SafeMath, SafeNeg};
use crate::math::trade::reduce_only_cap;
use crate::math::wide::mul;
use crate::state::margin_account::MarginAccount;
use crate::state::market::Market;
use crate::state::order_book::{order_flags, Order, OrderBook, Side};
use pinocchio::{AccountView, Address};

/// The market being traded.
pub struct BookCtx<'a> {
    pub market: &'a mut Market,
    pub market_key: &'a Address,
    pub book: &'a mut OrderBook,
    pub snap: MarketSnap,
    /// Margin accounts of the makers that may be filled.
    pub makers: &'a [AccountView],
}

/// The account taking liquidity.
pub struct Taker<'a> {
    pub acct: &'a mut MarginAccount,
    pub key: &'a Address,
}

/// What to match.
pub struct MatchParams {
    /// Taker side.
    pub side: Side,
    /// Worst price the taker accepts.
    pub limit_price: u64,
    /// Most lots to take.
    pub max_lots: u64,
    /// 0 order, 1 liquidation (recorded in `Fill::kind`).
    pub kind: u8,
    /// Taker fee, bps (liquidations pay the liquidation fee instead: 0 here).
    pub taker_fee_bps: u64,
}

/// Totals of one match.
#[derive(Default)]
pub struct MatchOutcome {
    pub filled_lots: u64,
    pub quote_native: u64,
    pub taker_fee_native: u64,
}

#[inline(always)]
fn crosses(side: Side, resting_price: u64, limit: u64) -> bool {
    match side {
        Side::Bid => resting_price <= limit,
        Side::Ask => resting_price >= limit,
    }
}

/// Removes a resting order's size from its owner's open-order bookkeeping.
#[inline(always)]
pub fn release_order(acct: &mut MarginAccount, market_index: u16, side: Side, lots: u64, whole_order: bool) {
    if let Some(i) = acct.find(market_index) {
        let p = &mut acct.positions[i];
        match side {
            Side::Bid => p.bids_lots = p.bids_lots.saturating_sub(lots),
            Side::Ask => p.asks_lots = p.asks_lots.saturating_sub(lots),
        }
        if whole_order {
            p.open_orders = p.open_orders.saturating_sub(1);
        }
        acct.release_if_empty(i);
    }
}

/// Emits the cancellation of a resting order.
#[inline(always)]
pub fn emit_cancel(env: &mut Env, market_key: &Address, side: Side, o: &Order, reason: u8) -> PerpResult {
    let s = env.stamp();
    env.emit(&OrderCancelled {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        market: *market_key,
        margin_account: o.owner,
        order_id: o.order_id,
        side: side as u8,
        reason,
        price: o.price,
        lots: o.base_lots,
    })
}

/// Matches the taker against the opposite side of the book.
pub fn match_order(
    bk: &mut BookCtx,
    taker: &mut Taker,
    p: &MatchParams,
    env: &mut Env,
) -> PerpResult<MatchOutcome> {
    let opp = p.side.opposite();
    let idx = bk.snap.market_index;
    let maker_fee_bps = bk.market.params.maker_fee_bps as u64;
    let mut out = MatchOutcome::default();
    let mut remaining = p.max_lots;
    while remaining > 0 {
        let best = match bk.book.best(opp) {
            Some(o) => *o,
            None => break,
        };
        if !crosses(p.side, best.price, p.limit_price) {
            break;
        }
        if &best.owner == taker.key {
            bk.book.pop_best(opp);
            release_order(taker.acct, idx, opp, best.base_lots, true);
            emit_cancel(env, bk.market_key, opp, &best, 1)?;
            continue;
        }
        let maker_view =
            bk.makers.iter().find(|v| v.address() == &best.owner).ok_or(PerpError::MakerAccountMissing)?;
        let maker = validate::margin_account_mut(maker_view, env.exchange_view.address())?;

        let mut lots = if remaining < best.base_lots { remaining } else { best.base_lots };
        if best.flags & order_flags::REDUCE_ONLY != 0 {
            let base = maker.find(idx).map(|i| maker.positions[i].base_lots).unwrap_or(0);
            lots = reduce_only_cap(base, opp == Side::Bid, lots);
            if lots == 0 {
                bk.book.pop_best(opp);
                release_order(maker, idx, opp, best.base_lots, true);
                emit_cancel(env, bk.market_key, opp, &best, 3)?;
                continue;
            }
        }
        let signed = signed(lots, p.side == Side::Bid)?;
        let t = fill_account(taker.acct, taker.key, &bk.snap, bk.market, signed, best.price, env)?;
        let m = fill_account(maker, &best.owner, &bk.snap, bk.market, signed.safe_neg()?, best.price, env)?;
        let quote = mul(lots, best.price)?;
        let maker_fee = fee_on_notional(quote, maker_fee_bps)?;
        let taker_fee = fee_on_notional(quote, p.taker_fee_bps)?;
        charge_fee(maker, maker_fee, env)?;
        charge_fee(taker.acct, taker_fee, env)?;

        // The maker's resting order shrinks or leaves the book.
        let done = lots == best.base_lots;
        if done {
            bk.book.pop_best(opp);
        } else if let Some(o) = bk.book.best_mut(opp) {
            o.base_lots = o.base_lots.safe_sub(lots)?;
        }
        release_order(maker, idx, opp, lots, done);

        bk.market.fill_count = bk.market.fill_count.wrapping_add(1);
        bk.market.volume_native = bk.market.volume_native.saturating_add(quote);
        let s = env.stamp();
        env.emit(&Fill {
            seq: s.seq,
            slot: s.slot,
            unix_time: s.unix_time,
            market: *bk.market_key,
            taker: *taker.key,
            maker: best.owner,
            maker_order_id: best.order_id,
            taker_side: p.side as u8,
            kind: p.kind,
            price: best.price,
            lots,
            quote_native: quote,
            taker_fee_native: taker_fee,
            maker_fee_native: maker_fee,
            taker_realized_pnl_native: t.realized_pnl_native,
            maker_realized_pnl_native: m.realized_pnl_native,
        })?;
        out.filled_lots = out.filled_lots.safe_add(lots)?;
        out.quote_native = out.quote_native.safe_add(quote)?;
        out.taker_fee_native = out.taker_fee_native.safe_add(taker_fee)?;
        remaining = remaining.safe_sub(lots)?;
    }
    Ok(out)
}
