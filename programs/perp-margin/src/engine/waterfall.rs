//! Shared steps of the liquidation waterfall: who may be liquidated, whether the book inside the
//! band is exhausted, and the account's status after a step.

use crate::engine::env::Env;
use crate::engine::positions::crystallize_deficit;
use crate::error::{PerpError, PerpResult};
use crate::math::liquidation::band_limit_price;
use crate::math::margin::Health;
use crate::state::margin_account::{status, MarginAccount};
use crate::state::market::Market;
use crate::state::order_book::{OrderBook, Side};

/// An account may be liquidated when equity < maintenance, or — once a liquidation has started —
/// until equity is back above maintenance × (1 + buffer) (hysteresis).
#[inline(always)]
pub fn check_liquidatable(acct: &MarginAccount, h: &Health, buffer_bps: u64) -> PerpResult {
    require!(acct.status != status::BANKRUPT, PerpError::AccountBankrupt);
    if h.is_liquidatable() {
        return Ok(());
    }
    if acct.status == status::BEING_LIQUIDATED && !h.above_liquidation_target(buffer_bps)? {
        return Ok(());
    }
    Err(PerpError::NotLiquidatable)
}

/// Whether resting orders can still absorb a close of a `closing_long` position inside the band.
#[inline(always)]
pub fn book_has_liquidity(
    book: &OrderBook,
    market: &Market,
    oracle_price: u64,
    closing_long: bool,
) -> PerpResult<bool> {
    let limit = band_limit_price(oracle_price, market.params.liquidation_band_bps as u64, closing_long)?;
    Ok(if closing_long {
        book.best(Side::Bid).map(|o| o.price >= limit).unwrap_or(false)
    } else {
        book.best(Side::Ask).map(|o| o.price <= limit).unwrap_or(false)
    })
}

/// Sets the status after a liquidation step: bankrupt (deficit crystallised) if no positions and
/// negative cash; healthy once above the hysteresis target; otherwise still being liquidated.
/// Returns the deficit crystallised.
#[inline(always)]
pub fn finish_step(
    acct: &mut MarginAccount,
    h_after: &Health,
    market: &Market,
    was_long: bool,
    env: &mut Env,
) -> PerpResult<u64> {
    if !acct.has_positions() {
        let d = crystallize_deficit(acct, market.market_index, was_long, env)?;
        if d == 0 {
            acct.status = status::HEALTHY;
        }
        return Ok(d);
    }
    acct.status = if h_after.above_liquidation_target(market.params.liquidation_buffer_bps as u64)? {
        status::HEALTHY
    } else {
        status::BEING_LIQUIDATED
    };
    Ok(0)
}
