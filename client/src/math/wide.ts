/**
 * Mirror of `programs/perp-margin/src/math/wide.rs`: 64-bit integer arithmetic with 128-bit
 * intermediates, checked exactly as on-chain.
 *
 * With `bigint` the wide product is free; what this file must reproduce is *where the Rust code
 * fails*: a quotient or result outside `u64` / `i64` is `MathOverflow`, a zero divisor is
 * `DivisionByZero`, checked in the same order (divisor first). Signed quotients are computed on
 * magnitudes with the rounding direction chosen by the caller, like the Rust code (BPF has no
 * signed division): ⌊−x⌋ = −⌈x⌉ and ⌈−x⌉ = −⌊x⌋.
 *
 * Arguments are Rust `u64` / `i64` values; passing anything outside those types is a caller bug and
 * throws a `RangeError` (never a `MathError`, which is reserved for what the program would return).
 */
import { MathError } from "./error";

export const U64_MAX = (1n << 64n) - 1n;
export const I64_MAX = (1n << 63n) - 1n;
export const I64_MIN = -(1n << 63n);

/** Asserts a Rust `u64` argument. */
export function checkU64(v: bigint, what = "value"): bigint {
  if (typeof v !== "bigint" || v < 0n || v > U64_MAX)
    throw new RangeError(`${what} is not a u64: ${String(v)}`);
  return v;
}

/** Asserts a Rust `i64` argument. */
export function checkI64(v: bigint, what = "value"): bigint {
  if (typeof v !== "bigint" || v < I64_MIN || v > I64_MAX)
    throw new RangeError(`${what} is not an i64: ${String(v)}`);
  return v;
}

const overflow = (): never => {
  throw new MathError("MathOverflow");
};

/** |v| of an `i64` as a `u64` magnitude (Rust `unsigned_abs`: |i64::MIN| = 2^63). */
export const unsignedAbs = (v: bigint): bigint => (v < 0n ? -v : v);

/** An unsigned 128-bit value as two 64-bit halves. */
export interface U128 {
  hi: bigint;
  lo: bigint;
}

/** Exact 64×64 → 128-bit product. */
export function mulWide(a: bigint, b: bigint): U128 {
  const p = checkU64(a, "a") * checkU64(b, "b");
  return { hi: p >> 64n, lo: p & U64_MAX };
}

/**
 * `n / d` and `n % d` for a 128-bit `n`: `DivisionByZero` when `d == 0`, `MathOverflow` when the
 * quotient exceeds `u64` (Rust tests `n.hi >= d`, which is the same condition).
 */
export function divWide(n: U128, d: bigint): [q: bigint, r: bigint] {
  checkU64(n.hi, "n.hi");
  checkU64(n.lo, "n.lo");
  if (checkU64(d, "d") === 0n) throw new MathError("DivisionByZero");
  if (n.hi >= d) overflow();
  const x = (n.hi << 64n) | n.lo;
  return [x / d, x % d];
}

/** ⌊a × b / d⌋ with a 128-bit intermediate. */
export function mulDivFloor(a: bigint, b: bigint, d: bigint): bigint {
  return divWide(mulWide(a, b), d)[0];
}

/** ⌈a × b / d⌉ with a 128-bit intermediate (`MathOverflow` if rounding up leaves `u64`). */
export function mulDivCeil(a: bigint, b: bigint, d: bigint): bigint {
  const [q, r] = divWide(mulWide(a, b), d);
  if (r === 0n) return q;
  return addU(q, 1n);
}

/** a × b when it fits in 64 bits. */
export function mul(a: bigint, b: bigint): bigint {
  const p = mulWide(a, b);
  if (p.hi !== 0n) overflow();
  return p.lo;
}

/** Rounding direction for a signed quotient. */
export type Round = "floor" | "ceil";
export const Round = {
  /** Towards −∞ (⌊x⌋). */
  Floor: "floor",
  /** Towards +∞ (⌈x⌉). */
  Ceil: "ceil",
} as const;

/** Signed `a × b / d` for a signed `a` and unsigned `b`, `d`, rounded as asked. */
export function mulDivSigned(a: bigint, b: bigint, d: bigint, round: Round): bigint {
  const mag = unsignedAbs(checkI64(a, "a"));
  if (a >= 0n) {
    return toI64(round === "floor" ? mulDivFloor(mag, b, d) : mulDivCeil(mag, b, d));
  }
  return negToI64(round === "floor" ? mulDivCeil(mag, b, d) : mulDivFloor(mag, b, d));
}

/** Signed `a / d` (unsigned divisor) rounded as asked. */
export function divSigned(a: bigint, d: bigint, round: Round): bigint {
  return mulDivSigned(a, 1n, d, round);
}

/** Signed product `a × b` (signed × unsigned) when it fits in `i64`. */
export function mulSigned(a: bigint, b: bigint): bigint {
  const m = mul(unsignedAbs(checkI64(a, "a")), b);
  return a >= 0n ? toI64(m) : negToI64(m);
}

/** `u64` → `i64`, `MathOverflow` above `i64::MAX`. */
export function toI64(v: bigint): bigint {
  if (checkU64(v) > I64_MAX) overflow();
  return v;
}

/** −v as `i64` for a magnitude `v` ≤ 2^63. */
export function negToI64(v: bigint): bigint {
  if (checkU64(v) > I64_MAX + 1n) overflow();
  return -v;
}

/** Checked `i64` addition. */
export function add(a: bigint, b: bigint): bigint {
  const r = checkI64(a, "a") + checkI64(b, "b");
  return r > I64_MAX || r < I64_MIN ? overflow() : r;
}

/** Checked `i64` subtraction. */
export function sub(a: bigint, b: bigint): bigint {
  const r = checkI64(a, "a") - checkI64(b, "b");
  return r > I64_MAX || r < I64_MIN ? overflow() : r;
}

/** Checked `u64` addition. */
export function addU(a: bigint, b: bigint): bigint {
  const r = checkU64(a, "a") + checkU64(b, "b");
  return r > U64_MAX ? overflow() : r;
}

/** Checked `u64` subtraction. */
export function subU(a: bigint, b: bigint): bigint {
  const r = checkU64(a, "a") - checkU64(b, "b");
  return r < 0n ? overflow() : r;
}

/** Rust `i64::saturating_sub`. */
export function saturatingSubI64(a: bigint, b: bigint): bigint {
  const r = checkI64(a, "a") - checkI64(b, "b");
  return r > I64_MAX ? I64_MAX : r < I64_MIN ? I64_MIN : r;
}

/** Rust `u64::saturating_sub`. */
export function saturatingSubU(a: bigint, b: bigint): bigint {
  const r = checkU64(a, "a") - checkU64(b, "b");
  return r < 0n ? 0n : r;
}

export const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);
