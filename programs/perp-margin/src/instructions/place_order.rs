//! `place_order`: limit, post-only or immediate-or-cancel, optionally reduce-only.
//!
//! Remaining accounts: `(market, oracle)` pairs for every *other* market the account holds, then
//! the margin accounts of the makers the order will cross (the client reads the book to find them).
//! After matching and resting, the account must meet initial margin — counting resting orders at
//! their worst case — unless the order only reduced risk (initial requirement down and free
//! collateral not worse).

use crate::engine::funding::accrue_funding;
use crate::engine::matching::{
    cancel_reason, emit_cancel, match_order, release_order, BookCtx, MakerViews, MatchParams, Taker,
};
use crate::engine::positions::{cause, crystallize_deficit, Origin};
use crate::engine::risk::{
    account_health, guarded_price, refresh_liquidation_status, settle_account, MarketTable, PairSource,
    Valuation,
};
use crate::engine::solvency::{Vault, VaultGuard};
use crate::engine::waterfall::{countable_insurance, release_if_recovered};
use crate::engine::{env::Env, solvency, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, OrderPlaced};
use crate::math::safe::SafeMath;
use crate::math::trade::reduce_only_cap;
use crate::math::wide::mul;
use crate::math::{BPS, MAX_LOTS, MAX_PRICE};
use crate::state::exchange::pause;
use crate::state::margin_account::status;
use crate::state::market::status as market_status;
use crate::state::order_book::{order_flags, Order, Side};
use crate::state::Index128;
use pinocchio::AccountView;

/// Most resting orders one account may have in one market: a market maker can quote 32 levels a
/// side, and jamming a 512-order side takes at least 8 accounts (each posting margin) — which
/// better-priced orders then evict.
pub const MAX_OPEN_ORDERS_PER_MARKET: u32 = 64;

/// `PlaceOrderArgs::order_type` values.
pub mod order_type {
    /// Matches what crosses, rests the rest.
    pub const LIMIT: u8 = 0;
    /// Rests only; rejected if it would cross.
    pub const POST_ONLY: u8 = 1;
    /// Matches what crosses, drops the rest.
    pub const IMMEDIATE_OR_CANCEL: u8 = 2;
}

