//! `create_price_feed`: admin creates a program-owned price feed with a publishing authority.

use crate::cpi::create_pda_account;
use crate::engine::{env::Env, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, PriceFeedCreated};
use crate::math::MAX_PRICE;
use crate::state::price_feed::PriceFeed;
use crate::state::{init, AccountType};
use pinocchio::cpi::Seed;
use pinocchio::{AccountView, Address};

instruction_accounts! {
    /// Accounts of `create_price_feed`.
    pub struct CreatePriceFeedAccounts {
        /// Exchange admin and rent payer.
        admin: writable_signer,
        /// Exchange.
        exchange: writable,
        /// Price feed PDA `["price_feed", exchange, feed_id]` (created).
        price_feed: writable,
        /// System program.
        system_program: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `create_price_feed`.
    pub struct CreatePriceFeedArgs {
        /// Id in the seeds.
        pub feed_id: u16,
        /// Who may publish prices.
        pub authority: Address,
        /// Initial price, quote native per lot.
        pub price: u64,
        /// Initial confidence, quote native per lot.
        pub confidence: u64,
    }
}

pub fn process(accounts: &[AccountView], args: &CreatePriceFeedArgs) -> PerpResult {
    let a = CreatePriceFeedAccounts::parse(accounts)?;
    validate::check_system_program(a.system_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    validate::check_admin(ex, a.admin)?;
    require!(args.price != 0 && args.price <= MAX_PRICE, PerpError::InvalidPrice);
    let ex_key = a.exchange.address().to_bytes();
    let id = args.feed_id.to_le_bytes();
    let bump = validate::find_pda(a.price_feed, &[PriceFeed::SEED, &ex_key, &id])?;
    let b = [bump];
    create_pda_account(
        a.admin,
        a.price_feed,
        PriceFeed::SPACE,
        &crate::ID,
        &[Seed::from(PriceFeed::SEED), Seed::from(&ex_key), Seed::from(&id), Seed::from(&b)],
    )?;
    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let feed = init::<PriceFeed>(a.price_feed)?;
    feed.exchange = *a.exchange.address();
    feed.authority = args.authority;
    feed.price = args.price;
    feed.confidence = args.confidence;
    feed.publish_slot = env.slot;
    feed.publish_time = env.unix_time;
    feed.feed_id = args.feed_id;
    feed.bump = bump;
    let s = env.stamp();
    env.emit(&PriceFeedCreated {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        price_feed: *a.price_feed.address(),
        feed_id: args.feed_id,
        authority: args.authority,
    })
}
