//! `auto_deleverage` — waterfall stage 4. Permissionless.
//!
//! Allowed for a liquidatable account that still holds a position in the market once (a) the book
//! inside the liquidation band is exhausted and (b) the account is bankrupt at the oracle
//! (equity < 0), or the insurance fund cannot cover the loss even at the oracle
//! (`equity + insurance available < 0`), or no backstop is registered for the market. While the
//! account still has equity and backstops exist, they act first (`BackstopStageFirst`); a backstop
//! without the margin to take over cannot stall the waterfall, because once equity turns negative
//! ADL is available. The position is closed against opposite-side profitable positions at the bankruptcy
//! price net of available insurance (`math::adl`), so the account lands at −(insurance available)
//! and `resolve_bankruptcy` then draws exactly that: the fund pays what it can, ADL covers only
//! what it cannot.
//!
//! Candidates come from the keeper, highest score first. The program recomputes every score
//! (PnL% × effective leverage), rejects wrong-side, unprofitable or mis-ordered candidates, caps
//! their number, and records every score in the event so the indexer can audit that no
//! higher-ranked eligible position was skipped.
//!
//! Remaining accounts: `(market, oracle)` pairs for every other market the bankrupt account or any
//! candidate holds, then the candidates' margin accounts.

use crate::engine::funding::accrue_funding;
use crate::engine::positions::fill_account;
use crate::engine::risk::{account_health, guarded_price, health_excluding, settle_account, MarketTable};
use crate::engine::waterfall::{book_has_liquidity, check_liquidatable, finish_step};
use crate::engine::{env::Env, solvency, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, AdlFill, AutoDeleverage, MAX_ADL_FILLS};
use crate::instructions::cancel_order::cancel_account_orders;
use crate::math::adl::{adl_score, bankruptcy_price};
use crate::math::safe::{signed, SafeCast, SafeMath, SafeNeg};
use crate::math::trade::{unrealized_pnl, PositionBook};
use crate::math::wide::{add, mul, to_i64};
use crate::state::backstop::BackstopRegistry;
use crate::state::load;
use pinocchio::AccountView;

instruction_accounts! {
    /// Accounts of `auto_deleverage`. Remaining: `(market, oracle)` pairs, then candidate margin accounts.
    pub struct AutoDeleverageAccounts {
        /// Keeper (any signer).
        keeper: signer,
        /// Bankrupt margin account.
        liquidatee: writable,
        /// Exchange.
        exchange: writable,
        /// Market.
        market: writable,
        /// Its order book (checked exhausted inside the band).
        order_book: writable,
        /// Its oracle.
        oracle: readonly,
        /// Backstop registry (is any backstop registered for the market?).
        backstop_registry: readonly,
        /// Exchange vault (solvency check).
        vault: readonly,
        /// Event authority PDA.
        event_authority: readonly,
        /// This program.
        program: readonly,
    }
}

packed_layout! {
    /// Arguments of `auto_deleverage`.
    pub struct AutoDeleverageArgs {
        /// Most lots to close (0: as many as the candidates absorb).
        pub max_lots: u64,
    }
}

