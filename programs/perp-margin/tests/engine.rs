//! Host tests of the engine: matching and the waterfall steps on plain values — no VM, no
//! account views for makers. The engine takes the slot and time (`Env::at`), the oracle price (a
//! `MarketSnap` / `MarketTable`), the makers through `MakerAccounts`, and emits into the
//! instruction's event batch, which host builds keep (`events::HOST_SENT`).
//!
//! The SBF suites (tests/program, tests/waterfall, tests/attacks) run the same code as bytecode;
//! these pin the engine's rules one by one where a failure points at a line, not a transaction.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)] // host test: native arithmetic is the reference (and panics on overflow)

use perp_margin::discriminator::EVENT_IX_TAG;
use perp_margin::engine::env::Env;
use perp_margin::engine::matching::{
    cancel_reason, match_order, BookCtx, MakerAccounts, MatchParams, Taker, MAX_MAKERS,
};
use perp_margin::engine::oracle::OracleReading;
use perp_margin::engine::risk::{account_health, settle_account, MarketTable, PairSource, Valuation};
use perp_margin::engine::waterfall::{countable_insurance, release_if_recovered, reserve_for_close};
use perp_margin::error::{PerpError, PerpResult};
use perp_margin::events::{self, BadDebtRecorded, Event, Fill, OrderCancelled, PositionSettled};
use perp_margin::math::margin::Health;
use perp_margin::math::INDEX_SCALE;
use perp_margin::state::exchange::Exchange;
use perp_margin::state::margin_account::{status, MarginAccount, NO_MARKET};
use perp_margin::state::market::Market;
use perp_margin::state::order_book::{order_flags, Order, OrderBook, Side};
use perp_margin::state::Index128;
use pinocchio::account::RuntimeAccount;
use pinocchio::{AccountView, Address};

const SLOT: u64 = 1_000;
const TIME: i64 = 1_760_000_000;
/// Oracle price, quote native per lot.
const PX: u64 = 1_000_000;
const IMF: u32 = 1_000; // 10 %
const MMF: u32 = 500; // 5 %

fn zeroed<T>() -> T {
    // SAFETY: every type used here is a `layout!` Pod struct: all-zero bytes are a valid value.
    unsafe { core::mem::zeroed() }
}

fn key(n: u8) -> Address {
    Address::new_from_array([n; 32])
}

/// An account view with no data (the exchange and event-authority views an `Env` carries): a
/// runtime header the view points at, kept alive by the returned box.
fn header_view(address: Address) -> (Box<RuntimeAccount>, AccountView) {
    let mut raw = Box::new(RuntimeAccount {
        borrow_state: u8::MAX,
        is_signer: 0,
        is_writable: 1,
        executable: 0,
        padding: [0; 4],
        address,
        owner: perp_margin::ID,
        lamports: 1,
        data_len: 0,
    });
    // SAFETY: `raw` points at a RuntimeAccount followed by its (empty) data region and outlives
    // the view (the caller keeps the box).
    let view = unsafe { AccountView::new_unchecked(&mut *raw as *mut RuntimeAccount) };
    (raw, view)
}

fn market() -> Market {
    let mut m: Market = zeroed();
    m.market_index = 0;
    m.params.base_lot_size = 1;
    m.params.tick_size = 1;
    m.params.min_order_lots = 1;
    m.params.initial_margin_bps = IMF;
    m.params.maintenance_margin_bps = MMF;
    m.params.taker_fee_bps = 10;
    m.params.maker_fee_bps = 2;
    m.params.max_confidence_bps = 100;
    m.params.max_staleness_slots = 100;
    m.params.insurance_cap_native = u64::MAX;
    m
}

fn table(m: &Market) -> MarketTable {
    let mut t = MarketTable::new();
    t.push(m, &OracleReading { price: PX, confidence: 0, publish_slot: SLOT }, SLOT).unwrap();
    t
}

fn account(cash: i64) -> MarginAccount {
    let mut a: MarginAccount = zeroed();
    a.exchange = key(0xee);
    a.cash_native = cash;
    a.status = status::HEALTHY;
    a.deficit_market_index = NO_MARKET;
    a.insurance_reserved_market = NO_MARKET;
    for p in a.positions.iter_mut() {
        p.market_index = NO_MARKET;
    }
    a
}

