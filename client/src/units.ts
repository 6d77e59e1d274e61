/**
 * Units at the CLI and page boundary. On-chain integers stay `bigint` end to end; people type and
 * read collateral amounts and prices in UI units (the collateral mint's decimals, 6 for USDC),
 * scripts get both. Prices are quote native per base lot, so they share the collateral's decimals.
 */

export const DEFAULT_DECIMALS = 6;

/** Bad user input: the CLI prints the message on one line and exits 1. */
export class InputError extends Error {}

/** "12.5" → 12_500_000n at 6 decimals. Rejects signs, exponents and excess precision. */
export function parseUi(text: string, decimals = DEFAULT_DECIMALS, what = "amount"): bigint {
  const t = text.trim().replace(/_/g, "");
  const m = /^(\d+)(?:\.(\d*))?$/.exec(t);
  if (!m) throw new InputError(`${what} "${text}" is not a non-negative decimal number`);
  const frac = m[2] ?? "";
  if (frac.length > decimals) throw new InputError(`${what} "${text}" has more than ${decimals} decimals`);
  return (
    BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt((frac + "0".repeat(decimals)).slice(0, decimals) || "0")
  );
}

/** A whole number (lots, ids, slots, bps). */
export function parseInteger(text: string, what = "value"): bigint {
  const t = String(text).trim().replace(/_/g, "");
  if (!/^\d+$/.test(t)) throw new InputError(`${what} "${text}" is not a non-negative integer`);
  return BigInt(t);
}

/** Amount input: UI units unless `native` (then a whole number of native units). */
export const parseAmount = (text: string, native: boolean, decimals = DEFAULT_DECIMALS, what = "amount") =>
  native ? parseInteger(text, what) : parseUi(text, decimals, what);

/** 12_500_000n → "12.500000" (sign kept). */
export function formatUi(v: bigint, decimals = DEFAULT_DECIMALS): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const s = a.toString().padStart(decimals + 1, "0");
  const out = decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
  return neg ? `-${out}` : out;
}

/** An amount for JSON output: both representations, as strings (bigint-safe). */
export interface AmountJson {
  native: string;
  ui: string;
}
export const amountJson = (v: bigint, decimals = DEFAULT_DECIMALS): AmountJson => ({
  native: v.toString(),
  ui: formatUi(v, decimals),
});

/** A ratio in basis points as a percentage string: 12_345n → "123.45%". */
export function formatBps(bps: bigint): string {
  const neg = bps < 0n;
  const a = neg ? -bps : bps;
  return `${neg ? "-" : ""}${a / 100n}.${(a % 100n).toString().padStart(2, "0")}%`;
}

/** JSON.stringify that writes bigints as decimal strings (never patches BigInt.prototype). */
export const toJson = (v: unknown, indent = 2): string =>
  JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x), indent);

// ------------------------------------------------------------------------------------------------
// Market units: what a trader reads and types.
//
// On chain a price is quote native per base lot and a size is a number of lots. People think in
// quote per whole base unit (USD per SOL) and in base units (1.5 SOL). The market account carries
// everything the conversion needs: `params.baseLotSize` (base atoms per lot),
// `oracleBaseDecimals` (atoms per whole base unit = 10^decimals) and `oracleQuoteDecimals` (the
// collateral mint's decimals). With A = 10^baseDecimals and Q = 10^quoteDecimals:
//
//   human price = price_native_per_lot × A / (baseLotSize × Q)
//   human size  = lots × baseLotSize / A
//
// Both directions are exact or refused: an input that is not on the tick or not a whole number of
// lots is an `InputError` that names the nearest valid values, never a silent rounding.

/** The unit facts of one market (from its on-chain account). */
export interface MarketUnits {
  /** Base asset symbol shown to people ("SOL" for "SOL-PERP"). */
  base: string;
  /** Quote symbol shown to people. */
  quote: string;
  baseDecimals: number;
  quoteDecimals: number;
  /** Base atoms per lot. */
  baseLotSize: bigint;
  /** Price tick, quote native per lot. */
  tickSize: bigint;
  /** Smallest order, lots. */
  minOrderLots: bigint;
}

