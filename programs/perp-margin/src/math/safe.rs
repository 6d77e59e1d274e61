//! Checked arithmetic and casts: the one way on-chain code adds, subtracts, multiplies, divides
//! and narrows integers outside the 128-bit primitives of [`super::wide`].
//!
//! Release builds run with `overflow-checks = false` (an overflow check on a `u64` multiply would
//! emit `__multi3`, which upstream BPF cannot compile), and clippy's `arithmetic_side_effects`,
//! `cast_possible_truncation`, `cast_sign_loss` and `cast_possible_wrap` are denied in this crate.
//! So every operation that can overflow returns `PerpError::MathOverflow` (or `DivisionByZero`)
//! through these methods: `a.safe_add(b)?`, `x.to_i64()?`.
//!
//! With the `debug-math` feature every failing call site is reported in the program log (as
//! Drift's `#[track_caller]` safe math does): `file:line:column` on the host, and on SBF — where a
//! `Location`'s file pointer sits in `.rodata` that sbpf-linker 0.1.9 cannot relocate — the line and
//! column as `sol_log_64(DEBUG_MATH_TAG, line, column, error code, 0)`. Off by default: no cost in release.

use super::wide;
use crate::error::{PerpError, PerpResult};

/// Marker logged with the line and column of a failing operation (`debug-math`).
pub const DEBUG_MATH_TAG: u64 = 0x5afe_0a7b;

#[cold]
#[inline(never)]
#[cfg_attr(feature = "debug-math", track_caller)]
fn fail(e: PerpError) -> PerpError {
    #[cfg(feature = "debug-math")]
    report(core::panic::Location::caller(), e);
    e
}

#[cfg(all(feature = "debug-math", any(target_arch = "bpf", target_os = "solana")))]
fn report(at: &core::panic::Location<'_>, e: PerpError) {
    // SAFETY: `sol_log_64_` only reads its five integer arguments.
    unsafe {
        pinocchio::syscalls::sol_log_64_(DEBUG_MATH_TAG, at.line() as u64, at.column() as u64, e as u64, 0)
    };
}

#[cfg(all(feature = "debug-math", not(any(target_arch = "bpf", target_os = "solana"))))]
fn report(at: &core::panic::Location<'_>, e: PerpError) {
    std::eprintln!("perp-margin: {e:?} at {}:{}:{}", at.file(), at.line(), at.column());
}

/// Checked arithmetic on the integer types the program stores.
pub trait SafeMath: Sized + Copy {
    /// `self + rhs`, or `MathOverflow`.
    fn safe_add(self, rhs: Self) -> PerpResult<Self>;
    /// `self − rhs`, or `MathOverflow`.
    fn safe_sub(self, rhs: Self) -> PerpResult<Self>;
    /// `self × rhs`, or `MathOverflow`.
    fn safe_mul(self, rhs: Self) -> PerpResult<Self>;
}

/// Division for unsigned types (signed division is not available on upstream BPF: use
/// [`wide::div_signed`] with an explicit rounding).
pub trait SafeDiv: Sized + Copy {
    /// ⌊self / rhs⌋, or `DivisionByZero`.
    fn safe_div(self, rhs: Self) -> PerpResult<Self>;
    /// `self mod rhs`, or `DivisionByZero`.
    fn safe_rem(self, rhs: Self) -> PerpResult<Self>;
}