/// Opens `lots` (signed) at `price` in market 0, as a past fill would have.
fn with_position(mut a: MarginAccount, lots: i64, price: u64) -> MarginAccount {
    let p = &mut a.positions[0];
    p.market_index = 0;
    p.base_lots = lots;
    p.entry_notional_native = lots.unsigned_abs() * price;
    a.cash_native -= lots * price as i64;
    a
}

/// Makers by key, as plain values.
struct Makers(Vec<(Address, MarginAccount)>);

impl MakerAccounts for &mut Makers {
    fn maker(&mut self, key: &Address) -> PerpResult<&mut MarginAccount> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, a)| a).ok_or(PerpError::MakerAccountMissing)
    }
}

impl Makers {
    fn get(&self, k: &Address) -> &MarginAccount {
        &self.0.iter().find(|(x, _)| x == k).unwrap().1
    }
}

/// Rests an order of `owner` and records it in the owner's bookkeeping, as `place_order` does.
fn rest(
    book: &mut OrderBook,
    owner: &Address,
    acct: &mut MarginAccount,
    side: Side,
    price: u64,
    lots: u64,
) -> u64 {
    let id = book.next_id();
    let o = Order {
        owner: *owner,
        order_id: id,
        client_order_id: 0,
        price,
        base_lots: lots,
        flags: 0,
        _pad0: [0; 3],
        owner_epoch: acct.bankruptcy_count,
    };
    assert!(book.insert(side, o));
    let i = acct.find_or_open(0).unwrap();
    let p = &mut acct.positions[i];
    p.open_orders += 1;
    match side {
        Side::Bid => {
            p.bids_lots += lots;
            p.bids_quote_native += lots * price;
        }
        Side::Ask => {
            p.asks_lots += lots;
            p.asks_quote_native += lots * price;
        }
    }
    id
}

/// A decoded event of the batch.
#[derive(Debug)]
enum Ev {
    Fill(Fill),
    Cancelled(OrderCancelled),
    Settled(PositionSettled),
    BadDebt(BadDebtRecorded),
}

fn read<E: Event>(bytes: &[u8]) -> E {
    assert!(bytes.len() >= core::mem::size_of::<E>());
    // SAFETY: E is a packed Pod event; `bytes` holds at least its size.
    unsafe { core::ptr::read_unaligned(bytes.as_ptr() as *const E) }
}

/// Sends the pending batch and decodes every event "sent" since the last call, in order.
fn drain_events() -> Vec<Ev> {
    events::flush().unwrap();
    let batches = events::HOST_SENT.with(|s| std::mem::take(&mut *s.borrow_mut()));
    let mut out = Vec::new();
    for b in batches {
        assert_eq!(b[..8], EVENT_IX_TAG, "a batch starts with Anchor's event tag");
        let mut at = 8;
        while at < b.len() {
            let (disc, body) = (&b[at..at + 8], &b[at + 8..]);
            let (ev, len) = if disc == Fill::DISCRIMINATOR {
                (Ev::Fill(read(body)), core::mem::size_of::<Fill>())
            } else if disc == OrderCancelled::DISCRIMINATOR {
                (Ev::Cancelled(read(body)), core::mem::size_of::<OrderCancelled>())
            } else if disc == PositionSettled::DISCRIMINATOR {
                (Ev::Settled(read(body)), core::mem::size_of::<PositionSettled>())
            } else if disc == BadDebtRecorded::DISCRIMINATOR {
                (Ev::BadDebt(read(body)), core::mem::size_of::<BadDebtRecorded>())
            } else {
                panic!("unexpected event discriminator {disc:?}");
            };
            out.push(ev);
            at += 8 + len;
        }
    }
    out
}

/// One market, its book, the exchange and the views an `Env` needs; runs matches.
struct Rig {
    ex: Exchange,
    market: Market,
    book: Box<OrderBook>,
    makers: Makers,
    _views: (Box<RuntimeAccount>, Box<RuntimeAccount>),
    exchange_view: AccountView,
    authority_view: AccountView,
}

const MARKET_KEY: Address = Address::new_from_array([0x4d; 32]);
const TAKER: Address = Address::new_from_array([0x77; 32]);

