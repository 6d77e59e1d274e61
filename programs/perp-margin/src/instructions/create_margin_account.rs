//! `create_margin_account`: opens the signer's margin account number `sub_account_id`.

use crate::cpi::create_pda_account;
use crate::engine::{env::Env, validate};
use crate::error::PerpResult;
use crate::events::{check_event_authority, MarginAccountCreated};
use crate::state::margin_account::{MarginAccount, Position, NO_MARKET};
use crate::state::{init, AccountType};
use pinocchio::cpi::Seed;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `create_margin_account`.
    pub struct CreateMarginAccountAccounts {
        /// Owner and rent payer.
        owner: writable_signer,
        /// Exchange.
        exchange: writable,
        /// Margin account PDA `["margin", exchange, owner, sub_account_id]` (created).
        margin_account: writable,
        /// System program.
        system_program: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `create_margin_account`.
    pub struct CreateMarginAccountArgs {
        /// Sub-account id (an owner may hold several accounts).
        pub sub_account_id: u16,
    }
}

pub fn process(accounts: &[AccountView], args: &CreateMarginAccountArgs) -> PerpResult {
    let a = CreateMarginAccountAccounts::parse(accounts)?;
    validate::check_system_program(a.system_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let ex_key = a.exchange.address().to_bytes();
    let owner_key = a.owner.address().to_bytes();
    let sub = args.sub_account_id.to_le_bytes();
    let bump = validate::find_pda(a.margin_account, &[MarginAccount::SEED, &ex_key, &owner_key, &sub])?;
    let b = [bump];
    create_pda_account(
        a.owner,
        a.margin_account,
        MarginAccount::SPACE,
        &crate::ID,
        &[
            Seed::from(MarginAccount::SEED),
            Seed::from(&ex_key),
            Seed::from(&owner_key),
            Seed::from(&sub),
            Seed::from(&b),
        ],
    )?;
    let acct = init::<MarginAccount>(a.margin_account)?;
    acct.exchange = *a.exchange.address();
    acct.owner = *a.owner.address();
    acct.sub_account_id = args.sub_account_id;
    acct.bump = bump;
    acct.deficit_market_index = NO_MARKET;
    acct.insurance_reserved_market = NO_MARKET;
    for p in acct.positions.iter_mut() {
        *p = Position { market_index: NO_MARKET, ..Default::default() };
    }
    ex.margin_account_count = ex.margin_account_count.wrapping_add(1);
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let s = env.stamp();
    env.emit(&MarginAccountCreated {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        margin_account: *a.margin_account.address(),
        owner: *a.owner.address(),
        sub_account_id: args.sub_account_id,
    })
}
