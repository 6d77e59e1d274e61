//! Pure integer math: no accounts, no sysvars, no I/O. Slots and prices are arguments.
//!
//! The same functions run on-chain (SBF), in host unit/property tests, and produce the JSON vectors
//! that the TypeScript mirror in `client/src/math/` must reproduce (file for file: `margin.rs` ↔
//! `margin.ts`, …).
//!
//! Units used everywhere (and in every field name):
//! - `*_native`: collateral token base units (USDC-like, 6 decimals). Cash is `i64`.
//! - `*_lots`: base lots of a market (`Market::base_lot_size` base atoms each). Positions are `i64`
//!   (long > 0), resting orders `u64`.
//! - `price` / `*_price`: quote native per base lot, `u64`, ≤ [`MAX_PRICE`]. A fill of `q` lots at
//!   price `p` moves exactly `p × q` native between buyer and seller.
//! - `*_bps`: basis points (1/10 000).
//! - funding and social-loss indices: `1 / INDEX_SCALE` quote native per lot, `i64`.
//!
//! Rounding: every division states its direction, and it always goes against the account and in
//! favour of the vault (a requirement rounds up, a payment owed rounds up, a payment received
//! rounds down).

pub mod adl;
pub mod deposit;
pub mod fees;
pub mod funding;
pub mod liquidation;
pub mod margin;
pub mod oracle;
pub mod safe;
pub mod trade;
pub mod wide;

/// Basis-point denominator.
pub const BPS: u64 = 10_000;
/// Fixed-point scale of the funding and social-loss indices (micro-native per lot).
pub const INDEX_SCALE: u64 = 1_000_000;
/// Largest accepted price, quote native per lot (≈ 1.1 × 10^12). Keeps `price × INDEX_SCALE` and
/// `price × BPS` inside `u64`.
pub const MAX_PRICE: u64 = (1 << 40) - 1;
/// Largest order or position size in lots.
pub const MAX_LOTS: u64 = 1 << 40;
/// Fixed-point scale of ADL ranking scores: a score of `SCORE_SCALE` is PnL% × leverage = 1.0.
pub const SCORE_SCALE: u64 = 1_000_000;
