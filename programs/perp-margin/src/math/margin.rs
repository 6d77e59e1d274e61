//! Account health: equity, maintenance and initial requirements, liquidation price.
//!
//! Equity = cash + Σ base_lots × oracle_price − Σ unsettled charges (funding and social loss owed
//! since the position's index snapshots). A long's cash is what it paid (negative), so the value
//! term is the whole position marked at the oracle; unrealized PnL is zero-sum at one price because
//! Σ base_lots over all accounts of a market is zero.
//!
//! Maintenance requirement = Σ ⌈|base| × price × mmf⌉; initial = Σ ⌈worst × price × imf⌉ where
//! `worst = max(|base + open bids|, |base − open asks|)` — the largest position the resting orders
//! could leave (OpenBook/Mango style), so a fill of a resting order never needs a new check.
//! Both round up. An account is liquidatable when equity < maintenance requirement.

use super::safe::SafeMath;
use super::wide::{add, mul, mul_div_ceil, mul_signed, sub, to_i64};
use super::BPS;
use crate::error::{PerpError, PerpResult};

/// One position's inputs to health.
#[derive(Clone, Copy, Debug, Default)]
pub struct PositionRisk {
    /// Position size, long > 0.
    pub base_lots: i64,
    /// Base lots of resting bids of this account in the market.
    pub bids_lots: u64,
    /// Base lots of resting asks of this account in the market.
    pub asks_lots: u64,
    /// Charges owed and not yet settled (funding + social loss; negative = owed to the account).
    pub unsettled_native: i64,
    /// Oracle price, quote native per lot.
    pub price: u64,
    /// Initial margin fraction, bps.
    pub imf_bps: u64,
    /// Maintenance margin fraction, bps.
    pub mmf_bps: u64,
}

/// Health totals of one account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Health {
    /// cash + Σ position value − Σ unsettled charges, native.
    pub equity_native: i64,
    /// Σ ⌈|base| × price × mmf / 10 000⌉, native.
    pub maint_req_native: u64,
    /// Σ ⌈worst-case base × price × imf / 10 000⌉, native.
    pub init_req_native: u64,
    /// Σ |base| × price, native (for leverage and the ADL score).
    pub notional_native: u64,
}

impl Health {
    /// Health of an account with `cash_native` and no positions yet.
    #[inline(always)]
    pub fn from_cash(cash_native: i64) -> Self {
        Health { equity_native: cash_native, ..Default::default() }
    }

    /// Adds one position.
    #[inline(always)]
    pub fn add(&mut self, p: &PositionRisk) -> PerpResult {
        let value = mul_signed(p.base_lots, p.price)?;
        self.equity_native = sub(add(self.equity_native, value)?, p.unsettled_native)?;
        let notional = mul(p.base_lots.unsigned_abs(), p.price)?;
        self.notional_native = self.notional_native.checked_add(notional).ok_or(PerpError::MathOverflow)?;
        let maint = mul_div_ceil(notional, p.mmf_bps, BPS)?;
        self.maint_req_native = self.maint_req_native.checked_add(maint).ok_or(PerpError::MathOverflow)?;
        let worst_lots = worst_case_lots(p.base_lots, p.bids_lots, p.asks_lots)?;
        let init = mul_div_ceil(mul(worst_lots, p.price)?, p.imf_bps, BPS)?;
        self.init_req_native = self.init_req_native.checked_add(init).ok_or(PerpError::MathOverflow)?;
        Ok(())
    }

    /// equity < maintenance requirement.
    #[inline(always)]
    pub fn is_liquidatable(&self) -> bool {
        self.equity_native < 0 || self.equity_native.unsigned_abs() < self.maint_req_native
    }

    /// equity ≥ initial requirement.
    #[inline(always)]
    pub fn meets_initial(&self) -> bool {
        self.equity_native >= 0 && self.equity_native.unsigned_abs() >= self.init_req_native
    }

    /// equity − initial requirement (may be negative): free collateral.
    #[inline(always)]
    pub fn free_collateral(&self) -> PerpResult<i64> {
        sub(self.equity_native, to_i64(self.init_req_native)?)
    }

    /// equity ≥ maintenance × (1 + buffer): the hysteresis target that ends a liquidation.
    #[inline(always)]
    pub fn above_liquidation_target(&self, buffer_bps: u64) -> PerpResult<bool> {
        let target = liquidation_target(self.maint_req_native, buffer_bps)?;
        Ok(self.equity_native >= 0 && self.equity_native.unsigned_abs() >= target)
    }
}

/// max(|base + bids|, |base − asks|) in lots.
#[inline(always)]
pub fn worst_case_lots(base_lots: i64, bids_lots: u64, asks_lots: u64) -> PerpResult<u64> {
    let long = add(base_lots, to_i64(bids_lots)?)?.unsigned_abs();
    let short = sub(base_lots, to_i64(asks_lots)?)?.unsigned_abs();
    Ok(if long > short { long } else { short })
}

