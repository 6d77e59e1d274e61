//! Trading and liquidation fees. All fees round up (against the account, into the fee pool).

use super::{wide::mul_div_ceil, wide::mul_div_floor, BPS};
use crate::error::PerpResult;

/// Fee on a notional: ⌈notional × fee_bps / 10 000⌉ native.
#[inline(always)]
pub fn fee_on_notional(notional_native: u64, fee_bps: u64) -> PerpResult<u64> {
    mul_div_ceil(notional_native, fee_bps, BPS)
}

/// Splits a liquidation fee between the keeper and the insurance fund.
/// The keeper gets ⌊fee × keeper_share_bps / 10 000⌋, the insurance fund the rest (the remainder
/// of the rounding goes to the fund).
#[inline(always)]
pub fn split_liquidation_fee(fee_native: u64, keeper_share_bps: u64) -> PerpResult<(u64, u64)> {
    let keeper = mul_div_floor(fee_native, keeper_share_bps, BPS)?;
    Ok((keeper, crate::math::wide::sub_u(fee_native, keeper)?))
}