impl Rig {
    fn new() -> Rig {
        let _ = drain_events();
        let (a, exchange_view) = header_view(key(0xee));
        let (b, authority_view) = header_view(events::EVENT_AUTHORITY);
        let mut ex: Exchange = zeroed();
        ex.event_seq = 100;
        Rig {
            ex,
            market: market(),
            book: Box::new(zeroed()),
            makers: Makers(Vec::new()),
            _views: (a, b),
            exchange_view,
            authority_view,
        }
    }

    /// A maker with `cash`, resting `lots` on `side` at `price`.
    fn maker(&mut self, n: u8, cash: i64, side: Side, price: u64, lots: u64) -> (Address, u64) {
        let k = key(n);
        let mut a = match self.makers.0.iter().position(|(x, _)| x == &k) {
            Some(i) => self.makers.0.remove(i).1,
            None => account(cash),
        };
        let id = rest(&mut self.book, &k, &mut a, side, price, lots);
        self.makers.0.push((k, a));
        (k, id)
    }

    fn run(
        &mut self,
        taker: &mut MarginAccount,
        p: &MatchParams,
    ) -> PerpResult<perp_margin::engine::matching::MatchOutcome> {
        let t = table(&self.market);
        let mut env = Env::at(&mut self.ex, &self.exchange_view, &self.authority_view, SLOT, TIME);
        let snap = *t.get(0).unwrap();
        let mut bk = BookCtx {
            market: &mut self.market,
            market_key: &MARKET_KEY,
            book: &mut self.book,
            snap,
            table: &t,
            pairs: PairSource { pairs: &[], exchange: &key(0xee), slot: SLOT },
        };
        let mut tk = Taker { acct: taker, key: &TAKER, makers: &mut self.makers };
        match_order(&mut bk, &mut tk, p, &mut env)
    }
}

fn buy(lots: u64, limit: u64) -> MatchParams {
    MatchParams {
        side: Side::Bid,
        limit_price: limit,
        max_lots: lots,
        kind: 0,
        taker_fee_bps: 10,
        loss_budget_native: None,
    }
}

fn fills(evs: &[Ev]) -> Vec<&Fill> {
    evs.iter().filter_map(|e| if let Ev::Fill(f) = e { Some(f) } else { None }).collect()
}

fn cancels(evs: &[Ev]) -> Vec<&OrderCancelled> {
    evs.iter().filter_map(|e| if let Ev::Cancelled(c) = e { Some(c) } else { None }).collect()
}

#[test]
fn a_taker_fills_in_price_time_order_and_every_native_unit_is_accounted() {
    let mut r = Rig::new();
    let (m1, id_a) = r.maker(1, 10_000_000, Side::Ask, PX + 2_000, 3);
    let (m2, id_b) = r.maker(2, 10_000_000, Side::Ask, PX + 1_000, 2);
    let (m3, id_c) = r.maker(3, 10_000_000, Side::Ask, PX + 1_000, 4); // same price, later: behind m2
    let mut taker = account(10_000_000);
    let out = r.run(&mut taker, &buy(7, PX + 5_000)).unwrap();
    assert_eq!(out.filled_lots, 7);
    let evs = drain_events();
    let f = fills(&evs);
    let order: Vec<(Address, u64, u64, u64)> =
        f.iter().map(|f| (f.maker, f.maker_order_id, f.price, f.lots)).collect();
    assert_eq!(order, vec![(m2, id_b, PX + 1_000, 2), (m3, id_c, PX + 1_000, 4), (m1, id_a, PX + 2_000, 1)]);
    let seqs: Vec<u64> = f.iter().map(|f| f.seq).collect();
    assert_eq!(seqs, vec![100, 101, 102], "contiguous exchange sequence from the exchange's counter");
    assert!(f
        .iter()
        .all(|f| f.slot == SLOT && f.unix_time == TIME && f.market == MARKET_KEY && f.taker == TAKER));
    let quote = 6 * (PX + 1_000) + (PX + 2_000);
    assert_eq!(out.quote_native, quote);
    // Fees: taker 10 bps, maker 2 bps of each fill's notional, rounded up per fill.
    let fee_sum: u64 = f.iter().map(|f| f.taker_fee_native + f.maker_fee_native).sum();
    assert_eq!(r.ex.fee_pool_native, fee_sum);
    assert_eq!(out.taker_fee_native, f.iter().map(|f| f.taker_fee_native).sum::<u64>());
    // Zero-sum: every cash move is between the accounts, the fee pool takes the fees.
    let cash_after: i64 = taker.cash_native + r.makers.0.iter().map(|(_, a)| a.cash_native).sum::<i64>();
    assert_eq!(cash_after + fee_sum as i64, 4 * 10_000_000);
    assert_eq!(
        r.ex.total_cash_native,
        cash_after - 4 * 10_000_000,
        "the exchange total moved with the accounts"
    );
    assert_eq!(r.ex.total_cash_native, -(fee_sum as i64));
    assert_eq!(taker.positions[taker.find(0).unwrap()].base_lots, 7);
    // m1's order shrank to 2 lots and stays best; m2 and m3 are off the book with their margin released.
    let best = *r.book.best(Side::Ask).unwrap();
    assert_eq!((best.owner, best.base_lots), (m1, 2));
    assert_eq!(r.book.ask_count, 1);
    let p2 = r.makers.get(&m2).positions[r.makers.get(&m2).find(0).unwrap()];
    assert_eq!((p2.base_lots, p2.asks_lots, p2.asks_quote_native, p2.open_orders), (-2, 0, 0, 0));
    let p1 = r.makers.get(&m1).positions[r.makers.get(&m1).find(0).unwrap()];
    assert_eq!((p1.base_lots, p1.asks_lots, p1.open_orders), (-1, 2, 1));
    assert_eq!(r.market.fill_count, 3);
    assert_eq!(r.market.open_interest_lots, 7);
}

