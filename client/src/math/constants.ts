/**
 * Units and scales of the math core, mirroring the constants of `programs/perp-margin/src/math/mod.rs`.
 *
 * - `*Native`: collateral base units (6 decimals); cash is a signed `i64`.
 * - `*Lots`: base lots of a market; positions are `i64` (long > 0), resting orders `u64`.
 * - prices: quote native per base lot, `u64`, ≤ `MAX_PRICE`; a fill of q lots at p moves p × q native.
 * - `*Bps`: basis points; funding and social-loss indices: 1 / `INDEX_SCALE` native per lot.
 *
 * Rounding always goes against the account and in favour of the vault.
 */

/** Basis-point denominator. */
export const BPS = 10_000n;
/** Fixed-point scale of the funding and social-loss indices (micro-native per lot). */
export const INDEX_SCALE = 1_000_000n;
/** Largest accepted price, quote native per lot. */
export const MAX_PRICE = (1n << 40n) - 1n;
/** Largest order or position size in lots. */
export const MAX_LOTS = 1n << 40n;
/** Fixed-point scale of ADL ranking scores: `SCORE_SCALE` is PnL% × leverage = 1.0. */
export const SCORE_SCALE = 1_000_000n;
