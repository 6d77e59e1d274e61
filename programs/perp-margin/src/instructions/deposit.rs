//! `deposit`: moves collateral from the owner's token account into the vault.
//!
//! Deposit policy for an account with an unresolved deficit (the "my deposit vanished" case):
//! - `CreditFirst` (default): rejected with `AccountHasUnresolvedDeficit` until
//!   `resolve_bankruptcy` has run. A deposit never pays an old deficit.
//! - `RepayDebtFirst`: at most `max_debt_repayment` — which the owner signed as part of this
//!   instruction — goes to the deficit, never more than the deficit; the rest is credited. The split
//!   is in the `Deposit` event.

use crate::cpi::{read_token_account, transfer_from_user};
use crate::engine::{env::Env, solvency, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, Deposit};
use crate::math::wide::{add, to_i64};
use crate::state::exchange::{pause, DepositPolicy};
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
    validate::check_vault(ex, a.vault)?;
    let (mint, _, _) = read_token_account(a.owner_token)?;
    if mint != ex.collateral_mint {
        return Err(PerpError::WrongMint);
    }
    if args.amount == 0 {
        return Err(PerpError::ZeroAmount);
    }
    to_i64(args.amount).map_err(|_| PerpError::AmountTooLarge)?;
    if ex.paused & pause::DEPOSITS != 0 {
        return Err(PerpError::ExchangePaused);
    }

    let policy = DepositPolicy::from_u8(ex.deposit_policy).ok_or(PerpError::InvalidDepositPolicy)?;
    let mut to_debt = 0u64;
    if acct.deficit_native > 0 {
        match policy {
            DepositPolicy::CreditFirst => return Err(PerpError::AccountHasUnresolvedDeficit),
            DepositPolicy::RepayDebtFirst => {
                to_debt = args.max_debt_repayment.min(acct.deficit_native).min(args.amount);
            }
        }
    }
    let credited = args.amount - to_debt;

    transfer_from_user(a.owner_token, a.vault, a.owner, args.amount)?;

    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    if to_debt > 0 {
        acct.deficit_native -= to_debt;
        env.ex.total_deficit_native -= to_debt;
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
        deposit_policy: policy as u8,
    })?;
    solvency::check_vault(env.ex, a.vault)
}
