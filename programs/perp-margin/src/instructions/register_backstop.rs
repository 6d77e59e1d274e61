//! The backstop registry: who may take over positions the book cannot absorb (waterfall stage 2).
//!
//! **Skin in the game.** Registering commits a capacity — free collateral (equity − initial margin
//! − unrealized gains, every held oracle good) the backstop keeps for the positions it may take —
//! of at least the exchange's `min_backstop_capacity_native`, and the account must hold it when it
//! registers. The commitment binds: `withdraw` keeps it in the account, and for
//! [`BACKSTOP_LOCK_SLOTS`] after registering (or raising it) the owner can neither leave nor lower
//! it — so the same collateral cannot be flashed through many registrations. Anyone may evict an
//! entry whose account no longer holds its capacity (trading losses, positions) or went bankrupt,
//! and may drop a market from an entry whose account has no position slot left for it; the admin
//! may remove any entry; when the registry is full a newcomer committing more than the weakest
//! entry displaces it. So the registry cannot be filled for the price of rent, and the ADL gate
//! (`auto_deleverage`) counts only entries whose capacity could take the position now.
//!
//! - `register_backstop` (owner): registers or updates (markets, capacity). Remaining: the
//!   account's `(market, oracle)` pairs. A full registry: the weakest entry is displaced if the
//!   newcomer commits more, else `BackstopRegistryFull`.
//! - `deregister_backstop` (owner): leaves (after the lock period).
//! - `evict_backstop` (anyone): removes an entry whose account is bankrupt or holds less free
//!   collateral than it committed (valued with bad oracles at their worst case); with a market
//!   index, drops that market from the entry when the account has neither a position there nor a
//!   free position slot (it could not take a position). Remaining: its `(market, oracle)` pairs.
//! - `remove_backstop` (admin): removes an entry.

use crate::engine::risk::{account_health, MarketTable, Valuation};
use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, BackstopChanged};
use crate::math::safe::{positive_part, SafeMath};
use crate::state::backstop::{BackstopEntry, BackstopRegistry, MAX_BACKSTOPS};
use crate::state::load_mut;
use crate::state::margin_account::{status, MarginAccount, NO_MARKET};
use pinocchio::{AccountView, Address};

/// Slots after registering (or raising its commitment) during which a backstop can neither leave
/// nor lower its commitment (~1 hour).
pub const BACKSTOP_LOCK_SLOTS: u64 = 9_000;

instruction_accounts! {
    /// Accounts of `register_backstop` and `deregister_backstop`. Remaining (register): the
    /// account's `(market, oracle)` pairs.
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

instruction_accounts! {
    /// Accounts of `evict_backstop` and `remove_backstop`. Remaining (evict): the backstop
    /// account's `(market, oracle)` pairs.
    pub struct EvictBackstopAccounts {
        /// Anyone (evict) or the exchange admin (remove).
        caller: signer,
        /// The registered backstop's margin account.
        margin_account: readonly,
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
        /// Free collateral committed for takeovers, native (≥ the exchange minimum; held now).
        pub capacity_native: u64,
    }
}

packed_layout! {
    /// Arguments of `deregister_backstop` and `remove_backstop` (none).
    pub struct DeregisterBackstopArgs {}
}

packed_layout! {
    /// Arguments of `evict_backstop`.
    pub struct EvictBackstopArgs {
        /// A market of the entry the account cannot take a position in (no free slot), or
        /// `u16::MAX` to evict the whole entry for holding less than it committed / bankruptcy.
        pub market_index: u16,
    }
}

/// How an entry changed (`BackstopChanged::reason`).
mod reason {
    pub const OWNER: u8 = 0;
    pub const EVICTED: u8 = 1;
    pub const ADMIN: u8 = 2;
    pub const DISPLACED: u8 = 3;
}

fn registry<'a>(view: &'a AccountView, exchange: &Address) -> PerpResult<&'a mut BackstopRegistry> {
    let reg = load_mut::<BackstopRegistry>(view)?;
    require!(&reg.exchange == exchange, PerpError::WrongExchange);
    Ok(reg)
}

/// What the account could commit right now: its withdrawable free collateral.
#[inline(always)]
fn free_capacity(
    acct: &MarginAccount,
    remaining: &[AccountView],
    exchange: &Address,
    slot: u64,
    mode: Valuation,
) -> PerpResult<u64> {
    let mut table = MarketTable::new();
    table.load_pairs(remaining, exchange, slot)?;
    Ok(positive_part(account_health(acct, &table, mode)?.withdrawable()?))
}

fn changed(env: &mut Env, e: &BackstopEntry, active: u8, why: u8, by: &Address) -> PerpResult {
    let s = env.stamp();
    env.emit(&BackstopChanged {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        margin_account: e.margin_account,
        market_mask: if active == 1 { e.market_mask } else { 0 },
        active,
        capacity_native: if active == 1 { e.capacity_native } else { 0 },
        reason: why,
        by: *by,
    })
}

