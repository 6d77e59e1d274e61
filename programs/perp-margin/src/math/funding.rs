//! Funding and the social-loss indices, settled lazily.
//!
//! Funding: every slot, longs pay shorts `oracle × premium` per lot per funding period, where
//! premium = (book mid − oracle) / oracle clamped to ±`max_funding_rate_bps`. It accumulates into
//! one cumulative index per market (`1/INDEX_SCALE` native per lot). A position owes
//! `base × (index_now − index_at_snapshot)`; it is settled into cash whenever the account is
//! touched. The account always pays ⌈owed⌉ (it receives ⌊|owed|⌋ when owed is negative).
//!
//! Social loss: a deficit nobody else can absorb is spread over the open interest of the side that
//! profited, by raising that side's index by ⌈deficit / open-interest lots⌉; each position on that
//! side later pays ⌈|base| × Δindex⌉. Both indices are O(1) to update and lazily applied.

use super::safe::SafeNeg;
use super::wide::{mul, mul_div_ceil, mul_div_floor, mul_div_signed, neg_to_i64, sub, to_i64, Round};
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

/// Funding owed by a position since its snapshot, native: ⌈base × (index − snapshot) / SCALE⌉.
/// Positive: the account pays. Negative: it receives (rounded down in magnitude).
#[inline(always)]
pub fn funding_owed(base_lots: i64, index_now: i64, index_snapshot: i64) -> PerpResult<i64> {
    let delta = sub(index_now, index_snapshot)?;
    if delta == 0 || base_lots == 0 {
        return Ok(0);
    }
    // sign(base × delta) carried on the first factor, magnitude of delta on the second.
    let signed_base =
        if delta < 0 { base_lots.checked_neg().ok_or(PerpError::MathOverflow)? } else { base_lots };
    mul_div_signed(signed_base, delta.unsigned_abs(), INDEX_SCALE, Round::Ceil)
}

/// Social loss owed by a position on the side whose index moved: ⌈|base| × Δ / SCALE⌉ ≥ 0.
#[inline(always)]
pub fn social_loss_owed(base_lots: i64, index_now: i64, index_snapshot: i64) -> PerpResult<u64> {
    let delta = sub(index_now, index_snapshot)?;
    if delta <= 0 || base_lots == 0 {
        return Ok(0);
    }
    mul_div_ceil(base_lots.unsigned_abs(), delta.unsigned_abs(), INDEX_SCALE)
}

/// Index increase that spreads `deficit_native` over `open_interest_lots`:
/// ⌈deficit × SCALE / OI⌉, so the side collectively pays at least the deficit.
#[inline(always)]
pub fn social_loss_index_delta(deficit_native: u64, open_interest_lots: u64) -> PerpResult<i64> {
    require!(open_interest_lots != 0, PerpError::DivisionByZero);
    to_i64(mul_div_ceil(deficit_native, INDEX_SCALE, open_interest_lots)?)
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
