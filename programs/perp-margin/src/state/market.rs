//! `Market`: one perpetual market — oracle guards, margin fractions, fees, liquidation and funding
//! parameters, and the market's running state (indices, open interest, insurance drawn).
//!
//! Seeds: `["market", exchange, market_index (u16 LE)]`.

use crate::account_type;
use crate::state::Index128;
use pinocchio::Address;

/// `Market::status` values.
pub mod status {
    /// Trading.
    pub const ACTIVE: u8 = 0;
    /// Only reduce-only orders (plus cancels and the liquidation waterfall).
    pub const REDUCE_ONLY: u8 = 1;
    /// No new orders (cancels and the liquidation waterfall still run).
    pub const HALTED: u8 = 2;
}

layout! {
    /// Risk and trading parameters of a market, set at creation (admin may update some).
    pub struct MarketParams {
        /// Base atoms per lot (informational: sizes on-chain are in lots).
        pub base_lot_size: u64,
        /// Price granularity, quote native per lot; order prices are multiples of it.
        pub tick_size: u64,
        /// Smallest order, lots.
        pub min_order_lots: u64,
        /// Initial margin fraction, bps (1 000 = 10×).
        pub initial_margin_bps: u32,
        /// Maintenance margin fraction, bps (< initial).
        pub maintenance_margin_bps: u32,
        /// Taker fee, bps of notional.
        pub taker_fee_bps: u32,
        /// Maker fee, bps of notional.
        pub maker_fee_bps: u32,
        /// Liquidation fee, bps of the notional closed.
        pub liquidation_fee_bps: u32,
        /// Keeper's share of the liquidation fee, bps (the rest goes to the insurance fund).
        pub liquidation_keeper_share_bps: u32,
        /// Liquidation closes may trade no further than this from the oracle, bps.
        pub liquidation_band_bps: u32,
        /// Hysteresis: a liquidation runs until equity ≥ maintenance × (1 + buffer), bps.
        pub liquidation_buffer_bps: u32,
        /// Largest share of a position closed per liquidation step, bps.
        pub liquidation_chunk_bps: u32,
        /// Discount (against the liquidated account) at which a backstop takes over, bps.
        pub backstop_discount_bps: u32,
        /// Smallest liquidation step, lots.
        pub min_liquidation_lots: u64,
        /// Slots a liquidated account must wait between book-liquidation steps.
        pub liquidation_pace_slots: u64,
        /// Order prices must be within this band of the oracle, bps.
        pub price_band_bps: u32,
        /// Oracle confidence must be ≤ this fraction of the price, bps.
        pub max_confidence_bps: u32,
        /// Oracle publish slot must be at most this old, slots.
        pub max_staleness_slots: u64,
        /// Funding period, slots (the premium is paid once per period).
        pub funding_period_slots: u64,
        /// Funding premium cap per period, bps of the oracle price.
        pub max_funding_rate_bps: u32,
        /// Most ADL counterparties per instruction.
        pub max_adl_counterparties: u32,
        /// Most the insurance fund pays for this market's deficits in total, native.
        pub insurance_cap_native: u64,
        /// Funding premium is measured at this notional on each side of the book (the impact
        /// bid and ask, as dYdX and Hyperliquid): dust orders cannot move it, native.
        pub funding_impact_notional_native: u64,
    }
}

layout! {
    /// A perpetual market.
    pub struct Market {
        /// Exchange this market belongs to.
        pub exchange: Address,
        /// Price feed account (a `PriceFeed` of this program).
        pub oracle: Address,
        /// Order book account (created by the admin with `create_market`).
        pub order_book: Address,
        /// Human-readable symbol, zero-padded ASCII ("SOL-PERP").
        pub name: [u8; 16],
        /// Index of the market within the exchange.
        pub market_index: u16,
        /// PDA bump.
        pub bump: u8,
        /// Reserved.
        pub _pad_book: u8,
        /// 0 active, 1 reduce-only, 2 halted.
        pub status: u8,
        /// Oracle source: 0 this program's `PriceFeed`, 1 Pyth `PriceUpdateV2`.
        pub oracle_kind: u8,
        /// Decimals of the base asset (converts an external price into native per lot).
        pub oracle_base_decimals: u8,
        /// Decimals of the collateral (quote) mint.
        pub oracle_quote_decimals: u8,
        /// Parameters.
        pub params: MarketParams,
        /// Cumulative funding paid by a long per lot, 1e-6 native per lot (128-bit: never overflows).
        pub cumulative_funding: Index128,
        /// Cumulative social loss charged per long lot, 1e-6 native per lot.
        pub social_loss_long_index: Index128,
        /// Cumulative social loss charged per short lot, 1e-6 native per lot.
        pub social_loss_short_index: Index128,
        /// Slot of the last funding accrual.
        pub last_funding_slot: u64,
        /// Premium of the last accrual, bps (signed, clamped): the time-weighted average of the
        /// impact premium samples since the accrual before.
        pub last_premium_bps: i64,
        /// Σ sampled impact premium × slots it stood, since the last accrual (bps·slots).
        pub premium_accumulator_bps_slots: i64,
        /// Slots covered by that sum.
        pub premium_sampled_slots: u64,
        /// Slot of the last sample (the first instruction touching the market in a slot samples).
        pub last_sample_slot: u64,
        /// Impact premium of the last sample, bps.
        pub last_sample_premium_bps: i64,
        /// Open interest: Σ long positions = Σ short positions, lots.
        pub open_interest_lots: u64,
        /// Insurance paid for this market's deficits so far, native (≤ cap).
        pub insurance_drawn_native: u64,
        /// Fills executed.
        pub fill_count: u64,
        /// Traded volume, native.
        pub volume_native: u64,
        /// Liquidation steps executed (book + backstop).
        pub liquidation_count: u64,
        /// ADL fills executed.
        pub adl_fill_count: u64,
        /// Social loss spread in this market, native.
        pub socialized_loss_native: u64,
        /// Pyth feed id the market's `PriceUpdateV2` must carry (zero for a program feed).
        pub pyth_feed_id: [u8; 32],
        /// Reserved.
        pub _reserved: [u64; 2],
    }
}
account_type!(Market);

impl Market {
    pub const SEED: &'static [u8] = b"market";
    /// At most this many funding periods accrue in one update (a market nobody touched for days
    /// does not produce an unbounded charge).
    pub const MAX_FUNDING_CATCHUP_PERIODS: u64 = 8;

    /// Insurance still free to count for this market: min(fund − all reservations,
    /// cap − drawn − this market's reservations).
    #[inline(always)]
    pub fn insurance_available(&self, ex: &crate::state::exchange::Exchange) -> u64 {
        let reserved_here =
            ex.market_insurance_reserved_native.get(usize::from(self.market_index)).copied().unwrap_or(0);
        let room = self
            .params
            .insurance_cap_native
            .saturating_sub(self.insurance_drawn_native)
            .saturating_sub(reserved_here);
        room.min(ex.insurance_unreserved())
    }
}
