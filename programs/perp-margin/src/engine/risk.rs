//! Market snapshots, oracle guards, lazy settlement and account health.
//!
//! A handler builds a [`MarketTable`] from the markets it was given (the instruction's own market
//! plus any `(market, oracle)` pairs at the start of the remaining accounts). Each snapshot copies
//! the values health needs, and records — without failing yet — whether its oracle passed the
//! staleness and confidence guards. The guard only fails an instruction when an account that holds
//! that market is evaluated: an unrelated stale feed never blocks a withdrawal.

use crate::engine::env::Env;
use crate::engine::oracle::OracleReading;
use crate::engine::validate;
use crate::error::{PerpError, PerpResult};
use crate::events::{BadDebtRecorded, PositionSettled};
use crate::math::funding::{funding_owed, social_loss_owed};
use crate::math::margin::{conservative_value, Health, PositionRisk};
use crate::math::safe::SafeMath;
use crate::math::wide::{add, mul, mul_signed, sub, to_i64};
use crate::math::{BPS, MAX_PRICE};
use crate::state::margin_account::{MarginAccount, Position, NO_MARKET};
use crate::state::market::Market;
use crate::state::{load, AccountType, Index128};
use pinocchio::{AccountView, Address};

/// Most markets one instruction can see.
pub const MAX_TABLE: usize = 16;

/// What health needs from one market.
#[derive(Clone, Copy, Debug, Default)]
pub struct MarketSnap {
    pub market_index: u16,
    /// Oracle price, quote native per lot (the last published one even if it failed its guard).
    pub price: u64,
    /// Oracle confidence (±), quote native per lot.
    pub confidence: u64,
    /// 0 if the oracle passed its guards, else the `PerpError` code.
    pub oracle_error: u32,
    pub imf_bps: u64,
    pub mmf_bps: u64,
    pub cumulative_funding: i128,
    pub social_long: i128,
    pub social_short: i128,
    /// Liquidation hysteresis buffer, bps.
    pub buffer_bps: u64,
}

impl MarketSnap {
    /// The oracle price if it passed its guards, or the guard's error.
    #[inline(always)]
    pub fn checked_price(&self) -> PerpResult<u64> {
        match self.oracle_error {
            0 => Ok(self.price),
            c => Err(error_from_code(c)),
        }
    }
    /// Social-loss index of the side `base_lots` is on.
    #[inline(always)]
    pub fn social_index(&self, base_lots: i64) -> i128 {
        if base_lots >= 0 {
            self.social_long
        } else {
            self.social_short
        }
    }
}

fn error_from_code(c: u32) -> PerpError {
    match c {
        x if x == PerpError::OracleStale as u32 => PerpError::OracleStale,
        x if x == PerpError::OracleConfidenceTooWide as u32 => PerpError::OracleConfidenceTooWide,
        _ => PerpError::InvalidOracle,
    }
}

/// Oracle guard: price > 0, published at most `max_staleness_slots` ago, confidence within
/// `max_confidence_bps` of the price.
#[inline(always)]
pub fn guarded_price(market: &Market, feed: &OracleReading, slot: u64) -> PerpResult<u64> {
    require!(feed.price != 0 && feed.price <= MAX_PRICE, PerpError::InvalidOracle);
    require!(
        slot.saturating_sub(feed.publish_slot) <= market.params.max_staleness_slots,
        PerpError::OracleStale
    );
    // confidence × BPS ≤ price × max_confidence_bps
    let lhs = mul(feed.confidence, BPS).map_err(|_| PerpError::OracleConfidenceTooWide)?;
    let rhs = mul(feed.price, market.params.max_confidence_bps as u64)?;
    require!(lhs <= rhs, PerpError::OracleConfidenceTooWide);
    Ok(feed.price)
}

/// Where an instruction's `(market, oracle)` pairs are (read again for makers' markets).
pub struct PairSource<'a> {
    pub pairs: &'a [AccountView],
    pub exchange: &'a Address,
    pub slot: u64,
}

