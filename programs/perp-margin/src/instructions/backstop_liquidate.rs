//! `backstop_liquidate` — waterfall stage 2. Permissionless (the backstop consented by registering).
//!
//! Allowed only when the account is liquidatable and the program sees no resting liquidity inside
//! the liquidation band on the side that would absorb the close. A registered backstop then takes
//! over up to the whole position at the oracle moved by `backstop_discount_bps` against the
//! liquidated account; the backstop must still meet initial margin afterwards.
//!
//! Remaining accounts: `(market, oracle)` pairs for every other market either account holds.

use crate::engine::funding::accrue_funding;
use crate::engine::matching::cancel_reason;
use crate::engine::positions::fill_account;
use crate::engine::positions::{cause, Origin};
use crate::engine::risk::{account_health, guarded_price, settle_account, MarketTable, Valuation};
use crate::engine::solvency::{Vault, VaultGuard};
use crate::engine::waterfall::{
    book_has_liquidity, check_liquidatable, countable_insurance, finish_step, release_if_recovered,
    reserve_for_close,
};
use crate::engine::{env::Env, solvency, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, Liquidation};
use crate::instructions::cancel_order::cancel_account_orders;
use crate::math::liquidation::backstop_price;
use crate::math::safe::{positive_part, SafeDiv, SafeMath};
use crate::math::safe::{signed, SafeNeg};
use crate::math::wide::{mul, mul_div_ceil};
use crate::math::BPS;
use crate::state::backstop::BackstopRegistry;
use crate::state::load_mut;
use crate::state::margin_account::status;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `backstop_liquidate`. Remaining: other markets as `(market, oracle)` pairs.
    pub struct BackstopLiquidateAccounts {
        /// Keeper running the step.
        keeper: signer,
        /// Registered backstop's margin account (takes the position).
        backstop_account: writable,
        /// Account being liquidated.
        liquidatee: writable,
        /// Exchange.
        exchange: writable,
        /// Market.
        market: writable,
        /// Its order book (checked exhausted inside the band).
        order_book: writable,
        /// Its oracle.
        oracle: readonly,
        /// Backstop registry of the exchange.
        backstop_registry: writable,
        /// Exchange vault (solvency check).
        vault: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `backstop_liquidate`.
    pub struct BackstopLiquidateArgs {
        /// Most lots to take over (0: the whole position).
        pub max_lots: u64,
    }
}

