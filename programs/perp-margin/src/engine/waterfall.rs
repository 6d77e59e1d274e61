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

/// Sets the insurance an account's ADL counts on to `target`, reserved from `market_index`'s cap
/// and the fund; the caller bounds `target` by what that market can still count. A reservation held
/// for another market is moved (one account, one reservation). Exchange totals stay exact.
pub fn set_reservation(
    acct: &mut MarginAccount,
    market_index: u16,
    ex: &mut Exchange,
    target: u64,
) -> PerpResult {
    release_reservation(acct, ex)?;
    if target == 0 {
        return Ok(());
    }
    let slot = ex
        .market_insurance_reserved_native
        .get_mut(usize::from(market_index))
        .ok_or(PerpError::InvalidConfig)?;
    *slot = slot.safe_add(target)?;
    ex.insurance_reserved_native = ex.insurance_reserved_native.safe_add(target)?;
    acct.insurance_reserved_native = target;
    acct.insurance_reserved_market = market_index;
    Ok(())
}

/// Releases an account's reservation (paid, no longer needed, or moving).
pub fn release_reservation(acct: &mut MarginAccount, ex: &mut Exchange) -> PerpResult {
    let held = acct.insurance_reserved_native;
    if held == 0 {
        return Ok(());
    }
    if let Some(slot) =
        ex.market_insurance_reserved_native.get_mut(usize::from(acct.insurance_reserved_market))
    {
        *slot = slot.safe_sub(held)?;
    }
    ex.insurance_reserved_native = ex.insurance_reserved_native.safe_sub(held)?;
    acct.insurance_reserved_native = 0;
    acct.insurance_reserved_market = NO_MARKET;
    Ok(())
}

/// What `market` can still count for this account: its own reservation there plus the rest.
#[inline(always)]
pub fn countable_insurance(acct: &MarginAccount, market: &Market, ex: &Exchange) -> PerpResult<u64> {
    let own = if acct.insurance_reserved_market == market.market_index {
        acct.insurance_reserved_native
    } else {
        0
    };
    own.safe_add(market.insurance_available(ex))
}

/// A book or backstop close of an account with negative equity crystallizes that loss: insurance
/// must cover it (reserved here, for the account), otherwise ADL — at the bankruptcy price, against
/// the positions that gained it — closes the position instead (`LossBeyondInsurance`). So no
/// winner realizes a gain an under-water counterparty cannot pay. With equity ≥ 0 any reservation
/// the account still holds is released.
pub fn reserve_for_close(
    acct: &mut MarginAccount,
    market: &Market,
    ex: &mut Exchange,
    h: &Health,
) -> PerpResult {
    if h.equity_native >= 0 {
        return release_reservation(acct, ex);
    }
    let hole = h.equity_native.unsigned_abs();
    require!(hole <= countable_insurance(acct, market, ex)?, PerpError::LossBeyondInsurance);
    set_reservation(acct, market.market_index, ex, hole)
}

/// Releases the reservation of an account that is healthy again (recovered, repaid, flat with
/// cash ≥ 0): every instruction that touches an account calls it, so no reservation outlives its need.
#[inline(always)]
pub fn release_if_recovered(acct: &mut MarginAccount, ex: &mut Exchange) -> PerpResult {
    if acct.status == status::HEALTHY && acct.deficit_native == 0 && acct.insurance_reserved_native > 0 {
        release_reservation(acct, ex)?;
    }
    Ok(())
}
