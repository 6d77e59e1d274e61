//! Applying fills and fees to margin accounts, keeping the exchange totals and market open
//! interest in step.

use crate::engine::env::Env;
use crate::engine::risk::{settle_position, MarketSnap};
use crate::error::{PerpError, PerpResult};
use crate::math::safe::{SafeCast, SafeMath};
use crate::math::trade::{apply_fill, FillEffect, PositionBook};
use crate::math::wide::{add, sub, to_i64};
use crate::state::margin_account::MarginAccount;
use crate::state::market::Market;
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
        p.social_loss_snapshot = snap.social_index(p.base_lots);
        p.funding_snapshot = snap.cumulative_funding;
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

/// Turns a position-free account's negative cash into an explicit deficit (status BANKRUPT),
/// remembering the market and side (`was_long`) the loss came from. Returns the deficit (0 if none).
pub fn crystallize_deficit(
    acct: &mut MarginAccount,
    market_index: u16,
    was_long: bool,
    env: &mut Env,
) -> PerpResult<u64> {
    use crate::state::margin_account::status;
    if acct.has_positions() {
        return Ok(0);
    }
    if acct.cash_native >= 0 {
        if acct.status == status::BEING_LIQUIDATED {
            acct.status = status::HEALTHY;
        }
        return Ok(0);
    }
    let deficit = acct.cash_native.unsigned_abs();
    acct.deficit_native = acct.deficit_native.checked_add(deficit).ok_or(PerpError::MathOverflow)?;
    env.ex.total_deficit_native =
        env.ex.total_deficit_native.checked_add(deficit).ok_or(PerpError::MathOverflow)?;
    env.ex.total_cash_native = add(env.ex.total_cash_native, to_i64(deficit)?)?;
    acct.cash_native = 0;
    acct.status = status::BANKRUPT;
    acct.deficit_market_index = market_index;
    acct.deficit_side = if was_long { 0 } else { 1 };
    acct.bankruptcy_count = acct.bankruptcy_count.wrapping_add(1);
    Ok(deficit)
}
