//! The insurance fund: funded by anyone's deposits, swept trading fees and the fund's share of
//! liquidation fees; paid out only by `resolve_bankruptcy`; withdrawn by the admin only after a
//! request has waited `insurance_withdraw_delay_slots`. Every flow emits `InsuranceFlow`.

use crate::cpi::{check_source_token, read_token_account, transfer_from_user, transfer_from_vault};
use crate::engine::solvency::{Vault, VaultGuard};
use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, InsuranceFlow, InsuranceWithdrawalRequested, SurplusSwept};
use crate::math::safe::SafeMath;
use crate::state::exchange::Exchange;
use pinocchio::cpi::Seed;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `deposit_insurance`.
    pub struct DepositInsuranceAccounts {
        /// Funder, authority of the source token account.
        funder: signer,
        /// Exchange.
        exchange: writable,
        /// Insurance vault.
        insurance_vault: writable,
        /// Funder's collateral token account.
        funder_token: writable,
        /// SPL Token program.
        token_program: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

instruction_accounts! {
    /// Accounts of `sweep_fees`.
    pub struct SweepFeesAccounts {
        /// Anyone.
        caller: signer,
        /// Exchange.
        exchange: writable,
        /// Exchange vault.
        vault: writable,
        /// Insurance vault.
        insurance_vault: writable,
        /// SPL Token program.
        token_program: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

instruction_accounts! {
    /// Accounts of `request_insurance_withdrawal`.
    pub struct RequestInsuranceWithdrawalAccounts {
        /// Exchange admin.
        admin: signer,
        /// Exchange.
        exchange: writable,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

instruction_accounts! {
    /// Accounts of `execute_insurance_withdrawal`.
    pub struct ExecuteInsuranceWithdrawalAccounts {
        /// Exchange admin.
        admin: signer,
        /// Exchange.
        exchange: writable,
        /// Insurance vault.
        insurance_vault: writable,
        /// Destination collateral token account.
        admin_token: writable,
        /// SPL Token program.
        token_program: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// An insurance amount.
    pub struct InsuranceAmountArgs {
        /// Amount, native.
        pub amount: u64,
    }
}

packed_layout! {
    /// Arguments of `sweep_fees` (none: the whole fee pool moves).
    pub struct SweepFeesArgs {}
}

packed_layout! {
    /// Arguments of `cover_bad_debt` (none: as much as unreserved insurance allows).
    pub struct CoverBadDebtArgs {}
}

packed_layout! {
    /// Arguments of `sweep_surplus` (none: all surplus moves).
    pub struct SweepSurplusArgs {}
}

packed_layout! {
    /// Arguments of `execute_insurance_withdrawal` (none: the requested amount).
    pub struct ExecuteInsuranceWithdrawalArgs {}
}

fn flow(env: &mut Env, kind: u8, amount: u64) -> PerpResult {
    let s = env.stamp();
    env.emit(&InsuranceFlow {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        kind,
        amount_native: amount,
        balance_after_native: env.ex.insurance_native,
    })
}

pub fn process_deposit_insurance(accounts: &[AccountView], args: &InsuranceAmountArgs) -> PerpResult {
    let a = DepositInsuranceAccounts::parse(accounts)?;
    validate::check_token_program(a.token_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let insurance_guard = VaultGuard::open(ex, Vault::Insurance, a.insurance_vault)?;
    require!(args.amount != 0, PerpError::ZeroAmount);
    check_source_token(a.funder_token, &ex.collateral_mint, a.funder, args.amount)?;
    transfer_from_user(a.funder_token, a.insurance_vault, a.funder, args.amount)?;
    ex.insurance_native = ex.insurance_native.checked_add(args.amount).ok_or(PerpError::AmountTooLarge)?;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    flow(&mut env, 0, args.amount)?;
    insurance_guard.close(env.ex, a.insurance_vault)
}

pub fn process_sweep_fees(accounts: &[AccountView], _args: &SweepFeesArgs) -> PerpResult {
    let a = SweepFeesAccounts::parse(accounts)?;
    validate::check_token_program(a.token_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let vault_guard = VaultGuard::open(ex, Vault::Trading, a.vault)?;
    let insurance_guard = VaultGuard::open(ex, Vault::Insurance, a.insurance_vault)?;
    let amount = ex.fee_pool_native;
    require!(amount != 0, PerpError::ZeroAmount);
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let (id, bump) = env.exchange_seed_parts();
    let seeds = [Seed::from(Exchange::SEED), Seed::from(&id), Seed::from(&bump)];
    transfer_from_vault(a.vault, a.insurance_vault, a.exchange, amount, &seeds)?;
    env.ex.fee_pool_native = 0;
    env.ex.insurance_native = env.ex.insurance_native.checked_add(amount).ok_or(PerpError::MathOverflow)?;
    flow(&mut env, 1, amount)?;
    vault_guard.close(env.ex, a.vault)?;
    insurance_guard.close(env.ex, a.insurance_vault)
}

/// `cover_bad_debt` (permissionless): the insurance fund's unreserved balance pays uncovered bad
/// debt back into the trading vault (evented), which reopens deposits.
pub fn process_cover_bad_debt(accounts: &[AccountView], _args: &CoverBadDebtArgs) -> PerpResult {
    let a = SweepFeesAccounts::parse(accounts)?;
    validate::check_token_program(a.token_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let vault_guard = VaultGuard::open(ex, Vault::Trading, a.vault)?;
    let insurance_guard = VaultGuard::open(ex, Vault::Insurance, a.insurance_vault)?;
    let amount = ex.bad_debt_native.min(ex.insurance_unreserved());
    require!(amount > 0, PerpError::NothingToCover);
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let (id, bump) = env.exchange_seed_parts();
    let seeds = [Seed::from(Exchange::SEED), Seed::from(&id), Seed::from(&bump)];
    transfer_from_vault(a.insurance_vault, a.vault, a.exchange, amount, &seeds)?;
    env.ex.insurance_native = env.ex.insurance_native.safe_sub(amount)?;
    env.ex.bad_debt_native = env.ex.bad_debt_native.safe_sub(amount)?;
    env.ex.insurance_paid_native = env.ex.insurance_paid_native.saturating_add(amount);
    flow(&mut env, 6, amount)?;
    vault_guard.close(env.ex, a.vault)?;
    insurance_guard.close(env.ex, a.insurance_vault)
}

/// `sweep_surplus` (permissionless): moves unsolicited tokens — the trading vault's surplus over
/// every liability and the insurance vault's surplus over the fund — into the insurance fund.
pub fn process_sweep_surplus(accounts: &[AccountView], _args: &SweepSurplusArgs) -> PerpResult {
    let a = SweepFeesAccounts::parse(accounts)?;
    validate::check_token_program(a.token_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let vault_guard = VaultGuard::open(ex, Vault::Trading, a.vault)?;
    let insurance_guard = VaultGuard::open(ex, Vault::Insurance, a.insurance_vault)?;
    let from_vault = vault_guard.surplus_native();
    let in_insurance = insurance_guard.surplus_native();
    require!(from_vault > 0 || in_insurance > 0, PerpError::NoSurplus);
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    if from_vault > 0 {
        let (id, bump) = env.exchange_seed_parts();
        let seeds = [Seed::from(Exchange::SEED), Seed::from(&id), Seed::from(&bump)];
        transfer_from_vault(a.vault, a.insurance_vault, a.exchange, from_vault, &seeds)?;
    }
    let total = from_vault.safe_add(in_insurance)?;
    env.ex.insurance_native = env.ex.insurance_native.safe_add(total)?;
    env.ex.surplus_swept_native = env.ex.surplus_swept_native.safe_add(total)?;
    env.ex.vault_surplus_native = 0;
    env.ex.insurance_surplus_native = 0;
    flow(&mut env, 5, total)?;
    let s = env.stamp();
    env.emit(&SurplusSwept {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        caller: *a.caller.address(),
        vault_surplus_native: from_vault,
        insurance_surplus_native: in_insurance,
        insurance_after_native: env.ex.insurance_native,
    })?;
    vault_guard.close_expecting(env.ex, a.vault, 0)?;
    insurance_guard.close_expecting(env.ex, a.insurance_vault, 0)
}

pub fn process_request_insurance_withdrawal(
    accounts: &[AccountView],
    args: &InsuranceAmountArgs,
) -> PerpResult {
    let a = RequestInsuranceWithdrawalAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    validate::check_admin(ex, a.admin)?;
    require!(args.amount != 0, PerpError::ZeroAmount);
    // Reserved insurance is promised to bankrupt accounts already closed against it.
    require!(args.amount <= ex.insurance_unreserved(), PerpError::InsufficientInsurance);
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    env.ex.insurance_withdraw_request_native = args.amount;
    env.ex.insurance_withdraw_request_slot = env.slot;
    let executable_slot = env.slot.saturating_add(env.ex.insurance_withdraw_delay_slots);
    let s = env.stamp();
    env.emit(&InsuranceWithdrawalRequested {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        amount_native: args.amount,
        executable_slot,
    })
}

pub fn process_execute_insurance_withdrawal(
    accounts: &[AccountView],
    _args: &ExecuteInsuranceWithdrawalArgs,
) -> PerpResult {
    let a = ExecuteInsuranceWithdrawalAccounts::parse(accounts)?;
    validate::check_token_program(a.token_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    validate::check_admin(ex, a.admin)?;
    let insurance_guard = VaultGuard::open(ex, Vault::Insurance, a.insurance_vault)?;
    let (mint, _, _) = read_token_account(a.admin_token)?;
    require!(mint == ex.collateral_mint, PerpError::WrongMint);
    let amount = ex.insurance_withdraw_request_native;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    if amount == 0
        || env.slot
            < env.ex.insurance_withdraw_request_slot.saturating_add(env.ex.insurance_withdraw_delay_slots)
    {
        return Err(PerpError::InsuranceWithdrawalNotReady);
    }
    require!(amount <= env.ex.insurance_unreserved(), PerpError::InsufficientInsurance);
    let (id, bump) = env.exchange_seed_parts();
    let seeds = [Seed::from(Exchange::SEED), Seed::from(&id), Seed::from(&bump)];
    transfer_from_vault(a.insurance_vault, a.admin_token, a.exchange, amount, &seeds)?;
    env.ex.insurance_native = env.ex.insurance_native.safe_sub(amount)?;
    env.ex.insurance_withdraw_request_native = 0;
    flow(&mut env, 4, amount)?;
    insurance_guard.close(env.ex, a.insurance_vault)
}
