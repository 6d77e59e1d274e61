//! Property test: at the most extreme parameters `validate_params` accepts, every funding and
//! social-loss index and accumulator survives more than ten years of a market's life.
//!
//! Extremes: oracle at `MAX_PRICE`, `max_funding_rate_bps = 1000` (10 % per period), the shortest
//! period `MIN_FUNDING_PERIOD_SLOTS = 10`, the premium pinned at the cap in one direction (the
//! index only grows), accrued after every catch-up window or after every slot, 400 ms slots.
//! The index is a 128-bit `Index128`; what a position owes is a 64-bit amount, so the test also
//! settles one lot that was never touched in those ten years.
#![allow(clippy::arithmetic_side_effects)] // host test: native arithmetic is the reference (and panics on overflow)

use perp_margin::instructions::create_market::MIN_FUNDING_PERIOD_SLOTS;
use perp_margin::math::funding::{
    funding_index_delta, funding_owed, social_loss_index_delta, social_loss_owed, twap_premium_bps,
};
use perp_margin::math::MAX_PRICE;
use perp_margin::state::market::Market;
use perp_margin::state::Index128;

const TEN_YEARS_SLOTS: u64 = 10 * 36_525 * 864_000 / 4 / 100; // 10 × 365.25 days of 0.4 s slots
const MAX_RATE_BPS: u64 = 1_000;

/// Accrues `total_slots` in steps of `step` slots at the capped premium of `sign`; returns the index.
fn drive(sign: i64, step: u64, total_slots: u64) -> i128 {
    let period = MIN_FUNDING_PERIOD_SLOTS;
    let premium = sign * i64::try_from(MAX_RATE_BPS).unwrap();
    let mut index = Index128::default();
    let mut slots = 0u64;
    while slots < total_slots {
        let elapsed = step.min(total_slots - slots);
        // The premium charged is the TWAP of samples, each weighted by ≤ the catch-up window and
        // reset every accrual: the accumulator never leaves ±cap × window.
        let acc = premium * i64::try_from(elapsed).unwrap();
        let twap = twap_premium_bps(acc, elapsed, 0, MAX_RATE_BPS).expect("twap");
        assert_eq!(twap, premium);
        let d = funding_index_delta(MAX_PRICE, twap, elapsed, period).expect("per-accrual delta fits i64");
        let next = index.get().checked_add(i128::from(d)).expect("index fits i128");
        index = Index128::from_i128(next);
        assert_eq!(index.get(), next, "Index128 round-trips");
        slots += elapsed;
    }
    index.get()
}

#[test]
fn funding_index_survives_ten_years_at_the_extremes() {
    let window = MIN_FUNDING_PERIOD_SLOTS * Market::MAX_FUNDING_CATCHUP_PERIODS;
    for sign in [1i64, -1] {
        // Accrued once per catch-up window (the largest single delta) for ten years.
        let index = drive(sign, window, TEN_YEARS_SLOTS);
        // Per slot: MAX_PRICE × 10 % / 10 slots, scaled 1e6 → ≈ 1.1e16; ten years ≈ 8.7e24.
        let per_slot = i128::from(MAX_PRICE) * 1_000 * 1_000_000 / (10_000 * 10);
        assert_eq!(index, i128::from(sign) * per_slot * i128::from(TEN_YEARS_SLOTS));
        // The index has more than 10^13 times that much room left.
        assert!(i128::MAX / index.abs() > 10_000_000_000_000);
        // One lot held untouched all that time still settles: it owes ≈ 8.7e18 native.
        let owed = funding_owed(1, index, 0).expect("one lot settles after ten years");
        assert_eq!(owed, i64::try_from(index / 1_000_000).unwrap());
        // The short side receives what the long pays (rounded in the venue's favour).
        let received = funding_owed(-1, index, 0).unwrap();
        assert!(received == -owed || received == -owed + 1 || received == -owed - 1);
        println!(
            "sign {sign:+}: index after 10 years {index} (1 lot owes {owed} native), {} accruals of {window} slots",
            TEN_YEARS_SLOTS / window
        );
    }
}

#[test]
fn funding_index_survives_a_month_accrued_every_slot() {
    // Touched every slot for 30 days: 6.5 million accruals, each truncated on its own.
    let month = TEN_YEARS_SLOTS / 120;
    let index = drive(1, 1, month);
    let per_slot = i128::from(MAX_PRICE) * 1_000 * 1_000_000 / (10_000 * 10);
    assert_eq!(index, per_slot * i128::from(month));
    assert!(funding_owed(1, index, 0).is_ok());
}

#[test]
fn social_loss_index_survives_a_million_whole_vault_losses_on_one_lot() {
    // The largest possible socialization: u64::MAX native spread over one lot, a million times.
    let d = social_loss_index_delta(u64::MAX, 1).unwrap();
    let mut index = 0i128;
    for _ in 0..1_000_000 {
        index = index.checked_add(d).expect("social index fits i128");
    }
    assert!(i128::MAX / index > 1_000_000, "room for ≥ 10^12 such losses");
    // Each loss is still chargeable to the one lot that carried it (⌈u64::MAX⌉ needs u64).
    assert_eq!(social_loss_owed(1, d, 0).unwrap(), u64::MAX);
}
