//! `set_market_status`: the admin moves a market between active, reduce-only and halted (e.g. during
//! an oracle incident). Cancels and the liquidation waterfall keep running in every status.

use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, MarketStatusChanged};
use crate::state::market::status;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `set_market_status`.
    pub struct SetMarketStatusAccounts {
        /// Exchange admin.
        admin: signer,
        /// Exchange.
        exchange: writable,
        /// Market.
        market: writable,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `set_market_status`.
    pub struct SetMarketStatusArgs {
        /// 0 active, 1 reduce-only, 2 halted (no new orders).
        pub status: u8,
    }
}

pub fn process(accounts: &[AccountView], args: &SetMarketStatusArgs) -> PerpResult {
    let a = SetMarketStatusAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    validate::check_admin(ex, a.admin)?;
    let market = validate::market_mut(a.market, a.exchange.address())?;
    require!(args.status <= status::HALTED, PerpError::InvalidConfig);
    let before = market.status;
    market.status = args.status;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let s = env.stamp();
    env.emit(&MarketStatusChanged {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        market: *a.market.address(),
        status_before: before,
        status_after: args.status,
    })
}