macro_rules! safe_unsigned {
    ($($t:ty),*) => {$(
        impl SafeMath for $t {
            #[inline(always)]
            #[cfg_attr(feature = "debug-math", track_caller)]
            fn safe_add(self, rhs: Self) -> PerpResult<Self> {
                match self.checked_add(rhs) {
                    Some(v) => Ok(v),
                    None => Err(fail(PerpError::MathOverflow)),
                }
            }
            #[inline(always)]
            #[cfg_attr(feature = "debug-math", track_caller)]
            fn safe_sub(self, rhs: Self) -> PerpResult<Self> {
                match self.checked_sub(rhs) {
                    Some(v) => Ok(v),
                    None => Err(fail(PerpError::MathOverflow)),
                }
            }
            #[inline(always)]
            #[cfg_attr(feature = "debug-math", track_caller)]
            fn safe_mul(self, rhs: Self) -> PerpResult<Self> {
                // Through the 32-bit-limb product: a native checked multiply of 64-bit values
                // would need `__multi3` on upstream BPF.
                let p = wide::mul_wide(self as u64, rhs as u64);
                require!(p.hi == 0 && p.lo <= <$t>::MAX as u64, fail(PerpError::MathOverflow));
                Ok(p.lo as $t)
            }
        }
        impl SafeDiv for $t {
            #[inline(always)]
            #[cfg_attr(feature = "debug-math", track_caller)]
            fn safe_div(self, rhs: Self) -> PerpResult<Self> {
                match self.checked_div(rhs) {
                    Some(v) => Ok(v),
                    None => Err(fail(PerpError::DivisionByZero)),
                }
            }
            #[inline(always)]
            #[cfg_attr(feature = "debug-math", track_caller)]
            fn safe_rem(self, rhs: Self) -> PerpResult<Self> {
                match self.checked_rem(rhs) {
                    Some(v) => Ok(v),
                    None => Err(fail(PerpError::DivisionByZero)),
                }
            }
        }
    )*};
}
// The `as u64` / `as $t` casts above widen a value of at most 64 bits, and narrow only after the
// range check.
#[allow(clippy::cast_possible_truncation)]
mod unsigned_impls {
    use super::*;
    safe_unsigned!(u8, u16, u32, u64, usize);
}

impl SafeMath for i64 {
    #[inline(always)]
    #[cfg_attr(feature = "debug-math", track_caller)]
    fn safe_add(self, rhs: Self) -> PerpResult<Self> {
        match self.checked_add(rhs) {
            Some(v) => Ok(v),
            None => Err(fail(PerpError::MathOverflow)),
        }
    }
    #[inline(always)]
    #[cfg_attr(feature = "debug-math", track_caller)]
    fn safe_sub(self, rhs: Self) -> PerpResult<Self> {
        match self.checked_sub(rhs) {
            Some(v) => Ok(v),
            None => Err(fail(PerpError::MathOverflow)),
        }
    }
    #[inline(always)]
    #[cfg_attr(feature = "debug-math", track_caller)]
    fn safe_mul(self, rhs: Self) -> PerpResult<Self> {
        let m = wide::mul(self.unsigned_abs(), rhs.unsigned_abs()).map_err(fail)?;
        if (self < 0) == (rhs < 0) {
            m.to_i64()
        } else {
            wide::neg_to_i64(m).map_err(fail)
        }
    }
}

/// Signed negation.
pub trait SafeNeg: Sized + Copy {
    /// `−self`, or `MathOverflow` (for `i64::MIN`).
    fn safe_neg(self) -> PerpResult<Self>;
}

impl SafeNeg for i64 {
    #[inline(always)]
    #[cfg_attr(feature = "debug-math", track_caller)]
    fn safe_neg(self) -> PerpResult<Self> {
        match self.checked_neg() {
            Some(v) => Ok(v),
            None => Err(fail(PerpError::MathOverflow)),
        }
    }
}

/// Checked conversions between the integer types the program stores.
pub trait SafeCast: Sized + Copy {
    /// As `i64`, or `MathOverflow`.
    fn to_i64(self) -> PerpResult<i64>;
    /// As `u64`, or `MathOverflow` (negative values included).
    fn to_u64(self) -> PerpResult<u64>;
    /// As `u32`, or `MathOverflow`.
    fn to_u32(self) -> PerpResult<u32>;
    /// As `u8`, or `MathOverflow`.
    fn to_u8(self) -> PerpResult<u8>;
    /// As `usize`, or `MathOverflow`.
    fn to_usize(self) -> PerpResult<usize>;
}

