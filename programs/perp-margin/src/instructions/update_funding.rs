//! `update_funding`: permissionless crank that accrues funding into the market index.

use crate::engine::funding::accrue_funding;
use crate::engine::risk::guarded_price;
use crate::engine::{env::Env, validate};
use crate::error::PerpResult;
use crate::events::check_event_authority;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `update_funding`.
    pub struct UpdateFundingAccounts {
        /// Exchange (event sequence).
        exchange: writable,
        /// Market.
        market: writable,
        /// Its order book (mid price).
        order_book: readonly,
        /// Its oracle.
        oracle: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `update_funding` (none).
    pub struct UpdateFundingArgs {}
}

pub fn process(accounts: &[AccountView], _args: &UpdateFundingArgs) -> PerpResult {
    let a = UpdateFundingAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let market = validate::market_mut(a.market, a.exchange.address())?;
    let book = validate::book(a.order_book, market)?;
    let feed = validate::oracle(a.oracle, market)?;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let price = guarded_price(market, &feed, env.slot)?;
    accrue_funding(market, a.market.address(), book, price, &mut env)
}
