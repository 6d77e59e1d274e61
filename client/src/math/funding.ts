/**
 * Mirror of `math/funding.rs`: funding and the social-loss indices, settled lazily.
 *
 * Funding: longs pay shorts `oracle × premium` per lot per funding period. The premium is the
 * impact premium — the average price to sell (impact bid) or buy (impact ask) the market's
 * `fundingImpactNotionalNative` against the oracle — time-weighted over the period from samples
 * taken when the market is first touched in a slot, clamped to ±cap. It accumulates in one
 * cumulative 128-bit index per market (1 / INDEX_SCALE native per lot); a position owes
 * `base × (indexNow − snapshot)`. The account always pays ⌈owed⌉ and receives ⌊|owed|⌋.
 *
 * Social loss: a deficit nobody else absorbs raises the profiting side's index by
 * ⌈deficit / OI⌉ (scaled); each position on that side later pays ⌈|base| × Δindex⌉.
 */
import { BPS, INDEX_SCALE } from "./constants";
import {
  addU,
  checkI64,
  checkU64,
  minBig,
  mul,
  mulDivCeil,
  mulDivFloor,
  negToI64,
  saturatingSubU,
  toI64,
  U64_MAX,
  unsignedAbs,
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

/** Bounds of the program's 128-bit indices (`Index128`; the SDK decodes them to one bigint). */
export const I128_MAX = (1n << 127n) - 1n;
export const I128_MIN = -(1n << 127n);

function subI128(a: bigint, b: bigint): bigint {
  const d = a - b;
  if (d > I128_MAX || d < I128_MIN) throw new MathError("MathOverflow");
  return d;
}

/** `|base| × |Δ| / SCALE` for a 128-bit Δ, rounded up or down; `MathOverflow` as on-chain. */
function scaledCharge(baseLots: bigint, delta: bigint, ceil: boolean): bigint {
  // Δ = q × SCALE + r; the quotient must fit 64 bits, then |base| × q + |base| × r / SCALE.
  const q = delta / INDEX_SCALE;
  const r = delta % INDEX_SCALE;
  if (q > U64_MAX) throw new MathError("MathOverflow");
  const whole = mul(baseLots, q);
  const part = ceil ? mulDivCeil(baseLots, r, INDEX_SCALE) : mulDivFloor(baseLots, r, INDEX_SCALE);
  return addU(whole, part);
}

/**
 * Funding owed by a position since its snapshot, native: ⌈base × (index − snapshot) / SCALE⌉.
 * Positive: the account pays. Negative: it receives (rounded down in magnitude). Indices are i128.
 */
export function fundingOwed(baseLots: bigint, indexNow: bigint, indexSnapshot: bigint): bigint {
  const delta = subI128(indexNow, indexSnapshot);
  if (delta === 0n || checkI64(baseLots, "baseLots") === 0n) return 0n;
  const pays = baseLots > 0n === delta > 0n;
  const owed = scaledCharge(unsignedAbs(baseLots), unsignedAbs(delta), pays);
  return pays ? toI64(owed) : negToI64(owed);
}

/** Social loss owed by a position on the side whose index moved: ⌈|base| × Δ / SCALE⌉ ≥ 0. */
export function socialLossOwed(baseLots: bigint, indexNow: bigint, indexSnapshot: bigint): bigint {
  const delta = subI128(indexNow, indexSnapshot);
  if (delta <= 0n || checkI64(baseLots, "baseLots") === 0n) return 0n;
  return scaledCharge(unsignedAbs(baseLots), delta, true);
}

/** Index increase spreading `deficitNative` over `openInterestLots`: ⌈deficit × SCALE / OI⌉ (i128). */
export function socialLossIndexDelta(deficitNative: bigint, openInterestLots: bigint): bigint {
  if (checkU64(openInterestLots, "openInterestLots") === 0n) throw new MathError("DivisionByZero");
  const n = checkU64(deficitNative, "deficitNative") * INDEX_SCALE;
  return (n + openInterestLots - 1n) / openInterestLots;
}

/**
 * Average price of taking `notionalNative` from `levels` (best first, `[price, lots]`): whole
 * levels, then the lots of the last one that complete the notional (rounded up). `null` when the
 * side holds less than the notional.
 */
export function impactPrice(
  levels: Iterable<readonly [bigint, bigint]>,
  notionalNative: bigint,
): bigint | null {
  if (notionalNative === 0n) return null;
  let quote = 0n;
  let lots = 0n;
  for (const [price, size] of levels) {
    if (price === 0n) continue;
    const left = saturatingSubU(notionalNative, quote);
    const level = mul(price, size);
    if (level >= left) {
      const take = mulDivCeil(left, 1n, price);
      quote = addU(quote, mul(take, price));
      lots = addU(lots, take);
      return mulDivFloor(quote, 1n, lots);
    }
    quote = addU(quote, level);
    lots = addU(lots, size);
  }
  return null;
}

/**
 * Impact premium, bps: `(max(0, bid − oracle) − max(0, oracle − ask)) / oracle`, truncated
 * towards zero and clamped to ±cap; a side too thin for the impact notional (`null`) counts 0.
 */
export function impactPremiumBps(
  impactBid: bigint | null,
  impactAsk: bigint | null,
  oraclePrice: bigint,
  capBps: bigint,
): bigint {
  if (oraclePrice === 0n) throw new MathError("DivisionByZero");
  const rich = impactBid === null ? 0n : saturatingSubU(impactBid, oraclePrice);
  const cheap = impactAsk === null ? 0n : saturatingSubU(oraclePrice, impactAsk);
  const negative = cheap > rich;
  const p = toI64(minBig(mulDivFloor(negative ? cheap - rich : rich - cheap, BPS, oraclePrice), capBps));
  return negative ? -p : p;
}

/** Time-weighted premium from an accumulator: ⌊Σ premium × slots / slots⌋ towards zero, clamped. */
export function twapPremiumBps(
  accumulatorBpsSlots: bigint,
  slots: bigint,
  fallbackBps: bigint,
  capBps: bigint,
): bigint {
  let avg: bigint;
  if (slots === 0n) avg = checkI64(fallbackBps, "fallbackBps");
  else {
    const m = mulDivFloor(unsignedAbs(checkI64(accumulatorBpsSlots, "accumulator")), 1n, slots);
    avg = accumulatorBpsSlots < 0n ? negToI64(m) : toI64(m);
  }
  const cap = toI64(capBps);
  return avg < -cap ? -cap : avg > cap ? cap : avg;
}
