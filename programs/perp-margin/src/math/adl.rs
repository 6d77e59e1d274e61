//! Auto-deleveraging: the ranking score and the bankruptcy price.
//!
//! **Ranking — PnL% × effective leverage** (BitMEX's rule, also Binance's "LeveragePnL"):
//! `score = (uPnL / entry notional) × (position notional / account equity)`. It picks first the
//! counterparties who gained most relative to what they put at risk *and* run the most leverage —
//! those for whom the deleverage is smallest relative to their gain, and whose positions are the
//! biggest threat to the venue. We chose it over Backpack's "margin fraction and delta" because it
//! is fully determined by on-chain state the program already reads (position, cost basis, oracle,
//! equity), needs no off-chain delta, can be recomputed by anyone from an account snapshot, and is
//! the rule most traders already know from CEX rank indicators. Hyperliquid's variant uses the
//! mark/entry ratio instead of PnL% — ordering is almost the same for small moves, but PnL% is the
//! published CEX standard. Ties break on the margin account address (ascending) so the order is
//! total. Only positions with uPnL > 0 on an account with equity > 0 are eligible.
//!
//! **Bankruptcy price**: the price at which closing the bankrupt position leaves the account's
//! equity at exactly −(insurance still available to the market). The insurance fund then pays that
//! amount in `resolve_bankruptcy`, and the counterparties absorb only what the fund cannot. With an
//! empty fund this is the textbook bankruptcy price (equity exactly zero). The price never favours
//! the counterparty over the oracle: if the fund could cover the whole loss, they close at oracle.

use super::safe::SafeMath;
use super::wide::{add, mul, mul_div_ceil, mul_div_floor, to_i64};
use super::SCORE_SCALE;
use crate::error::PerpResult;

/// ADL score, `SCORE_SCALE` = 1.0. `u64::MAX` saturates (e.g. a zero cost basis). An eligible
/// position (uPnL > 0, equity > 0) scores at least 1, so 0 always means "not eligible".
#[inline(always)]
pub fn adl_score(
    upnl_native: i64,
    entry_notional_native: u64,
    notional_native: u64,
    equity_native: i64,
) -> u64 {
    if upnl_native <= 0 || equity_native <= 0 {
        return 0;
    }
    if entry_notional_native == 0 {
        return u64::MAX;
    }
    let pnl_frac = match mul_div_floor(upnl_native.unsigned_abs(), SCORE_SCALE, entry_notional_native) {
        Ok(v) => v,
        Err(_) => return u64::MAX,
    };
    let s = mul_div_floor(pnl_frac, notional_native, equity_native.unsigned_abs()).unwrap_or(u64::MAX);
    if s == 0 {
        1
    } else {
        s
    }
}

/// Bankruptcy price for closing `base_lots` (the bankrupt side) when the rest of the account is worth
/// `others_equity` (cash + other positions at oracle − unsettled) and `insurance_available` native
/// can still be drawn for this market; clamped to be no better than the oracle for counterparties.
///
/// Long bankrupt (base > 0): counterparties are shorts buying at `P = ⌈(−others − I) / base⌉`,
/// at least the oracle. Short bankrupt: longs sell at `P = ⌊(others + I) / |base|⌋`, at most the
/// oracle, and at least 1.
#[inline(always)]
pub fn bankruptcy_price(
    others_equity: i64,
    insurance_available: u64,
    base_lots: i64,
    oracle_price: u64,
) -> PerpResult<u64> {
    let lots = base_lots.unsigned_abs();
    if lots == 0 {
        return Ok(oracle_price);
    }
    let cover = add(others_equity, to_i64(insurance_available)?)?; // what the account can still pay
    if base_lots > 0 {
        if cover >= 0 {
            return Ok(oracle_price); // any price ≥ 0 already covers it
        }
        let p = mul_div_ceil(cover.unsigned_abs(), 1, lots)?;
        Ok(if p > oracle_price { p } else { oracle_price })
    } else {
        if cover <= 0 {
            return Ok(1);
        }
        let p = mul_div_floor(cover.unsigned_abs(), 1, lots)?;
        let p = if p < oracle_price { p } else { oracle_price };
        Ok(if p == 0 { 1 } else { p })
    }
}

/// What a position lost against its cost basis at the oracle, native (0 if it gained): the most
/// that ADL in its market charges that market's counterparties for closing it. The winners of a
/// market gained what its losers lost there; a loss made in another market of a cross-margin
/// account is not theirs to pay (that market's ADL, insurance or the explicit deficit pays it).
/// Equivalently, counterparties never close at a price worse than the bankrupt position's own
/// average entry.
#[inline(always)]
pub fn position_loss(base_lots: i64, entry_notional_native: u64, oracle_price: u64) -> PerpResult<u64> {
    let value = mul(base_lots.unsigned_abs(), oracle_price)?;
    Ok(if base_lots > 0 {
        entry_notional_native.saturating_sub(value)
    } else {
        value.saturating_sub(entry_notional_native)
    })
}

