//! Applying fills and fees to margin accounts, keeping the exchange totals and market open
//! interest in step.

use crate::engine::env::Env;
use crate::engine::risk::{settle_position, MarketSnap};
use crate::error::{PerpError, PerpResult};
use crate::events::{BankruptcyRecorded, UnderwaterMarked};
use crate::math::safe::{SafeCast, SafeMath};
use crate::math::trade::{apply_fill, FillEffect, PositionBook};
use crate::math::wide::{add, sub, to_i64};
use crate::state::margin_account::MarginAccount;
use crate::state::market::Market;
use crate::state::Index128;
use pinocchio::Address;

/// Applies a fill of `lots` (buy > 0, sell < 0) at `price` to the account's position in the
/// snapshot's market: settles that position's funding first, then moves cash and updates the
/// position, its snapshots on a side change, and the market's open interest.
#[inline(always)]
pub fn fill_account(
    acct: &mut MarginAccount,
    account_key: &Address,
    snap: &MarketSnap,
    market: &mut Market,
    lots: i64,
    price: u64,
    env: &mut Env,
) -> PerpResult<FillEffect> {
    let i = acct.find_or_open(snap.market_index).ok_or(PerpError::PositionSlotsFull)?;
    let fresh = acct.positions[i].base_lots == 0;
    let (funding, social) = settle_position(acct, i, snap, env)?;
    if funding != 0 || social != 0 {
        let s = env.stamp();
        env.emit(&crate::events::PositionSettled {
            seq: s.seq,
            slot: s.slot,
            unix_time: s.unix_time,
            margin_account: *account_key,
            market_index: snap.market_index,
            funding_native: funding,
            social_loss_native: social,
        })?;
    }
    let p = &mut acct.positions[i];
    let eff = apply_fill(
        PositionBook { base_lots: p.base_lots, entry_notional_native: p.entry_notional_native },
        lots,
        price,
    )?;
    let old = p.base_lots;
    p.base_lots = eff.position.base_lots;
    p.entry_notional_native = eff.position.entry_notional_native;
    p.realized_pnl_native = add(p.realized_pnl_native, eff.realized_pnl_native)?;
    if fresh || (old > 0) != (p.base_lots > 0) {
        // New or flipped position: it starts owing from the current index of its new side.
        p.social_loss_snapshot = Index128::from_i128(snap.social_index(p.base_lots));
        p.funding_snapshot = Index128::from_i128(snap.cumulative_funding);
    }
    acct.cash_native = add(acct.cash_native, eff.cash_delta_native)?;
    env.ex.total_cash_native = add(env.ex.total_cash_native, eff.cash_delta_native)?;
    // A slot left with no position and no orders is freed for other markets.
    acct.release_if_empty(i);
    let oi = market.open_interest_lots.to_i64()?.safe_add(eff.long_oi_delta_lots)?;
    market.open_interest_lots = oi.to_u64()?;
    Ok(eff)
}

/// Moves `fee` from the account's cash into the fee pool.
#[inline(always)]
pub fn charge_fee(acct: &mut MarginAccount, fee: u64, env: &mut Env) -> PerpResult {
    if fee == 0 {
        return Ok(());
    }
    let f = to_i64(fee)?;
    acct.cash_native = sub(acct.cash_native, f)?;
    env.ex.total_cash_native = sub(env.ex.total_cash_native, f)?;
    env.ex.fee_pool_native = env.ex.fee_pool_native.checked_add(fee).ok_or(PerpError::MathOverflow)?;
    Ok(())
}

/// Moves `amount` of cash from one account to another (keeper reward).
#[inline(always)]
pub fn pay_cash(from: &mut MarginAccount, to: &mut MarginAccount, amount: u64) -> PerpResult {
    let a = to_i64(amount)?;
    from.cash_native = sub(from.cash_native, a)?;
    to.cash_native = add(to.cash_native, a)?;
    Ok(())
}

/// What put an account into bankruptcy (`BankruptcyRecorded::cause`).
pub mod cause {
    pub const BOOK_LIQUIDATION: u8 = 1;
    pub const BACKSTOP: u8 = 2;
    pub const ADL: u8 = 3;
    pub const ADL_COUNTERPARTY: u8 = 4;
    pub const TAKER: u8 = 5;
    pub const MAKER: u8 = 6;
    pub const SETTLEMENT: u8 = 7;
}

/// Where and why a deficit arose (passed by reference: upstream BPF takes at most 5 arguments).
#[derive(Clone, Copy)]
pub struct Origin {
    /// Market the loss came from.
    pub market_index: u16,
    /// The account was long there.
    pub was_long: bool,
    /// `cause::*`.
    pub cause: u8,
    /// Insurance this market can still count for the account (`waterfall::countable_insurance`):
    /// an ADL reservation made in another market moves here with the deficit, up to this.
    pub insurance_room_native: u64,
}

