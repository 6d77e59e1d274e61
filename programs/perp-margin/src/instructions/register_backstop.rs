//! `register_backstop` / `deregister_backstop`: a margin account's owner opts in (or out) as a
//! backstop liquidator for a set of markets.

use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, BackstopChanged};
use crate::math::safe::{SafeCast, SafeMath};
use crate::state::backstop::{BackstopEntry, BackstopRegistry, MAX_BACKSTOPS};
use crate::state::load_mut;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `register_backstop` and `deregister_backstop`.
    pub struct RegisterBackstopAccounts {
        /// Margin account owner.
        owner: signer,
        /// Margin account that will take over positions.
        margin_account: writable,
        /// Exchange.
        exchange: writable,
        /// Backstop registry.
        backstop_registry: writable,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `register_backstop`.
    pub struct RegisterBackstopArgs {
        /// Bit `i` set: backstop market index `i` (non-zero).
        pub market_mask: u64,
    }
}

packed_layout! {
    /// Arguments of `deregister_backstop` (none).
    pub struct DeregisterBackstopArgs {}
}

fn load<'a>(a: &RegisterBackstopAccounts<'a>) -> PerpResult<&'a mut BackstopRegistry> {
    check_event_authority(a.event_authority, a.program)?;
    validate::owned_margin_account_mut(a.margin_account, a.exchange.address(), a.owner)?;
    let reg = load_mut::<BackstopRegistry>(a.backstop_registry)?;
    require!(&reg.exchange == a.exchange.address(), PerpError::WrongExchange);
    Ok(reg)
}

pub fn process(accounts: &[AccountView], args: &RegisterBackstopArgs) -> PerpResult {
    let a = RegisterBackstopAccounts::parse(accounts)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let reg = load(&a)?;
    require!(args.market_mask != 0, PerpError::InvalidConfig);
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    match reg.find(a.margin_account.address()) {
        Some(i) => reg.entries[i].market_mask = args.market_mask,
        None => {
            let n = reg.count as usize;
            require!(n < MAX_BACKSTOPS, PerpError::BackstopRegistryFull);
            reg.entries[n] = BackstopEntry {
                margin_account: *a.margin_account.address(),
                market_mask: args.market_mask,
                registered_slot: env.slot,
                ..Default::default()
            };
            reg.count = reg.count.safe_add(1)?;
        }
    }
    let s = env.stamp();
    env.emit(&BackstopChanged {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        margin_account: *a.margin_account.address(),
        market_mask: args.market_mask,
        active: 1,
    })
}

pub fn process_deregister(accounts: &[AccountView], _args: &DeregisterBackstopArgs) -> PerpResult {
    let a = RegisterBackstopAccounts::parse(accounts)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let reg = load(&a)?;
    let i = reg.find(a.margin_account.address()).ok_or(PerpError::NotRegisteredBackstop)?;
    let last = reg.count.safe_sub(1)?.to_usize()?;
    reg.entries[i] = reg.entries[last];
    reg.entries[last] = BackstopEntry::default();
    reg.count = reg.count.safe_sub(1)?;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let s = env.stamp();
    env.emit(&BackstopChanged {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        margin_account: *a.margin_account.address(),
        market_mask: 0,
        active: 0,
    })
}
