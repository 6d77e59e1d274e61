//! `auto_deleverage` — waterfall stage 4. Permissionless.
//!
//! Allowed for a liquidatable account that still holds a position in the market once (a) the book
//! cannot take the close (`liquidate` would fill nothing: see `engine::waterfall::book_has_liquidity`)
//! and (b) the account is bankrupt at the oracle (equity < 0) or no backstop is registered for the
//! market. While the account still has equity and backstops exist, they act first
//! (`BackstopStageFirst`).
//!
//! **Insurance is counted once.** The step reserves, for this account, the insurance its close can
//! count on — `min(shortfall at the oracle, what is still unreserved in the fund and the market's
//! cap)` — and closes the position at the bankruptcy price net of that reservation
//! (`math::adl::bankruptcy_price`): the account lands at −(its reservation), and
//! `resolve_bankruptcy` pays exactly that from the reservation. Another bankrupt account's ADL step
//! sees only what is left unreserved, so in a cascade no two steps count the same insurance.
//!
//! **Counterparties never go below zero.** Candidates come from the keeper, ranked by the published
//! score (PnL% × effective leverage) highest first, then — once no profitable one is left in the
//! list — positions without profit (score 0), ranked by address. Every candidate closes at the
//! oracle and pays its exact share of the shortfall the reservation does not cover (the
//! bankruptcy price, without per-lot rounding), but only for as many lots as its equity can pay:
//! it ends at zero equity or above. A keeper listing low-ranked candidates therefore moves the
//! haircut between positions (which the indexer's audit flags), never onto insurance. The program recomputes every score, rejects wrong-side, ineligible (equity ≤ 0),
//! mis-ordered or repeated candidates, caps their number, and records every score in the event so
//! the indexer can audit that no higher-ranked eligible position was skipped. Whatever the
//! candidates could not absorb stays with the account as its deficit — insurance, then socialized
//! loss, then explicit bad debt.
//!
//! Remaining accounts: `(market, oracle)` pairs for every other market the bankrupt account or any
//! candidate holds, then the candidates' margin accounts.

