//! Funding: premium samples and accrual into the market's 128-bit index (settled lazily into
//! accounts by `risk`). See `math::funding` for the formula and why.

use crate::engine::env::Env;
use crate::error::PerpResult;
use crate::events::FundingUpdated;
use crate::math::funding::{funding_index_delta, impact_premium_bps, impact_price, twap_premium_bps};
use crate::math::safe::SafeMath;
use crate::state::market::Market;
use crate::state::order_book::{order_flags, OrderBook, Side};
use crate::state::Index128;
use pinocchio::Address;

/// The impact bid and ask of the book for the market's impact notional. Reduce-only orders are
/// left out: they fill only up to their owner's position at fill time (possibly nothing), so they
/// are not liquidity anyone can count on.
#[inline(never)]
pub fn impact_prices(market: &Market, book: &OrderBook) -> PerpResult<(Option<u64>, Option<u64>)> {
    let n = market.params.funding_impact_notional_native;
    let levels = |side| {
        book.orders(side)
            .iter()
            .rev()
            .filter(|o| o.flags & order_flags::REDUCE_ONLY == 0)
            .map(|o| (o.price, o.base_lots))
    };
    Ok((impact_price(levels(Side::Bid), n)?, impact_price(levels(Side::Ask), n)?))
}

/// Samples the impact premium once per slot, at the first instruction touching the market in the
/// slot and before it changes the book. Every order in the book now was placed by an instruction
/// that sampled (place_order) and has stood since, so the sample is weighted **backwards** by the
/// slots since the last sample (at most the catch-up window): a quote counts only for slots it
/// really stood, never for the quiet slots after its owner pulled it, and an order cancelled
/// before any sample saw it counts for nothing.
#[inline(always)]
pub fn sample_premium(market: &mut Market, book: &OrderBook, oracle_price: u64, slot: u64) -> PerpResult {
    if slot <= market.last_sample_slot {
        return Ok(());
    }
    let window = market.params.funding_period_slots.saturating_mul(Market::MAX_FUNDING_CATCHUP_PERIODS);
    let stood = slot.saturating_sub(market.last_sample_slot).min(window);
    let (bid, ask) = impact_prices(market, book)?;
    let premium = impact_premium_bps(bid, ask, oracle_price, u64::from(market.params.max_funding_rate_bps))?;
    let weight = premium.safe_mul(i64::try_from(stood).unwrap_or(i64::MAX))?;
    market.premium_accumulator_bps_slots = market.premium_accumulator_bps_slots.saturating_add(weight);
    market.premium_sampled_slots = market.premium_sampled_slots.saturating_add(stood);
    market.last_sample_premium_bps = premium;
    market.last_sample_slot = slot;
    Ok(())
}

/// Accrues funding for the slots since the last accrual (capped at
/// `MAX_FUNDING_CATCHUP_PERIODS` periods) at the time-weighted impact premium of the samples since.
pub fn accrue_funding(
    market: &mut Market,
    market_key: &Address,
    book: &OrderBook,
    oracle_price: u64,
    env: &mut Env,
) -> PerpResult {
    sample_premium(market, book, oracle_price, env.slot)?;
    let elapsed = env.slot.saturating_sub(market.last_funding_slot);
    if elapsed == 0 {
        return Ok(());
    }
    let period = market.params.funding_period_slots;
    let cap = period.saturating_mul(Market::MAX_FUNDING_CATCHUP_PERIODS);
    let counted = elapsed.min(cap);
    let premium = twap_premium_bps(
        market.premium_accumulator_bps_slots,
        market.premium_sampled_slots,
        market.last_sample_premium_bps,
        u64::from(market.params.max_funding_rate_bps),
    )?;
    let delta = funding_index_delta(oracle_price, premium, counted, period)?;
    let index = market
        .cumulative_funding
        .get()
        .checked_add(i128::from(delta))
        .ok_or(crate::error::PerpError::MathOverflow)?;
    market.cumulative_funding = Index128::from_i128(index);
    market.last_funding_slot = env.slot;
    market.last_premium_bps = premium;
    let sampled_slots = market.premium_sampled_slots;
    market.premium_accumulator_bps_slots = 0;
    market.premium_sampled_slots = 0;
    if delta != 0 {
        let (impact_bid, impact_ask) = impact_prices(market, book)?;
        let s = env.stamp();
        env.emit(&FundingUpdated {
            seq: s.seq,
            slot: s.slot,
            unix_time: s.unix_time,
            market: *market_key,
            oracle_price,
            impact_bid_price: impact_bid.unwrap_or(0),
            impact_ask_price: impact_ask.unwrap_or(0),
            premium_bps: premium,
            sampled_slots,
            elapsed_slots: counted,
            index_delta: delta,
            cumulative_funding: market.cumulative_funding,
        })?;
    }
    Ok(())
}
