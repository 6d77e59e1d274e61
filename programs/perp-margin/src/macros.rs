//! Declarative macros that make one Rust declaration the single source of a layout, its checks,
//! and its IDL entry — so the committed IDL cannot drift from the code without a failing test.

/// Declares a `#[repr(C)]` plain-old-data struct (account body, event, argument block or nested
/// type). It also:
/// - asserts at compile time that the struct has no implicit padding, so a field-by-field (borsh)
///   decode in TypeScript reads exactly the C layout;
/// - marks it `Pod` for zero-copy access;
/// - on the host, describes every field (name, IDL type, docs, byte offset) for the IDL generator.
#[macro_export]
macro_rules! layout {
    ($(#[doc = $doc:literal])* pub struct $name:ident { $($body:tt)* }) => {
        $crate::layout!(@impl [C] false; $(#[doc = $doc])* pub struct $name { $($body)* });
    };
    (@impl [$($repr:tt)*] $packed:literal;
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $( $(#[doc = $fdoc:literal])* pub $field:ident : $ty:ty ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[repr($($repr)*)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct $name { $( $(#[doc = $fdoc])* pub $field: $ty, )* }

        const _: () = assert!(
            core::mem::size_of::<$name>() == 0 $(+ core::mem::size_of::<$ty>())*,
            "layout has implicit padding: add an explicit _pad field"
        );

        // SAFETY: `repr(C)` (or packed), no implicit padding (asserted above), and every field is
        // an integer, byte array, address or another `Pod` type: every bit pattern is valid.
        unsafe impl $crate::state::Pod for $name {}

        impl Default for $name {
            fn default() -> Self {
                // SAFETY: all-zero bytes are a valid value of a `Pod` type.
                unsafe { core::mem::zeroed() }
            }
        }

        #[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
        impl $crate::idl::IdlTyped for $name {
            fn idl_type() -> $crate::idl::Ty {
                $crate::idl::Ty::Defined(stringify!($name))
            }
            fn register_nested(reg: &mut $crate::idl::Registry) {
                <Self as $crate::idl::IdlStruct>::register(reg)
            }
        }

        #[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
        impl $crate::idl::IdlStruct for $name {
            const NAME: &'static str = stringify!($name);
            const PACKED: bool = $packed;
            fn docs() -> std::vec::Vec<&'static str> { std::vec![$($doc.trim()),*] }
            fn fields() -> std::vec::Vec<$crate::idl::Field> {
                std::vec![ $( $crate::idl::Field {
                    name: stringify!($field),
                    ty: <$ty as $crate::idl::IdlTyped>::idl_type(),
                    docs: std::vec![$($fdoc.trim()),*],
                    offset: core::mem::offset_of!($name, $field),
                    size: core::mem::size_of::<$ty>(),
                }, )* ]
            }
            fn register_fields(_reg: &mut $crate::idl::Registry) {
                $( <$ty as $crate::idl::IdlTyped>::register_nested(_reg); )*
            }
        }
    };
}

/// `layout!` with `repr(C, packed)`: for instruction arguments and events, which are read and
/// written by copy (never referenced in place), so mixing `u8` and `u64` fields needs no padding.
#[macro_export]
macro_rules! packed_layout {
    ($(#[doc = $doc:literal])* pub struct $name:ident { $($body:tt)* }) => {
        $crate::layout!(@impl [C, packed] true; $(#[doc = $doc])* pub struct $name { $($body)* });
    };
}

/// Declares an instruction's fixed accounts in order, with their role. Generates a struct of
/// `&AccountView` fields plus the trailing (remaining) accounts, a `parse` that checks count,
/// signers and writability in that order (specific errors, nothing changed), and the IDL list.
///
/// Roles: `signer`, `writable`, `writable_signer`, `readonly`. Any other role is a compile error:
///
/// ```
/// perp_margin::instruction_accounts! {
///     /// Four accounts, one of each role.
///     pub struct Good { owner: signer, vault: writable, payer: writable_signer, oracle: readonly }
/// }
/// assert_eq!(Good::LEN, 4);
/// ```
///
/// ```compile_fail
/// perp_margin::instruction_accounts! {
///     /// `signr` is not a role: this must not compile.
///     pub struct Bad { owner: signr, vault: writable, payer: writable_signer, oracle: readonly }
/// }
/// ```
#[macro_export]
macro_rules! instruction_accounts {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $( $(#[doc = $fdoc:literal])* $field:ident : $role:ident ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name<'a> {
            $( $(#[doc = $fdoc])* pub $field: &'a pinocchio::AccountView, )*
            /// Accounts after the fixed ones (markets/oracles, makers, candidates…).
            pub remaining: &'a [pinocchio::AccountView],
        }

        impl<'a> $name<'a> {
            /// Number of fixed accounts.
            pub const LEN: usize = [$(stringify!($field)),*].len();

            /// Splits `accounts` into the named accounts and the rest, checking signers and
            /// writability.
            #[inline(always)]
            pub fn parse(accounts: &'a [pinocchio::AccountView]) -> $crate::error::PerpResult<Self> {
                let [$($field,)* remaining @ ..] = accounts else {
                    return Err($crate::error::PerpError::NotEnoughAccounts);
                };
                // Signers first, then writability (STYLE.md validation order).
                $( $crate::instruction_accounts!(@signer $field, $role); )*
                $( $crate::instruction_accounts!(@writable $field, $role); )*
                Ok(Self { $($field,)* remaining })
            }

            /// IDL description of the fixed accounts, in order.
            #[cfg(not(any(target_arch = "bpf", target_os = "solana")))]
            pub fn idl() -> std::vec::Vec<$crate::idl::AccountMeta> {
                std::vec![ $( $crate::idl::AccountMeta::new(
                    stringify!($field), stringify!($role), std::vec![$($fdoc.trim()),*]
                ), )* ]
            }
        }
    };
    (@signer $a:ident, signer) => {
        if !$a.is_signer() { return Err($crate::error::PerpError::MissingSigner); }
    };
    (@signer $a:ident, writable_signer) => {
        if !$a.is_signer() { return Err($crate::error::PerpError::MissingSigner); }
    };
    (@signer $a:ident, writable) => {};
    (@signer $a:ident, readonly) => {};
    // Any other role is a typo (`signr`, `mut`…): refuse to compile rather than silently declaring
    // an unchecked read-only account (and an IDL saying "not a signer").
    (@signer $a:ident, $other:ident) => {
        compile_error!(concat!(
            "unknown account role `", stringify!($other), "` for `", stringify!($a),
            "`: use signer, writable, writable_signer or readonly"
        ));
    };
    (@writable $a:ident, writable) => {
        if !$a.is_writable() { return Err($crate::error::PerpError::AccountNotWritable); }
    };
    (@writable $a:ident, writable_signer) => {
        if !$a.is_writable() { return Err($crate::error::PerpError::AccountNotWritable); }
    };
    (@writable $a:ident, signer) => {};
    (@writable $a:ident, readonly) => {};
    (@writable $a:ident, $other:ident) => {};
}

/// `require!(cond, PerpError::X)`: returns `Err(PerpError::X)` early unless `cond` holds. Every
/// validation in the program reads as the rule that must hold.
#[macro_export]
macro_rules! require {
    ($cond:expr, $err:expr) => {
        if !($cond) {
            return Err($err);
        }
    };
}
