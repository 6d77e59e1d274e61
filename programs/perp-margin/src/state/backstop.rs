//! `BackstopRegistry`: market makers who opted in to take over positions the book cannot absorb
//! (waterfall stage 2), each with the margin account that takes them.
//!
//! Seeds: `["backstops", exchange]`.

use crate::account_type;
use pinocchio::Address;

/// Registry capacity.
pub const MAX_BACKSTOPS: usize = 16;

layout! {
    /// One registered backstop.
    pub struct BackstopEntry {
        /// Margin account that receives taken-over positions (its owner registered it).
        pub margin_account: Address,
        /// Bit `i` set: backstops market index `i` (markets 0–63).
        pub market_mask: u64,
        /// Slot of registration.
        pub registered_slot: u64,
        /// Takeovers done.
        pub takeover_count: u64,
        /// Notional taken over, native.
        pub takeover_notional_native: u64,
    }
}

layout! {
    /// Opted-in backstop liquidators of an exchange.
    pub struct BackstopRegistry {
        /// Exchange.
        pub exchange: Address,
        /// Live entries (first `count`).
        pub count: u32,
        /// PDA bump.
        pub bump: u8,
        /// Reserved.
        pub _pad0: [u8; 3],
        /// Entries.
        pub entries: [BackstopEntry; 16],
    }
}
account_type!(BackstopRegistry);

impl BackstopRegistry {
    pub const SEED: &'static [u8] = b"backstops";

    /// Index of the entry for `margin_account`.
    pub fn find(&self, margin_account: &Address) -> Option<usize> {
        self.entries[..self.count as usize].iter().position(|e| &e.margin_account == margin_account)
    }

    /// Whether any registered backstop covers `market_index`.
    pub fn covers(&self, market_index: u16) -> bool {
        market_index < 64
            && self.entries[..self.count as usize].iter().any(|e| e.market_mask & (1u64 << market_index) != 0)
    }
}