#[test]
fn the_limit_price_stops_the_sweep() {
    let mut r = Rig::new();
    r.maker(1, 10_000_000, Side::Ask, PX + 1_000, 2);
    r.maker(2, 10_000_000, Side::Ask, PX + 3_000, 2);
    let mut taker = account(10_000_000);
    let out = r.run(&mut taker, &buy(10, PX + 2_000)).unwrap();
    assert_eq!(out.filled_lots, 2);
    assert_eq!(r.book.best(Side::Ask).unwrap().price, PX + 3_000);
}

#[test]
fn self_trade_cancels_the_resting_order_and_goes_on() {
    let mut r = Rig::new();
    r.maker(2, 10_000_000, Side::Ask, PX + 2_000, 5);
    let mut taker = account(10_000_000);
    let own = rest(&mut r.book, &TAKER, &mut taker, Side::Ask, PX + 1_000, 3);
    let out = r.run(&mut taker, &buy(4, PX + 5_000)).unwrap();
    assert_eq!(out.filled_lots, 4, "filled against the next maker");
    let evs = drain_events();
    let c = cancels(&evs);
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].order_id, c[0].reason, c[0].margin_account), (own, cancel_reason::SELF_TRADE, TAKER));
    let p = taker.positions[taker.find(0).unwrap()];
    assert_eq!((p.base_lots, p.asks_lots, p.open_orders), (4, 0, 0), "its own ask's bookkeeping released");
}

#[test]
fn a_maker_not_passed_fails_the_whole_match() {
    let mut r = Rig::new();
    let (m1, _) = r.maker(1, 10_000_000, Side::Ask, PX, 2);
    r.makers.0.retain(|(k, _)| k != &m1);
    let mut taker = account(10_000_000);
    assert_eq!(r.run(&mut taker, &buy(1, PX)).err(), Some(PerpError::MakerAccountMissing));
}

#[test]
fn a_bankrupt_maker_never_fills_and_its_order_leaves_the_book() {
    let mut r = Rig::new();
    let (m1, id1) = r.maker(1, 10_000_000, Side::Ask, PX, 2);
    let (m2, id2) = r.maker(2, 10_000_000, Side::Ask, PX, 2);
    let (_m3, _) = r.maker(3, 10_000_000, Side::Ask, PX, 2);
    // m1 is bankrupt now; m2 went bankrupt and was resolved since placing (a newer epoch).
    r.makers.0.iter_mut().find(|(k, _)| k == &m1).unwrap().1.status = status::BANKRUPT;
    r.makers.0.iter_mut().find(|(k, _)| k == &m2).unwrap().1.bankruptcy_count = 1;
    let mut taker = account(10_000_000);
    let out = r.run(&mut taker, &buy(2, PX)).unwrap();
    assert_eq!((out.filled_lots, out.makers_cancelled), (2, 2));
    let evs = drain_events();
    let c: Vec<(u64, u8)> = cancels(&evs).iter().map(|c| (c.order_id, c.reason)).collect();
    assert_eq!(c, vec![(id1, cancel_reason::MAKER_BANKRUPT), (id2, cancel_reason::MAKER_BANKRUPT)]);
    // An old epoch's order never releases the bookkeeping of the new epoch.
    let p2 = r.makers.get(&m2).positions[r.makers.get(&m2).find(0).unwrap()];
    assert_eq!((p2.asks_lots, p2.open_orders), (2, 1));
}