/// Snapshots of the markets an instruction can see.
pub struct MarketTable {
    pub snaps: [MarketSnap; MAX_TABLE],
    pub len: usize,
}

impl MarketTable {
    pub fn new() -> Self {
        MarketTable { snaps: [MarketSnap::default(); MAX_TABLE], len: 0 }
    }

    /// Adds a market (ignored if already present).
    #[inline(always)]
    pub fn push(&mut self, market: &Market, feed: &OracleReading, slot: u64) -> PerpResult {
        if self.snaps[..self.len].iter().any(|s| s.market_index == market.market_index) {
            return Ok(());
        }
        require!(self.len < MAX_TABLE, PerpError::NotEnoughAccounts);
        let oracle_error = match guarded_price(market, feed, slot) {
            Ok(_) => 0,
            Err(e) => e as u32,
        };
        let usable = feed.price > 0 && feed.price <= MAX_PRICE;
        self.snaps[self.len] = MarketSnap {
            market_index: market.market_index,
            price: if usable { feed.price } else { 0 },
            confidence: feed.confidence,
            oracle_error,
            imf_bps: market.params.initial_margin_bps as u64,
            mmf_bps: market.params.maintenance_margin_bps as u64,
            cumulative_funding: market.cumulative_funding.get(),
            social_long: market.social_loss_long_index.get(),
            social_short: market.social_loss_short_index.get(),
            buffer_bps: market.params.liquidation_buffer_bps as u64,
        };
        self.len = self.len.safe_add(1)?;
        Ok(())
    }

    /// Snapshot of `market_index`, or `MissingMarketAccounts`.
    #[inline(always)]
    pub fn get(&self, market_index: u16) -> PerpResult<&MarketSnap> {
        self.snaps[..self.len]
            .iter()
            .find(|s| s.market_index == market_index)
            .ok_or(PerpError::MissingMarketAccounts)
    }

    /// Reads leading `(market, oracle)` pairs of `remaining` (a market is recognised by its
    /// discriminator) and returns how many accounts they took. Every pair is validated; the
    /// table keeps the first `MAX_TABLE` markets (the acting account's, which clients pass first),
    /// and the others stay available to [`MarketTable::load_for_account`] (makers' markets).
    #[inline(always)]
    pub fn load_pairs(
        &mut self,
        remaining: &[AccountView],
        exchange: &Address,
        slot: u64,
    ) -> PerpResult<usize> {
        let mut used = 0;
        while let [market, oracle, ..] = &remaining[used..] {
            if !is_market(market) {
                break;
            }
            let m = validate::market(market, exchange)?;
            let feed = validate::oracle(oracle, m)?;
            if self.len < MAX_TABLE {
                self.push(m, &feed, slot)?;
            }
            used = used.safe_add(2)?;
        }
        Ok(used)
    }

    /// Fills this (empty) table with exactly the markets `acct` holds: from `shared` when it has
    /// them, otherwise from the `(market, oracle)` pairs region `pairs` (validated again). An
    /// account holds at most 8 markets, so this fits however many markets an instruction sees.
    #[inline(never)]
    pub fn load_for_account(
        &mut self,
        acct: &MarginAccount,
        shared: &MarketTable,
        src: &PairSource,
    ) -> PerpResult {
        let (pairs, exchange, slot) = (src.pairs, src.exchange, src.slot);
        for p in acct.positions.iter() {
            if p.market_index == NO_MARKET || self.get(p.market_index).is_ok() {
                continue;
            }
            if let Ok(snap) = shared.get(p.market_index) {
                require!(self.len < MAX_TABLE, PerpError::NotEnoughAccounts);
                self.snaps[self.len] = *snap;
                self.len = self.len.safe_add(1)?;
                continue;
            }
            let mut found = false;
            for pair in pairs.chunks_exact(2) {
                let m = validate::market(&pair[0], exchange)?;
                if m.market_index == p.market_index {
                    let feed = validate::oracle(&pair[1], m)?;
                    self.push(m, &feed, slot)?;
                    found = true;
                    break;
                }
            }
            require!(found, PerpError::MissingMarketAccounts);
        }
        Ok(())
    }
}

