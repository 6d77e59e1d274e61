//! How a deposit is split between an unresolved deficit and the account's cash.
//!
//! This is the "my deposit vanished" rule, kept as one pure function so that the program, the host
//! tests and the client's pre-signing preview (`client/src/math/deposit.ts`) cannot disagree:
//! - `CreditFirst` (default): an account with an unresolved deficit cannot take deposits at all
//!   (`AccountHasUnresolvedDeficit`) until `resolve_bankruptcy` has run; otherwise everything is
//!   credited. A deposit never pays an old deficit.
//! - `RepayDebtFirst` (opt-in per exchange): `min(max_debt_repayment, deficit, amount)` goes to the
//!   deficit — the owner signed `max_debt_repayment` as part of the instruction — and the rest is
//!   credited. Non-recourse: never more than the deficit, never more than the deposit.
//!
//! No rounding: the split is exact and `to_debt_native + credited_native == amount`.

use super::safe::SafeMath;
use crate::error::{PerpError, PerpResult};
use crate::state::exchange::DepositPolicy;

/// The two parts of a deposit, native.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DepositSplit {
    /// Applied to the unresolved deficit, native.
    pub to_debt_native: u64,
    /// Credited to cash, native.
    pub credited_native: u64,
}

/// Splits a deposit of `amount` native under the exchange's `policy` byte (`DepositPolicy`) for an
/// account whose unresolved deficit is `deficit_native`. An unknown policy byte is
/// `InvalidDepositPolicy`, whatever the deficit.
#[inline(always)]
pub fn deposit_split(
    policy: u8,
    deficit_native: u64,
    amount: u64,
    max_debt_repayment: u64,
) -> PerpResult<DepositSplit> {
    let policy = DepositPolicy::from_u8(policy).ok_or(PerpError::InvalidDepositPolicy)?;
    let mut to_debt_native = 0u64;
    if deficit_native > 0 {
        match policy {
            DepositPolicy::CreditFirst => return Err(PerpError::AccountHasUnresolvedDeficit),
            DepositPolicy::RepayDebtFirst => {
                to_debt_native = max_debt_repayment.min(deficit_native).min(amount);
            }
        }
    }
    // to_debt ≤ amount, so this cannot fail.
    Ok(DepositSplit { to_debt_native, credited_native: amount.safe_sub(to_debt_native)? })
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

    const CREDIT_FIRST: u8 = DepositPolicy::CreditFirst as u8;
    const REPAY_DEBT_FIRST: u8 = DepositPolicy::RepayDebtFirst as u8;

    #[test]
    fn credit_first_rejects_a_deficit_and_never_repays() {
        assert_eq!(
            deposit_split(CREDIT_FIRST, 0, 500, 500),
            Ok(DepositSplit { to_debt_native: 0, credited_native: 500 })
        );
        assert_eq!(deposit_split(CREDIT_FIRST, 1, 500, 500), Err(PerpError::AccountHasUnresolvedDeficit));
    }

    #[test]
    fn repay_debt_first_is_capped_by_signature_deficit_and_amount() {
        let s = |d, a, m| deposit_split(REPAY_DEBT_FIRST, d, a, m).unwrap();
        assert_eq!(s(300, 1_000, 1_000), DepositSplit { to_debt_native: 300, credited_native: 700 }); // deficit
        assert_eq!(s(300, 1_000, 100), DepositSplit { to_debt_native: 100, credited_native: 900 }); // signed max
        assert_eq!(s(3_000, 1_000, 5_000), DepositSplit { to_debt_native: 1_000, credited_native: 0 }); // amount
        assert_eq!(s(0, 1_000, 1_000), DepositSplit { to_debt_native: 0, credited_native: 1_000 });
    }

    #[test]
    fn unknown_policy_is_rejected() {
        assert_eq!(deposit_split(2, 0, 1, 0), Err(PerpError::InvalidDepositPolicy));
    }
}
