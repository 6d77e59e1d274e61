//! `initialize_exchange`: creates the exchange PDA, its two token vaults (owned by the exchange PDA)
//! and the backstop registry.

use crate::cpi::{
    create_pda_account, init_token_account, read_mint_decimals, TOKEN_ACCOUNT_LEN, TOKEN_PROGRAM_ID,
};
use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, ExchangeInitialized};
use crate::state::backstop::BackstopRegistry;
use crate::state::exchange::{DepositPolicy, Exchange};
use crate::state::{init, AccountType};
use pinocchio::cpi::Seed;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `initialize_exchange`.
    pub struct InitializeExchangeAccounts {
        /// Admin and rent payer.
        admin: writable_signer,
        /// Exchange PDA `["exchange", exchange_id]` (created).
        exchange: writable,
        /// Collateral SPL mint.
        collateral_mint: readonly,
        /// Vault PDA `["vault", exchange]` (created as a token account).
        vault: writable,
        /// Insurance vault PDA `["insurance", exchange]` (created as a token account).
        insurance_vault: writable,
        /// Backstop registry PDA `["backstops", exchange]` (created).
        backstop_registry: writable,
        /// System program.
        system_program: readonly,
        /// SPL Token program.
        token_program: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `initialize_exchange`.
    pub struct InitializeExchangeArgs {
        /// Id in the exchange PDA seeds.
        pub exchange_id: u16,
        /// 0 CreditFirst (default), 1 RepayDebtFirst.
        pub deposit_policy: u8,
        /// Delay between an insurance withdrawal request and its execution, slots.
        pub insurance_withdraw_delay_slots: u64,
        /// Least capacity a backstop must commit to register, native (> 0).
        pub min_backstop_capacity_native: u64,
    }
}

pub fn process(accounts: &[AccountView], args: &InitializeExchangeArgs) -> PerpResult {
    let a = InitializeExchangeAccounts::parse(accounts)?;
    validate::check_system_program(a.system_program)?;
    validate::check_token_program(a.token_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let decimals = read_mint_decimals(a.collateral_mint)?;
    let policy = DepositPolicy::from_u8(args.deposit_policy).ok_or(PerpError::InvalidDepositPolicy)?;

    let id = args.exchange_id.to_le_bytes();
    let bump = validate::find_pda(a.exchange, &[Exchange::SEED, &id])?;
    let ex_key = a.exchange.address().to_bytes();
    let vault_bump = validate::find_pda(a.vault, &[Exchange::VAULT_SEED, &ex_key])?;
    let ins_bump = validate::find_pda(a.insurance_vault, &[Exchange::INSURANCE_SEED, &ex_key])?;
    let reg_bump = validate::find_pda(a.backstop_registry, &[BackstopRegistry::SEED, &ex_key])?;

    let b = [bump];
    create_pda_account(
        a.admin,
        a.exchange,
        Exchange::SPACE,
        &crate::ID,
        &[Seed::from(Exchange::SEED), Seed::from(&id), Seed::from(&b)],
    )?;
    let vb = [vault_bump];
    create_pda_account(
        a.admin,
        a.vault,
        TOKEN_ACCOUNT_LEN,
        &TOKEN_PROGRAM_ID,
        &[Seed::from(Exchange::VAULT_SEED), Seed::from(&ex_key), Seed::from(&vb)],
    )?;
    init_token_account(a.vault, a.collateral_mint, a.exchange.address())?;
    let ib = [ins_bump];
    create_pda_account(
        a.admin,
        a.insurance_vault,
        TOKEN_ACCOUNT_LEN,
        &TOKEN_PROGRAM_ID,
        &[Seed::from(Exchange::INSURANCE_SEED), Seed::from(&ex_key), Seed::from(&ib)],
    )?;
    init_token_account(a.insurance_vault, a.collateral_mint, a.exchange.address())?;
    let rb = [reg_bump];
    create_pda_account(
        a.admin,
        a.backstop_registry,
        BackstopRegistry::SPACE,
        &crate::ID,
        &[Seed::from(BackstopRegistry::SEED), Seed::from(&ex_key), Seed::from(&rb)],
    )?;

    let reg = init::<BackstopRegistry>(a.backstop_registry)?;
    reg.exchange = *a.exchange.address();
    reg.bump = reg_bump;

    let ex = init::<Exchange>(a.exchange)?;
    ex.admin = *a.admin.address();
    ex.collateral_mint = *a.collateral_mint.address();
    ex.vault = *a.vault.address();
    ex.insurance_vault = *a.insurance_vault.address();
    ex.exchange_id = args.exchange_id;
    ex.bump = bump;
    ex.vault_bump = vault_bump;
    ex.insurance_vault_bump = ins_bump;
    ex.deposit_policy = policy as u8;
    ex.collateral_decimals = decimals;
    ex.insurance_withdraw_delay_slots = args.insurance_withdraw_delay_slots;
    require!(args.min_backstop_capacity_native > 0, PerpError::InvalidConfig);
    ex.min_backstop_capacity_native = args.min_backstop_capacity_native;

    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let s = env.stamp();
    env.emit(&ExchangeInitialized {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        exchange: *a.exchange.address(),
        admin: *a.admin.address(),
        collateral_mint: *a.collateral_mint.address(),
        vault: *a.vault.address(),
        insurance_vault: *a.insurance_vault.address(),
        deposit_policy: policy as u8,
    })
}