/** The fields of a `Market` account the conversion reads (a structural subset of `MarketState`). */
export interface MarketUnitSource {
  name: number[] | Uint8Array;
  oracleBaseDecimals: number;
  oracleQuoteDecimals: number;
  params: { baseLotSize: bigint; tickSize: bigint; minOrderLots: bigint };
}

/** Base symbol from a market name: "SOL-PERP" → "SOL", "X" → "X". */
export function baseSymbol(name: string): string {
  const s = name.replace(/-PERP$/i, "").trim();
  return s || "base";
}

export function marketUnits(m: MarketUnitSource, quote = "USD"): MarketUnits {
  const name = Buffer.from(Uint8Array.from(m.name)).toString("utf8").replace(/\0+$/, "");
  if (m.params.baseLotSize <= 0n) throw new InputError(`market ${name} has no lot size`);
  return {
    base: baseSymbol(name),
    quote,
    baseDecimals: m.oracleBaseDecimals,
    quoteDecimals: m.oracleQuoteDecimals || DEFAULT_DECIMALS,
    baseLotSize: m.params.baseLotSize,
    tickSize: m.params.tickSize > 0n ? m.params.tickSize : 1n,
    minOrderLots: m.params.minOrderLots,
  };
}

/** A decimal string as (integer, scale): "150.25" → (15025n, 2). */
function parseDecimal(text: string, what: string): { v: bigint; scale: number } {
  const t = String(text ?? "")
    .trim()
    .replace(/_/g, "")
    .replace(/,/g, "");
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === "" && (m[2] ?? "") === ""))
    throw new InputError(`${what} "${text}" is not a non-negative decimal number`);
  const frac = m[2] ?? "";
  if (frac.length > 30) throw new InputError(`${what} "${text}" has too many decimals`);
  return { v: BigInt((m[1] || "0") + frac), scale: frac.length };
}

/** Smallest number of decimals d ≤ max with num × 10^d divisible by den (else max). */
function decimalsFor(num: bigint, den: bigint, max = 12): number {
  for (let d = 0; d < max; d++) if ((num * 10n ** BigInt(d)) % den === 0n) return d;
  return max;
}

/** num/den as a decimal string with `d` decimals, rounded half away from zero. */
function ratioText(num: bigint, den: bigint, d: number): string {
  const neg = num < 0n !== den < 0n && num !== 0n;
  const n = num < 0n ? -num : num;
  const q = den < 0n ? -den : den;
  const scaled = (n * 10n ** BigInt(d) * 2n + q) / (2n * q);
  const s = formatUi(scaled, d);
  return neg && scaled !== 0n ? `-${s}` : s;
}

/** Decimals a human price of this market is shown with: the tick's, at least 2. */
export const priceDecimals = (u: MarketUnits) =>
  Math.max(
    2,
    decimalsFor(u.tickSize * 10n ** BigInt(u.baseDecimals), u.baseLotSize * 10n ** BigInt(u.quoteDecimals)),
  );

/** Decimals a human size is shown with: the lot's. */
export const sizeDecimals = (u: MarketUnits) => decimalsFor(u.baseLotSize, 10n ** BigInt(u.baseDecimals), 18);

/** Quote native per lot → "150.00" (quote per whole base unit). */
export function formatPrice(u: MarketUnits, priceNative: bigint, decimals = priceDecimals(u)): string {
  return ratioText(
    priceNative * 10n ** BigInt(u.baseDecimals),
    u.baseLotSize * 10n ** BigInt(u.quoteDecimals),
    decimals,
  );
}

/** Lots → "1.50" (base units; sign kept). */
export function formatSize(u: MarketUnits, lots: bigint): string {
  return ratioText(lots * u.baseLotSize, 10n ** BigInt(u.baseDecimals), sizeDecimals(u));
}