pub fn process(accounts: &[AccountView], args: &RegisterBackstopArgs) -> PerpResult {
    let a = RegisterBackstopAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let acct = validate::owned_margin_account_mut(a.margin_account, a.exchange.address(), a.owner)?;
    let reg = registry(a.backstop_registry, a.exchange.address())?;
    require!(args.market_mask != 0, PerpError::InvalidConfig);
    require!(acct.status != status::BANKRUPT && acct.deficit_native == 0, PerpError::AccountBankrupt);
    require!(
        args.capacity_native >= ex.min_backstop_capacity_native.max(1),
        PerpError::BackstopCapacityTooSmall
    );
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let held = free_capacity(acct, a.remaining, a.exchange.address(), env.slot, Valuation::Strict)?;
    require!(held >= args.capacity_native, PerpError::BackstopCapacityNotHeld);

    let key = a.margin_account.address();
    let i = match reg.find(key) {
        Some(i) => {
            // Lowering the commitment or dropping markets waits for the lock to pass.
            let e = &reg.entries[i];
            let lowers = args.capacity_native < e.capacity_native || e.market_mask & !args.market_mask != 0;
            require!(!lowers || unlocked(e, env.slot), PerpError::BackstopLocked);
            if args.capacity_native > e.capacity_native {
                reg.entries[i].registered_slot = env.slot;
            }
            i
        }
        None => {
            if reg.len() >= MAX_BACKSTOPS {
                // Full: a larger commitment displaces the weakest entry.
                let w = reg.weakest().ok_or(PerpError::BackstopRegistryFull)?;
                require!(
                    args.capacity_native > reg.entries[w].capacity_native,
                    PerpError::BackstopRegistryFull
                );
                let gone = reg.entries[w];
                reg.remove(w);
                changed(&mut env, &gone, 0, reason::DISPLACED, key)?;
            }
            let n = reg.len();
            reg.entries[n] =
                BackstopEntry { margin_account: *key, registered_slot: env.slot, ..Default::default() };
            reg.count = reg.count.safe_add(1)?;
            n
        }
    };
    reg.entries[i].market_mask = args.market_mask;
    reg.entries[i].capacity_native = args.capacity_native;
    let e = reg.entries[i];
    changed(&mut env, &e, 1, reason::OWNER, a.owner.address())
}

/// The lock period of an entry has passed.
#[inline(always)]
fn unlocked(e: &BackstopEntry, slot: u64) -> bool {
    slot >= e.registered_slot.saturating_add(BACKSTOP_LOCK_SLOTS)
}

pub fn process_deregister(accounts: &[AccountView], _args: &DeregisterBackstopArgs) -> PerpResult {
    let a = RegisterBackstopAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    validate::owned_margin_account_mut(a.margin_account, a.exchange.address(), a.owner)?;
    let reg = registry(a.backstop_registry, a.exchange.address())?;
    let i = reg.find(a.margin_account.address()).ok_or(PerpError::NotRegisteredBackstop)?;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    require!(unlocked(&reg.entries[i], env.slot), PerpError::BackstopLocked);
    let e = reg.entries[i];
    reg.remove(i);
    changed(&mut env, &e, 0, reason::OWNER, a.owner.address())
}

/// Whether `acct` could take a position in `market_index`: it holds one there or has a free slot.
#[inline(always)]
fn has_slot_for(acct: &MarginAccount, market_index: u16) -> bool {
    acct.find(market_index).is_some() || acct.positions.iter().any(|p| p.market_index == NO_MARKET)
}

pub fn process_evict(accounts: &[AccountView], args: &EvictBackstopArgs) -> PerpResult {
    let a = EvictBackstopAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let acct = crate::state::load::<MarginAccount>(a.margin_account)?;
    require!(&acct.exchange == a.exchange.address(), PerpError::WrongExchange);
    let reg = registry(a.backstop_registry, a.exchange.address())?;
    let i = reg.find(a.margin_account.address()).ok_or(PerpError::NotRegisteredBackstop)?;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let m = args.market_index;
    if m != NO_MARKET {
        // One market the account cannot take a position in: dropped from the entry.
        let bit = if m < 64 { 1u64 << m } else { 0 };
        require!(reg.entries[i].market_mask & bit != 0, PerpError::InvalidConfig);
        require!(!has_slot_for(acct, m), PerpError::BackstopHoldsCapacity);
        reg.entries[i].market_mask &= !bit;
        if reg.entries[i].market_mask != 0 {
            let e = reg.entries[i];
            return changed(&mut env, &e, 1, reason::EVICTED, a.caller.address());
        }
    } else if acct.status != status::BANKRUPT && acct.deficit_native == 0 {
        let held = free_capacity(acct, a.remaining, a.exchange.address(), env.slot, Valuation::Conservative)?;
        require!(held < reg.entries[i].capacity_native, PerpError::BackstopHoldsCapacity);
    }
    let e = reg.entries[i];
    reg.remove(i);
    changed(&mut env, &e, 0, reason::EVICTED, a.caller.address())
}

pub fn process_remove(accounts: &[AccountView], _args: &DeregisterBackstopArgs) -> PerpResult {
    let a = EvictBackstopAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    validate::check_admin(ex, a.caller)?;
    let reg = registry(a.backstop_registry, a.exchange.address())?;
    let i = reg.find(a.margin_account.address()).ok_or(PerpError::NotRegisteredBackstop)?;
    let e = reg.entries[i];
    reg.remove(i);
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    changed(&mut env, &e, 0, reason::ADMIN, a.caller.address())
}
