//! `update_price`: the feed authority publishes a price and confidence at the current slot.

use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, PriceUpdated};
use crate::math::MAX_PRICE;
use crate::state::load_mut;
use crate::state::price_feed::PriceFeed;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `update_price`.
    pub struct UpdatePriceAccounts {
        /// Feed authority.
        authority: signer,
        /// Exchange (event sequence).
        exchange: writable,
        /// Price feed.
        price_feed: writable,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `update_price`.
    pub struct UpdatePriceArgs {
        /// Price, quote native per lot.
        pub price: u64,
        /// Confidence (±), quote native per lot.
        pub confidence: u64,
    }
}

pub fn process(accounts: &[AccountView], args: &UpdatePriceArgs) -> PerpResult {
    let a = UpdatePriceAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let feed = load_mut::<PriceFeed>(a.price_feed)?;
    require!(&feed.exchange == a.exchange.address(), PerpError::WrongExchange);
    require!(&feed.authority == a.authority.address(), PerpError::NotOracleAuthority);
    require!(args.price != 0 && args.price <= MAX_PRICE, PerpError::InvalidPrice);
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    feed.price = args.price;
    feed.confidence = args.confidence;
    feed.publish_slot = env.slot;
    feed.publish_time = env.unix_time;
    feed.update_count = feed.update_count.wrapping_add(1);
    let s = env.stamp();
    env.emit(&PriceUpdated {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        price_feed: *a.price_feed.address(),
        price: args.price,
        confidence: args.confidence,
        publish_slot: env.slot,
    })
}
