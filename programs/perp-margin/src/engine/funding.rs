//! Funding accrual into a market's cumulative index (settled lazily into accounts by `risk`).

use crate::engine::env::Env;
use crate::error::PerpResult;
use crate::events::FundingUpdated;
use crate::math::funding::{funding_index_delta, premium_bps};
use crate::math::wide::add;
use crate::state::market::Market;
use crate::state::order_book::OrderBook;
use pinocchio::Address;

/// Accrues funding for the slots since the last accrual (capped at
/// `MAX_FUNDING_CATCHUP_PERIODS` periods), from the premium of the book mid over the oracle. With a
/// one-sided or empty book the mid is the oracle (no premium).
pub fn accrue_funding(
    market: &mut Market,
    market_key: &Address,
    book: &OrderBook,
    oracle_price: u64,
    env: &mut Env,
) -> PerpResult {
    let elapsed = env.slot.saturating_sub(market.last_funding_slot);
    if elapsed == 0 {
        return Ok(());
    }
    let period = market.params.funding_period_slots;
    let cap = period.saturating_mul(Market::MAX_FUNDING_CATCHUP_PERIODS);
    let counted = if elapsed < cap { elapsed } else { cap };
    let mid = book.mid_price().unwrap_or(oracle_price);
    let premium = premium_bps(mid, oracle_price, market.params.max_funding_rate_bps as u64)?;
    let delta = funding_index_delta(oracle_price, premium, counted, period)?;
    market.cumulative_funding = add(market.cumulative_funding, delta)?;
    market.last_funding_slot = env.slot;
    market.last_premium_bps = premium;
    if delta != 0 {
        let s = env.stamp();
        env.emit(&FundingUpdated {
            seq: s.seq,
            slot: s.slot,
            unix_time: s.unix_time,
            market: *market_key,
            oracle_price,
            mid_price: mid,
            premium_bps: premium,
            elapsed_slots: counted,
            index_delta: delta,
            cumulative_funding: market.cumulative_funding,
        })?;
    }
    Ok(())
}
