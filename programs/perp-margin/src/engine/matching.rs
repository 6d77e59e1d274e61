//! Matching a taker against the book, with **direct maker settlement**: the taker's transaction
//! carries the margin accounts of the makers it will cross, and each fill settles both sides at
//! once. There is no event queue to crank, so a fill can never be left half-applied, and the
//! solvency identity holds after every transaction. The client reads the book to know which makers
//! to pass (and the `(market, oracle)` pairs of every market those makers hold); if one is missing
//! the order fails with `MakerAccountMissing` / `MissingMarketAccounts` (nothing changes) and the
//! client retries with a fresh read.
//!
//! **No fill pushes a maker under water** (Drift's rule). Before a maker's first fill its health is
//! computed once (charges not yet settled included, bad oracles valued at their worst case) and
//! then kept up to date fill by fill in O(1). A fill that would leave the maker below maintenance
//! margin does not happen: that resting order is cancelled (`OrderCancelled{reason: 4}`) and
//! matching goes on with the next one. A maker that went bankrupt after placing an order never
//! fills it (`reason: 5`, `Order::owner_epoch`).
//!
//! Self-trade prevention: when the taker meets its own resting order, that order is cancelled and
//! matching continues ("cancel resting").

use crate::engine::env::Env;
use crate::engine::positions::{charge_fee, fill_account};
use crate::engine::risk::{account_health, MarketSnap, MarketTable, PairSource, Valuation};
use crate::engine::validate;
use crate::error::{PerpError, PerpResult};
use crate::events::{Fill, OrderCancelled};
use crate::math::fees::fee_on_notional;
use crate::math::margin::maint_requirement;
use crate::math::safe::{signed, SafeMath, SafeNeg};
use crate::math::trade::reduce_only_cap;
use crate::math::wide::{mul, mul_signed, to_i64};
use crate::state::margin_account::{status, MarginAccount, NO_MARKET};
use crate::state::market::Market;
use crate::state::order_book::{order_flags, Order, OrderBook, Side};
use pinocchio::{AccountView, Address};

/// `OrderCancelled::reason` values.
pub mod cancel_reason {
    pub const OWNER: u8 = 0;
    pub const SELF_TRADE: u8 = 1;
    pub const LIQUIDATION: u8 = 2;
    pub const REDUCE_ONLY_EMPTY: u8 = 3;
    pub const MAKER_BELOW_MAINTENANCE: u8 = 4;
    pub const MAKER_BANKRUPT: u8 = 5;
    /// Its owner has no position slot free for the market (a stale order after a bankruptcy).
    pub const MAKER_NO_SLOT: u8 = 6;
    /// The side was full and a better-priced order took its place.
    pub const EVICTED: u8 = 7;
}

/// Most distinct makers one match keeps health for; matching stops at the next maker beyond it
/// (the SBF stack frame holds 4 KiB).
pub const MAX_MAKERS: usize = 16;

/// The market being traded.
pub struct BookCtx<'a> {
    pub market: &'a mut Market,
    pub market_key: &'a Address,
    pub book: &'a mut OrderBook,
    pub snap: MarketSnap,
    /// The markets of the acting account (and whatever else fits the table).
    pub table: &'a MarketTable,
    /// The `(market, oracle)` pairs passed to the instruction: makers' markets are read from here
    /// when the shared table does not hold them.
    pub pairs: PairSource<'a>,
}

/// Where a match finds the margin account of a resting order's owner. The match reaches makers
/// only through this, by key, so the engine touches no account view: the handlers pass the
/// instruction's accounts ([`MakerViews`]), host tests pass plain values.
pub trait MakerAccounts {
    /// The maker's margin account, or `MakerAccountMissing` when the transaction did not pass it.
    fn maker(&mut self, key: &Address) -> PerpResult<&mut MarginAccount>;
}

/// The makers passed to an instruction (remaining accounts), validated as margin accounts of
/// `exchange` when first reached. `held` is an account the handler has already loaded for writing
/// (the liquidator's own margin account, whose bid may be in the book): its orders are filled
/// through that one reference, never through a second one to the same data.
pub struct MakerViews<'a> {
    pub views: &'a [AccountView],
    pub exchange: &'a Address,
    pub held: Option<(&'a Address, &'a mut MarginAccount)>,
}

impl MakerAccounts for MakerViews<'_> {
    #[inline(always)]
    fn maker(&mut self, key: &Address) -> PerpResult<&mut MarginAccount> {
        if let Some((held_key, acct)) = &mut self.held {
            if *held_key == key {
                return Ok(&mut **acct);
            }
        }
        let view = self.views.iter().find(|v| v.address() == key).ok_or(PerpError::MakerAccountMissing)?;
        validate::margin_account_mut(view, self.exchange)
    }
}

/// The account taking liquidity, and where the match finds the makers it crosses.
pub struct Taker<'a, M: MakerAccounts> {
    pub acct: &'a mut MarginAccount,
    pub key: &'a Address,
    pub makers: M,
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
    /// Liquidation: the most the taker's equity may lose against the oracle across all fills,
    /// native (its equity): fills stop before the liquidation itself creates a deficit.
    pub loss_budget_native: Option<u64>,
}

