/**
 * Mirror of `math/adl.rs`: the auto-deleveraging score, the bankruptcy price and the rank quantile.
 *
 * Score = PnL% × effective leverage = (uPnL / entry notional) × (position notional / account
 * equity), `SCORE_SCALE` = 1.0, each factor rounded down. Only positions with uPnL > 0 on accounts
 * with equity > 0 are eligible; ties break on the margin account address (ascending bytes).
 *
 * Bankruptcy price: the price at which closing the bankrupt position leaves the account's equity
 * at exactly −(insurance still available to the market), never better than the oracle for the
 * counterparties.
 */
import { SCORE_SCALE } from "./constants";
import { MathError } from "./error";
import { add, checkI64, checkU64, mulDivCeil, mulDivFloor, toI64, unsignedAbs, U64_MAX } from "./wide";

/** ADL score; `u64::MAX` when it saturates (a zero cost basis, or an overflowing quotient). */
export function adlScore(
  upnlNative: bigint,
  entryNotionalNative: bigint,
  notionalNative: bigint,
  equityNative: bigint,
): bigint {
  checkI64(upnlNative, "upnlNative");
  checkI64(equityNative, "equityNative");
  checkU64(notionalNative, "notionalNative");
  if (upnlNative <= 0n || equityNative <= 0n) return 0n;
  if (checkU64(entryNotionalNative, "entryNotionalNative") === 0n) return U64_MAX;
  // Rust: an overflowing PnL% returns u64::MAX at once; an overflowing product saturates.
  let pnlFrac: bigint;
  try {
    pnlFrac = mulDivFloor(upnlNative, SCORE_SCALE, entryNotionalNative);
  } catch (e) {
    if (e instanceof MathError) return U64_MAX;
    throw e;
  }
  let score: bigint;
  try {
    score = mulDivFloor(pnlFrac, notionalNative, equityNative);
  } catch (e) {
    if (e instanceof MathError) return U64_MAX;
    throw e;
  }
  // An eligible position scores at least 1: 0 always means "not eligible".
  return score === 0n ? 1n : score;
}

/**
 * Bankruptcy price for closing `baseLots` (the bankrupt side) when the rest of the account is worth
 * `othersEquity` and `insuranceAvailable` can still be drawn for this market.
 *
 * Long bankrupt: counterparties (shorts) buy at ⌈(−others − I) / base⌉, at least the oracle.
 * Short bankrupt: counterparties (longs) sell at ⌊(others + I) / |base|⌋, at most the oracle, ≥ 1.
 */
export function bankruptcyPrice(
  othersEquity: bigint,
  insuranceAvailable: bigint,
  baseLots: bigint,
  oraclePrice: bigint,
): bigint {
  const lots = unsignedAbs(checkI64(baseLots, "baseLots"));
  checkU64(oraclePrice, "oraclePrice");
  if (lots === 0n) return oraclePrice;
  const cover = add(othersEquity, toI64(insuranceAvailable)); // what the account can still pay
  if (baseLots > 0n) {
    if (cover >= 0n) return oraclePrice; // any price ≥ 0 already covers it
    const p = mulDivCeil(-cover, 1n, lots);
    return p > oraclePrice ? p : oraclePrice;
  }
  if (cover <= 0n) return 1n;
  const p = mulDivFloor(cover, 1n, lots);
  const q = p < oraclePrice ? p : oraclePrice;
  return q === 0n ? 1n : q;
}

/**
 * Rank indicator shown before ADL: quantile 1 (lowest fifth) … 5 (first in line) of `score` among
 * `sortedScoresDesc` (every eligible score on that side, highest first); 0 when not eligible.
 * Computed as ⌈(positions at or below this score) × 5 / n⌉ clamped to 1..5.
 */
export function rankQuantile(score: bigint, sortedScoresDesc: readonly bigint[]): number {
  if (score === 0n || sortedScoresDesc.length === 0) return 0;
  const ahead = BigInt(sortedScoresDesc.filter((s) => s > score).length);
  const n = BigInt(sortedScoresDesc.length);
  const q = ((n - ahead) * 5n + n - 1n) / n;
  return Number(q < 1n ? 1n : q > 5n ? 5n : q);
}
