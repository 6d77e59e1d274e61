//! `set_exchange_config`: admin sets the deposit policy and pause bits.

use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, ConfigChanged};
use crate::state::exchange::DepositPolicy;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `set_exchange_config`.
    pub struct SetExchangeConfigAccounts {
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

packed_layout! {
    /// Arguments of `set_exchange_config`.
    pub struct SetExchangeConfigArgs {
        /// 0 CreditFirst, 1 RepayDebtFirst.
        pub deposit_policy: u8,
        /// Pause bits: 1 deposits, 2 withdrawals, 4 trading.
        pub paused: u8,
        /// Least capacity a backstop must commit to register, native (> 0).
        pub min_backstop_capacity_native: u64,
    }
}

pub fn process(accounts: &[AccountView], args: &SetExchangeConfigArgs) -> PerpResult {
    let a = SetExchangeConfigAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    validate::check_admin(ex, a.admin)?;
    let policy = DepositPolicy::from_u8(args.deposit_policy).ok_or(PerpError::InvalidDepositPolicy)?;
    require!(args.paused <= 7, PerpError::InvalidConfig);
    require!(args.min_backstop_capacity_native > 0, PerpError::InvalidConfig);
    ex.deposit_policy = policy as u8;
    ex.paused = args.paused;
    ex.min_backstop_capacity_native = args.min_backstop_capacity_native;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let s = env.stamp();
    env.emit(&ConfigChanged {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        deposit_policy: policy as u8,
        paused: args.paused,
    })
}
