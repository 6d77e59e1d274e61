//! Account health: equity, maintenance and initial requirements, liquidation price.
//!
//! Equity = cash + Σ position value − Σ unsettled charges (funding and social loss owed since the
//! position's index snapshots). A position's value is `base_lots × oracle_price`: a long's cash is
//! what it paid (negative), so the value term is the whole position marked at the oracle, and
//! unrealized PnL is zero-sum at one price because Σ base_lots over all accounts of a market is 0.
//!
//! Maintenance requirement = Σ ⌈|base| × price × mmf⌉. An account is liquidatable when
//! equity < maintenance requirement.
//!
//! Initial requirement, per market: the worst of three scenarios — no resting order fills, every
//! resting bid fills, every resting ask fills — each costing ⌈|position after| × price × imf⌉ plus
//! what those fills would lose against the oracle **at the orders' own prices**
//! (`max(0, Σ bid price × lots − bids × oracle)` for bids, `max(0, asks × oracle − Σ ask price ×
//! lots)` for asks). A bid posted above the oracle therefore reserves the loss it would book the
//! moment it fills, not only the margin of its notional: an account that meets initial margin
//! still meets it after any of its orders fills at the oracle of that moment. (Partial fills lie
//! between the scenarios: the requirement is convex in the filled amount, so the ends bound it.)
//! All requirements round up.
//!
//! Oracle trouble. A market whose oracle is stale or too wide can still be *valued pessimistically*
//! (Mango v4's "skip non-negative contributions of bad oracles"): [`conservative_value`] counts a
//! position at no more than its cost basis and its losses at the last price moved by the
//! confidence against it. Liquidation and the maker check use that valuation, so a tiny position
//! in a market whose feed died cannot shield a large one elsewhere; withdrawals and new risk keep
//! requiring every held oracle to be good.

use super::safe::SafeMath;
use super::wide::{add, mul, mul_div_ceil, mul_signed, sub, to_i64};
use super::BPS;
use crate::error::PerpResult;

/// One position's inputs to health.
#[derive(Clone, Copy, Debug, Default)]
pub struct PositionRisk {
    /// Position size, long > 0.
    pub base_lots: i64,
    /// Base lots of resting bids of this account in the market.
    pub bids_lots: u64,
    /// Base lots of resting asks of this account in the market.
    pub asks_lots: u64,
    /// Σ price × lots of those bids, native.
    pub bids_quote_native: u64,
    /// Σ price × lots of those asks, native.
    pub asks_quote_native: u64,
    /// Charges owed and not yet settled (funding + social loss; negative = owed to the account).
    pub unsettled_native: i64,
    /// Cost basis of the open lots, native (≥ 0): separates unrealized gains from collateral.
    pub entry_notional_native: u64,
    /// Value of the position counted in equity, native (`base × price` at a good oracle; see
    /// [`conservative_value`] otherwise).
    pub value_native: i64,
    /// Price the requirements are computed at, quote native per lot.
    pub price: u64,
    /// Initial margin fraction, bps.
    pub imf_bps: u64,
    /// Maintenance margin fraction, bps.
    pub mmf_bps: u64,
}

impl PositionRisk {
    /// A position valued at a good oracle price: `value = base × price`.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    pub fn at_price(
        base_lots: i64,
        bids: (u64, u64),
        asks: (u64, u64),
        unsettled_native: i64,
        price: u64,
        imf_bps: u64,
        mmf_bps: u64,
    ) -> PerpResult<Self> {
        Ok(PositionRisk {
            base_lots,
            entry_notional_native: 0,
            bids_lots: bids.0,
            bids_quote_native: bids.1,
            asks_lots: asks.0,
            asks_quote_native: asks.1,
            unsettled_native,
            value_native: mul_signed(base_lots, price)?,
            price,
            imf_bps,
            mmf_bps,
        })
    }
}