/** Quote native → "1234.56" (quote units, 2 decimals: a notional for people, not an amount to sign). */
export const formatNotional = (u: MarketUnits, quoteNative: bigint): string =>
  ratioText(quoteNative, 10n ** BigInt(u.quoteDecimals), 2);

/** Quote per whole base unit → quote native per lot; refused unless exactly on the tick. */
export function parsePrice(u: MarketUnits, text: string, what = "price"): bigint {
  const { v, scale } = parseDecimal(text, what);
  // native = v / 10^scale × baseLotSize × Q / A
  const num = v * u.baseLotSize * 10n ** BigInt(u.quoteDecimals);
  const den = 10n ** BigInt(scale) * 10n ** BigInt(u.baseDecimals);
  if (num === 0n) throw new InputError(`${what} must be greater than zero`);
  const exact = num % den === 0n && (num / den) % u.tickSize === 0n;
  if (!exact) {
    const lo = (num / den / u.tickSize) * u.tickSize;
    const hi = lo + u.tickSize;
    const near = lo > 0n ? `${formatPrice(u, lo)} or ${formatPrice(u, hi)}` : formatPrice(u, hi);
    throw new InputError(
      `${what} ${text} ${u.quote} is not on the tick of ${formatPrice(u, u.tickSize)} ${u.quote} (nearest: ${near})`,
    );
  }
  return num / den;
}

/** Base units → lots; refused unless a whole number of lots, at least the market minimum. */
export function parseSize(u: MarketUnits, text: string, what = "size"): bigint {
  const { v, scale } = parseDecimal(text, what);
  // lots = v / 10^scale × A / baseLotSize
  const num = v * 10n ** BigInt(u.baseDecimals);
  const den = 10n ** BigInt(scale) * u.baseLotSize;
  const lot = `${formatSize(u, 1n)} ${u.base}`;
  if (num % den !== 0n)
    throw new InputError(`${what} ${text} ${u.base} is not a whole number of lots (1 lot = ${lot})`);
  const lots = num / den;
  const min = u.minOrderLots > 0n ? u.minOrderLots : 1n;
  if (lots < min)
    throw new InputError(
      `${what} must be at least ${formatSize(u, min)} ${u.base} (${min} lot${min === 1n ? "" : "s"})`,
    );
  return lots;
}

/** Orders' price band around the oracle, on the tick: what `place_order` accepts (|p − o| × 10⁴ ≤ o × band). */
export function priceBand(u: MarketUnits, oraclePrice: bigint, bandBps: number | bigint) {
  const room = (oraclePrice * BigInt(bandBps)) / 10_000n;
  const t = u.tickSize;
  const lo = oraclePrice - room <= 0n ? t : ((oraclePrice - room + t - 1n) / t) * t;
  const hi = ((oraclePrice + room) / t) * t;
  return { min: lo, max: hi };
}

/** Refuses a price outside the band, naming the allowed range in quote per base unit. */
export function checkPriceBand(
  u: MarketUnits,
  price: bigint,
  oraclePrice: bigint,
  bandBps: number | bigint,
  what = "price",
): void {
  if (oraclePrice <= 0n) return;
  const { min, max } = priceBand(u, oraclePrice, bandBps);
  if (price < min || price > max)
    throw new InputError(
      `${what} must be between ${formatPrice(u, min)} and ${formatPrice(u, max)} ${u.quote} (oracle ${formatPrice(u, oraclePrice)} ± ${formatBps(BigInt(bandBps))}); got ${formatPrice(u, price)}`,
    );
}

/** Leverage of a position: its notional over the account's equity, "3.20×" ("∞×" at equity ≤ 0). */
export function formatLeverage(notionalNative: bigint, equityNative: bigint): string {
  if (equityNative <= 0n) return "∞×";
  const n = notionalNative < 0n ? -notionalNative : notionalNative;
  return `${formatUi((n * 100n) / equityNative, 2)}×`;
}