impl Default for MarketTable {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether an account looks like a `Market` of this program (full checks follow in `load`).
#[inline(always)]
pub fn is_market(view: &AccountView) -> bool {
    view.owned_by(&crate::ID) && view.data_len() == Market::SPACE && load::<Market>(view).is_ok()
}

/// Settles funding and social loss of one position into cash. Returns (funding, social loss).
#[inline(always)]
pub fn settle_position(
    acct: &mut MarginAccount,
    slot_index: usize,
    snap: &MarketSnap,
    env: &mut Env,
) -> PerpResult<(i64, u64)> {
    let p = &mut acct.positions[slot_index];
    let funding = funding_owed(p.base_lots, snap.cumulative_funding, p.funding_snapshot.get())?;
    let social = social_loss_owed(p.base_lots, snap.social_index(p.base_lots), p.social_loss_snapshot.get())?;
    p.funding_snapshot = Index128::from_i128(snap.cumulative_funding);
    p.social_loss_snapshot = Index128::from_i128(snap.social_index(p.base_lots));
    if funding == 0 && social == 0 {
        return Ok((0, 0));
    }
    p.funding_paid_native = p.funding_paid_native.saturating_add(funding); // a statistic: never blocks settlement
    let charge = add(funding, to_i64(social)?)?;
    acct.cash_native = sub(acct.cash_native, charge)?;
    env.ex.total_cash_native = sub(env.ex.total_cash_native, charge)?;
    env.ex.pending_settlement_native = add(env.ex.pending_settlement_native, charge)?;
    Ok((funding, social))
}

/// Settles every position of an account (all its markets must be in the table) and emits one
/// `PositionSettled` per position that moved.
///
/// **Socialized loss never pushes an account below zero.** If the social-loss charges settled here
/// leave its equity negative, the part of them that did is not charged: it is written off as
/// explicit bad debt (`BadDebtRecorded`), so the loss the profiting side could not pay is never
/// hidden in `pending_settlement` nor turned into a new bankruptcy.
pub fn settle_account(
    acct: &mut MarginAccount,
    account_key: &Address,
    table: &MarketTable,
    env: &mut Env,
) -> PerpResult {
    let mut social_total = 0u64;
    let mut social_market = NO_MARKET;
    for i in 0..acct.positions.len() {
        let idx = acct.positions[i].market_index;
        if idx == NO_MARKET {
            continue;
        }
        let snap = table.get(idx)?;
        let (funding, social) = settle_position(acct, i, snap, env)?;
        if social > 0 {
            social_total = social_total.safe_add(social)?;
            social_market = idx;
        }
        if funding != 0 || social != 0 {
            let s = env.stamp();
            env.emit(&PositionSettled {
                seq: s.seq,
                slot: s.slot,
                unix_time: s.unix_time,
                margin_account: *account_key,
                market_index: idx,
                funding_native: funding,
                social_loss_native: social,
            })?;
        }
    }
    if social_total > 0 {
        let h = account_health(acct, table, Valuation::Conservative)?;
        if h.equity_native < 0 {
            let written_off = social_total.min(h.equity_native.unsigned_abs());
            let r = to_i64(written_off)?;
            acct.cash_native = add(acct.cash_native, r)?;
            env.ex.total_cash_native = add(env.ex.total_cash_native, r)?;
            env.ex.bad_debt_native = env.ex.bad_debt_native.safe_add(written_off)?;
            let s = env.stamp();
            env.emit(&BadDebtRecorded {
                seq: s.seq,
                slot: s.slot,
                unix_time: s.unix_time,
                margin_account: *account_key,
                market_index: social_market,
                reason: 1,
                amount_native: written_off,
                bad_debt_total_native: env.ex.bad_debt_native,
            })?;
        }
    }
    Ok(())
}

/// How a position in a market whose oracle failed its guards is valued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Valuation {
    /// Every held market needs a good oracle (withdrawals, new risk): the guard's error otherwise.
    Strict,
    /// A stale or too-wide market is valued at its worst case for the account
    /// (`math::margin::conservative_value`): liquidation, the maker check, backstops, ADL.
    Conservative,
}

