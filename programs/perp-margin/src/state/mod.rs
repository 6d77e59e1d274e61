//! Zero-copy program accounts. Each body is a `layout!` struct behind an 8-byte Anchor
//! discriminator; methods here change only the account itself.

pub mod backstop;
pub mod exchange;
pub mod margin_account;
pub mod market;
pub mod order_book;
pub mod price_feed;

use crate::error::{PerpError, PerpResult};
use pinocchio::AccountView;

layout! {
    /// A signed 128-bit index stored as two 64-bit words (8-byte aligned on every target; a native
    /// `i128` field would be 16-aligned on some). The funding and social-loss indices use it so no
    /// reachable parameters can overflow them over a market's lifetime.
    pub struct Index128 {
        /// Low 64 bits.
        pub lo: u64,
        /// High 64 bits (the sign).
        pub hi: i64,
    }
}

impl Index128 {
    /// The value.
    #[inline(always)]
    pub fn get(&self) -> i128 {
        (i128::from(self.hi) << 64) | i128::from(self.lo)
    }
    /// An index holding `v`.
    #[inline(always)]
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // splitting into the two words is the point
    pub fn from_i128(v: i128) -> Self {
        Index128 { lo: v as u64, hi: (v >> 64) as i64 }
    }
}

/// Plain old data: `repr(C)`, no padding, valid for every bit pattern.
///
/// # Safety
/// Implement only through `layout!` / `packed_layout!`, which assert the no-padding rule.
pub unsafe trait Pod: Copy + 'static {}

/// A program-owned account type.
pub trait AccountType: Pod {
    /// Type name, as in the IDL (`sha256("account:<NAME>")`).
    const NAME: &'static str;
    /// Anchor account discriminator.
    const DISCRIMINATOR: [u8; 8];
    /// Account data length: discriminator + body.
    const SPACE: usize = 8 + core::mem::size_of::<Self>();
}

/// Implements [`AccountType`] for a `layout!` struct.
#[macro_export]
macro_rules! account_type {
    ($t:ident) => {
        impl $crate::state::AccountType for $t {
            const NAME: &'static str = stringify!($t);
            const DISCRIMINATOR: [u8; 8] = $crate::discriminator::sighash("account:", stringify!($t));
        }
        // Zero-copy requires the body to start 8-aligned after the discriminator.
        const _: () = assert!(core::mem::align_of::<$t>() <= 8);
    };
}

#[inline(always)]
fn check<T: AccountType>(view: &AccountView) -> PerpResult {
    require!(view.owned_by(&crate::ID), PerpError::WrongAccountOwner);
    require!(view.data_len() >= 8, PerpError::WrongAccountSize);
    // SAFETY: `data_len() >= 8` was checked above; the runtime keeps the data alive for the
    // whole instruction.
    let disc = unsafe { core::slice::from_raw_parts(view.data_ptr(), 8) };
    require!(disc == T::DISCRIMINATOR, PerpError::WrongAccountType);
    require!(view.data_len() == T::SPACE, PerpError::WrongAccountSize);
    Ok(())
}

/// Reads a program account of type `T` after checking owner, size and discriminator.
#[inline(always)]
pub fn load<T: AccountType>(view: &AccountView) -> PerpResult<&T> {
    check::<T>(view)?;
    // SAFETY: owner, size and discriminator were checked; account data is 8-aligned in the
    // runtime's input region, so the body at offset 8 is aligned for `T` (align ≤ 8, asserted by
    // `account_type!`); `T: Pod` accepts any bytes.
    Ok(unsafe { &*(view.data_ptr().add(8) as *const T) })
}

/// Mutable access to a program account of type `T` (must be writable).
///
/// Callers must not hold two mutable references to the same account: instructions that take
/// several accounts of one type check that their addresses differ first.
#[inline(always)]
#[allow(clippy::mut_from_ref)]
pub fn load_mut<T: AccountType>(view: &AccountView) -> PerpResult<&mut T> {
    require!(view.is_writable(), PerpError::AccountNotWritable);
    check::<T>(view)?;
    // SAFETY: as in `load`; writability was checked, and distinct accounts never alias (the
    // runtime gives each account its own data region; duplicates are rejected by the caller).
    Ok(unsafe { &mut *(view.data_ptr().add(8) as *mut T) })
}

/// Writes the discriminator of a freshly created (zeroed) account and returns its body.
#[inline(always)]
#[allow(clippy::mut_from_ref)]
pub fn init<T: AccountType>(view: &AccountView) -> PerpResult<&mut T> {
    require!(view.data_len() == T::SPACE && view.owned_by(&crate::ID), PerpError::WrongAccountSize);
    // SAFETY: size and ownership checked; the account was just created by this instruction and
    // no other reference to its data exists.
    unsafe {
        let p = view.data_ptr() as *mut u8;
        require!(core::slice::from_raw_parts(p, 8) == [0u8; 8], PerpError::AlreadyInitialized);
        core::ptr::copy_nonoverlapping(T::DISCRIMINATOR.as_ptr(), p, 8);
        Ok(&mut *(p.add(8) as *mut T))
    }
}
