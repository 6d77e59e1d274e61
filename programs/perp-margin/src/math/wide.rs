//! 128-bit arithmetic that the upstream BPF backend (LLVM 22) can compile.
//!
//! That backend cannot emit a 128-bit multiply (`__multi3`), a checked or saturating `u64`
//! multiply, or a signed division. So every product wider than 64 bits goes through [`mul_wide`]
//! (four 32×32-bit partial products) and every quotient through [`div_wide`] (Knuth's algorithm D
//! for a 128-by-64-bit division, as in Hacker's Delight `divlu`), using only 64-bit unsigned
//! multiply and divide, which the backend has. Signed values are handled by magnitude and sign,
//! with the rounding direction chosen explicitly by the caller.
//!
//! The host tests check every function against native `u128`/`i128` on random inputs.

use crate::error::{PerpError, PerpResult};

/// An unsigned 128-bit value as two 64-bit halves (no `u128` fields on BPF: see sbpf-linker#31).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct U128 {
    pub hi: u64,
    pub lo: u64,
}

const MASK32: u64 = 0xffff_ffff;

/// Exact 64×64 → 128-bit product.
// Justified: 32-bit limbs of 64-bit values; each partial product < 2^64 and every column sum is
// bounded in the comments below (host-tested against native u128 on 20 000 random cases).
#[allow(clippy::arithmetic_side_effects)]
#[inline(always)]
pub fn mul_wide(a: u64, b: u64) -> U128 {
    // The volatile reads hide that the limbs come from `a` and `b`: otherwise LLVM recognises the
    // schoolbook pattern and folds it back into a 128-bit multiply (`__multi3`), which upstream BPF
    // cannot emit.
    // SAFETY: reading initialized locals.
    let (a1, a0) = (unsafe { core::ptr::read_volatile(&(a >> 32)) }, a & MASK32);
    let (b1, b0) = (unsafe { core::ptr::read_volatile(&(b >> 32)) }, b & MASK32);
    let p00 = a0.wrapping_mul(b0);
    let p01 = a0.wrapping_mul(b1);
    let p10 = a1.wrapping_mul(b0);
    let p11 = a1.wrapping_mul(b1);
    // Middle column: at most 3 × (2^32 − 1) < 2^34, no overflow.
    let mid = (p00 >> 32) + (p01 & MASK32) + (p10 & MASK32);
    let lo = (mid << 32) | (p00 & MASK32);
    let hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    U128 { hi, lo }
}

/// `(u1:u0) / v` when the quotient fits in 64 bits (`u1 < v`).
///
/// Knuth's algorithm D with 32-bit digits (Hacker's Delight, `divlu`). The `q1 >= B` test comes
/// first, so `q * vn0` is only formed when `q < 2^32` and cannot overflow. Returns only the
/// quotient (a pair return is not supported by the BPF backend); callers derive the remainder.
// Justified: Knuth's algorithm D on 32-bit digits; the loop conditions keep every product and sum
// inside 64 bits (Hacker's Delight `divlu`), and the caller guarantees `u1 < v` (quotient fits).
#[allow(clippy::arithmetic_side_effects)]
#[inline(never)]
fn divlu(u1: u64, u0: u64, v: u64) -> u64 {
    const B: u64 = 1 << 32;
    let s = v.leading_zeros();
    let v = v << s;
    let (vn1, vn0) = (v >> 32, v & MASK32);
    let un32 = if s == 0 { u1 } else { (u1 << s) | (u0 >> (64 - s)) };
    let un10 = u0 << s;
    let (un1, un0) = (un10 >> 32, un10 & MASK32);

    let mut q1 = un32 / vn1;
    let mut rhat = un32 - q1.wrapping_mul(vn1);
    while q1 >= B || q1.wrapping_mul(vn0) > (rhat << 32) + un1 {
        q1 -= 1;
        rhat += vn1;
        if rhat >= B {
            break;
        }
    }
    let un21 = (un32 << 32).wrapping_add(un1).wrapping_sub(q1.wrapping_mul(v));

    let mut q0 = un21 / vn1;
    let mut rhat = un21 - q0.wrapping_mul(vn1);
    while q0 >= B || q0.wrapping_mul(vn0) > (rhat << 32) + un0 {
        q0 -= 1;
        rhat += vn1;
        if rhat >= B {
            break;
        }
    }
    (q1 << 32) + q0
}