#[test]
fn no_fill_pushes_a_maker_below_maintenance() {
    let mut r = Rig::new();
    // A bid 20 % above the oracle: every lot bought there loses 200 000 at once. With 1 000 000
    // of cash the maker can take 4 lots (equity 200 000 ≥ 5 % × 4 × PX); the order is cancelled
    // at the first fill that would cross maintenance.
    let (m1, id1) = r.maker(1, 1_000_000, Side::Bid, PX * 12 / 10, 10);
    let (m2, _) = r.maker(2, 100_000_000, Side::Bid, PX * 11 / 10, 10);
    let mut taker = account(100_000_000);
    let sell = MatchParams {
        side: Side::Ask,
        limit_price: PX,
        max_lots: 10,
        kind: 0,
        taker_fee_bps: 0,
        loss_budget_native: None,
    };
    let out = r.run(&mut taker, &sell).unwrap();
    let evs = drain_events();
    let c = cancels(&evs);
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].order_id, c[0].reason), (id1, cancel_reason::MAKER_BELOW_MAINTENANCE));
    let f = fills(&evs);
    assert!(f.iter().all(|f| f.maker == m2), "the whole sweep went to the maker that could carry it");
    assert_eq!(out.filled_lots, 10);
    let t = table(&r.market);
    let h = account_health(r.makers.get(&m1), &t, Valuation::Conservative).unwrap();
    assert!(h.equity_native >= h.maint_req_native as i64, "m1 untouched: {h:?}");
}

#[test]
fn a_reduce_only_maker_order_fills_only_what_closes() {
    let mut r = Rig::new();
    let k = key(1);
    let mut a = with_position(account(10_000_000), 3, PX); // long 3
    let id = rest(&mut r.book, &k, &mut a, Side::Ask, PX, 5);
    r.book.best_mut(Side::Ask).unwrap().flags = order_flags::REDUCE_ONLY;
    r.makers.0.push((k, a));
    r.maker(2, 10_000_000, Side::Ask, PX + 1, 5);
    let mut taker = account(10_000_000);
    let out = r.run(&mut taker, &buy(5, PX + 1)).unwrap();
    assert_eq!(out.filled_lots, 5);
    let evs = drain_events();
    let f = fills(&evs);
    assert_eq!((f[0].maker, f[0].maker_order_id, f[0].lots), (k, id, 3), "capped at the long it closes");
    assert_eq!((f[1].maker, f[1].lots), (key(2), 2));
    assert_eq!(r.makers.get(&k).positions[0].base_lots, 0);
}

#[test]
fn a_liquidation_stops_before_its_own_fills_create_a_deficit() {
    let mut r = Rig::new();
    // Bids 2 % and 4 % under the oracle; the liquidatee has 50 000 of equity to lose: 2 lots at
    // −20 000 each fit, the third lot does not (and nothing at −40 000 fits after them).
    r.maker(1, 100_000_000, Side::Bid, PX - 20_000, 2);
    r.maker(2, 100_000_000, Side::Bid, PX - 40_000, 5);
    let mut liquidatee = with_position(account(10_000_000), 10, PX);
    r.market.open_interest_lots = 10; // its long, against a short elsewhere
    let p = MatchParams {
        side: Side::Ask,
        limit_price: PX - 100_000,
        max_lots: 10,
        kind: 1,
        taker_fee_bps: 0,
        loss_budget_native: Some(50_000),
    };
    let out = r.run(&mut liquidatee, &p).unwrap();
    assert_eq!(out.filled_lots, 2);
    let evs = drain_events();
    assert!(fills(&evs).iter().all(|f| f.kind == 1));
    assert_eq!(liquidatee.positions[0].base_lots, 8);
}

