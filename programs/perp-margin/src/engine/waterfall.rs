//! Shared steps of the liquidation waterfall: who may be liquidated, whether the book inside the
//! band is exhausted, and the account's status after a step.

use crate::engine::env::Env;
use crate::engine::positions::{
    clear_underwater, crystallize_deficit, set_underwater, Origin, UnderwaterMark,
};
use crate::error::{PerpError, PerpResult};
use crate::math::liquidation::band_limit_price;
use crate::math::margin::Health;
use crate::math::safe::SafeMath;
use crate::state::exchange::Exchange;
use crate::state::margin_account::{status, MarginAccount, NO_MARKET};
use crate::state::market::Market;
use crate::state::order_book::{OrderBook, Side};
use pinocchio::Address;

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

/// Whether resting orders can still absorb a close of a `closing_long` position on the book: the best
/// opposite order is inside the liquidation band, and taking one lot at its price would not cost
/// more than the account's `equity_budget` against the oracle (a liquidation never sells beyond
/// the account's bankruptcy price while it has equity). The same rule bounds `liquidate`'s fills,
/// so "book exhausted" for the backstop and ADL means exactly "liquidate cannot fill".
#[inline(always)]
pub fn book_has_liquidity(
    book: &OrderBook,
    market: &Market,
    oracle_price: u64,
    closing_long: bool,
    equity_budget: u64,
) -> PerpResult<bool> {
    let limit = band_limit_price(oracle_price, u64::from(market.params.liquidation_band_bps), closing_long)?;
    let best = if closing_long { book.best(Side::Bid) } else { book.best(Side::Ask) };
    Ok(match best {
        None => false,
        Some(o) if closing_long => o.price >= limit && oracle_price.saturating_sub(o.price) <= equity_budget,
        Some(o) => o.price <= limit && o.price.saturating_sub(oracle_price) <= equity_budget,
    })
}

/// Sets the status after a liquidation step: bankrupt (deficit crystallised, evented) if no
/// positions and negative cash; healthy once above the hysteresis target; otherwise still being
/// liquidated. Returns the deficit crystallised.
#[inline(always)]
pub fn finish_step(
    acct: &mut MarginAccount,
    key: &Address,
    h_after: &Health,
    market: &Market,
    o: &Origin,
    env: &mut Env,
) -> PerpResult<u64> {
    if !acct.has_positions() {
        let d = crystallize_deficit(acct, key, o, env)?;
        if d == 0 {
            acct.status = status::HEALTHY;
            clear_underwater(acct, key, env)?;
        }
        return Ok(d);
    }
    acct.status = if h_after.above_liquidation_target(u64::from(market.params.liquidation_buffer_bps))? {
        status::HEALTHY
    } else {
        status::BEING_LIQUIDATED
    };
    refresh_underwater(acct, key, h_after, env)
}

/// Keeps an underwater mark current after a waterfall step: updated to the new negative equity,
/// or cleared once equity is back at zero or above.
#[inline(always)]
pub fn refresh_underwater(
    acct: &mut MarginAccount,
    key: &Address,
    h: &Health,
    env: &mut Env,
) -> PerpResult<u64> {
    if acct.underwater_native == 0 {
        return Ok(0);
    }
    if h.equity_native >= 0 || !acct.has_positions() {
        clear_underwater(acct, key, env)?;
    } else {
        let mark = UnderwaterMark {
            marked_native: h.equity_native.unsigned_abs(),
            equity_native: h.equity_native,
            maint_req_native: h.maint_req_native,
            keeper: Address::default(),
        };
        set_underwater(acct, key, &mark, env)?;
    }
    Ok(0)
}

/// Sets the insurance an account's ADL counts on to `target`, reserved from `market`'s cap and the
/// fund (exchange and market totals kept exact). One account holds one reservation, in the market
/// whose ADL made it: a reservation held for another market is left as it is (and the account's
/// deficit is attributed to that market, see `crystallize_deficit`).
pub fn set_reservation(
    acct: &mut MarginAccount,
    market: &mut Market,
    ex: &mut Exchange,
    target: u64,
) -> PerpResult {
    if acct.insurance_reserved_native > 0 && acct.insurance_reserved_market != market.market_index {
        return Ok(());
    }
    let held = acct.insurance_reserved_native;
    if target >= held {
        let more = target.safe_sub(held)?;
        market.insurance_reserved_native = market.insurance_reserved_native.safe_add(more)?;
        ex.insurance_reserved_native = ex.insurance_reserved_native.safe_add(more)?;
    } else {
        let less = held.safe_sub(target)?;
        market.insurance_reserved_native = market.insurance_reserved_native.saturating_sub(less);
        ex.insurance_reserved_native = ex.insurance_reserved_native.safe_sub(less)?;
    }
    acct.insurance_reserved_native = target;
    acct.insurance_reserved_market = if target == 0 { NO_MARKET } else { market.market_index };
    Ok(())
}

/// A book or backstop close of an account with negative equity crystallizes that loss: insurance
/// must cover it (reserved here, for the account), otherwise ADL — at the bankruptcy price, against
/// the positions that gained it — closes the position instead (`LossBeyondInsurance`). So no
/// winner realizes a gain an under-water counterparty cannot pay.
pub fn reserve_for_close(
    acct: &mut MarginAccount,
    market: &mut Market,
    ex: &mut Exchange,
    h: &Health,
) -> PerpResult {
    if h.equity_native >= 0 {
        return Ok(());
    }
    let hole = h.equity_native.unsigned_abs();
    let have = if acct.insurance_reserved_market == market.market_index {
        acct.insurance_reserved_native
    } else {
        0
    };
    let target = hole.min(have.safe_add(market.insurance_available(ex))?);
    require!(target == hole, PerpError::LossBeyondInsurance);
    set_reservation(acct, market, ex, target)
}

/// Releases the reservation of an account that left the waterfall (back to `HEALTHY`) in `market`.
#[inline(always)]
pub fn release_if_recovered(acct: &mut MarginAccount, market: &mut Market, ex: &mut Exchange) -> PerpResult {
    if acct.status == status::HEALTHY && acct.insurance_reserved_native > 0 {
        set_reservation(acct, market, ex, 0)?;
    }
    Ok(())
}
