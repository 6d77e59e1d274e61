//! Funding and the social-loss indices, settled lazily.
//!
//! Funding: longs pay shorts `oracle × premium` per lot per funding period. The premium is the
//! **impact premium** (dYdX v4, Hyperliquid): the average price to sell (impact bid) or buy
//! (impact ask) `funding_impact_notional_native` on the book, against the oracle —
//! `(max(0, impact bid − oracle) − max(0, oracle − impact ask)) / oracle`, a side too thin to fill
//! the notional counting 0 — **time-weighted** (Drift) over the period from samples taken when the
//! market is first touched in a slot, then clamped to ±`max_funding_rate_bps`. So a dust order
//! moves nothing, and a real quote moves the rate only for as long as it stands. The premium
//! accumulates into one cumulative 128-bit index per market (`1/INDEX_SCALE` native per lot). A
//! position owes `base × (index_now − index_at_snapshot)`; it is settled into cash whenever the
//! account is touched. The account always pays ⌈owed⌉ (it receives ⌊|owed|⌋ when owed is negative).
//!
//! Social loss: a deficit nobody else can absorb is spread over the open interest of the side that
//! profited, by raising that side's index by ⌈deficit / open-interest lots⌉; each position on that
//! side later pays ⌈|base| × Δindex⌉. Both indices are O(1) to update and lazily applied.

use super::safe::SafeMath;
use super::safe::SafeNeg;
use super::wide::{div_wide_full, mul, mul_div_ceil, mul_div_floor, mul_wide, neg_to_i64, to_i64, U128};
use super::{BPS, INDEX_SCALE};
use crate::error::{PerpError, PerpResult};

/// (mid − oracle) / oracle in bps, clamped to ±cap. Truncated towards zero.
#[inline(always)]
pub fn premium_bps(mid_price: u64, oracle_price: u64, cap_bps: u64) -> PerpResult<i64> {
    require!(oracle_price != 0, PerpError::DivisionByZero);
    let (diff, negative) = (mid_price.abs_diff(oracle_price), mid_price < oracle_price);
    let mut p = mul_div_floor(diff, BPS, oracle_price)?;
    if p > cap_bps {
        p = cap_bps;
    }
    let p = to_i64(p)?;
    if negative {
        p.safe_neg()
    } else {
        Ok(p)
    }
}

/// Average price of taking `notional_native` from `levels` (best first, `(price, lots)`): whole
/// levels, then the lots of the last one that complete the notional (rounded up). `None` when the
/// side holds less than the notional.
#[inline(always)]
pub fn impact_price(
    levels: impl Iterator<Item = (u64, u64)>,
    notional_native: u64,
) -> PerpResult<Option<u64>> {
    if notional_native == 0 {
        return Ok(None);
    }
    let (mut quote, mut lots) = (0u64, 0u64);
    for (price, size) in levels {
        if price == 0 {
            continue;
        }
        let left = notional_native.saturating_sub(quote);
        let level = mul(price, size)?;
        if level >= left {
            let take = mul_div_ceil(left, 1, price)?; // lots completing the notional
            quote = quote.safe_add(mul(take, price)?)?;
            lots = lots.safe_add(take)?;
            return Ok(Some(mul_div_floor(quote, 1, lots)?));
        }
        quote = quote.safe_add(level)?;
        lots = lots.safe_add(size)?;
    }
    Ok(None)
}

/// Impact premium, bps: `(max(0, bid − oracle) − max(0, oracle − ask)) / oracle`, truncated towards
/// zero and clamped to ±cap. A missing side (too thin for the impact notional) contributes 0.
#[inline(always)]
pub fn impact_premium_bps(
    impact_bid: Option<u64>,
    impact_ask: Option<u64>,
    oracle_price: u64,
    cap_bps: u64,
) -> PerpResult<i64> {
    require!(oracle_price != 0, PerpError::DivisionByZero);
    let rich = impact_bid.map(|b| b.saturating_sub(oracle_price)).unwrap_or(0);
    let cheap = impact_ask.map(|a| oracle_price.saturating_sub(a)).unwrap_or(0);
    let (diff, negative) = (rich.abs_diff(cheap), cheap > rich);
    let p = to_i64(mul_div_floor(diff, BPS, oracle_price)?.min(cap_bps))?;
    if negative {
        p.safe_neg()
    } else {
        Ok(p)
    }
}

/// Time-weighted premium from an accumulator: ⌊Σ premium × slots / slots⌋ towards zero, clamped.
#[inline(always)]
pub fn twap_premium_bps(
    accumulator_bps_slots: i64,
    slots: u64,
    fallback_bps: i64,
    cap_bps: u64,
) -> PerpResult<i64> {
    let avg = if slots == 0 {
        fallback_bps
    } else {
        let m = mul_div_floor(accumulator_bps_slots.unsigned_abs(), 1, slots)?;
        if accumulator_bps_slots < 0 {
            neg_to_i64(m)?
        } else {
            to_i64(m)?
        }
    };
    let cap = to_i64(cap_bps)?;
    Ok(avg.clamp(cap.safe_neg()?, cap))
}