pub fn process(accounts: &[AccountView], args: &AutoDeleverageArgs) -> PerpResult {
    let a = AutoDeleverageAccounts::parse(accounts)?;
    check_event_authority(a.event_authority, a.program)?;
    let ex = validate::exchange_mut(a.exchange)?;
    let acct = validate::margin_account_mut(a.liquidatee, a.exchange.address())?;
    let market = validate::market_mut(a.market, a.exchange.address())?;
    let book = validate::book_mut(a.order_book, market)?;
    let feed = validate::oracle(a.oracle, market)?;
    let registry = load::<BackstopRegistry>(a.backstop_registry)?;
    require!(&registry.exchange == a.exchange.address(), PerpError::WrongExchange);
    validate::check_vault(ex, a.vault)?;

    let mut env = Env::new(ex, a.exchange, a.event_authority)?;
    let oracle_price = guarded_price(market, &feed, env.slot)?;
    accrue_funding(market, a.market.address(), book, oracle_price, &mut env)?;
    let mut table = MarketTable::new();
    table.push(market, &feed, env.slot)?;
    let used = table.load_pairs(a.remaining, a.exchange.address(), env.slot)?;
    let candidates = &a.remaining[used..];
    let idx = market.market_index;
    let snap = *table.get(idx)?;
    let key = a.liquidatee.address();

    settle_account(acct, key, &table, &mut env)?;
    let before = account_health(acct, &table)?;
    check_liquidatable(acct, &before, market.params.liquidation_buffer_bps as u64)?;
    cancel_account_orders(book, acct, key, idx, a.market.address(), &mut env, 2)?;
    let base = acct.find(idx).map(|i| acct.positions[i].base_lots).unwrap_or(0);
    require!(base != 0, PerpError::NoPosition);
    let closing_long = base > 0;
    require!(!book_has_liquidity(book, market, oracle_price, closing_long)?, PerpError::BookLiquidityRemains);
    // Backstops come first while the account still has equity to hand over. Once it is bankrupt at
    // the oracle (or beyond what the fund can pay, or no backstop is registered), ADL may act: its
    // price is the bankruptcy price net of available insurance, so the fund still pays first.
    let insurance_available = market.insurance_available(env.ex.insurance_native);
    let beyond_insurance = add(before.equity_native, to_i64(insurance_available)?)? < 0;
    require!(
        beyond_insurance || before.equity_native < 0 || !registry.covers(idx),
        PerpError::BackstopStageFirst
    );
    require!(!candidates.is_empty(), PerpError::NotEnoughAccounts);
    require!(
        candidates.len() <= MAX_ADL_FILLS
            && candidates.len() <= market.params.max_adl_counterparties as usize,
        PerpError::AdlTooManyCandidates
    );

    let others = health_excluding(acct, &table, idx)?;
    let price = bankruptcy_price(others.equity_native, insurance_available, base, oracle_price)?;

    let mut remaining = base.unsigned_abs();
    if args.max_lots > 0 && args.max_lots < remaining {
        remaining = args.max_lots;
    }
    let mut fills = [AdlFill::default(); MAX_ADL_FILLS];
    let mut n = 0usize;
    let mut closed = 0u64;
    let mut prev: Option<(u64, &pinocchio::Address)> = None;
    for (i, view) in candidates.iter().enumerate() {
        if remaining == 0 {
            break;
        }
        let ck = view.address();
        require!(ck != key, PerpError::SelfLiquidation);
        // A candidate listed twice is a mis-ordered list (each position is ranked once).
        require!(!candidates[..i].iter().any(|c| c.address() == ck), PerpError::AdlNotSorted);
        let cand = validate::margin_account_mut(view, a.exchange.address())?;
        settle_account(cand, ck, &table, &mut env)?;
        let ci = cand.find(idx).ok_or(PerpError::NoPosition)?;
        let cp = cand.positions[ci];
        require!(cp.base_lots != 0, PerpError::NoPosition);
        require!((cp.base_lots > 0) != closing_long, PerpError::AdlWrongSide);
        let upnl = unrealized_pnl(
            PositionBook { base_lots: cp.base_lots, entry_notional_native: cp.entry_notional_native },
            oracle_price,
        )?;
        let ch = account_health(cand, &table)?;
        require!(upnl > 0 && ch.equity_native > 0, PerpError::AdlNotProfitable);
        let score = adl_score(
            upnl,
            cp.entry_notional_native,
            mul(cp.base_lots.unsigned_abs(), oracle_price)?,
            ch.equity_native,
        );
        if let Some((ps, pk)) = prev {
            require!(score < ps || (score == ps && ck.as_ref() > pk.as_ref()), PerpError::AdlNotSorted);
        }
        prev = Some((score, ck));

        let q = remaining.min(cp.base_lots.unsigned_abs());
        let lots = signed(q, !closing_long)?;
        fill_account(acct, key, &snap, market, lots, price, &mut env)?;
        fill_account(cand, ck, &snap, market, lots.safe_neg()?, price, &mut env)?;
        fills[n] = AdlFill { account: *ck, lots: q, score, upnl_native: upnl };
        n = n.safe_add(1)?;
        closed = closed.safe_add(q)?;
        remaining = remaining.safe_sub(q)?;
    }

    let after = account_health(acct, &table)?;
    finish_step(acct, &after, market, closing_long, &mut env)?;
    market.adl_fill_count = market.adl_fill_count.wrapping_add(n.to_u64()?);

    let s = env.stamp();
    env.emit(&AutoDeleverage {
        seq: s.seq,
        slot: s.slot,
        unix_time: s.unix_time,
        market: *a.market.address(),
        margin_account: *key,
        keeper: *a.keeper.address(),
        base_before_lots: base,
        bankruptcy_price: price,
        oracle_price,
        insurance_available_native: insurance_available,
        equity_before_native: before.equity_native,
        equity_after_native: after.equity_native,
        closed_lots: closed,
        fill_count: n.to_u8()?,
        fills,
    })?;
    solvency::check_vault(env.ex, a.vault)
}