pub fn process(accounts: &[AccountView], args: &BackstopLiquidateArgs) -> PerpResult {
    let a = BackstopLiquidateAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    require!(a.backstop_account.address() != a.liquidatee.address(), PerpError::SelfLiquidation);
    let backstop = validate::margin_account_mut(a.backstop_account, a.exchange.address())?;
    // A bankrupt account (even one holding cash credited under RepayDebtFirst) takes no position.
    require!(backstop.status != status::BANKRUPT && backstop.deficit_native == 0, PerpError::AccountBankrupt);
    let acct = validate::margin_account_mut(a.liquidatee, a.exchange.address())?;
    let market = validate::market_mut(a.market, a.exchange.address())?;
    let book = validate::book_mut(a.order_book, market)?;
    let feed = validate::oracle(a.oracle, market)?;
    let registry = load_mut::<BackstopRegistry>(a.backstop_registry)?;
    require!(&registry.exchange == a.exchange.address(), PerpError::WrongExchange);
    let vault_guard = VaultGuard::open(ex, Vault::Trading, a.vault)?;
    let idx = market.market_index;
    let entry = registry.find(a.backstop_account.address()).ok_or(PerpError::NotRegisteredBackstop)?;
    require!(
        idx < 64 && registry.entries[entry].market_mask & (1u64 << idx) != 0,
        PerpError::NotRegisteredBackstop
    );

    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let oracle_price = guarded_price(market, &feed, env.slot)?;
    accrue_funding(market, a.market.address(), book, oracle_price, &mut env)?;
    let mut table = MarketTable::new();
    table.push(market, &feed, env.slot)?;
    table.load_pairs(a.remaining, a.exchange.address(), env.slot)?;
    let snap = *table.get(idx)?;
    let key = a.liquidatee.address();

    settle_account(acct, key, &table, &mut env)?;
    settle_account(backstop, a.backstop_account.address(), &table, &mut env)?;
    let before = account_health(acct, &table, Valuation::Conservative)?;
    check_liquidatable(acct, &before, u64::from(market.params.liquidation_buffer_bps))?;

    reserve_for_close(acct, market, env.ex, &before)?;
    let cancelled = cancel_account_orders(
        book,
        acct,
        key,
        idx,
        a.market.address(),
        &mut env,
        cancel_reason::LIQUIDATION,
    )?;
    let base = acct.find(idx).map(|i| acct.positions[i].base_lots).unwrap_or(0);
    require!(base != 0, PerpError::NoPosition);
    let closing_long = base > 0;
    let equity_budget = positive_part(before.equity_native);
    require!(
        !book_has_liquidity(book, market, oracle_price, closing_long, equity_budget)?,
        PerpError::BookLiquidityRemains
    );

    let mut q = base.unsigned_abs();
    if args.max_lots > 0 && args.max_lots < q {
        q = args.max_lots;
    }
    // The discount is the backstop's reward, but never more than the account's remaining equity:
    // a takeover does not create a deficit the account could still cover.
    let discounted =
        backstop_price(oracle_price, u64::from(market.params.backstop_discount_bps), closing_long)?;
    let room = equity_budget.safe_div(q)?; // loss per lot the equity can absorb, rounded down
    let price = if closing_long {
        discounted.max(oracle_price.saturating_sub(room))
    } else {
        discounted.min(oracle_price.safe_add(room)?)
    };
    let lots = signed(q, !closing_long)?;
    fill_account(acct, key, &snap, market, lots, price, &mut env)?;
    fill_account(backstop, a.backstop_account.address(), &snap, market, lots.safe_neg()?, price, &mut env)?;

    require!(
        account_health(backstop, &table, Valuation::Conservative)?.meets_initial(),
        PerpError::BackstopBelowInitialMargin
    );
    let after = account_health(acct, &table, Valuation::Conservative)?;
    let room = countable_insurance(acct, market, env.ex)?;
    let origin = Origin {
        market_index: idx,
        was_long: closing_long,
        cause: cause::BACKSTOP,
        insurance_room_native: room,
    };
    let deficit = finish_step(acct, key, &after, market, &origin, &mut env)?;
    release_if_recovered(acct, env.ex)?;
    acct.last_liquidation_slot = env.slot;
    acct.liquidation_count = acct.liquidation_count.wrapping_add(1);
    market.liquidation_count = market.liquidation_count.wrapping_add(1);
    let quote = mul(q, price)?;
    let e = &mut registry.entries[entry];
    // The takeover uses part of the committed capacity: its initial margin at the oracle.
    let used = mul_div_ceil(mul(q, oracle_price)?, u64::from(market.params.initial_margin_bps), BPS)?;
    e.capacity_native = e.capacity_native.saturating_sub(used);
    e.takeover_count = e.takeover_count.wrapping_add(1);
    e.takeover_notional_native = e.takeover_notional_native.saturating_add(quote);

    let s = env.stamp();
    env.emit(&Liquidation {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        market: *a.market.address(),
        margin_account: *key,
        liquidator: *a.backstop_account.address(),
        stage: 2,
        base_before_lots: base,
        closed_lots: q,
        quote_native: quote,
        oracle_price,
        keeper_fee_native: 0,
        insurance_fee_native: 0,
        equity_before_native: before.equity_native,
        maint_before_native: before.maint_req_native,
        equity_after_native: after.equity_native,
        maint_after_native: after.maint_req_native,
        orders_cancelled: cancelled,
        status_after: acct.status,
        deficit_native: deficit,
    })?;
    solvency::check_classified(acct)?;
    solvency::check_classified(backstop)?;
    vault_guard.close(env.ex, a.vault)
}
