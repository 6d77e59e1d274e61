//! The on-chain solvency rule, run at the end of every value-moving instruction:
//!
//! `vault balance + bad_debt == Σ cash − Σ deficits + fee pool + pending settlement`
//! `insurance vault balance == insurance fund`
//!
//! If either fails the instruction errors with `ConservationViolated` and the runtime discards
//! every change it made: the program refuses to reach such a state.

use crate::cpi::read_token_account;
use crate::error::{PerpError, PerpResult};
use crate::state::exchange::Exchange;
use pinocchio::AccountView;

/// Checks the trading vault.
#[inline(never)]
pub fn check_vault(ex: &Exchange, vault: &AccountView) -> PerpResult {
    require!(vault.address() == &ex.vault, PerpError::WrongVault);
    let (_, _, amount) = read_token_account(vault)?;
    match ex.required_vault_native() {
        Some(required) if required == amount as i128 => Ok(()),
        _ => Err(PerpError::ConservationViolated),
    }
}

/// Checks the insurance vault.
#[inline(never)]
pub fn check_insurance(ex: &Exchange, insurance_vault: &AccountView) -> PerpResult {
    require!(insurance_vault.address() == &ex.insurance_vault, PerpError::WrongVault);
    let (_, _, amount) = read_token_account(insurance_vault)?;
    require!(amount == ex.insurance_native, PerpError::ConservationViolated);
    Ok(())
}
