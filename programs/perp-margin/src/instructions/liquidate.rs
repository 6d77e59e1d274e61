//! `liquidate` — waterfall stage 1, on the book. Permissionless.
//!
//! For one market of a liquidatable account: cancel its resting orders there, then close up to one
//! paced chunk of its position as a taker against resting orders inside the liquidation band, just
//! enough to restore equity ≥ maintenance × (1 + buffer). A liquidation fee on the closed notional
//! — capped so it never creates a deficit — is split between the keeper and the insurance fund.
//!
//! Remaining accounts: `(market, oracle)` pairs for the account's other markets, then the makers.

use crate::cpi::transfer_from_vault;
use crate::engine::funding::accrue_funding;
use crate::engine::matching::cancel_reason;
use crate::engine::matching::{match_order, BookCtx, MakerViews, MatchParams, Taker};
use crate::engine::positions::pay_cash;
use crate::engine::positions::{cause, Origin};
use crate::engine::risk::{
    account_health, guarded_price, settle_account, MarketTable, PairSource, Valuation,
};
use crate::engine::solvency::{Vault, VaultGuard};
use crate::engine::waterfall::{
    check_liquidatable, countable_insurance, finish_step, release_if_recovered, reserve_for_close,
};
use crate::engine::{env::Env, solvency, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, InsuranceFlow, Liquidation};
use crate::instructions::cancel_order::cancel_account_orders;
use crate::instructions::place_order::check_makers_classified;
use crate::math::fees::split_liquidation_fee;
use crate::math::liquidation::{
    band_limit_price, capped_liquidation_fee, close_cost_bps, lots_to_close, ChunkInputs,
};
use crate::math::safe::{positive_part, SafeMath};
use crate::math::wide::{sub, to_i64};
use crate::state::exchange::Exchange;
use crate::state::margin_account::status;
use crate::state::order_book::Side;
use pinocchio::cpi::Seed;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `liquidate`. Remaining: other markets as `(market, oracle)` pairs, then makers.
    pub struct LiquidateAccounts {
        /// Keeper running the step.
        keeper: signer,
        /// Keeper's margin account, credited with the keeper's share of the fee.
        keeper_account: writable,
        /// Account being liquidated.
        liquidatee: writable,
        /// Exchange.
        exchange: writable,
        /// Market.
        market: writable,
        /// Its order book.
        order_book: writable,
        /// Its oracle.
        oracle: readonly,
        /// Exchange vault.
        vault: writable,
        /// Insurance vault (receives the fund's share of the fee).
        insurance_vault: writable,
        /// SPL Token program.
        token_program: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `liquidate`.
    pub struct LiquidateArgs {
        /// Most lots to close in this step (0: as many as the program allows).
        pub max_lots: u64,
    }
}

