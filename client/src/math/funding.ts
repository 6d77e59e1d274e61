/**
 * Mirror of `math/funding.rs`: funding and the social-loss indices, settled lazily.
 *
 * Funding: longs pay shorts `oracle × premium` per lot per funding period, premium =
 * (mid − oracle) / oracle clamped to ±cap. It accumulates in one cumulative index per market
 * (1 / INDEX_SCALE native per lot); a position owes `base × (indexNow − snapshot)`. The account
 * always pays ⌈owed⌉ and receives ⌊|owed|⌋.
 *
 * Social loss: a deficit nobody else absorbs raises the profiting side's index by
 * ⌈deficit / OI⌉ (scaled); each position on that side later pays ⌈|base| × Δindex⌉.
 */
import { BPS, INDEX_SCALE } from "./constants";
import {
  checkI64,
  mul,
  mulDivCeil,
  mulDivFloor,
  mulDivSigned,
  negToI64,
  sub,
  toI64,
  unsignedAbs,
  I64_MIN,
} from "./wide";
import { MathError } from "./error";

/** (mid − oracle) / oracle in bps, clamped to ±cap, truncated towards zero. */
export function premiumBps(midPrice: bigint, oraclePrice: bigint, capBps: bigint): bigint {
  if (oraclePrice === 0n) throw new MathError("DivisionByZero");
  const negative = midPrice < oraclePrice;
  const diff = negative ? oraclePrice - midPrice : midPrice - oraclePrice;
  let p = mulDivFloor(diff, BPS, oraclePrice);
  if (p > capBps) p = capBps;
  p = toI64(p);
  return negative ? -p : p;
}

/**
 * Increase of the cumulative funding index over `elapsedSlots`:
 * oracle × premiumBps × elapsed × INDEX_SCALE / (BPS × period), truncated towards zero.
 */
export function fundingIndexDelta(
  oraclePrice: bigint,
  premiumBps: bigint,
  elapsedSlots: bigint,
  periodSlots: bigint,
): bigint {
  if (periodSlots === 0n) throw new MathError("DivisionByZero");
  const perPeriod = mul(oraclePrice, unsignedAbs(checkI64(premiumBps, "premiumBps"))); // native·bps per lot
  const den = mul(BPS, periodSlots);
  const d = mulDivFloor(perPeriod, mul(elapsedSlots, INDEX_SCALE), den);
  return premiumBps < 0n ? negToI64(d) : toI64(d);
}

/**
 * Funding owed by a position since its snapshot, native: ⌈base × (index − snapshot) / SCALE⌉.
 * Positive: the account pays. Negative: it receives (rounded down in magnitude).
 */
export function fundingOwed(baseLots: bigint, indexNow: bigint, indexSnapshot: bigint): bigint {
  const delta = sub(indexNow, indexSnapshot);
  if (delta === 0n || checkI64(baseLots, "baseLots") === 0n) return 0n;
  // sign(base × delta) carried on the first factor (negating i64::MIN overflows, as in Rust).
  let signedBase = baseLots;
  if (delta < 0n) {
    if (baseLots === I64_MIN) throw new MathError("MathOverflow");
    signedBase = -baseLots;
  }
  return mulDivSigned(signedBase, unsignedAbs(delta), INDEX_SCALE, "ceil");
}

/** Social loss owed by a position on the side whose index moved: ⌈|base| × Δ / SCALE⌉ ≥ 0. */
export function socialLossOwed(baseLots: bigint, indexNow: bigint, indexSnapshot: bigint): bigint {
  const delta = sub(indexNow, indexSnapshot);
  if (delta <= 0n || checkI64(baseLots, "baseLots") === 0n) return 0n;
  return mulDivCeil(unsignedAbs(baseLots), delta, INDEX_SCALE);
}

/** Index increase spreading `deficitNative` over `openInterestLots`: ⌈deficit × SCALE / OI⌉. */
export function socialLossIndexDelta(deficitNative: bigint, openInterestLots: bigint): bigint {
  if (openInterestLots === 0n) throw new MathError("DivisionByZero");
  return toI64(mulDivCeil(deficitNative, INDEX_SCALE, openInterestLots));
}
