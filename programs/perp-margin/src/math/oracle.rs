//! Converting an external oracle's price into this program's unit, quote native per base lot.
//!
//! Pyth publishes `price × 10^expo` quote units per one whole base unit. One lot is
//! `base_lot_size / 10^base_decimals` base units and one quote unit is `10^quote_decimals` native, so
//! `price per lot = price × base_lot_size × 10^(expo + quote_decimals − base_decimals)`.
//! The price rounds down and the confidence up: the conservative reading of an interval.

use super::safe::{SafeCast, SafeMath};
use super::wide::{mul, mul_div_ceil, mul_div_floor};
use super::MAX_PRICE;
use crate::error::{PerpError, PerpResult};

/// 10^n for n ≤ 19.
#[inline(always)]
fn pow10(n: u32) -> PerpResult<u64> {
    require!(n <= 19, PerpError::InvalidOracle);
    // n ≤ 19, so 10^n < 2^64. A loop of limb multiplies: `checked_pow` would need `__multi3`.
    let mut v = 1u64;
    for _ in 0..n {
        v = v.safe_mul(10)?;
    }
    Ok(v)
}

/// A price (and its confidence) in quote native per lot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LotPrice {
    pub price: u64,
    pub confidence: u64,
}

/// `price × base_lot_size × 10^(expo + quote_decimals − base_decimals)`, floor; confidence ceil.
/// Errors with `InvalidOracle` for a non-positive price, an exponent out of range, or a result
/// above `MAX_PRICE`. A positive price below one native per lot is read as **1 ± max(conf, 1)**:
/// its true value lies in [0, 1), inside that interval, and no guard stricter than 100 %
/// confidence accepts it — so trading stops there, while liquidation values a position in it at
/// its worst case instead of failing (a 1-lot position in a collapsed market shields nothing).
#[inline(always)]
pub fn external_to_lot_price(
    price: i64,
    confidence: u64,
    expo: i32,
    base_lot_size: u64,
    base_decimals: u8,
    quote_decimals: u8,
) -> PerpResult<LotPrice> {
    require!(price > 0 && base_lot_size != 0, PerpError::InvalidOracle);
    let k = i64::from(expo).safe_add(i64::from(quote_decimals))?.safe_sub(i64::from(base_decimals))?;
    let p = price.unsigned_abs();
    let (lp, lc) = if k >= 0 {
        let f = pow10(k.unsigned_abs().to_u32().map_err(|_| PerpError::InvalidOracle)?)?;
        let scale = mul(base_lot_size, f).map_err(|_| PerpError::InvalidOracle)?;
        (
            mul(p, scale).map_err(|_| PerpError::InvalidOracle)?,
            mul(confidence, scale).map_err(|_| PerpError::InvalidOracle)?,
        )
    } else {
        let d = pow10(k.unsigned_abs().to_u32().map_err(|_| PerpError::InvalidOracle)?)?;
        (
            mul_div_floor(p, base_lot_size, d).map_err(|_| PerpError::InvalidOracle)?,
            mul_div_ceil(confidence, base_lot_size, d).map_err(|_| PerpError::InvalidOracle)?,
        )
    };
    require!(lp <= MAX_PRICE, PerpError::InvalidOracle);
    if lp == 0 {
        return Ok(LotPrice { price: 1, confidence: lc.max(1) });
    }
    Ok(LotPrice { price: lp, confidence: lc })
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
    fn sol_usd_into_quote_native_per_lot() {
        // SOL/USD 150.12345678 (expo −8); lot = 0.01 SOL (10^7 of 9 decimals); quote USDC (6 decimals)
        let r = external_to_lot_price(15_012_345_678, 1_234_567, -8, 10_000_000, 9, 6).unwrap();
        assert_eq!(r.price, 1_501_234); // 1.501234 USDC per 0.01 SOL, rounded down
        assert_eq!(r.confidence, 124); // 0.01234567 × 0.01 × 1e6 = 123.4567 → 124, rounded up
    }

    #[test]
    fn positive_scale_and_bad_input() {
        // BTC at 60 000 with expo 0, lot = 1 BTC of 0 decimals, 6-decimal quote: 60 000 × 10^6
        assert_eq!(
            external_to_lot_price(60_000, 1, 0, 1, 0, 6).unwrap(),
            LotPrice { price: 60_000_000_000, confidence: 1_000_000 }
        );
        assert_eq!(external_to_lot_price(0, 0, -8, 1, 9, 6), Err(PerpError::InvalidOracle));
        assert_eq!(external_to_lot_price(-5, 0, -8, 1, 9, 6), Err(PerpError::InvalidOracle));
        assert_eq!(external_to_lot_price(1, 0, -30, 1, 9, 6), Err(PerpError::InvalidOracle));
        assert_eq!(external_to_lot_price(i64::MAX, 0, 10, 1, 0, 6), Err(PerpError::InvalidOracle));
        // Below one native per lot: 1 ± 1 (the true price is in [0, 1)).
        assert_eq!(
            external_to_lot_price(1, 0, -8, 1, 9, 6),
            Ok(LotPrice { price: 1, confidence: 1 }),
            "rounds to zero"
        );
    }
}
