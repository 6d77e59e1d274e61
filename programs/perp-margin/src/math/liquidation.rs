//! Liquidation sizing and prices for the first two waterfall stages.
//!
//! Stage 1 (book): the liquidated position is closed as a taker against resting orders, but only at
//! prices inside `liquidation_band_bps` of the oracle, in chunks: at most
//! `max(|base| × chunk_bps, min_chunk_lots)` per instruction, and no more than what brings equity
//! back to maintenance × (1 + buffer) — the hysteresis target that stops accounts from flapping.
//!
//! Stage 2 (backstop): once the band holds no liquidity, a registered backstop takes the remainder at
//! the oracle moved against the liquidated account by `backstop_discount_bps`.

use super::safe::{positive_part, SafeMath};
use super::wide::{add_u, mul, mul_div_ceil, mul_div_floor, to_i64};
use super::BPS;
use crate::error::PerpResult;

/// Worst price a liquidation may trade at: selling a long no lower than ⌈oracle × (1 − band)⌉,
/// buying back a short no higher than ⌊oracle × (1 + band)⌋.
#[inline(always)]
pub fn band_limit_price(oracle_price: u64, band_bps: u64, closing_long: bool) -> PerpResult<u64> {
    if closing_long {
        mul_div_ceil(oracle_price, BPS.saturating_sub(band_bps), BPS)
    } else {
        mul_div_floor(oracle_price, BPS.safe_add(band_bps)?, BPS)
    }
}

/// Price at which the backstop takes over: oracle × (1 ∓ discount), rounded against the liquidated
/// account (a long is bought lower: ⌊⌋; a short is sold to higher: ⌈⌉).
#[inline(always)]
pub fn backstop_price(oracle_price: u64, discount_bps: u64, closing_long: bool) -> PerpResult<u64> {
    if closing_long {
        mul_div_floor(oracle_price, BPS.saturating_sub(discount_bps), BPS)
    } else {
        mul_div_ceil(oracle_price, BPS.safe_add(discount_bps)?, BPS)
    }
}

/// Inputs for sizing one liquidation step in one market.
#[derive(Clone, Copy, Debug, Default)]
pub struct ChunkInputs {
    /// |position| in the market, lots.
    pub position_lots: u64,
    /// Oracle price, native per lot.
    pub price: u64,
    /// Account equity now, native.
    pub equity_native: i64,
    /// Account maintenance requirement now, native.
    pub maint_req_native: u64,
    /// Market maintenance fraction, bps.
    pub mmf_bps: u64,
    /// Hysteresis buffer above maintenance, bps.
    pub buffer_bps: u64,
    /// Worst cost of closing one lot as a fraction of notional (fee + band slippage), bps.
    pub cost_bps: u64,
    /// Largest share of the position one step may close, bps.
    pub chunk_bps: u64,
    /// Smallest step, lots (small positions close in one go).
    pub min_chunk_lots: u64,
}

/// Lots to close in this step.
///
/// Closing `q` lots lowers the requirement by `q × p × mmf` and costs at most `q × p × cost`, so the
/// target `equity ≥ maint × (1 + buffer)` is met after
/// `q ≥ (maint × (1 + buffer) − equity) / (p × (mmf × (1 + buffer) − cost))`, rounded up.
/// If each lot closed costs more than it frees, or the target needs more than the position, the
/// step closes the chunk limit.
#[inline(always)]
pub fn lots_to_close(i: &ChunkInputs) -> PerpResult<u64> {
    if i.position_lots == 0 {
        return Ok(0);
    }
    let chunk_cap = {
        let c = mul_div_ceil(i.position_lots, i.chunk_bps, BPS)?;
        let c = if c < i.min_chunk_lots { i.min_chunk_lots } else { c };
        if c > i.position_lots {
            i.position_lots
        } else {
            c
        }
    };
    let target = super::margin::liquidation_target(i.maint_req_native, i.buffer_bps)?;
    let shortfall = to_i64(target)?.saturating_sub(i.equity_native);
    if shortfall <= 0 {
        return Ok(0);
    }
    // freed per lot, in native·bps: p × (mmf × (BPS + buffer) / BPS − cost)
    let mmf_eff = mul_div_floor(i.mmf_bps, BPS.safe_add(i.buffer_bps)?, BPS)?;
    if mmf_eff <= i.cost_bps {
        return Ok(chunk_cap);
    }
    let per_lot = mul(i.price, mmf_eff.safe_sub(i.cost_bps)?)?;
    let need = mul_div_ceil(shortfall.unsigned_abs(), BPS, per_lot)?;
    // shortfall > 0, so need ≥ 1.
    Ok(if need < chunk_cap { need } else { chunk_cap })
}