pub fn process(accounts: &[AccountView], args: &LiquidateArgs) -> PerpResult {
    let a = LiquidateAccounts::parse(accounts)?;
    validate::check_token_program(a.token_program)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    require!(a.keeper_account.address() != a.liquidatee.address(), PerpError::SelfLiquidation);
    let keeper_acct = validate::owned_margin_account_mut(a.keeper_account, a.exchange.address(), a.keeper)?;
    // A bankrupt account earns nothing until its deficit is resolved.
    require!(
        keeper_acct.status != status::BANKRUPT && keeper_acct.deficit_native == 0,
        PerpError::AccountBankrupt
    );
    let acct = validate::margin_account_mut(a.liquidatee, a.exchange.address())?;
    let market = validate::market_mut(a.market, a.exchange.address())?;
    let book = validate::book_mut(a.order_book, market)?;
    let feed = validate::oracle(a.oracle, market)?;
    let vault_guard = VaultGuard::open(ex, Vault::Trading, a.vault)?;
    let insurance_guard = VaultGuard::open(ex, Vault::Insurance, a.insurance_vault)?;

    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let oracle_price = guarded_price(market, &feed, env.slot)?;
    accrue_funding(market, a.market.address(), book, oracle_price, &mut env)?;
    let mut table = MarketTable::new();
    table.push(market, &feed, env.slot)?;
    let used = table.load_pairs(a.remaining, a.exchange.address(), env.slot)?;
    let makers = &a.remaining[used..];
    let idx = market.market_index;
    let snap = *table.get(idx)?;
    let key = a.liquidatee.address();

    // Other markets with a stale or too-wide oracle are valued at their worst case: they cannot
    // shield this market's position (and the account pays for the uncertainty, not the venue).
    settle_account(acct, key, &table, &mut env)?;
    let before = account_health(acct, &table, Valuation::Conservative)?;
    check_liquidatable(acct, &before, u64::from(market.params.liquidation_buffer_bps))?;
    // Pacing spreads a liquidation over time, but never holds back an account under water.
    require!(
        acct.status != status::BEING_LIQUIDATED
            || before.equity_native < 0
            || env.slot >= acct.last_liquidation_slot.saturating_add(market.params.liquidation_pace_slots),
        PerpError::LiquidationPaced
    );

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
    require!(base != 0 || cancelled > 0, PerpError::NoPosition);
    let closing_long = base > 0;

    let mut closed = 0u64;
    let mut quote = 0u64;
    if base != 0 {
        let p = &market.params;
        let mut q = lots_to_close(&ChunkInputs {
            position_lots: base.unsigned_abs(),
            price: oracle_price,
            equity_native: before.equity_native,
            maint_req_native: before.maint_req_native,
            mmf_bps: u64::from(p.maintenance_margin_bps),
            buffer_bps: u64::from(p.liquidation_buffer_bps),
            cost_bps: close_cost_bps(u64::from(p.liquidation_fee_bps), u64::from(p.liquidation_band_bps))?,
            chunk_bps: u64::from(p.liquidation_chunk_bps),
            min_chunk_lots: p.min_liquidation_lots,
        })?;
        if args.max_lots > 0 && args.max_lots < q {
            q = args.max_lots;
        }
        let limit = band_limit_price(oracle_price, u64::from(p.liquidation_band_bps), closing_long)?;
        let side = if closing_long { Side::Ask } else { Side::Bid };
        let mut bk = BookCtx {
            market: &mut *market,
            market_key: a.market.address(),
            book: &mut *book,
            snap,
            table: &table,
            pairs: PairSource { pairs: &a.remaining[..used], exchange: a.exchange.address(), slot: env.slot },
        };
        let makers = MakerViews {
            views: makers,
            exchange: a.exchange.address(),
            held: Some((a.keeper_account.address(), &mut *keeper_acct)),
        };
        let mut taker = Taker { acct: &mut *acct, key, makers };
        let out = match_order(
            &mut bk,
            &mut taker,
            &MatchParams {
                side,
                limit_price: limit,
                max_lots: q,
                kind: 1,
                taker_fee_bps: 0,
                // Never sell beyond the bankruptcy price while the account has equity: what the
                // book cannot take at or above it goes to the backstop and ADL.
                loss_budget_native: Some(positive_part(before.equity_native)),
            },
            &mut env,
        )?;
        closed = out.filled_lots;
        quote = out.quote_native;
        require!(closed > 0 || cancelled > 0 || out.makers_cancelled > 0, PerpError::BookLiquidityExhausted);
    }

    // Liquidation fee, never more than the equity left.
    let mid = account_health(acct, &table, Valuation::Conservative)?;
    let fee = capped_liquidation_fee(quote, u64::from(market.params.liquidation_fee_bps), mid.equity_native)?;
    let (keeper_fee, insurance_fee) =
        split_liquidation_fee(fee, u64::from(market.params.liquidation_keeper_share_bps))?;
    if keeper_fee > 0 {
        pay_cash(acct, keeper_acct, keeper_fee)?;
    }
    if insurance_fee > 0 {
        let f = to_i64(insurance_fee)?;
        acct.cash_native = sub(acct.cash_native, f)?;
        env.ex.total_cash_native = sub(env.ex.total_cash_native, f)?;
        env.ex.insurance_native = env.ex.insurance_native.safe_add(insurance_fee)?;
        let (id, bump) = env.exchange_seed_parts();
        let seeds = [Seed::from(Exchange::SEED), Seed::from(&id), Seed::from(&bump)];
        transfer_from_vault(a.vault, a.insurance_vault, a.exchange, insurance_fee, &seeds)?;
    }

    let after = account_health(acct, &table, Valuation::Conservative)?;
    let room = countable_insurance(acct, market, env.ex)?;
    let origin = Origin {
        market_index: idx,
        was_long: closing_long,
        cause: cause::BOOK_LIQUIDATION,
        insurance_room_native: room,
    };
    let deficit = finish_step(acct, key, &after, market, &origin, &mut env)?;
    release_if_recovered(acct, env.ex)?;
    acct.last_liquidation_slot = env.slot;
    acct.liquidation_count = acct.liquidation_count.wrapping_add(1);
    market.liquidation_count = market.liquidation_count.wrapping_add(1);

    let s = env.stamp();
    env.emit(&Liquidation {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        market: *a.market.address(),
        margin_account: *key,
        liquidator: *a.keeper_account.address(),
        stage: 1,
        base_before_lots: base,
        closed_lots: closed,
        quote_native: quote,
        oracle_price,
        keeper_fee_native: keeper_fee,
        insurance_fee_native: insurance_fee,
        equity_before_native: before.equity_native,
        maint_before_native: before.maint_req_native,
        equity_after_native: after.equity_native,
        maint_after_native: after.maint_req_native,
        orders_cancelled: cancelled,
        status_after: acct.status,
        deficit_native: deficit,
    })?;
    if insurance_fee > 0 {
        let s = env.stamp();
        env.emit(&InsuranceFlow {
            seq: s.seq,
            slot: s.slot,
            unix_time: s.unix_time,
            kind: 2,
            amount_native: insurance_fee,
            balance_after_native: env.ex.insurance_native,
        })?;
    }
    check_makers_classified(makers, a.exchange.address())?;
    solvency::check_classified(acct)?;
    solvency::check_classified(keeper_acct)?;
    vault_guard.close(env.ex, a.vault)?;
    insurance_guard.close(env.ex, a.insurance_vault)
}