/// Totals of one match.
#[derive(Default)]
pub struct MatchOutcome {
    pub filled_lots: u64,
    pub quote_native: u64,
    pub taker_fee_native: u64,
    /// Maker orders cancelled because their owner could not take the fill.
    pub makers_cancelled: u32,
}

/// A maker's health during the match, updated in O(1) per fill.
#[derive(Clone, Copy, Default)]
struct MakerState {
    key: Address,
    equity_native: i64,
    maint_req_native: u64,
    /// Position in the traded market, lots, and its share of `maint_req_native`.
    base_lots: i64,
    maint_here_native: u64,
}

impl MakerState {
    /// The maker's state after buying `lots` (> 0) or selling (< 0) at `price`, paying `fee`.
    #[inline(always)]
    fn after_fill(&self, lots: i64, price: u64, fee: u64, snap: &MarketSnap) -> PerpResult<MakerState> {
        // Marked at the oracle, a buy at `price` changes equity by lots × (oracle − price).
        let value = mul_signed(lots, snap.price)?;
        let cash = mul_signed(lots, price)?;
        let equity = self.equity_native.safe_add(value)?.safe_sub(cash)?.safe_sub(to_i64(fee)?)?;
        let base = self.base_lots.safe_add(lots)?;
        let maint_here = maint_requirement(mul(base.unsigned_abs(), snap.price)?, snap.mmf_bps)?;
        let maint = self.maint_req_native.safe_sub(self.maint_here_native)?.safe_add(maint_here)?;
        Ok(MakerState {
            key: self.key,
            equity_native: equity,
            maint_req_native: maint,
            base_lots: base,
            maint_here_native: maint_here,
        })
    }

    /// Not liquidatable: equity ≥ maintenance.
    #[inline(always)]
    fn above_maintenance(&self) -> bool {
        self.equity_native >= 0 && self.equity_native.unsigned_abs() >= self.maint_req_native
    }
}

/// Makers met so far in this match.
struct MakerBook {
    states: [MakerState; MAX_MAKERS],
    len: usize,
}

impl MakerBook {
    fn new() -> Self {
        MakerBook { states: [MakerState::default(); MAX_MAKERS], len: 0 }
    }

    /// Index of the maker's state, computing its health on first sight; `None` when full.
    #[inline(always)]
    fn index(&mut self, key: &Address, maker: &MarginAccount, bk: &BookCtx) -> PerpResult<Option<usize>> {
        if let Some(i) = self.states[..self.len].iter().position(|m| &m.key == key) {
            return Ok(Some(i));
        }
        if self.len >= MAX_MAKERS {
            return Ok(None);
        }
        let mut t = MarketTable::new();
        t.load_for_account(maker, bk.table, &bk.pairs)?;
        let h = account_health(maker, &t, Valuation::Conservative)?;
        let base = maker.find(bk.snap.market_index).map(|i| maker.positions[i].base_lots).unwrap_or(0);
        let maint_here = maint_requirement(mul(base.unsigned_abs(), bk.snap.price)?, bk.snap.mmf_bps)?;
        self.states[self.len] = MakerState {
            key: *key,
            equity_native: h.equity_native,
            maint_req_native: h.maint_req_native,
            base_lots: base,
            maint_here_native: maint_here,
        };
        let i = self.len;
        self.len = self.len.safe_add(1)?;
        Ok(Some(i))
    }
}

#[inline(always)]
fn crosses(side: Side, resting_price: u64, limit: u64) -> bool {
    match side {
        Side::Bid => resting_price <= limit,
        Side::Ask => resting_price >= limit,
    }
}