instruction_accounts! {
    /// Accounts of `place_order`. Remaining: other held markets as `(market, oracle)` pairs, then makers.
    pub struct PlaceOrderAccounts {
        /// Margin account owner.
        owner: signer,
        /// Taker / order owner margin account.
        margin_account: writable,
        /// Exchange.
        exchange: writable,
        /// Market traded.
        market: writable,
        /// Its order book.
        order_book: writable,
        /// Its oracle.
        oracle: readonly,
        /// Exchange vault (solvency check).
        vault: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `place_order`.
    pub struct PlaceOrderArgs {
        /// 0 bid (buy), 1 ask (sell).
        pub side: u8,
        /// 0 limit, 1 post-only, 2 immediate-or-cancel.
        pub order_type: u8,
        /// 1: may only reduce the position.
        pub reduce_only: u8,
        /// Limit price, quote native per lot (multiple of the tick size).
        pub price: u64,
        /// Size, lots.
        pub lots: u64,
        /// Client's id, echoed in events.
        pub client_order_id: u64,
    }
}

pub fn process(accounts: &[AccountView], args: &PlaceOrderArgs) -> PerpResult {
    let a = PlaceOrderAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let acct = validate::owned_margin_account_mut(a.margin_account, a.exchange.address(), a.owner)?;
    let market = validate::market_mut(a.market, a.exchange.address())?;
    let book = validate::book_mut(a.order_book, market)?;
    let feed = validate::oracle(a.oracle, market)?;
    let vault_guard = VaultGuard::open(ex, Vault::Trading, a.vault)?;

    let side = Side::from_u8(args.side).ok_or(PerpError::InvalidOrderType)?;
    require!(
        args.order_type <= order_type::IMMEDIATE_OR_CANCEL && args.reduce_only <= 1,
        PerpError::InvalidOrderType
    );
    let reduce_only = args.reduce_only == 1;
    require!(ex.paused & pause::TRADING == 0, PerpError::ExchangePaused);
    match market.status {
        market_status::ACTIVE => {}
        market_status::REDUCE_ONLY if reduce_only => {}
        _ => return Err(PerpError::MarketNotActive),
    }
    require!(acct.status != status::BANKRUPT && acct.deficit_native == 0, PerpError::AccountBankrupt);
    require!(acct.underwater_native == 0, PerpError::AccountBankrupt);
    require!(
        args.price != 0 && args.price <= MAX_PRICE && args.price.is_multiple_of(market.params.tick_size),
        PerpError::InvalidPrice
    );
    require!(args.lots >= market.params.min_order_lots, PerpError::InvalidOrderSize);
    require!(args.lots <= MAX_LOTS, PerpError::AmountTooLarge);

    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let oracle_price = guarded_price(market, &feed, env.slot)?;
    // |price − oracle| ≤ oracle × band
    let diff = args.price.abs_diff(oracle_price);
    require!(
        mul(diff, BPS)? <= mul(oracle_price, u64::from(market.params.price_band_bps))?,
        PerpError::PriceBandExceeded
    );
    accrue_funding(market, a.market.address(), book, oracle_price, &mut env)?;

    // Remaining: (market, oracle) pairs of the taker's other markets and of every market a maker
    // it crosses holds, then the makers.
    let mut table = MarketTable::new();
    table.push(market, &feed, env.slot)?;
    let used = table.load_pairs(a.remaining, a.exchange.address(), env.slot)?;
    let makers = &a.remaining[used..];
    let idx = market.market_index;
    let snap = *table.get(idx)?;

    let taker_key = a.margin_account.address();
    settle_account(acct, taker_key, &table, &mut env)?;
    let before = account_health(acct, &table, Valuation::Strict)?;
    refresh_liquidation_status(acct, &before, &table)?;
    require!(acct.status != status::BEING_LIQUIDATED || reduce_only, PerpError::AccountBeingLiquidated);

    let mut lots = args.lots;
    if reduce_only {
        let base = acct.find(idx).map(|i| acct.positions[i].base_lots).unwrap_or(0);
        lots = reduce_only_cap(base, side == Side::Bid, lots);
        require!(lots != 0, PerpError::ReduceOnlyWouldIncrease);
    }
    if args.order_type == order_type::POST_ONLY {
        if let Some(best) = book.best(side.opposite()) {
            let crosses = match side {
                Side::Bid => best.price <= args.price,
                Side::Ask => best.price >= args.price,
            };
            require!(!crosses, PerpError::PostOnlyWouldCross);
        }
    }

    let order_id = book.next_id();
    let taker_fee_bps = u64::from(market.params.taker_fee_bps);
    let filled = if args.order_type == order_type::POST_ONLY {
        0
    } else {
        let mut bk = BookCtx {
            market: &mut *market,
            market_key: a.market.address(),
            book: &mut *book,
            snap,
            table: &table,
            pairs: PairSource { pairs: &a.remaining[..used], exchange: a.exchange.address(), slot: env.slot },
        };
        let makers = MakerViews { views: makers, exchange: a.exchange.address(), held: None };
        let mut taker = Taker { acct: &mut *acct, key: taker_key, makers };
        let p = MatchParams {
            side,
            limit_price: args.price,
            max_lots: lots,
            kind: 0,
            taker_fee_bps,
            loss_budget_native: None,
        };
        match_order(&mut bk, &mut taker, &p, &mut env)?.filled_lots
    };
    let mut resting = lots.safe_sub(filled)?;
    if args.order_type == order_type::IMMEDIATE_OR_CANCEL {
        resting = 0;
    }
    if resting > 0 {
        let i = acct.find_or_open(idx).ok_or(PerpError::PositionSlotsFull)?;
        let p = &mut acct.positions[i];
        if p.base_lots == 0 && p.open_orders == 0 {
            p.funding_snapshot = Index128::from_i128(snap.cumulative_funding);
            p.social_loss_snapshot = Index128::from_i128(snap.social_long);
        }
        require!(p.open_orders < MAX_OPEN_ORDERS_PER_MARKET, PerpError::TooManyOpenOrders);
        p.open_orders = p.open_orders.safe_add(1)?;
        let quote = mul(resting, args.price)?;
        match side {
            Side::Bid => {
                p.bids_lots = p.bids_lots.safe_add(resting)?;
                p.bids_quote_native = p.bids_quote_native.safe_add(quote)?;
            }
            Side::Ask => {
                p.asks_lots = p.asks_lots.safe_add(resting)?;
                p.asks_quote_native = p.asks_quote_native.safe_add(quote)?;
            }
        }
        let order = Order {
            owner: *taker_key,
            order_id,
            client_order_id: args.client_order_id,
            price: args.price,
            base_lots: resting,
            flags: if reduce_only { order_flags::REDUCE_ONLY } else { 0 },
            _pad0: [0; 3],
            owner_epoch: acct.bankruptcy_count,
        };
        if !book.insert(side, order) {
            // The side is full: a better-priced order evicts the least aggressive one (evented,
            // its owner's margin released — the client passes that owner with the makers).
            let worst = book.orders(side)[0];
            let better = match side {
                Side::Bid => args.price > worst.price,
                Side::Ask => args.price < worst.price,
            };
            require!(better, PerpError::OrderBookFull);
            let evicted = book.remove_at(side, 0);
            if &evicted.owner == taker_key {
                release_order(acct, idx, side, evicted.base_lots, evicted.price, true, evicted.owner_epoch);
            } else {
                let view =
                    makers.iter().find(|v| v.address() == &evicted.owner).ok_or(PerpError::OrderBookFull)?;
                let owner = validate::margin_account_mut(view, a.exchange.address())?;
                release_order(owner, idx, side, evicted.base_lots, evicted.price, true, evicted.owner_epoch);
            }
            emit_cancel(&mut env, a.market.address(), side, &evicted, cancel_reason::EVICTED)?;
            require!(book.insert(side, order), PerpError::OrderBookFull);
        }
    }

    // The account must meet initial margin — resting orders counted at their own prices — unless
    // the order only reduced risk (initial requirement not up, free collateral not worse). Either
    // way it may not trade itself into negative equity (nor deeper into it).
    let after = account_health(acct, &table, Valuation::Strict)?;
    let reduces_risk = after.init_req_native <= before.init_req_native
        && after.free_collateral()? >= before.free_collateral()?;
    require!(after.meets_initial() || reduces_risk, PerpError::MarginRequirementExceeded);
    // An account under water leaves through the waterfall, not by trading its loss onto the book.
    require!(after.equity_native >= 0, PerpError::TradeWouldCreateDeficit);
    let was_long = acct.find(idx).map(|i| acct.positions[i].base_lots > 0).unwrap_or(side == Side::Ask);
    let room = countable_insurance(acct, market, env.ex)?;
    crystallize_deficit(
        acct,
        taker_key,
        &Origin { market_index: idx, was_long, cause: cause::TAKER, insurance_room_native: room },
        &mut env,
    )?;
    acct.order_count = acct.order_count.wrapping_add(1);
    release_if_recovered(acct, env.ex)?;

    let s = env.stamp();
    env.emit(&OrderPlaced {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        market: *a.market.address(),
        margin_account: *taker_key,
        order_id,
        client_order_id: args.client_order_id,
        side: args.side,
        order_type: args.order_type,
        reduce_only: args.reduce_only,
        price: args.price,
        requested_lots: args.lots,
        filled_lots: filled,
        resting_lots: resting,
    })?;
    check_makers_classified(makers, a.exchange.address())?;
    solvency::check_classified(acct)?;
    vault_guard.close(env.ex, a.vault)
}

/// Every maker margin account passed holds no position with negative cash (the maker check keeps
/// them above maintenance; this proves it on-chain).
#[inline(always)]
pub fn check_makers_classified(makers: &[AccountView], exchange: &pinocchio::Address) -> PerpResult {
    for m in makers {
        if let Ok(acct) = crate::state::load::<crate::state::margin_account::MarginAccount>(m) {
            if &acct.exchange == exchange {
                solvency::check_classified(acct)?;
            }
        }
    }
    Ok(())
}
