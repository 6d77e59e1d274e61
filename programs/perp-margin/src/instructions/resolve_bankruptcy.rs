//! `resolve_bankruptcy` — waterfall stage 3. Permissionless.
//!
//! An account with no positions and an unresolved deficit is paid by the insurance fund, up to the
//! fund's balance and what remains of the market's insurance cap. Whatever the fund cannot pay
//! stays as the deficit for `socialize_loss` (stage 5); ADL (stage 4) acts before this while the
//! bankrupt account still holds its position.

use crate::cpi::transfer_from_vault;
use crate::engine::solvency::{Vault, VaultGuard};
use crate::engine::waterfall::{countable_insurance, release_reservation};
use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, BankruptcyResolved, InsuranceFlow};
use crate::math::safe::SafeMath;
use crate::state::exchange::Exchange;
use crate::state::margin_account::{status, NO_MARKET};
use pinocchio::cpi::Seed;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `resolve_bankruptcy`.
    pub struct ResolveBankruptcyAccounts {
        /// Keeper (any signer).
        keeper: signer,
        /// Bankrupt margin account.
        liquidatee: writable,
        /// Exchange.
        exchange: writable,
        /// The market the deficit arose in (`deficit_market_index`).
        market: writable,
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

packed_layout! {
    /// Arguments of `resolve_bankruptcy` (none).
    pub struct ResolveBankruptcyArgs {}
}

pub fn process(accounts: &[AccountView], _args: &ResolveBankruptcyArgs) -> PerpResult {
    let a = ResolveBankruptcyAccounts::parse(accounts)?;
    validate::check_token_program(a.token_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let acct = validate::margin_account_mut(a.liquidatee, a.exchange.address())?;
    let market = validate::market_mut(a.market, a.exchange.address())?;
    let vault_guard = VaultGuard::open(ex, Vault::Trading, a.vault)?;
    let insurance_guard = VaultGuard::open(ex, Vault::Insurance, a.insurance_vault)?;
    require!(acct.deficit_native != 0, PerpError::NoDeficit);
    require!(!acct.has_positions(), PerpError::AccountHasPositions);
    require!(acct.deficit_market_index == market.market_index, PerpError::WrongMarket);
    // The account's own ADL reservation first (it was counted by its bankruptcy price), then
    // whatever is still unreserved; the reservation is released either way.
    let reserved = acct.insurance_reserved_native;
    let available = countable_insurance(acct, market, ex)?;
    let deficit_before = acct.deficit_native;
    let pay = deficit_before.min(available);
    require!(pay != 0, PerpError::InsufficientInsurance);
    release_reservation(acct, ex)?;

    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let (id, bump) = env.exchange_seed_parts();
    let seeds = [Seed::from(Exchange::SEED), Seed::from(&id), Seed::from(&bump)];
    transfer_from_vault(a.insurance_vault, a.vault, a.exchange, pay, &seeds)?;
    acct.deficit_native = acct.deficit_native.safe_sub(pay)?;
    env.ex.total_deficit_native = env.ex.total_deficit_native.safe_sub(pay)?;
    env.ex.insurance_native = env.ex.insurance_native.safe_sub(pay)?;
    env.ex.insurance_paid_native = env.ex.insurance_paid_native.saturating_add(pay);
    market.insurance_drawn_native = market.insurance_drawn_native.saturating_add(pay);
    if acct.deficit_native == 0 {
        acct.status = status::HEALTHY;
        acct.deficit_market_index = NO_MARKET;
    }

    let s = env.stamp();
    env.emit(&BankruptcyResolved {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        margin_account: *a.liquidatee.address(),
        market_index: market.market_index,
        keeper: *a.keeper.address(),
        deficit_before_native: deficit_before,
        insurance_paid_native: pay,
        deficit_after_native: acct.deficit_native,
        insurance_balance_after_native: env.ex.insurance_native,
        market_insurance_drawn_native: market.insurance_drawn_native,
        reserved_released_native: reserved,
    })?;
    let s = env.stamp();
    env.emit(&InsuranceFlow {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        kind: 3,
        amount_native: pay,
        balance_after_native: env.ex.insurance_native,
    })?;
    vault_guard.close(env.ex, a.vault)?;
    insurance_guard.close(env.ex, a.insurance_vault)
}
