//! `deposit`: moves collateral from the owner's token account into the vault.
//!
//! Deposit policy for an account with an unresolved deficit (the "my deposit vanished" case):
//! - `CreditFirst` (default): rejected with `AccountHasUnresolvedDeficit` until
//!   `resolve_bankruptcy` has run. A deposit never pays an old deficit.
//! - `RepayDebtFirst`: at most `max_debt_repayment` — which the owner signed as part of this
//!   instruction — goes to the deficit, never more than the deficit; the rest is credited. The split
//!   is in the `Deposit` event.

use crate::cpi::{check_source_token, transfer_from_user};
use crate::engine::positions::{set_underwater, UnderwaterMark};
use crate::engine::solvency::{Vault, VaultGuard};
use crate::engine::waterfall::release_if_recovered;
use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, Deposit};
use crate::math::deposit::deposit_split;
use crate::math::safe::SafeMath;
use crate::math::wide::{add, to_i64};
use crate::state::exchange::pause;
use crate::state::margin_account::{status, NO_MARKET};
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `deposit`.
    pub struct DepositAccounts {
        /// Margin account owner, authority of the source token account.
        owner: signer,
        /// Margin account credited.
        margin_account: writable,
        /// Exchange.
        exchange: writable,
        /// Exchange vault.
        vault: writable,
        /// Owner's collateral token account.
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
    /// Arguments of `deposit`.
    pub struct DepositArgs {
        /// Amount, native.
        pub amount: u64,
        /// Most of this deposit the owner allows to repay an unresolved deficit (RepayDebtFirst
        /// exchanges only; ignored under CreditFirst), native.
        pub max_debt_repayment: u64,
    }
}

pub fn process(accounts: &[AccountView], args: &DepositArgs) -> PerpResult {
    let a = DepositAccounts::parse(accounts)?;
    validate::check_token_program(a.token_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let acct = validate::owned_margin_account_mut(a.margin_account, a.exchange.address(), a.owner)?;
    let vault_guard = VaultGuard::open(ex, Vault::Trading, a.vault)?;
    require!(args.amount != 0, PerpError::ZeroAmount);
    check_source_token(a.owner_token, &ex.collateral_mint, a.owner, args.amount)?;
    to_i64(args.amount).map_err(|_| PerpError::AmountTooLarge)?;
    require!(ex.paused & pause::DEPOSITS == 0, PerpError::ExchangePaused);
    // An exchange with uncovered bad debt takes no new money: a deposit never pays an old loss.
    require!(ex.bad_debt_native == 0, PerpError::VenueHasBadDebt);

    // Policy, deficit and the signed cap decide the split (math::deposit, previewed by the client).
    let policy = ex.deposit_policy;
    let split = deposit_split(policy, acct.deficit_native, args.amount, args.max_debt_repayment)?;
    let (to_debt, credited) = (split.to_debt_native, split.credited_native);

    transfer_from_user(a.owner_token, a.vault, a.owner, args.amount)?;

    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    if to_debt > 0 {
        acct.deficit_native = acct.deficit_native.safe_sub(to_debt)?;
        env.ex.total_deficit_native = env.ex.total_deficit_native.safe_sub(to_debt)?;
        acct.total_debt_repaid_native = acct.total_debt_repaid_native.saturating_add(to_debt);
        if acct.deficit_native == 0 {
            acct.status = status::HEALTHY;
            acct.deficit_market_index = NO_MARKET;
        }
    }
    let c = to_i64(credited)?;
    acct.cash_native = add(acct.cash_native, c)?;
    env.ex.total_cash_native = add(env.ex.total_cash_native, c)?;
    acct.total_deposits_native = acct.total_deposits_native.saturating_add(args.amount);
    if acct.underwater_native > 0 {
        // A marked account's recorded loss shrinks by what was credited (recomputed at its next
        // waterfall step or `mark_underwater`).
        let left = acct.underwater_native.saturating_sub(credited);
        let mark = UnderwaterMark { marked_native: left, keeper: *a.owner.address(), ..Default::default() };
        set_underwater(acct, a.margin_account.address(), &mark, &mut env)?;
    }

    release_if_recovered(acct, env.ex)?;
    let s = env.stamp();
    env.emit(&Deposit {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        margin_account: *a.margin_account.address(),
        owner: *a.owner.address(),
        amount_native: args.amount,
        to_debt_native: to_debt,
        credited_native: credited,
        max_debt_repayment_native: args.max_debt_repayment,
        deficit_after_native: acct.deficit_native,
        cash_after_native: acct.cash_native,
        deposit_policy: policy,
    })?;
    vault_guard.close(env.ex, a.vault)
}
