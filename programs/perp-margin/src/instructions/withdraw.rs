//! `withdraw`: moves collateral from the vault to the owner, keeping equity ≥ initial margin and a
//! registered backstop's committed capacity. Oracle guards apply only to markets the account holds
//! (pass those as `(market, oracle)` pairs).

use crate::cpi::{read_token_account, transfer_from_vault};
use crate::engine::risk::{
    account_health, refresh_liquidation_status, settle_account, MarketTable, Valuation,
};
use crate::engine::solvency::{Vault, VaultGuard};
use crate::engine::waterfall::release_if_recovered;
use crate::engine::{env::Env, solvency, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, Withdraw};
use crate::math::safe::SafeMath;
use crate::math::wide::{mul_div_ceil, sub, to_i64};
use crate::state::exchange::{pause, Exchange};
use crate::state::margin_account::status;
use pinocchio::cpi::Seed;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `withdraw`. Remaining: `(market, oracle)` pairs of every market the account holds.
    pub struct WithdrawAccounts {
        /// Margin account owner.
        owner: signer,
        /// Margin account debited.
        margin_account: writable,
        /// Exchange.
        exchange: writable,
        /// Exchange vault.
        vault: writable,
        /// Backstop registry: a registered account keeps the free collateral it committed.
        backstop_registry: readonly,
        /// Destination token account (collateral mint).
        owner_token: writable,
        /// SPL Token program.
        token_program: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `withdraw`.
    pub struct WithdrawArgs {
        /// Amount, native.
        pub amount: u64,
    }
}

pub fn process(accounts: &[AccountView], args: &WithdrawArgs) -> PerpResult {
    let a = WithdrawAccounts::parse(accounts)?;
    validate::check_token_program(a.token_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let acct = validate::owned_margin_account_mut(a.margin_account, a.exchange.address(), a.owner)?;
    let vault_guard = VaultGuard::open(ex, Vault::Trading, a.vault)?;
    let (mint, _, _) = read_token_account(a.owner_token)?;
    require!(mint == ex.collateral_mint, PerpError::WrongMint);
    require!(args.amount != 0, PerpError::ZeroAmount);
    to_i64(args.amount).map_err(|_| PerpError::AmountTooLarge)?;
    require!(ex.paused & pause::WITHDRAWALS == 0, PerpError::ExchangePaused);
    require!(acct.status != status::BANKRUPT && acct.deficit_native == 0, PerpError::AccountBankrupt);
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let mut table = MarketTable::new();
    table.load_pairs(a.remaining, a.exchange.address(), env.slot)?;
    settle_account(acct, a.margin_account.address(), &table, &mut env)?;
    if acct.status == status::BEING_LIQUIDATED {
        refresh_liquidation_status(acct, &account_health(acct, &table, Valuation::Conservative)?, &table)?;
        require!(acct.status != status::BEING_LIQUIDATED, PerpError::AccountBeingLiquidated);
    }

    // While uncovered bad debt exists the vault holds less than every claim: each withdrawal
    // gives up a claim larger by the same ratio (liabilities / vault), so the loss is shared pro
    // rata by whoever withdraws, in any order — never left to the last depositor.
    let claim = claim_for_withdrawal(env.ex, args.amount)?;
    let written_off = claim.safe_sub(args.amount)?;
    let c = to_i64(claim)?;
    acct.cash_native = sub(acct.cash_native, c)?;
    env.ex.total_cash_native = sub(env.ex.total_cash_native, c)?;
    env.ex.bad_debt_native = env.ex.bad_debt_native.safe_sub(written_off)?;
    // Checked after the debit: initial margin still met, and no unrealized gain withdrawn.
    let h = account_health(acct, &table, Valuation::Strict)?;
    require!(h.meets_initial() && h.withdrawable()? >= 0, PerpError::InsufficientCollateral);
    // A backstop's commitment binds: what it committed stays in the account while registered.
    let reg = validate::registry(a.backstop_registry, a.exchange.address())?;
    if let Some(i) = reg.find(a.margin_account.address()) {
        let committed = to_i64(reg.entries[i].capacity_native)?;
        require!(h.withdrawable()? >= committed, PerpError::BackstopCapacityCommitted);
    }
    acct.total_withdrawals_native = acct.total_withdrawals_native.saturating_add(args.amount);

    let (id, bump) = env.exchange_seed_parts();
    let seeds = [Seed::from(Exchange::SEED), Seed::from(&id), Seed::from(&bump)];
    transfer_from_vault(a.vault, a.owner_token, a.exchange, args.amount, &seeds)?;

    let s = env.stamp();
    env.emit(&Withdraw {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        margin_account: *a.margin_account.address(),
        owner: *a.owner.address(),
        amount_native: args.amount,
        cash_after_native: acct.cash_native,
        bad_debt_share_native: written_off,
    })?;
    release_if_recovered(acct, env.ex)?;
    solvency::check_classified(acct)?;
    vault_guard.close(env.ex, a.vault)
}

/// The cash claim a withdrawal of `amount` tokens consumes: `amount` itself, or with uncovered bad
/// debt `⌈amount × liabilities / (liabilities − bad debt)⌉` — the same haircut for everyone.
#[inline(always)]
fn claim_for_withdrawal(ex: &Exchange, amount: u64) -> PerpResult<u64> {
    if ex.bad_debt_native == 0 {
        return Ok(amount);
    }
    let held = ex.required_vault_native().ok_or(PerpError::MathOverflow)?; // liabilities − bad debt
    require!(held > 0, PerpError::InsufficientCollateral);
    let held = u64::try_from(held).map_err(|_| PerpError::MathOverflow)?;
    let liabilities = held.safe_add(ex.bad_debt_native)?;
    mul_div_ceil(amount, liabilities, held)
}
