//! `MarginAccount`: one trader's cross-margined account — cash, up to 8 positions with their open
//! orders, waterfall status and any unresolved deficit.
//!
//! Seeds: `["margin", exchange, owner, sub_account_id (u16 LE)]`. 8 position slots keep the account
//! at about 1.1 KiB (Drift's user account: 4 376) and one account's liquidation, bankruptcy and ADL
//! inside one transaction.

use crate::account_type;
use crate::state::Index128;
use pinocchio::Address;

/// Position slots per account.
pub const MAX_POSITIONS: usize = 8;
/// Marks a free position slot.
pub const NO_MARKET: u16 = u16::MAX;

/// `MarginAccount::status` values: where the account is in the waterfall.
pub mod status {
    /// Normal trading.
    pub const HEALTHY: u8 = 0;
    /// Below maintenance, liquidation in progress (cleared once back above the hysteresis target).
    pub const BEING_LIQUIDATED: u8 = 1;
    /// No positions left and a deficit to resolve (insurance → socialized loss).
    pub const BANKRUPT: u8 = 2;
}

layout! {
    /// One perp position and this account's resting orders in its market.
    pub struct Position {
        /// Market index, or 65 535 (`NO_MARKET`) for a free slot.
        pub market_index: u16,
        /// Reserved.
        pub _pad0: [u8; 2],
        /// Resting orders of this account in the market.
        pub open_orders: u32,
        /// Position size, lots (long > 0).
        pub base_lots: i64,
        /// Cost basis of the open lots, native (≥ 0; bookkeeping for PnL% and display).
        pub entry_notional_native: u64,
        /// Market `cumulative_funding` when funding was last settled.
        pub funding_snapshot: Index128,
        /// The side's social-loss index when last settled (long or short index by the sign of base).
        pub social_loss_snapshot: Index128,
        /// Lots of resting bids.
        pub bids_lots: u64,
        /// Lots of resting asks.
        pub asks_lots: u64,
        /// Σ price × lots of resting bids, native: what they would pay if all filled.
        pub bids_quote_native: u64,
        /// Σ price × lots of resting asks, native: what they would receive if all filled.
        pub asks_quote_native: u64,
        /// Realized PnL against the cost basis, native (bookkeeping).
        pub realized_pnl_native: i64,
        /// Funding settled, native (paid > 0).
        pub funding_paid_native: i64,
    }
}

layout! {
    /// A trader's cross-margin account.
    pub struct MarginAccount {
        /// Exchange.
        pub exchange: Address,
        /// Owner wallet: the only signer for deposits, withdrawals and orders.
        pub owner: Address,
        /// Cash, native (signed: a long's purchase makes it negative).
        pub cash_native: i64,
        /// Unresolved deficit of a bankrupt account, native (cash is 0 while this is > 0).
        pub deficit_native: u64,
        /// Sub-account id used in the seeds.
        pub sub_account_id: u16,
        /// PDA bump.
        pub bump: u8,
        /// 0 healthy, 1 being liquidated, 2 bankrupt.
        pub status: u8,
        /// Market index where the deficit arose (65 535 if none).
        pub deficit_market_index: u16,
        /// Side the bankrupt account held in that market: 0 long, 1 short (the other side is
        /// charged if the loss is socialized).
        pub deficit_side: u8,
        /// Reserved.
        pub _pad0: [u8; 1],
        /// Total deposited, native.
        pub total_deposits_native: u64,
        /// Total withdrawn, native.
        pub total_withdrawals_native: u64,
        /// Deposits applied to a deficit under RepayDebtFirst, native.
        pub total_debt_repaid_native: u64,
        /// Slot of the last liquidation step (pacing).
        pub last_liquidation_slot: u64,
        /// Liquidation steps suffered.
        pub liquidation_count: u32,
        /// Times the account went bankrupt.
        pub bankruptcy_count: u32,
        /// Next client-visible order sequence of this account.
        pub order_count: u64,
        /// Insurance reserved for this account's ADL (counted by its bankruptcy price, paid by
        /// `resolve_bankruptcy`), native.
        pub insurance_reserved_native: u64,
        /// Negative equity recorded by `mark_underwater` (0: not marked), native.
        pub underwater_native: u64,
        /// Slot of that mark.
        pub underwater_slot: u64,
        /// Market whose insurance `insurance_reserved_native` is reserved from (65 535 if none).
        pub insurance_reserved_market: u16,
        /// Reserved.
        pub _pad1: [u8; 6],
        /// Reserved.
        pub _reserved: [u64; 3],
        /// Position slots.
        pub positions: [Position; 8],
    }
}
account_type!(MarginAccount);

// 8 position slots keep the account small (Drift's user account: 4 376 bytes), well under the
// 10 KiB a program may allocate by CPI.
const _: () = assert!(core::mem::size_of::<MarginAccount>() + 8 <= 1_280);

impl MarginAccount {
    pub const SEED: &'static [u8] = b"margin";

    /// Slot holding `market_index`.
    #[inline(always)]
    pub fn find(&self, market_index: u16) -> Option<usize> {
        self.positions.iter().position(|p| p.market_index == market_index)
    }

    /// Slot for `market_index`, taking a free one if needed (fresh snapshots set by the caller).
    #[inline(always)]
    pub fn find_or_open(&mut self, market_index: u16) -> Option<usize> {
        if let Some(i) = self.find(market_index) {
            return Some(i);
        }
        let i = self.positions.iter().position(|p| p.market_index == NO_MARKET)?;
        self.positions[i] = Position { market_index, ..Default::default() };
        Some(i)
    }

    /// Frees slot `i` when it holds no position and no orders.
    #[inline(always)]
    pub fn release_if_empty(&mut self, i: usize) {
        let p = &self.positions[i];
        if p.base_lots == 0 && p.open_orders == 0 && p.bids_lots == 0 && p.asks_lots == 0 {
            // (quote reservations are zero whenever the lots are)
            self.positions[i] = Position { market_index: NO_MARKET, ..Default::default() };
        }
    }

    /// Any position (non-zero base) left?
    #[inline(always)]
    pub fn has_positions(&self) -> bool {
        self.positions.iter().any(|p| p.market_index != NO_MARKET && p.base_lots != 0)
    }

    /// Forgets every resting order of the account (their book entries become unfillable: see
    /// `Order::owner_epoch`) and frees the slots that hold nothing else. Called when the account
    /// goes bankrupt: orders placed before a bankruptcy can never fill.
    #[inline(always)]
    pub fn forget_orders(&mut self) {
        for i in 0..self.positions.len() {
            let p = &mut self.positions[i];
            if p.market_index == NO_MARKET {
                continue;
            }
            p.open_orders = 0;
            p.bids_lots = 0;
            p.asks_lots = 0;
            p.bids_quote_native = 0;
            p.asks_quote_native = 0;
            self.release_if_empty(i);
        }
    }

    /// Any resting order left?
    #[inline(always)]
    pub fn has_open_orders(&self) -> bool {
        self.positions.iter().any(|p| p.market_index != NO_MARKET && p.open_orders != 0)
    }
}