use crate::engine::funding::accrue_funding;
use crate::engine::matching::cancel_reason;
use crate::engine::positions::{cause, crystallize_deficit, fill_account, pay_cash, Origin};
use crate::engine::risk::{account_health, guarded_price, settle_account, MarketTable, Valuation};
use crate::engine::solvency::{Vault, VaultGuard};
use crate::engine::waterfall::{
    book_has_liquidity, check_liquidatable, countable_insurance, finish_step, release_if_recovered,
    set_reservation,
};
use crate::engine::{env::Env, solvency, validate};
use crate::error::{PerpError, PerpResult};
use crate::events::{check_event_authority, AdlFill, AutoDeleverage, MAX_ADL_FILLS};
use crate::instructions::cancel_order::cancel_account_orders;
use crate::math::adl::{adl_close_price, adl_score, position_loss};
use crate::math::safe::{positive_part, signed, SafeCast, SafeMath, SafeNeg};
use crate::math::trade::{unrealized_pnl, PositionBook};
use crate::math::wide::{mul, mul_div_ceil, mul_div_floor};
use crate::math::BPS;
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
    let vault_guard = VaultGuard::open(ex, Vault::Trading, a.vault)?;

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
    let before = account_health(acct, &table, Valuation::Conservative)?;
    check_liquidatable(acct, &before, u64::from(market.params.liquidation_buffer_bps))?;
    cancel_account_orders(book, acct, key, idx, a.market.address(), &mut env, cancel_reason::LIQUIDATION)?;
    let base = acct.find(idx).map(|i| acct.positions[i].base_lots).unwrap_or(0);
    require!(base != 0, PerpError::NoPosition);
    let closing_long = base > 0;
    // The book comes first — unless `liquidate` could not use it: an account under water by more
    // than the insurance it can count on is refused there (`LossBeyondInsurance`, at the oracle),
    // so a bid left above the oracle after a gap must not also block ADL (no stage could act).
    let beyond_insurance = before.equity_native < 0
        && before.equity_native.unsigned_abs() > countable_insurance(acct, market, env.ex)?;
    require!(
        beyond_insurance
            || !book_has_liquidity(
                book,
                market,
                oracle_price,
                closing_long,
                positive_part(before.equity_native)
            )?,
        PerpError::BookLiquidityRemains
    );
    // Backstops come first while the account still has equity to hand over — but only a backstop
    // that could take this position now (committed capacity ≥ its initial margin at the oracle);
    // an entry that no longer holds its capacity is evicted by anyone (`evict_backstop`).
    let needed = mul_div_ceil(
        mul(base.unsigned_abs(), oracle_price)?,
        u64::from(market.params.initial_margin_bps),
        BPS,
    )?;
    require!(before.equity_native < 0 || !registry.capable(idx, needed), PerpError::BackstopStageFirst);
    require!(!candidates.is_empty(), PerpError::NotEnoughAccounts);
    require!(
        candidates.len() <= MAX_ADL_FILLS
            && candidates.len() <= market.params.max_adl_counterparties as usize,
        PerpError::AdlTooManyCandidates
    );

    // Reserve (once, for this account) the insurance this close counts on.
    let shortfall = if before.equity_native < 0 { before.equity_native.unsigned_abs() } else { 0 };
    let target = shortfall.min(countable_insurance(acct, market, env.ex)?);
    set_reservation(acct, idx, env.ex, target)?;
    let insurance = acct.insurance_reserved_native;

    // What the counterparties pay in all, for the whole position: the shortfall the reservation
    // does not cover — but never more than the position lost in this market against its cost
    // basis (`position_loss`): a loss made in another market is not this market's winners' to pay.
    // Every lot closes at the oracle plus its exact share of it (the last lot takes the remainder),
    // so the account lands at exactly −reservation (− whatever the bound left to other markets or
    // to the explicit deficit) — no rounding in its favour.
    let entry = acct.find(idx).map(|i| acct.positions[i].entry_notional_native).unwrap_or(0);
    let mut haircut_left = shortfall.safe_sub(insurance)?.min(position_loss(base, entry, oracle_price)?);
    let mut lots_left = base.unsigned_abs();
    let price = adl_close_price(haircut_left, base, oracle_price)?;

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
        let ch = account_health(cand, &table, Valuation::Conservative)?;
        require!(ch.equity_native > 0, PerpError::AdlNotProfitable);
        // 0 for a position without profit: ranked after every profitable one.
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

        // Only as many lots as the candidate's equity can pay the haircut on: it ends at zero
        // equity or above.
        let mut q = remaining.min(cp.base_lots.unsigned_abs());
        if haircut_left > 0 {
            let affordable = mul_div_floor(ch.equity_native.unsigned_abs(), lots_left, haircut_left)?;
            q = q.min(affordable);
        }
        if q == 0 {
            continue;
        }
        let haircut = if q == lots_left { haircut_left } else { mul_div_ceil(haircut_left, q, lots_left)? };
        let lots = signed(q, !closing_long)?;
        fill_account(acct, key, &snap, market, lots, oracle_price, &mut env)?;
        fill_account(cand, ck, &snap, market, lots.safe_neg()?, oracle_price, &mut env)?;
        if haircut > 0 {
            pay_cash(cand, acct, haircut)?;
        }
        haircut_left = haircut_left.safe_sub(haircut)?;
        lots_left = lots_left.safe_sub(q)?;
        crystallize_deficit(
            cand,
            ck,
            &Origin {
                market_index: idx,
                was_long: !closing_long,
                cause: cause::ADL_COUNTERPARTY,
                insurance_room_native: 0,
            },
            &mut env,
        )?;
        solvency::check_classified(cand)?;
        fills[n] = AdlFill { account: *ck, lots: q, score, upnl_native: upnl, haircut_native: haircut };
        n = n.safe_add(1)?;
        closed = closed.safe_add(q)?;
        remaining = remaining.safe_sub(q)?;
    }
    require!(closed > 0, PerpError::AdlNotProfitable);

    let after = account_health(acct, &table, Valuation::Conservative)?;
    let room = countable_insurance(acct, market, env.ex)?;
    let origin =
        Origin { market_index: idx, was_long: closing_long, cause: cause::ADL, insurance_room_native: room };
    finish_step(acct, key, &after, market, &origin, &mut env)?;
    release_if_recovered(acct, env.ex)?;
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
        insurance_available_native: insurance,
        equity_before_native: before.equity_native,
        equity_after_native: after.equity_native,
        closed_lots: closed,
        fill_count: n.to_u8()?,
        fills,
    })?;
    solvency::check_classified(acct)?;
    vault_guard.close(env.ex, a.vault)
}