/// Removes `lots` of a resting order at `price` from its owner's open-order bookkeeping — only
/// when the order belongs to the owner's current epoch: a bankrupt account forgot its orders, and
/// an old order must never release the margin of one placed after.
#[inline(always)]
pub fn release_order(
    acct: &mut MarginAccount,
    market_index: u16,
    side: Side,
    lots: u64,
    price: u64,
    whole_order: bool,
    owner_epoch: u32,
) {
    if owner_epoch != acct.bankruptcy_count {
        return;
    }
    if let Some(i) = acct.find(market_index) {
        let p = &mut acct.positions[i];
        // Saturating: a bankrupt account's bookkeeping was reset while its orders stayed on the
        // book (they are removed as they are reached).
        let quote = mul(lots, price).unwrap_or(u64::MAX);
        match side {
            Side::Bid => {
                p.bids_lots = p.bids_lots.saturating_sub(lots);
                p.bids_quote_native = p.bids_quote_native.saturating_sub(quote);
            }
            Side::Ask => {
                p.asks_lots = p.asks_lots.saturating_sub(lots);
                p.asks_quote_native = p.asks_quote_native.saturating_sub(quote);
            }
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

/// Takes the best order of `side` off the book and out of its owner's bookkeeping, evented.
#[inline(always)]
fn cancel_best(
    bk: &mut BookCtx,
    owner: &mut MarginAccount,
    side: Side,
    o: &Order,
    reason: u8,
    env: &mut Env,
) -> PerpResult {
    bk.book.pop_best(side);
    release_order(owner, bk.snap.market_index, side, o.base_lots, o.price, true, o.owner_epoch);
    emit_cancel(env, bk.market_key, side, o, reason)
}

/// Loss against the oracle of one lot taken at `price` on `side` (0 when the price is better).
#[inline(always)]
fn loss_per_lot(side: Side, price: u64, oracle: u64) -> u64 {
    match side {
        Side::Bid => price.saturating_sub(oracle),
        Side::Ask => oracle.saturating_sub(price),
    }
}

/// Matches the taker against the opposite side of the book.
pub fn match_order<M: MakerAccounts>(
    bk: &mut BookCtx,
    taker: &mut Taker<M>,
    p: &MatchParams,
    env: &mut Env,
) -> PerpResult<MatchOutcome> {
    let opp = p.side.opposite();
    let idx = bk.snap.market_index;
    let maker_fee_bps = u64::from(bk.market.params.maker_fee_bps);
    let mut out = MatchOutcome::default();
    let mut makers = MakerBook::new();
    let mut remaining = p.max_lots;
    let mut budget = p.loss_budget_native;
    while remaining > 0 {
        let best = match bk.book.best(opp) {
            Some(o) => *o,
            None => break,
        };
        if !crosses(p.side, best.price, p.limit_price) {
            break;
        }
        if &best.owner == taker.key {
            cancel_best(bk, taker.acct, opp, &best, cancel_reason::SELF_TRADE, env)?;
            continue;
        }
        let maker = taker.makers.maker(&best.owner)?;
        if maker.status == status::BANKRUPT
            || maker.deficit_native > 0
            || best.owner_epoch != maker.bankruptcy_count
        {
            cancel_best(bk, maker, opp, &best, cancel_reason::MAKER_BANKRUPT, env)?;
            out.makers_cancelled = out.makers_cancelled.safe_add(1)?;
            continue;
        }
        if maker.find(idx).is_none() && !maker.positions.iter().any(|p| p.market_index == NO_MARKET) {
            cancel_best(bk, maker, opp, &best, cancel_reason::MAKER_NO_SLOT, env)?;
            out.makers_cancelled = out.makers_cancelled.safe_add(1)?;
            continue;
        }

        let mut lots = remaining.min(best.base_lots);
        if best.flags & order_flags::REDUCE_ONLY != 0 {
            let base = maker.find(idx).map(|i| maker.positions[i].base_lots).unwrap_or(0);
            lots = reduce_only_cap(base, opp == Side::Bid, lots);
            if lots == 0 {
                cancel_best(bk, maker, opp, &best, cancel_reason::REDUCE_ONLY_EMPTY, env)?;
                out.makers_cancelled = out.makers_cancelled.safe_add(1)?;
                continue;
            }
        }
        if let Some(b) = budget {
            if let Some(affordable) = b.checked_div(loss_per_lot(p.side, best.price, bk.snap.price)) {
                lots = lots.min(affordable);
                if lots == 0 {
                    break; // the next lot would cost more equity than the account has
                }
            }
        }

        let quote = mul(lots, best.price)?;
        let maker_fee = fee_on_notional(quote, maker_fee_bps)?;
        let taker_fee = fee_on_notional(quote, p.taker_fee_bps)?;
        let taker_lots = signed(lots, p.side == Side::Bid)?;
        let maker_lots = taker_lots.safe_neg()?;
        let Some(mi) = makers.index(&best.owner, maker, bk)? else {
            break; // more distinct makers than one match tracks: the rest waits for the next order
        };
        let maker_after = makers.states[mi].after_fill(maker_lots, best.price, maker_fee, &bk.snap)?;
        if !maker_after.above_maintenance() {
            cancel_best(bk, maker, opp, &best, cancel_reason::MAKER_BELOW_MAINTENANCE, env)?;
            out.makers_cancelled = out.makers_cancelled.safe_add(1)?;
            continue;
        }
        makers.states[mi] = maker_after;

        let t = fill_account(taker.acct, taker.key, &bk.snap, bk.market, taker_lots, best.price, env)?;
        let m = fill_account(maker, &best.owner, &bk.snap, bk.market, maker_lots, best.price, env)?;
        charge_fee(maker, maker_fee, env)?;
        charge_fee(taker.acct, taker_fee, env)?;

        // The maker's resting order shrinks or leaves the book.
        let done = lots == best.base_lots;
        if done {
            bk.book.pop_best(opp);
        } else if let Some(o) = bk.book.best_mut(opp) {
            o.base_lots = o.base_lots.safe_sub(lots)?;
        }
        release_order(maker, idx, opp, lots, best.price, done, best.owner_epoch);

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
        if let Some(b) = budget {
            budget = Some(b.safe_sub(loss_per_lot(p.side, best.price, bk.snap.price).safe_mul(lots)?)?);
        }
        out.filled_lots = out.filled_lots.safe_add(lots)?;
        out.quote_native = out.quote_native.safe_add(quote)?;
        out.taker_fee_native = out.taker_fee_native.safe_add(taker_fee)?;
        remaining = remaining.safe_sub(lots)?;
    }
    Ok(out)
}