/// `n / d` and `n % d` for a 128-bit `n`; errors when `d == 0` or the quotient exceeds `u64`.
// Justified: `d != 0` and `n.hi < d` are checked first; `n.lo / d`, `n.lo % d` cannot overflow.
#[allow(clippy::arithmetic_side_effects)]
#[inline(always)]
pub fn div_wide(n: U128, d: u64) -> PerpResult<(u64, u64)> {
    require!(d != 0, PerpError::DivisionByZero);
    require!(n.hi < d, PerpError::MathOverflow);
    if n.hi == 0 {
        return Ok((n.lo / d, n.lo % d));
    }
    let q = divlu(n.hi, n.lo, d);
    // n − q·d < d, so the low 64 bits give the remainder exactly.
    Ok((q, n.lo.wrapping_sub(q.wrapping_mul(d))))
}

/// `n / d` as a full 128-bit quotient and the remainder (no quotient-size limit); errors when
/// `d == 0`. Two long-division steps of [`div_wide`].
#[inline(always)]
pub fn div_wide_full(n: U128, d: u64) -> PerpResult<(U128, u64)> {
    require!(d != 0, PerpError::DivisionByZero);
    let (q_hi, r_hi) = div_wide(U128 { hi: 0, lo: n.hi }, d)?;
    let (q_lo, r) = div_wide(U128 { hi: r_hi, lo: n.lo }, d)?;
    Ok((U128 { hi: q_hi, lo: q_lo }, r))
}

/// ⌊a × b / d⌋ with a 128-bit intermediate.
#[inline(always)]
pub fn mul_div_floor(a: u64, b: u64, d: u64) -> PerpResult<u64> {
    let (q, _) = div_wide(mul_wide(a, b), d)?;
    Ok(q)
}

/// ⌈a × b / d⌉ with a 128-bit intermediate.
#[inline(always)]
pub fn mul_div_ceil(a: u64, b: u64, d: u64) -> PerpResult<u64> {
    let (q, r) = div_wide(mul_wide(a, b), d)?;
    if r == 0 {
        Ok(q)
    } else {
        q.checked_add(1).ok_or(PerpError::MathOverflow)
    }
}

/// a × b when it fits in 64 bits.
#[inline(always)]
pub fn mul(a: u64, b: u64) -> PerpResult<u64> {
    let p = mul_wide(a, b);
    require!(p.hi == 0, PerpError::MathOverflow);
    Ok(p.lo)
}

/// Rounding direction for a signed quotient.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Round {
    /// Towards −∞ (⌊x⌋).
    Floor,
    /// Towards +∞ (⌈x⌉).
    Ceil,
}

/// Signed `a × b / d` for a signed `a` and unsigned `b`, `d`, rounded as asked.
///
/// Computed on magnitudes: for a negative product, ⌊−x⌋ = −⌈x⌉ and ⌈−x⌉ = −⌊x⌋.
#[inline(always)]
pub fn mul_div_signed(a: i64, b: u64, d: u64, round: Round) -> PerpResult<i64> {
    let mag = a.unsigned_abs();
    if a >= 0 {
        let q = match round {
            Round::Floor => mul_div_floor(mag, b, d)?,
            Round::Ceil => mul_div_ceil(mag, b, d)?,
        };
        to_i64(q)
    } else {
        let q = match round {
            Round::Floor => mul_div_ceil(mag, b, d)?,
            Round::Ceil => mul_div_floor(mag, b, d)?,
        };
        neg_to_i64(q)
    }
}

/// Signed `a / d` (unsigned divisor) rounded as asked — BPF has no signed division.
#[inline(always)]
pub fn div_signed(a: i64, d: u64, round: Round) -> PerpResult<i64> {
    mul_div_signed(a, 1, d, round)
}

/// Signed product `a × b` (signed × unsigned) when it fits in `i64`.
#[inline(always)]
pub fn mul_signed(a: i64, b: u64) -> PerpResult<i64> {
    let m = mul(a.unsigned_abs(), b)?;
    if a >= 0 {
        to_i64(m)
    } else {
        neg_to_i64(m)
    }
}

/// `u64` → `i64`, erroring above `i64::MAX`.
#[inline(always)]
pub fn to_i64(v: u64) -> PerpResult<i64> {
    require!(v <= i64::MAX as u64, PerpError::MathOverflow);
    Ok(v.cast_signed())
}

/// −v as `i64` for a magnitude `v` ≤ 2^63.
#[inline(always)]
pub fn neg_to_i64(v: u64) -> PerpResult<i64> {
    require!(v <= 1 << 63, PerpError::MathOverflow);
    // v ≤ 2^63: as i64 it is v or i64::MIN (for 2^63), whose wrapping negation is itself.
    Ok(v.cast_signed().wrapping_neg())
}