/// Liquidation fee on a closed notional, capped so it never pushes equity below zero:
/// min(⌈notional × fee_bps⌉, max(equity_after_close, 0)).
#[inline(always)]
pub fn capped_liquidation_fee(
    notional_native: u64,
    fee_bps: u64,
    equity_after_native: i64,
) -> PerpResult<u64> {
    let fee = mul_div_ceil(notional_native, fee_bps, BPS)?;
    let room = positive_part(equity_after_native);
    Ok(if fee < room { fee } else { room })
}

/// cost_bps for [`ChunkInputs`]: liquidation fee + band slippage.
#[inline(always)]
pub fn close_cost_bps(fee_bps: u64, band_bps: u64) -> PerpResult<u64> {
    add_u(fee_bps, band_bps)
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
    use crate::math::margin::{Health, PositionRisk};

    #[test]
    fn prices_round_against_the_liquidated_account() {
        assert_eq!(band_limit_price(1_001, 500, true).unwrap(), 951); // 950.95 → 951 (sell no lower)
        assert_eq!(band_limit_price(1_001, 500, false).unwrap(), 1_051); // 1 051.05 → 1 051
        assert_eq!(backstop_price(1_001, 250, true).unwrap(), 975); // 975.975 → 975
        assert_eq!(backstop_price(1_001, 250, false).unwrap(), 1_027); // 1 026.025 → 1 027
    }

    #[test]
    fn chunk_restores_the_target_when_closed_at_worst_cost() {
        // Long 100 lots at price 1 000: maint 5% = 5 000; equity 4 000.
        let inputs = ChunkInputs {
            position_lots: 100,
            price: 1_000,
            equity_native: 4_000,
            maint_req_native: 5_000,
            mmf_bps: 500,
            buffer_bps: 1_000,
            cost_bps: 150,
            chunk_bps: 10_000,
            min_chunk_lots: 1,
        };
        let q = lots_to_close(&inputs).unwrap();
        assert!(q > 0 && q < 100);
        // After closing q lots at the worst cost, the remaining position meets the target.
        let cost = (q * 1_000 * 150).div_ceil(10_000) as i64;
        let mut h = Health::from_cash(4_000 - 100 * 1_000 - cost + (q as i64) * 1_000);
        h.add(&PositionRisk::at_price(100 - q as i64, (0, 0), (0, 0), 0, 1_000, 1_000, 500).unwrap())
            .unwrap();
        assert!(h.above_liquidation_target(1_000).unwrap());
        // One lot fewer would not.
        let q1 = q - 1;
        let cost = (q1 * 1_000 * 150).div_ceil(10_000) as i64;
        let mut h = Health::from_cash(4_000 - 100 * 1_000 - cost + (q1 as i64) * 1_000);
        h.add(&PositionRisk::at_price(100 - q1 as i64, (0, 0), (0, 0), 0, 1_000, 1_000, 500).unwrap())
            .unwrap();
        assert!(!h.above_liquidation_target(1_000).unwrap());
    }

    #[test]
    fn fee_never_creates_a_deficit() {
        assert_eq!(capped_liquidation_fee(10_000, 100, 50).unwrap(), 50);
        assert_eq!(capped_liquidation_fee(10_000, 100, -5).unwrap(), 0);
        assert_eq!(capped_liquidation_fee(10_000, 100, 500).unwrap(), 100);
    }
}