/// Health totals of one account.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Health {
    /// cash + Σ position value − Σ unsettled charges, native.
    pub equity_native: i64,
    /// Σ ⌈|base| × price × mmf / 10 000⌉, native.
    pub maint_req_native: u64,
    /// Σ worst-scenario initial requirement (see the module docs), native.
    pub init_req_native: u64,
    /// Σ |base| × price, native (for leverage and the ADL score).
    pub notional_native: u64,
    /// Σ positive unrealized PnL against the cost basis, native: counted in equity (margin), but
    /// not withdrawable until realized by a fill.
    pub unrealized_gain_native: u64,
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
        self.equity_native = sub(add(self.equity_native, p.value_native)?, p.unsettled_native)?;
        let notional = mul(p.base_lots.unsigned_abs(), p.price)?;
        self.notional_native = self.notional_native.safe_add(notional)?;
        self.maint_req_native = self.maint_req_native.safe_add(maint_requirement(notional, p.mmf_bps)?)?;
        self.init_req_native = self.init_req_native.safe_add(initial_requirement(p)?)?;
        // Unrealized PnL = value − basis for a long, value + basis for a short (value < 0).
        let basis = to_i64(p.entry_notional_native)?;
        let upnl = if p.base_lots >= 0 { sub(p.value_native, basis)? } else { add(p.value_native, basis)? };
        if upnl > 0 {
            self.unrealized_gain_native = self.unrealized_gain_native.safe_add(upnl.unsigned_abs())?;
        }
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

    /// What may be withdrawn: equity − unrealized gains − initial requirement (may be negative).
    /// Gains are margin, not cash, until a fill realizes them — so a winner cannot walk away with
    /// profit an under-water counterparty has not paid (Drift and Mango settle PnL first, too).
    #[inline(always)]
    pub fn withdrawable(&self) -> PerpResult<i64> {
        sub(sub(self.equity_native, to_i64(self.unrealized_gain_native)?)?, to_i64(self.init_req_native)?)
    }

    /// equity ≥ maintenance × (1 + buffer): the hysteresis target that ends a liquidation.
    #[inline(always)]
    pub fn above_liquidation_target(&self, buffer_bps: u64) -> PerpResult<bool> {
        let target = liquidation_target(self.maint_req_native, buffer_bps)?;
        Ok(self.equity_native >= 0 && self.equity_native.unsigned_abs() >= target)
    }
}

/// ⌈notional × mmf / 10 000⌉.
#[inline(always)]
pub fn maint_requirement(notional_native: u64, mmf_bps: u64) -> PerpResult<u64> {
    mul_div_ceil(notional_native, mmf_bps, BPS)
}

/// Initial requirement of one market: the worst of "nothing fills", "every bid fills" and "every
/// ask fills", each ⌈|position after| × price × imf⌉ plus the fills' loss against `price` at the
/// orders' own prices.
#[inline(always)]
pub fn initial_requirement(p: &PositionRisk) -> PerpResult<u64> {
    let im = |lots: u64| -> PerpResult<u64> { mul_div_ceil(mul(lots, p.price)?, p.imf_bps, BPS) };
    let none = im(p.base_lots.unsigned_abs())?;
    if p.bids_lots == 0 && p.asks_lots == 0 && p.bids_quote_native == 0 && p.asks_quote_native == 0 {
        return Ok(none); // no orders: the three cases are the same number
    }
    let bid_loss = p.bids_quote_native.saturating_sub(mul(p.bids_lots, p.price)?);
    let bids = im(add(p.base_lots, to_i64(p.bids_lots)?)?.unsigned_abs())?.safe_add(bid_loss)?;
    let ask_loss = mul(p.asks_lots, p.price)?.saturating_sub(p.asks_quote_native);
    let asks = im(sub(p.base_lots, to_i64(p.asks_lots)?)?.unsigned_abs())?.safe_add(ask_loss)?;
    Ok(none.max(bids).max(asks))
}