/// Increase of the cumulative funding index over `elapsed_slots`:
/// oracle × premium_bps × elapsed × INDEX_SCALE / (BPS × period), truncated towards zero.
/// `elapsed_slots` is capped by the caller (see `Market::MAX_FUNDING_CATCHUP_PERIODS`).
#[inline(always)]
pub fn funding_index_delta(
    oracle_price: u64,
    premium_bps: i64,
    elapsed_slots: u64,
    period_slots: u64,
) -> PerpResult<i64> {
    require!(period_slots != 0, PerpError::DivisionByZero);
    let per_period = mul(oracle_price, premium_bps.unsigned_abs())?; // native·bps per lot
    let den = mul(BPS, period_slots)?;
    let d = mul_div_floor(per_period, mul(elapsed_slots, INDEX_SCALE)?, den)?;
    if premium_bps < 0 {
        neg_to_i64(d)
    } else {
        to_i64(d)
    }
}

/// `|base| × |Δ| / SCALE` for a 128-bit index difference, rounded up (`ceil`) or down.
#[inline(always)]
fn scaled_charge(base_lots: u64, delta: u128, ceil: bool) -> PerpResult<u64> {
    // Δ = q × SCALE + r: |base| × Δ / SCALE = |base| × q + |base| × r / SCALE.
    let (q, r) = div_wide_full(U128 { hi: hi64(delta), lo: lo64(delta) }, INDEX_SCALE)?;
    require!(q.hi == 0, PerpError::MathOverflow);
    let whole = mul(base_lots, q.lo)?;
    let part = if ceil {
        mul_div_ceil(base_lots, r, INDEX_SCALE)?
    } else {
        mul_div_floor(base_lots, r, INDEX_SCALE)?
    };
    whole.safe_add(part)
}

/// Funding owed by a position since its snapshot, native: ⌈base × (index − snapshot) / SCALE⌉.
/// Positive: the account pays. Negative: it receives (rounded down in magnitude). The indices are
/// 128-bit, so they never overflow; what one position owes is bounded by its own history.
#[inline(always)]
pub fn funding_owed(base_lots: i64, index_now: i128, index_snapshot: i128) -> PerpResult<i64> {
    let delta = index_now.checked_sub(index_snapshot).ok_or(PerpError::MathOverflow)?;
    if delta == 0 || base_lots == 0 {
        return Ok(0);
    }
    // The account pays when base and Δ have the same sign (⌈⌉); it receives ⌊⌋ otherwise.
    let pays = (base_lots > 0) == (delta > 0);
    let owed = scaled_charge(base_lots.unsigned_abs(), delta.unsigned_abs(), pays)?;
    if pays {
        to_i64(owed)
    } else {
        neg_to_i64(owed)
    }
}

/// Social loss owed by a position on the side whose index moved: ⌈|base| × Δ / SCALE⌉ ≥ 0.
#[inline(always)]
pub fn social_loss_owed(base_lots: i64, index_now: i128, index_snapshot: i128) -> PerpResult<u64> {
    let delta = index_now.checked_sub(index_snapshot).ok_or(PerpError::MathOverflow)?;
    if delta <= 0 || base_lots == 0 {
        return Ok(0);
    }
    scaled_charge(base_lots.unsigned_abs(), delta.unsigned_abs(), true)
}

/// Index increase that spreads `deficit_native` over `open_interest_lots`:
/// ⌈deficit × SCALE / OI⌉, so the side collectively pays at least the deficit (128-bit: even a
/// whole deficit on one lot fits).
#[inline(always)]
pub fn social_loss_index_delta(deficit_native: u64, open_interest_lots: u64) -> PerpResult<i128> {
    require!(open_interest_lots != 0, PerpError::DivisionByZero);
    let (q, r) = div_wide_full(mul_wide(deficit_native, INDEX_SCALE), open_interest_lots)?;
    let q = (i128::from(q.hi) << 64) | i128::from(q.lo);
    if r == 0 {
        Ok(q)
    } else {
        q.checked_add(1).ok_or(PerpError::MathOverflow)
    }
}

#[inline(always)]
#[allow(clippy::cast_possible_truncation)] // the high word of a u128
fn hi64(v: u128) -> u64 {
    (v >> 64) as u64
}

#[inline(always)]
#[allow(clippy::cast_possible_truncation)] // the low word of a u128
fn lo64(v: u128) -> u64 {
    v as u64
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)] // host tests: native arithmetic is the reference
mod tests {
    use super::*;

    #[test]
    fn premium_is_clamped_and_signed() {
        assert_eq!(premium_bps(1_010, 1_000, 50).unwrap(), 50);
        assert_eq!(premium_bps(1_003, 1_000, 50).unwrap(), 30);
        assert_eq!(premium_bps(990, 1_000, 50).unwrap(), -50);
        assert_eq!(premium_bps(999, 1_000, 50).unwrap(), -10);
    }

    #[test]
    fn funding_rounds_against_both_sides() {
        // index moved by 1.5 native per lot
        assert_eq!(funding_owed(1, 1_500_000, 0).unwrap(), 2); // long pays ⌈1.5⌉
        assert_eq!(funding_owed(-1, 1_500_000, 0).unwrap(), -1); // short receives ⌊1.5⌋
        assert_eq!(funding_owed(1, -1_500_000, 0).unwrap(), -1);
        assert_eq!(funding_owed(-1, -1_500_000, 0).unwrap(), 2);
    }

    #[test]
    fn social_loss_covers_the_deficit() {
        let d = social_loss_index_delta(1_000, 3).unwrap(); // 333.33… → ⌈⌉ per lot (scaled)
        let paid: u64 = [1i64, 1, 1].iter().map(|&b| social_loss_owed(b, d, 0).unwrap()).sum();
        assert!((1_000..=1_003).contains(&paid));
    }
}
