//! `PriceFeed`: the program-owned oracle used on localnet and in tests. Its authority publishes
//! price, confidence and the publish slot; markets check staleness and confidence on read.
//!
//! Seeds: `["price_feed", exchange, feed_id (u16 LE)]`.

use crate::account_type;
use pinocchio::Address;

layout! {
    /// A price published by an authority.
    pub struct PriceFeed {
        /// Exchange the feed belongs to.
        pub exchange: Address,
        /// Signer allowed to publish.
        pub authority: Address,
        /// Price, quote native per base lot of the market it serves.
        pub price: u64,
        /// Confidence interval (±), same unit as price.
        pub confidence: u64,
        /// Slot the price was published at.
        pub publish_slot: u64,
        /// Unix time of publication, seconds.
        pub publish_time: i64,
        /// Feed id used in the seeds.
        pub feed_id: u16,
        /// PDA bump.
        pub bump: u8,
        /// Reserved.
        pub _pad0: [u8; 5],
        /// Updates published.
        pub update_count: u64,
    }
}
account_type!(PriceFeed);

impl PriceFeed {
    pub const SEED: &'static [u8] = b"price_feed";
}