#[test]
fn one_match_tracks_at_most_max_makers_and_leaves_the_rest_resting() {
    let mut r = Rig::new();
    for n in 0..(MAX_MAKERS as u8 + 3) {
        r.maker(10 + n, 10_000_000, Side::Ask, PX + u64::from(n), 1);
    }
    let mut taker = account(1_000_000_000);
    let out = r.run(&mut taker, &buy(100, PX + 100)).unwrap();
    assert_eq!(out.filled_lots, MAX_MAKERS as u64);
    assert_eq!(r.book.ask_count, 3, "the makers beyond the cap wait for the next order");
    assert_eq!(fills(&drain_events()).len(), MAX_MAKERS);
}

#[test]
fn fills_settle_funding_first_and_event_it() {
    let mut r = Rig::new();
    let (m1, _) = r.maker(1, 10_000_000, Side::Ask, PX, 1);
    // The taker is long 2 from before; the market's funding index moved 5 native per lot since.
    let mut taker = with_position(account(10_000_000), 2, PX);
    r.market.cumulative_funding = Index128::from_i128(5 * i128::from(INDEX_SCALE));
    taker.positions[0].funding_snapshot = Index128::from_i128(0);
    let cash0 = taker.cash_native;
    r.run(&mut taker, &buy(1, PX)).unwrap();
    let evs = drain_events();
    let settled: Vec<&PositionSettled> =
        evs.iter().filter_map(|e| if let Ev::Settled(s) = e { Some(s) } else { None }).collect();
    assert_eq!(settled.len(), 1, "{evs:?}");
    assert_eq!(settled[0].margin_account, TAKER);
    let funding = settled[0].funding_native;
    assert_eq!(funding, 10, "a long of 2 pays 2 × 5 on a positive index move");
    assert!(matches!(evs[0], Ev::Settled(_)), "settled before its fill is recorded");
    let fee = fills(&evs)[0].taker_fee_native as i64;
    assert_eq!(taker.cash_native, cash0 - funding - PX as i64 - fee);
    assert_eq!(r.ex.pending_settlement_native, funding);
    let _ = m1;
}

#[test]
fn social_loss_never_pushes_an_account_below_zero_it_is_written_off_as_bad_debt() {
    let (_a, exchange_view) = header_view(key(0xee));
    let (_b, authority_view) = header_view(events::EVENT_AUTHORITY);
    let _ = drain_events();
    let mut m = market();
    // Long 10 at PX with 100 000 of cash left: the long side's social index charges 30 000 a lot.
    m.social_loss_long_index = Index128::from_i128(30_000 * i128::from(INDEX_SCALE));
    let t = table(&m);
    let mut acct = with_position(account(100_000), 10, PX); // equity 100 000
    let mut ex: Exchange = zeroed();
    let mut env = Env::at(&mut ex, &exchange_view, &authority_view, SLOT, TIME);
    settle_account(&mut acct, &key(9), &t, &mut env).unwrap();
    let h = account_health(&acct, &t, Valuation::Conservative).unwrap();
    assert_eq!(h.equity_native, 0, "charged only what it had");
    assert_eq!(ex.bad_debt_native, 200_000, "the rest is explicit bad debt");
    let evs = drain_events();
    assert!(matches!(evs.last(), Some(Ev::BadDebt(b)) if b.amount_native == 200_000 && b.reason == 1));
}

fn health(equity: i64) -> Health {
    Health { equity_native: equity, ..zeroed() }
}

