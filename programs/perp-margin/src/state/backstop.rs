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
        /// Committed capacity: free collateral (equity − initial margin − unrealized gains) the
        /// backstop keeps for positions it may take, native. Anyone evicts an entry whose account
        /// no longer has it.
        pub capacity_native: u64,
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

    /// Live entries.
    #[inline(always)]
    pub fn len(&self) -> usize {
        usize::try_from(self.count).unwrap_or(MAX_BACKSTOPS).min(MAX_BACKSTOPS)
    }

    /// No live entry.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Index of the entry for `margin_account`.
    pub fn find(&self, margin_account: &Address) -> Option<usize> {
        self.entries[..self.len()].iter().position(|e| &e.margin_account == margin_account)
    }

    /// Whether any registered backstop covers `market_index`.
    pub fn covers(&self, market_index: u16) -> bool {
        self.capable(market_index, 0)
    }

    /// Whether a registered backstop covering `market_index` has committed at least `needed_native`
    /// of capacity: one that could take the position now (the ADL gate counts only these).
    pub fn capable(&self, market_index: u16, needed_native: u64) -> bool {
        market_index < 64
            && self.entries[..self.len()].iter().any(|e| {
                e.market_mask & (1u64 << market_index) != 0 && e.capacity_native >= needed_native.max(1)
            })
    }

    /// Index of the entry with the least committed capacity.
    pub fn weakest(&self) -> Option<usize> {
        let n = self.len();
        (0..n).min_by_key(|&i| self.entries[i].capacity_native)
    }

    /// Removes entry `i` (the last entry takes its place).
    pub fn remove(&mut self, i: usize) {
        let n = self.len();
        if i >= n {
            return;
        }
        let last = n.saturating_sub(1);
        self.entries[i] = self.entries[last];
        self.entries[last] = BackstopEntry::default();
        self.count = self.count.saturating_sub(1);
    }
}