/// Checked `i64` addition.
#[inline(always)]
pub fn add(a: i64, b: i64) -> PerpResult<i64> {
    a.checked_add(b).ok_or(PerpError::MathOverflow)
}

/// Checked `i64` subtraction.
#[inline(always)]
pub fn sub(a: i64, b: i64) -> PerpResult<i64> {
    a.checked_sub(b).ok_or(PerpError::MathOverflow)
}

/// Checked `u64` addition.
#[inline(always)]
pub fn add_u(a: u64, b: u64) -> PerpResult<u64> {
    a.checked_add(b).ok_or(PerpError::MathOverflow)
}

/// Checked `u64` subtraction.
#[inline(always)]
pub fn sub_u(a: u64, b: u64) -> PerpResult<u64> {
    a.checked_sub(b).ok_or(PerpError::MathOverflow)
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)] // host tests: native arithmetic is the reference
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn native_div(a: u64, b: u64, d: u64) -> Option<(u64, u64)> {
        let p = a as u128 * b as u128;
        let q = p / d as u128;
        (q <= u64::MAX as u128).then(|| (q as u64, (p % d as u128) as u64))
    }

    #[test]
    fn edges() {
        for &(a, b) in
            &[(0, 0), (u64::MAX, u64::MAX), (1 << 32, 1 << 32), (u64::MAX, 1), (MASK32, MASK32 + 2)]
        {
            let p = mul_wide(a, b);
            assert_eq!(((p.hi as u128) << 64) | p.lo as u128, a as u128 * b as u128);
        }
        assert_eq!(div_wide(U128 { hi: 1, lo: 0 }, 1), Err(PerpError::MathOverflow));
        assert_eq!(div_wide(U128 { hi: 0, lo: 5 }, 0), Err(PerpError::DivisionByZero));
        assert_eq!(div_wide(U128 { hi: u64::MAX - 1, lo: u64::MAX }, u64::MAX), Ok((u64::MAX, u64::MAX - 1)));
        assert_eq!(mul_div_signed(-7, 1, 2, Round::Floor), Ok(-4));
        assert_eq!(mul_div_signed(-7, 1, 2, Round::Ceil), Ok(-3));
        assert_eq!(mul_div_signed(7, 1, 2, Round::Floor), Ok(3));
        assert_eq!(mul_div_signed(7, 1, 2, Round::Ceil), Ok(4));
        assert_eq!(mul_signed(i64::MIN, 1), Ok(i64::MIN));
        assert_eq!(mul_signed(-(1 << 62), 2), Ok(i64::MIN));
        assert_eq!(mul_signed(1 << 62, 2), Err(PerpError::MathOverflow));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn mul_wide_matches_u128(a: u64, b: u64) {
            let p = mul_wide(a, b);
            prop_assert_eq!(((p.hi as u128) << 64) | p.lo as u128, a as u128 * b as u128);
        }

        #[test]
        fn mul_div_matches_u128(a: u64, b: u64, d in 1u64..) {
            match native_div(a, b, d) {
                Some((q, r)) => {
                    prop_assert_eq!(mul_div_floor(a, b, d), Ok(q));
                    let want = if r == 0 { Ok(q) } else { q.checked_add(1).ok_or(PerpError::MathOverflow) };
                    prop_assert_eq!(mul_div_ceil(a, b, d), want);
                }
                None => prop_assert_eq!(mul_div_floor(a, b, d), Err(PerpError::MathOverflow)),
            }
        }

        #[test]
        fn small_divisors_exercise_normalisation(a: u64, b in 0u64..(1 << 20), d in 1u64..(1 << 33)) {
            prop_assert_eq!(mul_div_floor(a, b, d).ok(), native_div(a, b, d).map(|x| x.0));
        }

        #[test]
        fn signed_matches_i128(a: i64, b in 0u64..(1u64 << 40), d in 1u64..(1u64 << 50)) {
            let exact = a as i128 * b as i128;
            let floor = exact.div_euclid(d as i128);
            let ceil = -((-exact).div_euclid(d as i128));
            let fits = |x: i128| (x >= i64::MIN as i128 && x <= i64::MAX as i128).then_some(x as i64);
            prop_assert_eq!(mul_div_signed(a, b, d, Round::Floor).ok(), fits(floor));
            prop_assert_eq!(mul_div_signed(a, b, d, Round::Ceil).ok(), fits(ceil));
        }
    }
}