/// One position's health inputs, charges not yet settled included.
#[inline(always)]
pub fn position_risk(p: &Position, snap: &MarketSnap, mode: Valuation) -> PerpResult<PositionRisk> {
    let funding = funding_owed(p.base_lots, snap.cumulative_funding, p.funding_snapshot.get())?;
    let social = social_loss_owed(p.base_lots, snap.social_index(p.base_lots), p.social_loss_snapshot.get())?;
    let unsettled = add(funding, to_i64(social)?)?;
    let (value, price) = match (snap.oracle_error, mode) {
        (0, _) => (mul_signed(p.base_lots, snap.price)?, snap.price),
        (e, Valuation::Conservative) if snap.price > 0 && e != PerpError::InvalidOracle as u32 => {
            conservative_value(p.base_lots, p.entry_notional_native, snap.price, snap.confidence)?
        }
        _ => return Err(snap.checked_price().err().unwrap_or(PerpError::InvalidOracle)),
    };
    Ok(PositionRisk {
        base_lots: p.base_lots,
        bids_lots: p.bids_lots,
        asks_lots: p.asks_lots,
        bids_quote_native: p.bids_quote_native,
        asks_quote_native: p.asks_quote_native,
        unsettled_native: unsettled,
        entry_notional_native: p.entry_notional_native,
        value_native: value,
        price,
        imf_bps: snap.imf_bps,
        mmf_bps: snap.mmf_bps,
    })
}

/// Health of an account (unsettled charges counted) over every market it holds.
pub fn account_health(acct: &MarginAccount, table: &MarketTable, mode: Valuation) -> PerpResult<Health> {
    health_excluding(acct, table, NO_MARKET, mode)
}

/// Health leaving out the position in `skip_market` (the bankruptcy and liquidation prices).
pub fn health_excluding(
    acct: &MarginAccount,
    table: &MarketTable,
    skip_market: u16,
    mode: Valuation,
) -> PerpResult<Health> {
    let mut h = Health::from_cash(acct.cash_native);
    for p in acct.positions.iter() {
        if p.market_index == NO_MARKET || p.market_index == skip_market {
            continue;
        }
        if p.base_lots == 0 && p.bids_lots == 0 && p.asks_lots == 0 {
            continue;
        }
        h.add(&position_risk(p, table.get(p.market_index)?, mode)?)?;
    }
    Ok(h)
}

/// An account left `BEING_LIQUIDATED` by a partial step that has since recovered (deposit, price
/// move) is healthy again once equity ≥ maintenance × (1 + the largest buffer of its markets): the
/// owner's own instructions clear the flag, so recovery never depends on a keeper.
pub fn refresh_liquidation_status(acct: &mut MarginAccount, h: &Health, table: &MarketTable) -> PerpResult {
    use crate::state::margin_account::status;
    if acct.status != status::BEING_LIQUIDATED {
        return Ok(());
    }
    let mut buffer = 0u64;
    for p in acct.positions.iter() {
        if p.market_index == NO_MARKET {
            continue;
        }
        let b = table.get(p.market_index)?.buffer_bps;
        if b > buffer {
            buffer = b;
        }
    }
    if h.above_liquidation_target(buffer)? {
        acct.status = status::HEALTHY;
    }
    Ok(())
}
