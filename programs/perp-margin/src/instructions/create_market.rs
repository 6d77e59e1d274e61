//! `create_market`: admin creates market number `exchange.market_count` with its order book.

use crate::cpi::create_pda_account;
use crate::engine::{env::Env, oracle, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, MarketCreated};
use crate::math::safe::SafeMath;
use crate::math::BPS;
use crate::state::margin_account::NO_MARKET;
use crate::state::market::{Market, MarketParams};
use crate::state::order_book::OrderBook;
use crate::state::price_feed::PriceFeed;
use crate::state::{init, load, AccountType};
use pinocchio::cpi::Seed;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `create_market`.
    pub struct CreateMarketAccounts {
        /// Exchange admin and rent payer.
        admin: writable_signer,
        /// Exchange.
        exchange: writable,
        /// Market PDA `["market", exchange, market_index]` with `market_index = exchange.market_count` (created).
        market: writable,
        /// Order book: an account the admin created in this transaction (`OrderBook::SPACE` bytes,
        /// owned by this program, zeroed); initialized here and recorded in `Market::order_book`.
        order_book: writable,
        /// Oracle: a `PriceFeed` of this exchange, or a Pyth `PriceUpdateV2` account.
        oracle: readonly,
        /// System program.
        system_program: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `create_market`.
    pub struct CreateMarketArgs {
        /// Symbol, zero-padded ASCII.
        pub name: [u8; 16],
        /// Risk and trading parameters.
        pub params: MarketParams,
        /// Oracle source: 0 this program's `PriceFeed`, 1 Pyth `PriceUpdateV2` (fully verified).
        pub oracle_kind: u8,
        /// Decimals of the base asset (converting an external price into native per lot).
        pub base_decimals: u8,
        /// Pyth feed id (kind 1; must match the update account passed as `oracle`).
        pub pyth_feed_id: [u8; 32],
    }
}

/// Shortest funding period accepted, slots.
pub const MIN_FUNDING_PERIOD_SLOTS: u64 = 10;
/// Longest funding period accepted: 30 days of 400 ms slots (keeps `BPS × period` far inside 64 bits).
pub const MAX_FUNDING_PERIOD_SLOTS: u64 = 6_480_000;
/// Longest pause between two book-liquidation steps of one account: ~1 minute, so pacing can
/// never keep a sinking account out of the waterfall for long (and it is skipped below zero).
pub const MAX_LIQUIDATION_PACE_SLOTS: u64 = 150;

/// Rejects parameter sets that would make the risk engine unsound, naming the relation broken.
///
/// - `0 < maintenance < initial ≤ 100%` (`MarginFractionsInvalid`).
/// - `liquidation_band + liquidation_fee < maintenance` (`LiquidationCostNotBelowMaintenance`): each
///   lot a liquidation closes frees its maintenance margin and costs at most band slippage + fee,
///   so every step moves the account towards health and a liquidation never consumes more than the
///   margin that backed the position.
/// - `price_band ≤ initial` (`PriceBandExceedsInitialMargin`): an order can be priced at most the
///   initial margin away from the oracle, so an order filled the moment it is placed loses at most
///   the margin its notional reserves (the own-price reservation then covers the rest).
/// - `liquidation_band ≤ price_band` (`LiquidationBandExceedsPriceBand`): the liquidation band lies
///   where resting orders can be.
/// - Ranges for fees, shares, discounts, staleness, funding and ADL (`InvalidConfig`,
///   `FundingParamsOutOfRange`).
pub fn validate_params(p: &MarketParams) -> PerpResult {
    let bps = |v: u32| u64::from(v);
    require!(
        p.maintenance_margin_bps > 0
            && p.maintenance_margin_bps < p.initial_margin_bps
            && bps(p.initial_margin_bps) <= BPS,
        PerpError::MarginFractionsInvalid
    );
    require!(
        bps(p.liquidation_band_bps).saturating_add(bps(p.liquidation_fee_bps))
            < bps(p.maintenance_margin_bps),
        PerpError::LiquidationCostNotBelowMaintenance
    );
    require!(p.price_band_bps <= p.initial_margin_bps, PerpError::PriceBandExceedsInitialMargin);
    require!(p.liquidation_band_bps <= p.price_band_bps, PerpError::LiquidationBandExceedsPriceBand);
    // Bounded so that even one lot at MAX_PRICE paying the largest rate every period, untouched,
    // can be settled for more than ten years (the index itself is 128-bit and never overflows):
    // see `math::funding` tests.
    require!(
        (MIN_FUNDING_PERIOD_SLOTS..=MAX_FUNDING_PERIOD_SLOTS).contains(&p.funding_period_slots)
            && p.max_funding_rate_bps <= 1_000
            && p.funding_impact_notional_native > 0,
        PerpError::FundingParamsOutOfRange
    );
    let ok = p.tick_size > 0
        && p.min_order_lots > 0
        && p.base_lot_size > 0
        && p.taker_fee_bps <= 1_000
        && p.maker_fee_bps <= 1_000
        && bps(p.liquidation_keeper_share_bps) <= BPS
        && bps(p.liquidation_buffer_bps) <= BPS
        && p.liquidation_chunk_bps > 0
        && bps(p.liquidation_chunk_bps) <= BPS
        && bps(p.backstop_discount_bps) < BPS
        && p.min_liquidation_lots > 0
        && p.liquidation_pace_slots <= MAX_LIQUIDATION_PACE_SLOTS
        && p.price_band_bps > 0
        && bps(p.max_confidence_bps) <= BPS
        && p.max_staleness_slots > 0
        && p.max_adl_counterparties > 0
        && (p.max_adl_counterparties as usize) <= crate::events::MAX_ADL_FILLS;
    require!(ok, PerpError::InvalidConfig);
    Ok(())
}