/// An underwater mark to record (`set_underwater`).
#[derive(Clone, Copy, Default)]
pub struct UnderwaterMark {
    /// Negative equity recorded, native (0 clears the mark).
    pub marked_native: u64,
    /// Equity and maintenance requirement seen, for the event.
    pub equity_native: i64,
    pub maint_req_native: u64,
    /// Who recorded it.
    pub keeper: Address,
}

/// Turns a position-free account's negative cash into an explicit deficit (status BANKRUPT),
/// remembering the market and side (`was_long`) the loss came from, and emits `BankruptcyRecorded`.
/// A bankrupt account's resting orders can never fill again (`MarginAccount::forget_orders`, the
/// book's `owner_epoch` check). Returns the deficit (0 if none); an account left flat with cash ≥ 0
/// leaves the waterfall (`BEING_LIQUIDATED` → `HEALTHY`).
pub fn crystallize_deficit(
    acct: &mut MarginAccount,
    key: &Address,
    o: &Origin,
    env: &mut Env,
) -> PerpResult<u64> {
    let (market_index, was_long, cause) = (o.market_index, o.was_long, o.cause);
    use crate::state::margin_account::status;
    if acct.has_positions() {
        return Ok(0);
    }
    if acct.cash_native >= 0 {
        if acct.status == status::BEING_LIQUIDATED {
            acct.status = status::HEALTHY;
        }
        crate::engine::waterfall::release_if_recovered(acct, env.ex)?;
        return Ok(0);
    }
    let deficit = acct.cash_native.unsigned_abs();
    acct.deficit_native = acct.deficit_native.safe_add(deficit)?;
    env.ex.total_deficit_native = env.ex.total_deficit_native.safe_add(deficit)?;
    env.ex.total_cash_native = add(env.ex.total_cash_native, to_i64(deficit)?)?;
    acct.cash_native = 0;
    acct.status = status::BANKRUPT;
    // The deficit belongs to the market where it arose (its side, its cap, its resolution); an ADL
    // reservation made elsewhere moves with it, as far as this market's cap allows.
    acct.deficit_market_index = market_index;
    if acct.insurance_reserved_native > 0 && acct.insurance_reserved_market != market_index {
        let keep = acct.insurance_reserved_native.min(o.insurance_room_native);
        crate::engine::waterfall::set_reservation(acct, market_index, env.ex, keep)?;
    }
    acct.deficit_side = if was_long { 0 } else { 1 };
    acct.bankruptcy_count = acct.bankruptcy_count.wrapping_add(1);
    acct.forget_orders();
    clear_underwater(acct, key, env)?;
    let s = env.stamp();
    env.emit(&BankruptcyRecorded {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        margin_account: *key,
        market_index,
        side: acct.deficit_side,
        cause,
        deficit_native: deficit,
        total_deficit_native: env.ex.total_deficit_native,
    })?;
    Ok(deficit)
}

/// Removes an account's underwater mark from the exchange totals (it went bankrupt with an
/// explicit deficit, or recovered). Evented when there was a mark.
pub fn clear_underwater(acct: &mut MarginAccount, key: &Address, env: &mut Env) -> PerpResult {
    set_underwater(acct, key, &UnderwaterMark::default(), env)
}

/// Sets an account's underwater mark to `marked` (0 clears it), keeping the exchange totals exact.
pub fn set_underwater(
    acct: &mut MarginAccount,
    key: &Address,
    m: &UnderwaterMark,
    env: &mut Env,
) -> PerpResult {
    let marked = m.marked_native;
    let before = acct.underwater_native;
    if before == marked {
        return Ok(());
    }
    env.ex.underwater_native = env.ex.underwater_native.safe_sub(before)?.safe_add(marked)?;
    if before == 0 {
        env.ex.underwater_count = env.ex.underwater_count.safe_add(1)?;
    } else if marked == 0 {
        env.ex.underwater_count = env.ex.underwater_count.safe_sub(1)?;
    }
    acct.underwater_native = marked;
    acct.underwater_slot = if marked == 0 { 0 } else { env.slot };
    let s = env.stamp();
    env.emit(&UnderwaterMarked {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        margin_account: *key,
        keeper: m.keeper,
        equity_native: m.equity_native,
        maint_req_native: m.maint_req_native,
        marked_native: marked,
        total_underwater_native: env.ex.underwater_native,
        underwater_count: env.ex.underwater_count,
    })
}
