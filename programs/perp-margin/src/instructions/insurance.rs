//! The insurance fund: funded by anyone's deposits, swept trading fees and the fund's share of
//! liquidation fees; paid out only by `resolve_bankruptcy`; withdrawn by the admin only after a
//! request has waited `insurance_withdraw_delay_slots`. Every flow emits `InsuranceFlow`.

use crate::cpi::{check_source_token, read_token_account, transfer_from_user, transfer_from_vault};
use crate::engine::{env::Env, solvency, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, InsuranceFlow, InsuranceWithdrawalRequested};
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
    validate::check_insurance_vault(ex, a.insurance_vault)?;
    require!(args.amount != 0, PerpError::ZeroAmount);
    check_source_token(a.funder_token, &ex.collateral_mint, a.funder, args.amount)?;
    transfer_from_user(a.funder_token, a.insurance_vault, a.funder, args.amount)?;
    ex.insurance_native = ex.insurance_native.checked_add(args.amount).ok_or(PerpError::AmountTooLarge)?;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    flow(&mut env, 0, args.amount)?;
    solvency::check_insurance(env.ex, a.insurance_vault)
}

pub fn process_sweep_fees(accounts: &[AccountView], _args: &SweepFeesArgs) -> PerpResult {
    let a = SweepFeesAccounts::parse(accounts)?;
    validate::check_token_program(a.token_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    validate::check_vault(ex, a.vault)?;
    validate::check_insurance_vault(ex, a.insurance_vault)?;
    let amount = ex.fee_pool_native;
    require!(amount != 0, PerpError::ZeroAmount);
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let (id, bump) = env.exchange_seed_parts();
    let seeds = [Seed::from(Exchange::SEED), Seed::from(&id), Seed::from(&bump)];
    transfer_from_vault(a.vault, a.insurance_vault, a.exchange, amount, &seeds)?;
    env.ex.fee_pool_native = 0;
    env.ex.insurance_native = env.ex.insurance_native.checked_add(amount).ok_or(PerpError::MathOverflow)?;
    flow(&mut env, 1, amount)?;
    solvency::check_vault(env.ex, a.vault)?;
    solvency::check_insurance(env.ex, a.insurance_vault)
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
    require!(args.amount <= ex.insurance_native, PerpError::InsufficientInsurance);
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
    validate::check_insurance_vault(ex, a.insurance_vault)?;
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
    require!(amount <= env.ex.insurance_native, PerpError::InsufficientInsurance);
    let (id, bump) = env.exchange_seed_parts();
    let seeds = [Seed::from(Exchange::SEED), Seed::from(&id), Seed::from(&bump)];
    transfer_from_vault(a.insurance_vault, a.admin_token, a.exchange, amount, &seeds)?;
    env.ex.insurance_native = env.ex.insurance_native.safe_sub(amount)?;
    env.ex.insurance_withdraw_request_native = 0;
    flow(&mut env, 4, amount)?;
    solvency::check_insurance(env.ex, a.insurance_vault)
}