pub fn process(accounts: &[AccountView], args: &CreateMarketArgs) -> PerpResult {
    let a = CreateMarketAccounts::parse(accounts)?;
    validate::check_system_program(a.system_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    validate::check_admin(ex, a.admin)?;
    match args.oracle_kind {
        oracle::kind::PROGRAM_FEED => {
            let feed = load::<PriceFeed>(a.oracle).map_err(|_| PerpError::InvalidOracle)?;
            require!(&feed.exchange == a.exchange.address(), PerpError::InvalidOracle);
        }
        oracle::kind::PYTH_PRICE_UPDATE_V2 => {
            let p = oracle::read_pyth(a.oracle)?;
            require!(p.feed_id == args.pyth_feed_id, PerpError::OracleFeedMismatch);
        }
        _ => return Err(PerpError::InvalidOracle),
    }
    require!(args.base_decimals <= 18, PerpError::InvalidConfig);
    let params = args.params;
    validate_params(&params)?;
    let index = ex.market_count;
    require!(index < 64 && index != NO_MARKET, PerpError::InvalidConfig);

    let ex_key = a.exchange.address().to_bytes();
    let idx = index.to_le_bytes();
    let bump = validate::find_pda(a.market, &[Market::SEED, &ex_key, &idx])?;
    let b = [bump];
    create_pda_account(
        a.admin,
        a.market,
        Market::SPACE,
        &crate::ID,
        &[Seed::from(Market::SEED), Seed::from(&ex_key), Seed::from(&idx), Seed::from(&b)],
    )?;
    // The book is too large to create by CPI: the admin created it (init checks owner, size and
    // that it is zeroed, so an initialized book of another market cannot be reused).
    require!(a.order_book.address() != a.market.address(), PerpError::DuplicateAccount);
    let book = init::<OrderBook>(a.order_book)?;
    book.market = *a.market.address();

    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let m = init::<Market>(a.market)?;
    m.exchange = *a.exchange.address();
    m.oracle = *a.oracle.address();
    m.order_book = *a.order_book.address();
    m.name = args.name;
    m.market_index = index;
    m.bump = bump;
    m.params = params;
    m.oracle_kind = args.oracle_kind;
    m.oracle_base_decimals = args.base_decimals;
    m.oracle_quote_decimals = env.ex.collateral_decimals;
    m.pyth_feed_id = args.pyth_feed_id;
    // A Pyth market must convert to a sane price right away.
    if m.oracle_kind == oracle::kind::PYTH_PRICE_UPDATE_V2 {
        oracle::read(a.oracle, m)?;
    }
    m.last_funding_slot = env.slot;
    m.last_sample_slot = env.slot;
    env.ex.market_count = index.safe_add(1)?;

    let s = env.stamp();
    env.emit(&MarketCreated {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        market: *a.market.address(),
        market_index: index,
        oracle: *a.oracle.address(),
        order_book: *a.order_book.address(),
        initial_margin_bps: params.initial_margin_bps,
        maintenance_margin_bps: params.maintenance_margin_bps,
        insurance_cap_native: params.insurance_cap_native,
    })
}
