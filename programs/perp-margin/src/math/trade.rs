//! What one fill does to one side: cash, position, entry notional, realized PnL, open interest.
//!
//! Cash model (as dYdX v4): a fill of `q` lots at price `p` moves exactly `p × q` native from the
//! buyer's cash to the seller's — zero-sum and exact, no rounding. A position is only a base amount;
//! its value is `base × oracle`. So realized PnL *is* the cash movement, and vault conservation does
//! not depend on entry prices at all.
//!
//! `entry_notional_native` (the cost basis of the open lots, always ≥ 0) is bookkeeping for
//! display, PnL% in the ADL ranking, and `realized_pnl_native`. When a position is reduced, the
//! closed lots take ⌊entry × closed / |base|⌋ of the basis with them.

use super::safe::{signed, SafeMath};
use super::wide::{add, mul, mul_div_floor, mul_signed, sub, to_i64};
use super::MAX_LOTS;
use crate::error::{PerpError, PerpResult};

/// A position's size and cost basis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PositionBook {
    /// Long > 0, lots.
    pub base_lots: i64,
    /// Cost basis of the open lots, native, ≥ 0.
    pub entry_notional_native: u64,
}

/// The result of applying a fill to one side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FillEffect {
    /// The position after the fill.
    pub position: PositionBook,
    /// Change of cash: −p × q for a buy, +p × q for a sell, native.
    pub cash_delta_native: i64,
    /// PnL realized on the closed part against the cost basis (bookkeeping only), native.
    pub realized_pnl_native: i64,
    /// Change of this side's long open interest: max(new, 0) − max(old, 0), lots.
    pub long_oi_delta_lots: i64,
}

/// Applies a fill of `lots` (buy > 0, sell < 0) at `price` to a position.
#[inline(always)]
pub fn apply_fill(before: PositionBook, lots: i64, price: u64) -> PerpResult<FillEffect> {
    if lots == 0 {
        return Ok(FillEffect { position: before, ..Default::default() });
    }
    let quote = mul(lots.unsigned_abs(), price)?; // p × |q|
    let cash_delta_native = signed(quote, lots < 0)?; // a buy pays, a sell receives
    let old = before.base_lots;
    let new = add(old, lots)?;
    require!(new.unsigned_abs() <= MAX_LOTS, PerpError::AmountTooLarge);

    let mut entry = before.entry_notional_native;
    let mut realized = 0i64;
    let same_direction = old == 0 || (old > 0) == (lots > 0);
    if same_direction {
        entry = entry.checked_add(quote).ok_or(PerpError::MathOverflow)?;
    } else {
        let closed =
            if lots.unsigned_abs() < old.unsigned_abs() { lots.unsigned_abs() } else { old.unsigned_abs() };
        let basis_closed = mul_div_floor(entry, closed, old.unsigned_abs())?;
        let exit_value = to_i64(mul(closed, price)?)?;
        let basis = to_i64(basis_closed)?;
        // Long closed by selling: exit − basis. Short closed by buying: basis − exit.
        realized = if old > 0 { sub(exit_value, basis)? } else { sub(basis, exit_value)? };
        entry = entry.safe_sub(basis_closed)?;
        if new != 0 && (new > 0) != (old > 0) {
            // Flipped: the remainder opens a fresh position at this price.
            entry = mul(new.unsigned_abs(), price)?;
        }
        // Closing fully removed the whole basis: ⌊entry × |old| / |old|⌋ = entry.
    }
    let long_oi_delta_lots = sub(if new > 0 { new } else { 0 }, if old > 0 { old } else { 0 })?;
    Ok(FillEffect {
        position: PositionBook { base_lots: new, entry_notional_native: entry },
        cash_delta_native,
        realized_pnl_native: realized,
        long_oi_delta_lots,
    })
}

/// Unrealized PnL of a position at `price` against its cost basis, native (bookkeeping view).
#[inline(always)]
pub fn unrealized_pnl(p: PositionBook, price: u64) -> PerpResult<i64> {
    let value = mul_signed(p.base_lots, price)?; // signed mark value
    let basis = to_i64(p.entry_notional_native)?;
    if p.base_lots >= 0 {
        sub(value, basis)
    } else {
        add(value, basis) // short: basis − |value|
    }
}

/// Lots that an order may take on the reducing side without flipping: for a reduce-only order,
/// min(requested, |base|) if the order reduces the position, else 0.
#[inline(always)]
pub fn reduce_only_cap(base_lots: i64, buy: bool, requested_lots: u64) -> u64 {
    let reduces = (buy && base_lots < 0) || (!buy && base_lots > 0);
    if !reduces {
        return 0;
    }
    let open = base_lots.unsigned_abs();
    if requested_lots < open {
        requested_lots
    } else {
        open
    }
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
    use proptest::prelude::*;

    #[test]
    fn open_reduce_flip() {
        let a = apply_fill(PositionBook::default(), 10, 100).unwrap();
        assert_eq!(a.cash_delta_native, -1_000);
        assert_eq!(a.position, PositionBook { base_lots: 10, entry_notional_native: 1_000 });
        assert_eq!(a.long_oi_delta_lots, 10);
        let b = apply_fill(a.position, -4, 120).unwrap();
        assert_eq!(b.cash_delta_native, 480);
        assert_eq!(b.realized_pnl_native, 80);
        assert_eq!(b.position.entry_notional_native, 600);
        let c = apply_fill(b.position, -10, 90).unwrap(); // close 6, open short 4
        assert_eq!(c.realized_pnl_native, 6 * 90 - 600);
        assert_eq!(c.position, PositionBook { base_lots: -4, entry_notional_native: 360 });
        assert_eq!(c.long_oi_delta_lots, -6);
    }

    proptest! {
        /// A fill between two accounts moves cash zero-sum and keeps Σ base = 0 and long OI = short OI.
        #[test]
        fn fills_are_zero_sum(fills in proptest::collection::vec((0usize..4, 0usize..4, 1i64..1_000, 1u64..100_000), 1..200)) {
            let mut pos = [PositionBook::default(); 4];
            let mut cash = [0i64; 4];
            let mut long_oi = 0i64;
            for (buyer, seller, lots, price) in fills {
                if buyer == seller { continue; }
                let b = apply_fill(pos[buyer], lots, price).unwrap();
                let s = apply_fill(pos[seller], -lots, price).unwrap();
                prop_assert_eq!(b.cash_delta_native + s.cash_delta_native, 0);
                cash[buyer] += b.cash_delta_native;
                cash[seller] += s.cash_delta_native;
                pos[buyer] = b.position;
                pos[seller] = s.position;
                long_oi += b.long_oi_delta_lots + s.long_oi_delta_lots;
            }
            prop_assert_eq!(cash.iter().sum::<i64>(), 0);
            prop_assert_eq!(pos.iter().map(|p| p.base_lots).sum::<i64>(), 0);
            prop_assert_eq!(long_oi, pos.iter().map(|p| p.base_lots.max(0)).sum::<i64>());
            // Marked at any single price, equity is zero-sum too.
            let px = 777i64;
            prop_assert_eq!(cash.iter().sum::<i64>() + pos.iter().map(|p| p.base_lots * px).sum::<i64>(), 0);
        }
    }
}