macro_rules! safe_cast {
    ($($t:ty),*) => {$(
        impl SafeCast for $t {
            #[inline(always)]
            #[cfg_attr(feature = "debug-math", track_caller)]
            fn to_i64(self) -> PerpResult<i64> {
                match i64::try_from(self) {
                    Ok(v) => Ok(v),
                    Err(_) => Err(fail(PerpError::MathOverflow)),
                }
            }
            #[inline(always)]
            #[cfg_attr(feature = "debug-math", track_caller)]
            fn to_u64(self) -> PerpResult<u64> {
                match u64::try_from(self) {
                    Ok(v) => Ok(v),
                    Err(_) => Err(fail(PerpError::MathOverflow)),
                }
            }
            #[inline(always)]
            #[cfg_attr(feature = "debug-math", track_caller)]
            fn to_u32(self) -> PerpResult<u32> {
                match u32::try_from(self) {
                    Ok(v) => Ok(v),
                    Err(_) => Err(fail(PerpError::MathOverflow)),
                }
            }
            #[inline(always)]
            #[cfg_attr(feature = "debug-math", track_caller)]
            fn to_u8(self) -> PerpResult<u8> {
                match u8::try_from(self) {
                    Ok(v) => Ok(v),
                    Err(_) => Err(fail(PerpError::MathOverflow)),
                }
            }
            #[inline(always)]
            #[cfg_attr(feature = "debug-math", track_caller)]
            fn to_usize(self) -> PerpResult<usize> {
                match usize::try_from(self) {
                    Ok(v) => Ok(v),
                    Err(_) => Err(fail(PerpError::MathOverflow)),
                }
            }
        }
    )*};
}
safe_cast!(u8, u16, u32, u64, usize, i32, i64);

/// `max(v, 0)` as an unsigned value: the positive part (`0` for a negative `v`).
#[inline(always)]
pub fn positive_part(v: i64) -> u64 {
    if v > 0 {
        v.unsigned_abs()
    } else {
        0
    }
}

/// `v` as a signed amount: `+v` when `positive`, else `−v` (a signed lot count or cash delta).
#[inline(always)]
#[cfg_attr(feature = "debug-math", track_caller)]
pub fn signed(v: u64, positive: bool) -> PerpResult<i64> {
    if positive {
        v.to_i64()
    } else {
        wide::neg_to_i64(v).map_err(fail)
    }
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

    #[test]
    fn overflow_and_division_errors() {
        assert_eq!(u64::MAX.safe_add(1), Err(PerpError::MathOverflow));
        assert_eq!(0u64.safe_sub(1), Err(PerpError::MathOverflow));
        assert_eq!((1u64 << 32).safe_mul(1 << 32), Err(PerpError::MathOverflow));
        assert_eq!(u16::MAX.safe_mul(2), Err(PerpError::MathOverflow));
        assert_eq!(300u16.safe_mul(200), Ok(60_000));
        assert_eq!(7u64.safe_div(0), Err(PerpError::DivisionByZero));
        assert_eq!(7u64.safe_rem(4), Ok(3));
        assert_eq!(i64::MIN.safe_neg(), Err(PerpError::MathOverflow));
        assert_eq!((-3i64).safe_mul(4), Ok(-12));
        assert_eq!((-3i64).safe_mul(-4), Ok(12));
        assert_eq!(i64::MIN.safe_mul(1), Ok(i64::MIN));
        assert_eq!(i64::MIN.safe_mul(-1), Err(PerpError::MathOverflow));
        assert_eq!((-1i64).to_u64(), Err(PerpError::MathOverflow));
        assert_eq!(u64::MAX.to_i64(), Err(PerpError::MathOverflow));
        assert_eq!(256usize.to_u8(), Err(PerpError::MathOverflow));
        assert_eq!(signed(5, false), Ok(-5));
        assert_eq!(signed(1 << 63, false), Ok(i64::MIN));
        assert_eq!(positive_part(-4), 0);
        assert_eq!(positive_part(4), 4);
    }
}