/// The price an ADL step closes a bankrupt position of `base_lots` at when its counterparties pay
/// `haircut_native` in all: a long bankrupt sells at `oracle + ⌈haircut / lots⌉`, a short buys at
/// `oracle − ⌈haircut / lots⌉` (at least 1). Without the per-market bound of [`position_loss`]
/// this is [`bankruptcy_price`]; the fills themselves carry the exact haircut, not this rounded price.
#[inline(always)]
pub fn adl_close_price(haircut_native: u64, base_lots: i64, oracle_price: u64) -> PerpResult<u64> {
    let lots = base_lots.unsigned_abs();
    if lots == 0 {
        return Ok(oracle_price);
    }
    let per_lot = mul_div_ceil(haircut_native, 1, lots)?;
    Ok(if base_lots > 0 {
        oracle_price.saturating_add(per_lot)
    } else {
        oracle_price.saturating_sub(per_lot).max(1)
    })
}

/// Rank indicator shown to users before ADL: quantile 1 (lowest fifth) … 5 (first in line) of
/// `score` among `sorted_scores_desc` (all eligible scores on that side, highest first). 0 when the
/// position is not eligible.
#[inline(always)]
pub fn rank_quantile(score: u64, sorted_scores_desc: &[u64]) -> u8 {
    if score == 0 || sorted_scores_desc.is_empty() {
        return 0;
    }
    let ahead = sorted_scores_desc.iter().filter(|&&s| s > score).count();
    let n = sorted_scores_desc.len();
    // Fraction of positions ranked at or below this one, in fifths, rounded up: the smallest k
    // with k × n ≥ 5 × at_or_below.
    let five_at_or_below = n.saturating_sub(ahead).safe_mul(5).unwrap_or(usize::MAX);
    (1..=5u8).find(|&k| usize::from(k).safe_mul(n).map_or(true, |kn| kn >= five_at_or_below)).unwrap_or(5)
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
    fn score_is_pnl_pct_times_leverage() {
        // +50% PnL, notional 3 000 on 1 000 equity → 0.5 × 3 = 1.5
        assert_eq!(adl_score(1_000, 2_000, 3_000, 1_000), 1_500_000);
        assert_eq!(adl_score(-1, 2_000, 3_000, 1_000), 0);
        assert_eq!(adl_score(1, 2_000, 3_000, 0), 0);
    }

    #[test]
    fn bankruptcy_price_zeroes_the_account_after_insurance() {
        // Long 10 lots, cash −1 200 (bought at 120), oracle 100: equity −200.
        assert_eq!(bankruptcy_price(-1_200, 0, 10, 100).unwrap(), 120);
        assert_eq!(bankruptcy_price(-1_200, 150, 10, 100).unwrap(), 105);
        assert_eq!(bankruptcy_price(-1_200, 500, 10, 100).unwrap(), 100); // fund can cover: oracle
                                                                          // Short 10 lots, cash 800 (sold at 80), oracle 100.
        assert_eq!(bankruptcy_price(800, 0, -10, 100).unwrap(), 80);
        assert_eq!(bankruptcy_price(800, 100, -10, 100).unwrap(), 90);
    }

    #[test]
    fn counterparties_pay_at_most_what_the_position_lost_in_its_market() {
        assert_eq!(position_loss(10, 1_200, 100).unwrap(), 200, "long bought at 120, oracle 100");
        assert_eq!(position_loss(10, 900, 100).unwrap(), 0, "long in profit");
        assert_eq!(position_loss(-10, 800, 100).unwrap(), 200, "short sold at 80");
        assert_eq!(position_loss(-10, 1_100, 100).unwrap(), 0);
        // The close price for the whole shortfall is the textbook bankruptcy price.
        assert_eq!(adl_close_price(200, 10, 100).unwrap(), bankruptcy_price(-1_200, 0, 10, 100).unwrap());
        assert_eq!(adl_close_price(50, 10, 100).unwrap(), bankruptcy_price(-1_200, 150, 10, 100).unwrap());
        assert_eq!(adl_close_price(200, -10, 100).unwrap(), bankruptcy_price(800, 0, -10, 100).unwrap());
        assert_eq!(adl_close_price(0, -10, 100).unwrap(), 100);
        assert_eq!(adl_close_price(5_000, -10, 100).unwrap(), 1);
    }

    #[test]
    fn quantiles() {
        let s = [900, 700, 500, 300, 100];
        assert_eq!(rank_quantile(900, &s), 5);
        assert_eq!(rank_quantile(100, &s), 1);
        assert_eq!(rank_quantile(500, &s), 3);
        assert_eq!(rank_quantile(0, &s), 0);
    }
}