/// ⌈maint × (10 000 + buffer) / 10 000⌉: equity a liquidation must restore before it stops.
#[inline(always)]
pub fn liquidation_target(maint_req_native: u64, buffer_bps: u64) -> PerpResult<u64> {
    mul_div_ceil(maint_req_native, BPS.safe_add(buffer_bps)?, BPS)
}

/// The last oracle price at which one position keeps the account out of liquidation, holding
/// everything else at its current value: a long is liquidated one tick below it, a short one tick
/// above. `others_equity` = cash + other positions' value − unsettled; `others_maint` = the other
/// positions' maintenance requirement. Returns 0 when there is no such boundary: a long that no
/// positive price liquidates, or a short whose other positions are already below maintenance
/// (liquidatable at every price) — callers tell the two apart from current health.
///
/// Solves `others_equity + base × P = others_maint + |base| × P × mmf`. Longs round up and shorts
/// round down, so the displayed price is reached no later than the real one.
#[inline(always)]
pub fn liquidation_price(
    others_equity: i64,
    others_maint: u64,
    base_lots: i64,
    mmf_bps: u64,
) -> PerpResult<u64> {
    if base_lots == 0 {
        return Ok(0);
    }
    let gap = sub(to_i64(others_maint)?, others_equity)?; // > 0: the others alone are short of maintenance
    let lots = base_lots.unsigned_abs();
    if base_lots > 0 {
        // P × base × (1 − mmf) = gap  →  P = gap × BPS / (base × (BPS − mmf)), needs gap > 0.
        if gap <= 0 || mmf_bps >= BPS {
            return Ok(0);
        }
        let den = mul(lots, BPS.safe_sub(mmf_bps)?)?;
        mul_div_ceil(gap.unsigned_abs(), BPS, den)
    } else {
        // P × |base| × (1 + mmf) = −gap  →  P = (−gap) × BPS / (|base| × (BPS + mmf)).
        if gap >= 0 {
            return Ok(0);
        }
        let den = mul(lots, BPS.safe_add(mmf_bps)?)?;
        super::wide::mul_div_floor(gap.unsigned_abs(), BPS, den)
    }
}

/// Margin ratio in bps: maintenance requirement / equity (≥ 10 000 means liquidatable).
/// `u64::MAX` when equity ≤ 0 and a requirement exists.
#[inline(always)]
pub fn margin_ratio_bps(h: &Health) -> PerpResult<u64> {
    if h.maint_req_native == 0 {
        return Ok(0);
    }
    if h.equity_native <= 0 {
        return Ok(u64::MAX);
    }
    mul_div_ceil(h.maint_req_native, BPS, h.equity_native.unsigned_abs())
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

    fn pos(base: i64, price: u64) -> PositionRisk {
        PositionRisk { base_lots: base, price, imf_bps: 1000, mmf_bps: 500, ..Default::default() }
    }

    #[test]
    fn requirements_round_up() {
        let mut h = Health::from_cash(-9_000);
        h.add(&pos(3, 3_333)).unwrap(); // notional 9 999, maint 499.95 → 500, init 999.9 → 1 000
        assert_eq!(h.equity_native, 999);
        assert_eq!(h.maint_req_native, 500);
        assert_eq!(h.init_req_native, 1_000);
        assert!(!h.is_liquidatable());
        assert!(!h.meets_initial());
    }

    #[test]
    fn open_orders_count_in_initial_only() {
        let mut h = Health::from_cash(1_000);
        h.add(&PositionRisk { bids_lots: 10, asks_lots: 4, ..pos(-2, 100) }).unwrap();
        assert_eq!(h.maint_req_native, 10); // |−2| × 100 × 5%
        assert_eq!(h.init_req_native, 80); // max(|−2+10|, |−2−4|) = 8 lots → 800 × 10%
    }

    #[test]
    fn liquidation_price_is_where_equity_meets_maintenance() {
        // Long 10 lots bought at 100 with 200 cash: cash = −800.
        let p = liquidation_price(-800, 0, 10, 500).unwrap(); // 800 / (10 × 0.95) = 84.21 → 85
        assert_eq!(p, 85);
        let mut at = Health::from_cash(-800);
        at.add(&pos(10, p)).unwrap();
        assert!(!at.is_liquidatable());
        let mut below = Health::from_cash(-800);
        below.add(&pos(10, p - 1)).unwrap();
        assert!(below.is_liquidatable());
        // Short 10 lots sold at 100 with 200 cash: cash = 1 200 → 1 200 / (10 × 1.05) = 114.28 → 114.
        let s = liquidation_price(1_200, 0, -10, 500).unwrap();
        assert_eq!(s, 114);
        let mut h = Health::from_cash(1_200);
        h.add(&pos(-10, s)).unwrap();
        assert!(!h.is_liquidatable());
        let mut h = Health::from_cash(1_200);
        h.add(&pos(-10, s + 1)).unwrap();
        assert!(h.is_liquidatable());
    }
}