#[test]
fn a_close_below_zero_needs_insurance_that_covers_the_hole_and_reserves_it() {
    let m = market();
    let mut ex: Exchange = zeroed();
    ex.insurance_native = 1_000;
    let mut a = account(0);
    assert_eq!(countable_insurance(&a, &m, &ex).unwrap(), 1_000);
    assert_eq!(
        reserve_for_close(&mut a, &m, &mut ex, &health(-1_001)).err(),
        Some(PerpError::LossBeyondInsurance)
    );
    assert_eq!(
        (ex.insurance_reserved_native, a.insurance_reserved_native),
        (0, 0),
        "a refusal reserves nothing"
    );
    reserve_for_close(&mut a, &m, &mut ex, &health(-600)).unwrap();
    assert_eq!(
        (ex.insurance_reserved_native, a.insurance_reserved_native, a.insurance_reserved_market),
        (600, 600, 0)
    );
    // Another account now sees only what is left; this one still counts its own reservation.
    let b = account(0);
    assert_eq!(countable_insurance(&b, &m, &ex).unwrap(), 400);
    assert_eq!(countable_insurance(&a, &m, &ex).unwrap(), 1_000);
    // The market's cap binds too.
    let mut capped = market();
    capped.params.insurance_cap_native = 500;
    assert_eq!(countable_insurance(&b, &capped, &ex).unwrap(), 0, "600 of the 500 cap reserved already");
    // Recovered (healthy, no deficit): every instruction releases it.
    release_if_recovered(&mut a, &mut ex).unwrap();
    assert_eq!(
        (ex.insurance_reserved_native, a.insurance_reserved_native, a.insurance_reserved_market),
        (0, 0, NO_MARKET)
    );
    // A close with equity ≥ 0 releases a reservation too.
    reserve_for_close(&mut a, &m, &mut ex, &health(-100)).unwrap();
    reserve_for_close(&mut a, &m, &mut ex, &health(0)).unwrap();
    assert_eq!(ex.insurance_reserved_native, 0);
}

#[test]
fn dust_at_the_top_of_the_book_does_not_move_the_funding_premium() {
    use perp_margin::engine::funding::{impact_prices, sample_premium};
    let mut r = Rig::new();
    r.market.params.funding_impact_notional_native = 100 * PX; // impact at 100 lots
    r.market.params.max_funding_rate_bps = 50;
    r.market.params.funding_period_slots = 1_000;
    // Deep quotes 0.1 % either side of the oracle.
    r.maker(1, 1_000_000_000, Side::Bid, PX - 1_000, 500);
    r.maker(1, 1_000_000_000, Side::Ask, PX + 1_000, 500);
    let deep = impact_prices(&r.market, &r.book).unwrap();
    sample_premium(&mut r.market, &r.book, PX, 10).unwrap();
    assert_eq!(r.market.last_sample_premium_bps, 0, "a book centred on the oracle: no premium");
    // One lot bid and one lot ask at +1 %: the top-of-book mid moves 1 %, the impact prices do not.
    r.maker(2, 1_000_000_000, Side::Ask, PX + 10_000, 1);
    r.maker(3, 1_000_000_000, Side::Bid, PX + 9_900, 1);
    let with_dust = impact_prices(&r.market, &r.book).unwrap();
    let (bid, ask) = (with_dust.0.unwrap(), with_dust.1.unwrap());
    assert!(
        bid.abs_diff(deep.0.unwrap()) <= 200 && ask.abs_diff(deep.1.unwrap()) <= 200,
        "{deep:?} → {with_dust:?}"
    );
    sample_premium(&mut r.market, &r.book, PX, 20).unwrap();
    assert_eq!(r.market.last_sample_premium_bps, 0, "two dust lots cannot set the rate");
    assert_eq!(r.market.premium_sampled_slots, 20, "each sample weighted by the slots it stood");
    sample_premium(&mut r.market, &r.book, PX, 20).unwrap();
    assert_eq!(r.market.premium_sampled_slots, 20, "one sample per slot");
}

#[test]
fn a_stale_oracle_is_valued_at_its_worst_case_for_liquidation_and_blocks_new_risk() {
    let m = market();
    let mut stale = MarketTable::new();
    // Published 500 slots ago (limit 100), ±2 % confidence.
    stale
        .push(&m, &OracleReading { price: PX, confidence: PX / 50, publish_slot: SLOT - 500 }, SLOT)
        .unwrap();
    let long = with_position(account(1_000_000), 10, PX);
    assert_eq!(account_health(&long, &stale, Valuation::Strict).err(), Some(PerpError::OracleStale));
    let worst = account_health(&long, &stale, Valuation::Conservative).unwrap();
    let fresh = account_health(&long, &table(&m), Valuation::Conservative).unwrap();
    assert!(
        worst.equity_native < fresh.equity_native,
        "a long is valued at the low end: {worst:?} vs {fresh:?}"
    );
}
