//! The on-chain solvency rule, run around every value-moving instruction:
//!
//! `vault balance + bad_debt == Σ cash − Σ deficits + fee pool + pending settlement + surplus`
//! `insurance vault balance == insurance fund + insurance surplus`
//!
//! **Surplus** is what someone sent to a vault without going through the program (a plain SPL
//! transfer): nobody's liability, so it is not a fault — it is counted, shown in the `Exchange`
//! (`vault_surplus_native`, `insurance_surplus_native`) and moved into the insurance fund by the
//! permissionless `sweep_surplus`. The rule stays exact: an instruction reads each vault's surplus
//! when it starts ([`VaultGuard::open`]) and, when it ends, requires the surplus to be *exactly*
//! the same ([`VaultGuard::close`]) — the instruction's own transfers and ledger changes must
//! balance to the native unit; only an outside transfer can change the surplus, and none can happen
//! inside an instruction. A negative surplus (liabilities not covered) fails with
//! `ConservationViolated` and the runtime discards every change: the program refuses such a state.
//!
//! Every margin account an instruction touched is also checked to be classified: an account with
//! no position never keeps negative cash (it is BANKRUPT with that exact deficit instead).

use crate::cpi::read_token_account;
use crate::error::{PerpError, PerpResult};
use crate::state::exchange::Exchange;
use crate::state::margin_account::MarginAccount;
use pinocchio::AccountView;

/// Which vault a guard watches.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Vault {
    /// The trading vault: traders' cash, fees, pending settlement.
    Trading,
    /// The insurance vault: the insurance fund.
    Insurance,
}

/// A vault's surplus over its liabilities when the instruction started.
#[must_use = "an opened guard must be closed at the end of the instruction"]
pub struct VaultGuard {
    vault: Vault,
    surplus_native: u64,
}

#[inline(always)]
fn surplus_now(ex: &Exchange, vault: Vault, view: &AccountView) -> PerpResult<i128> {
    let (address, liabilities) = match vault {
        Vault::Trading => (&ex.vault, ex.required_vault_native().ok_or(PerpError::MathOverflow)?),
        Vault::Insurance => (&ex.insurance_vault, i128::from(ex.insurance_native)),
    };
    require!(view.address() == address, PerpError::WrongVault);
    let (_, _, amount) = read_token_account(view)?;
    i128::from(amount).checked_sub(liabilities).ok_or(PerpError::MathOverflow)
}

impl VaultGuard {
    /// Reads the vault's surplus (balance − liabilities, ≥ 0) and records it in the exchange.
    #[inline(never)]
    pub fn open(ex: &mut Exchange, vault: Vault, view: &AccountView) -> PerpResult<VaultGuard> {
        let s = surplus_now(ex, vault, view)?;
        require!(s >= 0, PerpError::ConservationViolated);
        let surplus_native = u64::try_from(s).map_err(|_| PerpError::MathOverflow)?;
        match vault {
            Vault::Trading => ex.vault_surplus_native = surplus_native,
            Vault::Insurance => ex.insurance_surplus_native = surplus_native,
        }
        Ok(VaultGuard { vault, surplus_native })
    }

    /// The surplus seen when the instruction started.
    #[inline(always)]
    pub fn surplus_native(&self) -> u64 {
        self.surplus_native
    }

    /// Requires the vault's surplus to be exactly what it was at `open`.
    #[inline(never)]
    pub fn close(self, ex: &Exchange, view: &AccountView) -> PerpResult {
        let expected = self.surplus_native;
        self.close_expecting(ex, view, expected)
    }

    /// Requires the vault's surplus to be exactly `expected` (`sweep_surplus` moves it out).
    #[inline(never)]
    pub fn close_expecting(self, ex: &Exchange, view: &AccountView, expected: u64) -> PerpResult {
        let s = surplus_now(ex, self.vault, view)?;
        require!(s == i128::from(expected), PerpError::ConservationViolated);
        Ok(())
    }
}

/// An account the instruction touched holds no position with negative cash (it would have been
/// made BANKRUPT with that deficit).
#[inline(always)]
pub fn check_classified(acct: &MarginAccount) -> PerpResult {
    require!(acct.cash_native >= 0 || acct.has_positions(), PerpError::ConservationViolated);
    Ok(())
}