/// Pessimistic value of a position whose oracle is stale or too wide, from its last `price` and
/// `confidence`: the price moved by the confidence against the position (`price − conf` for a long,
/// `price + conf` for a short), and no unrealized gain over the cost basis counted (a long is worth
/// at most its basis, a short at least −basis). Returns `(value, requirement price)`; requirements
/// are taken at `price + conf` (the larger notional).
#[inline(always)]
pub fn conservative_value(
    base_lots: i64,
    entry_notional_native: u64,
    price: u64,
    confidence: u64,
) -> PerpResult<(i64, u64)> {
    let up = price.safe_add(confidence)?;
    if base_lots >= 0 {
        let down = price.saturating_sub(confidence);
        let marked = mul(base_lots.unsigned_abs(), down)?;
        Ok((to_i64(marked.min(entry_notional_native))?, up))
    } else {
        let marked = mul(base_lots.unsigned_abs(), up)?;
        // −max(marked, basis): a short's liability at the worse of the two.
        Ok((super::wide::neg_to_i64(marked.max(entry_notional_native))?, up))
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
        PositionRisk::at_price(base, (0, 0), (0, 0), 0, price, 1000, 500).unwrap()
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
        h.add(&PositionRisk {
            bids_lots: 10,
            bids_quote_native: 1_000,
            asks_lots: 4,
            asks_quote_native: 400,
            ..pos(-2, 100)
        })
        .unwrap();
        assert_eq!(h.maint_req_native, 10); // |−2| × 100 × 5%
        assert_eq!(h.init_req_native, 80); // max(|−2+10|, |−2−4|) = 8 lots → 800 × 10%
    }

    #[test]
    fn orders_reserve_their_own_loss_against_the_oracle() {
        // A bid for 10 lots at 120 while the oracle is 100: filled now it books a 200 loss.
        let bid = PositionRisk { bids_lots: 10, bids_quote_native: 1_200, ..pos(0, 100) };
        assert_eq!(initial_requirement(&bid).unwrap(), 100 + 200);
        // An ask for 10 lots at 80 closing a 10-lot long: no position after, a 200 loss.
        let ask = PositionRisk { asks_lots: 10, asks_quote_native: 800, ..pos(10, 100) };
        assert_eq!(initial_requirement(&ask).unwrap(), 200); // the worse of 100 (nothing fills) and 0 + 200
                                                             // Orders on the good side of the oracle reserve only margin.
        let good = PositionRisk { bids_lots: 10, bids_quote_native: 900, ..pos(0, 100) };
        assert_eq!(initial_requirement(&good).unwrap(), 100);
        // With 300 of equity the bid at 120 meets initial margin, and after it fills the account
        // still holds 100 = initial margin of 10 lots at 100.
        let mut h = Health::from_cash(300);
        h.add(&bid).unwrap();
        assert!(h.meets_initial());
        let mut after = Health::from_cash(300 - 1_200);
        after.add(&pos(10, 100)).unwrap();
        assert_eq!(after.equity_native, 100);
        assert!(after.meets_initial());
    }

    #[test]
    fn bad_oracle_positions_count_no_gain_and_their_loss_widened() {
        // Long 10 lots bought for 1 000; stale price 120 ± 5: worth at most its basis.
        assert_eq!(conservative_value(10, 1_000, 120, 5).unwrap(), (1_000, 125));
        // Stale price 80 ± 5: the loss at 75.
        assert_eq!(conservative_value(10, 1_000, 80, 5).unwrap(), (750, 85));
        // Short 10 lots sold for 1 000; stale 80 ± 5: no gain (−1 000); stale 120 ± 5: −1 250.
        assert_eq!(conservative_value(-10, 1_000, 80, 5).unwrap(), (-1_000, 85));
        assert_eq!(conservative_value(-10, 1_000, 120, 5).unwrap(), (-1_250, 125));
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
