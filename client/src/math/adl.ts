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
import {
  add,
  checkI64,
  checkU64,
  minBig,
  mul,
  mulDivCeil,
  mulDivFloor,
  toI64,
  unsignedAbs,
  U64_MAX,
} from "./wide";

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
 * What a position lost against its cost basis at the oracle (0 if it gained): the most ADL in its
 * market charges that market's counterparties for closing it (a loss made in another market of a
 * cross-margin account is not theirs to pay).
 */
export function positionLoss(baseLots: bigint, entryNotionalNative: bigint, oraclePrice: bigint): bigint {
  checkI64(baseLots, "baseLots");
  checkU64(entryNotionalNative, "entryNotionalNative");
  const value = mul(unsignedAbs(baseLots), oraclePrice);
  if (baseLots > 0n) return entryNotionalNative > value ? entryNotionalNative - value : 0n;
  return value > entryNotionalNative ? value - entryNotionalNative : 0n;
}

/**
 * The price an ADL step closes a bankrupt position at when its counterparties pay `haircutNative`
 * in all: a long sells at oracle + ⌈haircut / lots⌉, a short buys at oracle − ⌈haircut / lots⌉ (≥ 1).
 */
export function adlClosePrice(haircutNative: bigint, baseLots: bigint, oraclePrice: bigint): bigint {
  checkU64(haircutNative, "haircutNative");
  checkU64(oraclePrice, "oraclePrice");
  const lots = unsignedAbs(checkI64(baseLots, "baseLots"));
  if (lots === 0n) return oraclePrice;
  const perLot = mulDivCeil(haircutNative, 1n, lots);
  if (baseLots > 0n) return minBig(oraclePrice + perLot, U64_MAX); // Rust saturating_add
  const p = oraclePrice > perLot ? oraclePrice - perLot : 0n;
  return p === 0n ? 1n : p;
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
