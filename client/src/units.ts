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
