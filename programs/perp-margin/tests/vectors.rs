//! Shared math vectors: the Rust core computes every case, `tests/vectors/math.json` holds them, and
//! the TypeScript mirror (`client/src/math/`) must reproduce each one (`tests/math/vectors.test.ts`).
//!
//! The generator is deterministic (xorshift64*, one seed per function, so adding cases to one
//! function never shifts another's). Inputs mix hand-picked edges (0, ±1, type bounds, overflow
//! thresholds) with random values drawn at random bit widths, so small, realistic and overflowing
//! magnitudes all appear. Integers are decimal strings (JSON numbers lose precision past 2^53);
//! every result is `{"ok": …}` or `{"err": "<PerpError name>"}`.
//!
//! This test fails when the committed file differs from what the current Rust math produces.
//! Regenerate with `PERP_WRITE_VECTORS=1 cargo test -p perp-margin --test vectors`, then run the
//! mocha vectors test to see whether the TypeScript mirror still agrees.
//!
//! Inputs stay inside each function's domain where the Rust code relies on its callers (bps values
//! come from `u32` market parameters; a keeper share is ≤ 10 000 bps): outside it, unchecked `u64`
//! additions would panic in this test profile and wrap on-chain.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)] // host tests: native arithmetic is the reference

use perp_margin::error::{PerpError, PerpResult};
use perp_margin::math::liquidation::ChunkInputs;
use perp_margin::math::margin::{Health, PositionRisk};
use perp_margin::math::trade::{FillEffect, PositionBook};
use perp_margin::math::wide::{Round, U128};
use perp_margin::math::{
    adl, deposit, fees, funding, liquidation, margin, trade, wide, BPS, MAX_LOTS, MAX_PRICE,
};
use serde_json::{json, Value};
use std::path::PathBuf;

/// Random cases per function (edge cases come on top).
const N: usize = 300;

// ---------------------------------------------------------------- deterministic random inputs

/// xorshift64* (Vigna): tiny, fast, and good enough to spread test inputs.
struct Rng(u64);

impl Rng {
    /// Seeded from the function name (FNV-1a), never zero.
    fn for_fn(name: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in name.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
        Rng(h | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi - lo == u64::MAX {
            return self.next();
        }
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }
    /// A value of random bit width ≤ `max_bits`: small, mid and huge magnitudes equally likely.
    fn bits(&mut self, max_bits: u32) -> u64 {
        let w = self.below(max_bits as u64 + 1) as u32;
        if w == 0 {
            0
        } else if w == 64 {
            self.next()
        } else {
            self.next() & ((1u64 << w) - 1)
        }
    }
    /// Any `u64`, edges included.
    fn u64_any(&mut self) -> u64 {
        if self.chance(15) {
            return self.pick(&U64_EDGES);
        }
        self.bits(64)
    }
    /// Any `i64`, edges included.
    fn i64_any(&mut self) -> i64 {
        if self.chance(15) {
            return self.pick(&I64_EDGES);
        }
        let m = self.bits(63) as i64;
        if self.chance(50) {
            -m
        } else {
            m
        }
    }
    /// A price: mostly valid (1..=MAX_PRICE), sometimes 0 or far above.
    fn price(&mut self) -> u64 {
        match self.below(20) {
            0 => 0,
            1 => self.u64_any(),
            2 => MAX_PRICE,
            3..=9 => self.range(1, 100_000),
            _ => self.bits(40).max(1),
        }
    }
    /// A signed lot count: mostly within ±MAX_LOTS.
    fn lots(&mut self) -> i64 {
        let m = match self.below(20) {
            0 => return self.i64_any(),
            1 => MAX_LOTS,
            2..=10 => self.range(0, 1_000),
            _ => self.bits(40),
        } as i64;
        if self.chance(50) {
            -m
        } else {
            m
        }
    }
    /// An unsigned lot count.
    fn ulots(&mut self) -> u64 {
        match self.below(20) {
            0 => self.u64_any(),
            1 => MAX_LOTS,
            2..=10 => self.range(0, 1_000),
            _ => self.bits(40),
        }
    }
    /// A native amount: small, realistic or huge.
    fn native(&mut self) -> u64 {
        match self.below(10) {
            0 => self.u64_any(),
            1..=4 => self.range(0, 1_000_000),
            _ => self.bits(56),
        }
    }
    fn native_signed(&mut self) -> i64 {
        if self.chance(10) {
            return self.i64_any();
        }
        let m = self.native().min(i64::MAX as u64) as i64;
        if self.chance(50) {
            -m
        } else {
            m
        }
    }
    /// A basis-point parameter: mostly ≤ 10 000, sometimes up to `u32::MAX` (the field type).
    fn bps(&mut self) -> u64 {
        match self.below(20) {
            0 => 0,
            1 => BPS,
            2 => u32::MAX as u64,
            3 => self.range(BPS, 3 * BPS),
            _ => self.range(0, BPS),
        }
    }
}

const U64_EDGES: [u64; 12] = [
    0,
    1,
    2,
    0xffff_ffff,
    1 << 32,
    (1 << 40) - 1,
    1 << 40,
    i64::MAX as u64,
    1 << 63,
    u64::MAX - 1,
    u64::MAX,
    10_000,
];
const I64_EDGES: [i64; 10] = [0, 1, -1, 2, -2, i64::MAX, i64::MIN, i64::MIN + 1, 1 << 40, -(1 << 40)];

// ---------------------------------------------------------------- JSON helpers

fn s<T: ToString>(v: T) -> Value {
    Value::String(v.to_string())
}

fn err(e: PerpError) -> Value {
    json!({ "err": format!("{e:?}") })
}

fn out<T>(r: PerpResult<T>, f: impl FnOnce(T) -> Value) -> Value {
    match r {
        Ok(v) => json!({ "ok": f(v) }),
        Err(e) => err(e),
    }
}

fn case(name: &str, input: Value, output: Value) -> Value {
    json!({ "fn": name, "in": input, "out": output })
}

fn round_name(r: Round) -> &'static str {
    match r {
        Round::Floor => "floor",
        Round::Ceil => "ceil",
    }
}

fn health_json(h: &Health) -> Value {
    json!({
        "equity_native": s(h.equity_native),
        "maint_req_native": s(h.maint_req_native),
        "init_req_native": s(h.init_req_native),
        "notional_native": s(h.notional_native),
        "unrealized_gain_native": s(h.unrealized_gain_native),
    })
}

fn position_json(p: &PositionBook) -> Value {
    json!({ "base_lots": s(p.base_lots), "entry_notional_native": s(p.entry_notional_native) })
}

fn fill_json(f: &FillEffect) -> Value {
    json!({
        "position": position_json(&f.position),
        "cash_delta_native": s(f.cash_delta_native),
        "realized_pnl_native": s(f.realized_pnl_native),
        "long_oi_delta_lots": s(f.long_oi_delta_lots),
    })
}

// ---------------------------------------------------------------- groups

fn group_wide() -> Vec<Value> {
    let mut v = Vec::new();
    // Unsigned a × b / d: edges first, then random widths (d ≠ 0 mostly).
    for name in ["mul_div_floor", "mul_div_ceil"] {
        let mut r = Rng::for_fn(name);
        let mut inputs: Vec<(u64, u64, u64)> = vec![
            (0, 0, 1),
            (5, 7, 0),
            (u64::MAX, u64::MAX, u64::MAX),
            (u64::MAX, u64::MAX, u64::MAX - 1),
            (u64::MAX, 1, 1),
            (u64::MAX, 2, 1),
            (u64::MAX, 2, 2),
            (1 << 63, 2, 1),
            (7, 3, 2),
            (u64::MAX, u64::MAX, 1),
        ];
        for _ in 0..N {
            let d = if r.chance(5) { 0 } else { r.u64_any().max(1) };
            inputs.push((r.u64_any(), r.u64_any(), d));
        }
        for (a, b, d) in inputs {
            let res = if name == "mul_div_floor" {
                wide::mul_div_floor(a, b, d)
            } else {
                wide::mul_div_ceil(a, b, d)
            };
            v.push(case(name, json!([s(a), s(b), s(d)]), out(res, s)));
        }
    }
    let mut r = Rng::for_fn("mul_div_signed");
    for i in 0..N + 20 {
        let round = if i % 2 == 0 { Round::Floor } else { Round::Ceil };
        let (a, b, d) = if i < 20 {
            let a = I64_EDGES[i % I64_EDGES.len()];
            (a, [0, 1, 3, u64::MAX][i % 4], [1, 2, 3, 0][(i / 4) % 4])
        } else {
            (r.i64_any(), r.u64_any(), if r.chance(3) { 0 } else { r.u64_any().max(1) })
        };
        v.push(case(
            "mul_div_signed",
            json!([s(a), s(b), s(d), round_name(round)]),
            out(wide::mul_div_signed(a, b, d, round), s),
        ));
    }
    let mut r = Rng::for_fn("div_signed");
    for i in 0..N {
        let round = if i % 2 == 0 { Round::Floor } else { Round::Ceil };
        let (a, d) = (r.i64_any(), if r.chance(5) { 0 } else { r.bits(64).max(1) });
        v.push(case(
            "div_signed",
            json!([s(a), s(d), round_name(round)]),
            out(wide::div_signed(a, d, round), s),
        ));
    }
    let mut r = Rng::for_fn("mul_signed");
    let mut inputs: Vec<(i64, u64)> =
        vec![(i64::MIN, 1), (-(1 << 62), 2), (1 << 62, 2), (i64::MIN, 2), (i64::MIN, 0), (i64::MAX, 1)];
    for _ in 0..N {
        inputs.push((r.i64_any(), r.u64_any()));
    }
    for (a, b) in inputs {
        v.push(case("mul_signed", json!([s(a), s(b)]), out(wide::mul_signed(a, b), s)));
    }
    let mut r = Rng::for_fn("mul");
    for _ in 0..N {
        let (a, b) = (r.u64_any(), r.u64_any());
        v.push(case("mul", json!([s(a), s(b)]), out(wide::mul(a, b), s)));
    }
    let mut r = Rng::for_fn("mul_wide");
    for _ in 0..N {
        let (a, b) = (r.u64_any(), r.u64_any());
        let p = wide::mul_wide(a, b);
        v.push(case("mul_wide", json!([s(a), s(b)]), json!({ "ok": { "hi": s(p.hi), "lo": s(p.lo) } })));
    }
    let mut r = Rng::for_fn("div_wide");
    for _ in 0..N {
        let n = U128 { hi: if r.chance(30) { 0 } else { r.u64_any() }, lo: r.u64_any() };
        let d = if r.chance(5) { 0 } else { r.u64_any().max(1) };
        let res = wide::div_wide(n, d);
        v.push(case(
            "div_wide",
            json!([s(n.hi), s(n.lo), s(d)]),
            out(res, |(q, rem)| json!({ "q": s(q), "r": s(rem) })),
        ));
    }
    let mut r = Rng::for_fn("to_i64");
    #[allow(clippy::needless_range_loop)] // edges first, then random values: one index for both
    for i in 0..N / 2 {
        let x = if i < U64_EDGES.len() { U64_EDGES[i] } else { r.u64_any() };
        v.push(case("to_i64", json!([s(x)]), out(wide::to_i64(x), s)));
        v.push(case("neg_to_i64", json!([s(x)]), out(wide::neg_to_i64(x), s)));
    }
    for name in ["add", "sub"] {
        let mut r = Rng::for_fn(name);
        for _ in 0..N / 2 {
            let (a, b) = (r.i64_any(), r.i64_any());
            let res = if name == "add" { wide::add(a, b) } else { wide::sub(a, b) };
            v.push(case(name, json!([s(a), s(b)]), out(res, s)));
        }
    }
    for name in ["add_u", "sub_u"] {
        let mut r = Rng::for_fn(name);
        for _ in 0..N / 2 {
            let (a, b) = (r.u64_any(), r.u64_any());
            let res = if name == "add_u" { wide::add_u(a, b) } else { wide::sub_u(a, b) };
            v.push(case(name, json!([s(a), s(b)]), out(res, s)));
        }
    }
    v
}

fn group_fees() -> Vec<Value> {
    let mut v = Vec::new();
    let mut r = Rng::for_fn("fee_on_notional");
    for _ in 0..N {
        let (n, bps) = (r.native(), r.bps());
        v.push(case("fee_on_notional", json!([s(n), s(bps)]), out(fees::fee_on_notional(n, bps), s)));
    }
    let mut r = Rng::for_fn("split_liquidation_fee");
    for _ in 0..N {
        // Domain: keeper share ≤ 10 000 bps (create_market enforces it; above it `fee − keeper`
        // would underflow).
        let (fee, share) = (r.native(), r.range(0, BPS));
        let res = fees::split_liquidation_fee(fee, share);
        v.push(case(
            "split_liquidation_fee",
            json!([s(fee), s(share)]),
            out(res, |(k, i)| json!([s(k), s(i)])),
        ));
    }
    v
}

fn random_position_risk(r: &mut Rng) -> PositionRisk {
    let imf = r.bps();
    let base_lots = r.lots();
    let price = r.price();
    let bids_lots = if r.chance(60) { 0 } else { r.ulots() };
    let asks_lots = if r.chance(60) { 0 } else { r.ulots() };
    // Resting orders' quote: around lots × price (both sides of the oracle), sometimes extreme.
    let quote = |lots: u64, r: &mut Rng| {
        let at = (lots as u128 * price as u128).min(u64::MAX as u128) as u64;
        if r.chance(10) {
            r.native()
        } else {
            let pct = r.range(70, 130) as u128;
            (at as u128 * pct / 100).min(u64::MAX as u128) as u64
        }
    };
    let bids_quote_native = if bids_lots == 0 { 0 } else { quote(bids_lots, r) };
    let asks_quote_native = if asks_lots == 0 { 0 } else { quote(asks_lots, r) };
    let value_native = if r.chance(20) {
        r.native_signed()
    } else {
        wide::mul_signed(base_lots, price).unwrap_or_else(|_| r.native_signed())
    };
    let entry_notional_native = if r.chance(10) {
        r.native()
    } else {
        let pct = r.range(50, 150) as u128;
        (base_lots.unsigned_abs() as u128 * price as u128 * pct / 100).min(u64::MAX as u128) as u64
    };
    PositionRisk {
        base_lots,
        entry_notional_native,
        bids_lots,
        asks_lots,
        bids_quote_native,
        asks_quote_native,
        unsettled_native: if r.chance(50) { 0 } else { r.native_signed() },
        value_native,
        price,
        imf_bps: imf,
        mmf_bps: if r.chance(80) { imf / 2 } else { r.bps() },
    }
}

fn position_risk_json(p: &PositionRisk) -> Value {
    json!({
        "base_lots": s(p.base_lots), "bids_lots": s(p.bids_lots), "asks_lots": s(p.asks_lots),
        "bids_quote_native": s(p.bids_quote_native), "asks_quote_native": s(p.asks_quote_native),
        "unsettled_native": s(p.unsettled_native), "entry_notional_native": s(p.entry_notional_native),
        "value_native": s(p.value_native), "price": s(p.price),
        "imf_bps": s(p.imf_bps), "mmf_bps": s(p.mmf_bps),
    })
}

fn group_margin() -> Vec<Value> {
    let mut v = Vec::new();
    // Health::add over 0..=8 positions, then every derived view.
    let mut r = Rng::for_fn("health");
    for i in 0..N + 100 {
        let cash = if i % 3 == 0 { r.native_signed() } else { r.range(0, 10_000_000) as i64 - 5_000_000 };
        let n = r.below(9) as usize;
        let positions: Vec<PositionRisk> = (0..n).map(|_| random_position_risk(&mut r)).collect();
        let buffer = r.bps();
        let pj: Vec<Value> = positions.iter().map(position_risk_json).collect();
        let mut h = Health::from_cash(cash);
        let res = positions.iter().try_for_each(|p| h.add(p));
        let output = out(res, |_| {
            let mut o = health_json(&h);
            o["is_liquidatable"] = json!(h.is_liquidatable());
            o["meets_initial"] = json!(h.meets_initial());
            o["free_collateral"] = out(h.free_collateral(), s);
            o["withdrawable"] = out(h.withdrawable(), s);
            o["above_liquidation_target"] = out(h.above_liquidation_target(buffer), |b| json!(b));
            o["margin_ratio_bps"] = out(margin::margin_ratio_bps(&h), s);
            o
        });
        v.push(case(
            "health",
            json!({ "cash_native": s(cash), "positions": pj, "buffer_bps": s(buffer) }),
            output,
        ));
    }
    let mut r = Rng::for_fn("worst_case_lots");
    for _ in 0..N {
        let (b, bids, asks) = (r.lots(), r.ulots(), r.ulots());
        v.push(case(
            "worst_case_lots",
            json!([s(b), s(bids), s(asks)]),
            out(margin::worst_case_lots(b, bids, asks), s),
        ));
    }
    let mut r = Rng::for_fn("initial_requirement");
    for _ in 0..N {
        let p = random_position_risk(&mut r);
        v.push(case("initial_requirement", position_risk_json(&p), out(margin::initial_requirement(&p), s)));
    }
    let mut r = Rng::for_fn("conservative_value");
    let mut inputs: Vec<(i64, u64, u64, u64)> = vec![
        (10, 1_000, 120, 5),
        (10, 1_000, 80, 5),
        (-10, 1_000, 80, 5),
        (-10, 1_000, 120, 5),
        (0, 0, 1, 0),
    ];
    for _ in 0..N {
        let (b, price) = (r.lots(), r.price());
        let entry = if r.chance(20) { r.native() } else { b.unsigned_abs().saturating_mul(r.price()) };
        let conf = if r.chance(30) { 0 } else { price / r.range(2, 1_000) };
        inputs.push((b, entry, price, conf));
    }
    for (b, entry, price, conf) in inputs {
        v.push(case(
            "conservative_value",
            json!([s(b), s(entry), s(price), s(conf)]),
            out(margin::conservative_value(b, entry, price, conf), |(val, p)| json!([s(val), s(p)])),
        ));
    }
    let mut r = Rng::for_fn("liquidation_target");
    for _ in 0..N {
        let (m, buf) = (r.native(), r.bps());
        v.push(case("liquidation_target", json!([s(m), s(buf)]), out(margin::liquidation_target(m, buf), s)));
    }
    let mut r = Rng::for_fn("liquidation_price");
    let mut inputs: Vec<(i64, u64, i64, u64)> = vec![
        (-800, 0, 10, 500),
        (1_200, 0, -10, 500),
        (0, 0, 0, 500),
        (-1, 0, 1, BPS),
        (1, 2, -1, 0),
        (i64::MIN, u64::MAX, 1, 1),
    ];
    for _ in 0..N {
        let maint = if r.chance(30) { 0 } else { r.native() };
        // Others' equity around their own requirement: both signs of the gap, small and large.
        let eq = if r.chance(30) {
            r.native_signed()
        } else {
            (maint.min(1 << 62) as i64) + r.native_signed() / 1_000
        };
        inputs.push((eq, maint, r.lots(), r.bps()));
    }
    for (eq, maint, base, mmf) in inputs {
        v.push(case(
            "liquidation_price",
            json!([s(eq), s(maint), s(base), s(mmf)]),
            out(margin::liquidation_price(eq, maint, base, mmf), s),
        ));
    }
    let mut r = Rng::for_fn("margin_ratio_bps");
    for _ in 0..N {
        let h = Health {
            equity_native: r.native_signed(),
            maint_req_native: if r.chance(10) { 0 } else { r.native() },
            ..Default::default()
        };
        v.push(case(
            "margin_ratio_bps",
            json!({ "equity_native": s(h.equity_native), "maint_req_native": s(h.maint_req_native) }),
            out(margin::margin_ratio_bps(&h), s),
        ));
    }
    v
}

fn group_funding() -> Vec<Value> {
    let mut v = Vec::new();
    let mut r = Rng::for_fn("premium_bps");
    for _ in 0..N {
        let oracle = r.price();
        let mid = match r.below(4) {
            0 => r.price(),
            1 => oracle,
            2 => oracle.saturating_add(r.range(0, 200)).saturating_sub(r.range(0, 200)),
            // within ±2 % of the oracle: the realistic premium range, clamped or not
            _ => {
                let off = (oracle as u128 * r.range(0, 200) as u128 / BPS as u128) as u64;
                if r.chance(50) {
                    oracle.saturating_add(off)
                } else {
                    oracle - off
                }
            }
        };
        let cap = match r.below(10) {
            0 => r.u64_any(),
            _ => r.range(0, 1_000),
        };
        v.push(case(
            "premium_bps",
            json!([s(mid), s(oracle), s(cap)]),
            out(funding::premium_bps(mid, oracle, cap), s),
        ));
    }
    let mut r = Rng::for_fn("funding_index_delta");
    for _ in 0..N {
        let oracle = r.price();
        let premium = if r.chance(10) { r.i64_any() } else { r.range(0, 2_000) as i64 - 1_000 };
        let elapsed = if r.chance(10) { r.u64_any() } else { r.range(0, 100_000) };
        let period = if r.chance(5) {
            0
        } else if r.chance(10) {
            r.u64_any()
        } else {
            r.range(1, 216_000)
        };
        v.push(case(
            "funding_index_delta",
            json!([s(oracle), s(premium), s(elapsed), s(period)]),
            out(funding::funding_index_delta(oracle, premium, elapsed, period), s),
        ));
    }
    let mut r = Rng::for_fn("funding_owed");
    let wide = |r: &mut Rng| -> i128 {
        // 128-bit index values: small, 64-bit, and beyond 64 bits.
        match r.below(3) {
            0 => i128::from(r.native_signed()),
            1 => i128::from(r.i64_any()),
            _ => (i128::from(r.i64_any()) << 40) | i128::from(r.u64_any() >> 24),
        }
    };
    let mut inputs: Vec<(i64, i128, i128)> = vec![
        (1, 1_500_000, 0),
        (-1, 1_500_000, 0),
        (1, -1_500_000, 0),
        (-1, -1_500_000, 0),
        (i64::MIN, -1, 0),
        (i64::MIN, 1, 0),
        (5, i128::from(i64::MIN), 1),
        (1, 1 << 100, 0),
        (1, i128::MAX, i128::MIN),
    ];
    for _ in 0..N {
        let snap = if r.chance(20) { wide(&mut r) } else { i128::from(r.native_signed()) };
        let now = if r.chance(20) {
            wide(&mut r)
        } else {
            snap.saturating_add(i128::from(r.native_signed() >> r.below(40)))
        };
        inputs.push((r.lots(), now, snap));
    }
    for (b, now, snap) in inputs {
        v.push(case(
            "funding_owed",
            json!([s(b), s(now), s(snap)]),
            out(funding::funding_owed(b, now, snap), s),
        ));
    }
    let mut r = Rng::for_fn("social_loss_owed");
    for _ in 0..N {
        let snap = if r.chance(20) { wide(&mut r) } else { i128::from(r.native_signed()) };
        let now = if r.chance(20) {
            wide(&mut r)
        } else {
            snap.saturating_add(i128::from(r.native_signed() >> r.below(40)))
        };
        let b = r.lots();
        v.push(case(
            "social_loss_owed",
            json!([s(b), s(now), s(snap)]),
            out(funding::social_loss_owed(b, now, snap), s),
        ));
    }
    let mut r = Rng::for_fn("social_loss_index_delta");
    for _ in 0..N {
        let (d, oi) = (r.native(), if r.chance(5) { 0 } else { r.ulots() });
        v.push(case(
            "social_loss_index_delta",
            json!([s(d), s(oi)]),
            out(funding::social_loss_index_delta(d, oi), s),
        ));
    }
    let mut r = Rng::for_fn("impact_price");
    for _ in 0..N {
        let n = r.below(6);
        let mut price = r.price();
        let mut levels = Vec::new();
        for _ in 0..n {
            levels.push((price, if r.chance(10) { 0 } else { r.ulots() >> r.below(30) }));
            price = price.saturating_sub(r.below(1_000)).max(1);
        }
        let notional = if r.chance(10) { 0 } else { r.native() >> r.below(30) };
        let lj: Vec<Value> = levels.iter().map(|(p, l)| json!([s(*p), s(*l)])).collect();
        v.push(case(
            "impact_price",
            json!({ "levels": lj, "notional": s(notional) }),
            out(funding::impact_price(levels.iter().copied(), notional), |o| match o {
                Some(p) => json!(s(p)),
                None => Value::Null,
            }),
        ));
    }
    let mut r = Rng::for_fn("impact_premium_bps");
    for _ in 0..N {
        let o = if r.chance(2) { 0 } else { r.price() };
        let near = |r: &mut Rng| o.saturating_add(r.below(o / 20 + 1)).saturating_sub(r.below(o / 20 + 1));
        let bid = if r.chance(20) { None } else { Some(near(&mut r)) };
        let ask = if r.chance(20) { None } else { Some(near(&mut r)) };
        let cap = r.range(0, 1_000);
        let js = |x: Option<u64>| x.map(|p| json!(s(p))).unwrap_or(Value::Null);
        v.push(case(
            "impact_premium_bps",
            json!([js(bid), js(ask), s(o), s(cap)]),
            out(funding::impact_premium_bps(bid, ask, o, cap), s),
        ));
    }
    let mut r = Rng::for_fn("twap_premium_bps");
    for _ in 0..N {
        let acc = if r.chance(10) { r.i64_any() } else { r.native_signed() >> 20 };
        let slots = if r.chance(10) { 0 } else { r.range(1, 100_000) };
        let (fallback, cap) = (r.range(0, 2_000) as i64 - 1_000, r.range(0, 1_000));
        v.push(case(
            "twap_premium_bps",
            json!([s(acc), s(slots), s(fallback), s(cap)]),
            out(funding::twap_premium_bps(acc, slots, fallback, cap), s),
        ));
    }
    v
}

fn group_trade() -> Vec<Value> {
    let mut v = Vec::new();
    // Single fills from arbitrary (even unreachable) positions.
    let mut r = Rng::for_fn("apply_fill");
    for _ in 0..N {
        let before = PositionBook { base_lots: r.lots(), entry_notional_native: r.native() };
        let (lots, price) = (if r.chance(5) { 0 } else { r.lots() }, r.price());
        v.push(case(
            "apply_fill",
            json!({ "before": position_json(&before), "lots": s(lots), "price": s(price) }),
            out(trade::apply_fill(before, lots, price), |f| fill_json(&f)),
        ));
    }
    // Sequences from a flat position: opens, reductions, flips and closes in realistic sizes.
    let mut r = Rng::for_fn("apply_fill_sequence");
    for _ in 0..N {
        let n = r.range(1, 12) as usize;
        let mut pos = PositionBook::default();
        let mut fills = Vec::new();
        let mut effects = Vec::new();
        let mut failed = None;
        for _ in 0..n {
            let lots = match r.below(10) {
                0 => -pos.base_lots, // close exactly
                1 => r.lots(),
                _ => r.range(0, 2_000) as i64 - 1_000,
            };
            let price = if r.chance(10) { r.price() } else { r.range(1, 1_000_000) };
            fills.push(json!([s(lots), s(price)]));
            if failed.is_some() {
                continue;
            }
            match trade::apply_fill(pos, lots, price) {
                Ok(f) => {
                    pos = f.position;
                    effects.push(fill_json(&f));
                }
                Err(e) => failed = Some(e),
            }
        }
        let output = match failed {
            Some(e) => err(e),
            None => json!({ "ok": effects }),
        };
        v.push(case("apply_fill_sequence", json!({ "fills": fills }), output));
    }
    let mut r = Rng::for_fn("unrealized_pnl");
    for _ in 0..N {
        let p = PositionBook { base_lots: r.lots(), entry_notional_native: r.native() };
        let price = r.price();
        v.push(case(
            "unrealized_pnl",
            json!({ "position": position_json(&p), "price": s(price) }),
            out(trade::unrealized_pnl(p, price), s),
        ));
    }
    let mut r = Rng::for_fn("reduce_only_cap");
    for _ in 0..N {
        let (b, buy, q) = (r.lots(), r.chance(50), r.ulots());
        v.push(case(
            "reduce_only_cap",
            json!([s(b), buy, s(q)]),
            json!({ "ok": s(trade::reduce_only_cap(b, buy, q)) }),
        ));
    }
    v
}

fn group_liquidation() -> Vec<Value> {
    let mut v = Vec::new();
    for name in ["band_limit_price", "backstop_price"] {
        let mut r = Rng::for_fn(name);
        for _ in 0..N {
            let (p, bps, long) = (r.price(), r.bps(), r.chance(50));
            let res = if name == "band_limit_price" {
                liquidation::band_limit_price(p, bps, long)
            } else {
                liquidation::backstop_price(p, bps, long)
            };
            v.push(case(name, json!([s(p), s(bps), long]), out(res, s)));
        }
    }
    let mut r = Rng::for_fn("lots_to_close");
    for _ in 0..N + 100 {
        let price = r.price();
        let lots = r.ulots();
        let mmf = r.range(1, 2_000);
        // Maintenance near the position's own requirement, equity around it.
        let own = (lots as u128 * price as u128 * mmf as u128 / BPS as u128).min(u64::MAX as u128) as u64;
        let maint = if r.chance(15) { r.native() } else { own.saturating_add(r.range(0, 100_000)) };
        let equity = if r.chance(15) {
            r.native_signed()
        } else {
            (maint.min(i64::MAX as u64) as i64).saturating_sub(r.range(0, 200_000) as i64 - 50_000)
        };
        let i = ChunkInputs {
            position_lots: lots,
            price,
            equity_native: equity,
            maint_req_native: maint,
            mmf_bps: if r.chance(10) { r.bps() } else { mmf },
            buffer_bps: r.bps(),
            cost_bps: if r.chance(20) { r.bps() } else { r.range(0, 600) },
            chunk_bps: if r.chance(10) { r.bps() } else { r.range(1, BPS) },
            min_chunk_lots: if r.chance(50) { r.range(0, 10) } else { r.ulots() },
        };
        let input = json!({
            "position_lots": s(i.position_lots), "price": s(i.price), "equity_native": s(i.equity_native),
            "maint_req_native": s(i.maint_req_native), "mmf_bps": s(i.mmf_bps), "buffer_bps": s(i.buffer_bps),
            "cost_bps": s(i.cost_bps), "chunk_bps": s(i.chunk_bps), "min_chunk_lots": s(i.min_chunk_lots),
        });
        v.push(case("lots_to_close", input, out(liquidation::lots_to_close(&i), s)));
    }
    let mut r = Rng::for_fn("capped_liquidation_fee");
    for _ in 0..N {
        let (n, bps) = (r.native(), r.bps());
        let eq = if r.chance(30) { r.native_signed() } else { r.native().min(i64::MAX as u64) as i64 };
        v.push(case(
            "capped_liquidation_fee",
            json!([s(n), s(bps), s(eq)]),
            out(liquidation::capped_liquidation_fee(n, bps, eq), s),
        ));
    }
    let mut r = Rng::for_fn("close_cost_bps");
    for _ in 0..N / 2 {
        let (a, b) = if r.chance(20) { (r.u64_any(), r.u64_any()) } else { (r.bps(), r.bps()) };
        v.push(case("close_cost_bps", json!([s(a), s(b)]), out(liquidation::close_cost_bps(a, b), s)));
    }
    v
}

fn group_adl() -> Vec<Value> {
    let mut v = Vec::new();
    let mut r = Rng::for_fn("adl_score");
    for _ in 0..N + 100 {
        let upnl = if r.chance(20) { r.native_signed() } else { r.native().min(i64::MAX as u64) as i64 };
        let entry = if r.chance(5) { 0 } else { r.native() };
        let notional = r.native();
        // Equity mostly below notional (leverage ≥ 1), sometimes anything.
        let lev = r.range(1, 50);
        let eq = if r.chance(20) {
            r.native_signed()
        } else {
            r.range(1, (notional / lev).clamp(1, 1 << 62)) as i64
        };
        v.push(case(
            "adl_score",
            json!([s(upnl), s(entry), s(notional), s(eq)]),
            json!({ "ok": s(adl::adl_score(upnl, entry, notional, eq)) }),
        ));
    }
    let mut r = Rng::for_fn("bankruptcy_price");
    let mut inputs: Vec<(i64, u64, i64, u64)> = vec![
        (-1_200, 0, 10, 100),
        (-1_200, 150, 10, 100),
        (-1_200, 500, 10, 100),
        (800, 0, -10, 100),
        (800, 100, -10, 100),
        (5, 0, 0, 77),
        (-5, 0, -3, 77),
        (0, 0, -3, 0),
    ];
    for _ in 0..N {
        inputs.push((r.native_signed(), if r.chance(40) { 0 } else { r.native() }, r.lots(), r.price()));
    }
    for (eq, ins, base, px) in inputs {
        v.push(case(
            "bankruptcy_price",
            json!([s(eq), s(ins), s(base), s(px)]),
            out(adl::bankruptcy_price(eq, ins, base, px), s),
        ));
    }
    let mut r = Rng::for_fn("position_loss");
    let mut inputs: Vec<(i64, u64, u64)> =
        vec![(10, 1_200, 100), (10, 900, 100), (-10, 800, 100), (-10, 1_100, 100), (0, 5, 9)];
    for _ in 0..N {
        inputs.push((r.lots(), r.native(), r.price()));
    }
    for (base, entry, px) in inputs {
        v.push(case(
            "position_loss",
            json!([s(base), s(entry), s(px)]),
            out(adl::position_loss(base, entry, px), s),
        ));
    }
    let mut r = Rng::for_fn("adl_close_price");
    let mut inputs: Vec<(u64, i64, u64)> =
        vec![(200, 10, 100), (50, 10, 100), (200, -10, 100), (0, -10, 100), (5_000, -10, 100), (7, 0, 3)];
    for _ in 0..N {
        inputs.push((if r.chance(20) { 0 } else { r.native() }, r.lots(), r.price()));
    }
    for (h, base, px) in inputs {
        v.push(case(
            "adl_close_price",
            json!([s(h), s(base), s(px)]),
            out(adl::adl_close_price(h, base, px), s),
        ));
    }
    let mut r = Rng::for_fn("rank_quantile");
    for _ in 0..N {
        let n = r.below(25) as usize;
        let mut scores: Vec<u64> =
            (0..n).map(|_| if r.chance(20) { r.range(1, 5) } else { r.native().max(1) }).collect();
        scores.sort_unstable_by(|a, b| b.cmp(a));
        let score = match r.below(4) {
            0 => 0,
            1 if n > 0 => scores[r.below(n as u64) as usize],
            _ => r.native(),
        };
        let sj: Vec<Value> = scores.iter().map(|&x| s(x)).collect();
        v.push(case(
            "rank_quantile",
            json!({ "score": s(score), "sorted_scores_desc": sj }),
            json!({ "ok": s(adl::rank_quantile(score, &scores)) }),
        ));
    }
    v
}

fn group_deposit() -> Vec<Value> {
    let mut v = Vec::new();
    let mut r = Rng::for_fn("deposit_split");
    for _ in 0..N + 100 {
        let policy = match r.below(10) {
            0 => r.pick(&[2u8, 3, 255]),
            1..=4 => 0,
            _ => 1,
        };
        let deficit = if r.chance(35) { 0 } else { r.native() };
        let amount = r.native();
        let max = match r.below(5) {
            0 => 0,
            1 => u64::MAX,
            2 => deficit,
            _ => r.native(),
        };
        v.push(case(
            "deposit_split",
            json!([s(policy), s(deficit), s(amount), s(max)]),
            out(
                deposit::deposit_split(policy, deficit, amount, max),
                |d| json!({ "to_debt_native": s(d.to_debt_native), "credited_native": s(d.credited_native) }),
            ),
        ));
    }
    v
}

fn group_oracle() -> Vec<Value> {
    let mut v = Vec::new();
    let mut r = Rng::for_fn("external_to_lot_price");
    for _ in 0..N {
        let price = match r.below(8) {
            0 => -(r.below(1000) as i64),
            1 => 0,
            _ => r.bits(50) as i64,
        };
        let conf = r.bits(40);
        let expo = -(r.below(13) as i32) + if r.chance(10) { 20 } else { 0 };
        let lot = r.pick(&[1u64, 10, 1_000, 100_000, 10_000_000, 100_000_000]);
        let bd = r.pick(&[0u8, 6, 8, 9, 18]);
        let qd = r.pick(&[6u8, 9]);
        v.push(case(
            "external_to_lot_price",
            json!([s(price), s(conf), s(expo), s(lot), s(bd), s(qd)]),
            out(
                perp_margin::math::oracle::external_to_lot_price(price, conf, expo, lot, bd, qd),
                |p| json!({ "price": s(p.price), "confidence": s(p.confidence) }),
            ),
        ));
    }
    v
}

// ---------------------------------------------------------------- file

fn render() -> String {
    let groups: [(&str, Vec<Value>); 9] = [
        ("wide", group_wide()),
        ("fees", group_fees()),
        ("margin", group_margin()),
        ("funding", group_funding()),
        ("trade", group_trade()),
        ("liquidation", group_liquidation()),
        ("adl", group_adl()),
        ("deposit", group_deposit()),
        ("oracle", group_oracle()),
    ];
    // One case per line keeps diffs of regenerated vectors readable.
    let mut o = String::from("{\n\"format\": \"perp-margin math vectors v1: integers are decimal strings; out is {\\\"ok\\\": value} or {\\\"err\\\": PerpError name}; generated by programs/perp-margin/tests/vectors.rs\",\n\"groups\": {\n");
    for (gi, (name, cases)) in groups.iter().enumerate() {
        o.push_str(&format!("\"{name}\": [\n"));
        for (i, c) in cases.iter().enumerate() {
            o.push_str(&serde_json::to_string(c).unwrap());
            o.push_str(if i + 1 < cases.len() { ",\n" } else { "\n" });
        }
        o.push_str(if gi + 1 < groups.len() { "],\n" } else { "]\n" });
    }
    o.push_str("}\n}\n");
    o
}

fn vectors_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/math.json")
}

#[test]
fn math_vectors_are_current() {
    let rendered = render();
    let v: Value = serde_json::from_str(&rendered).expect("vectors are valid JSON");
    for (name, cases) in v["groups"].as_object().unwrap() {
        let cases = cases.as_array().unwrap();
        let errs = cases.iter().filter(|c| c["out"].get("err").is_some()).count();
        println!("{name}: {} cases ({} errors)", cases.len(), errs);
        assert!(cases.len() >= 300, "{name}: too few cases");
    }
    let path = vectors_path();
    if std::env::var("PERP_WRITE_VECTORS").is_ok() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &rendered).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != rendered {
        let line = committed.lines().zip(rendered.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
        panic!(
            "{} is out of date with the Rust math (first difference at line {line}): run \
             `PERP_WRITE_VECTORS=1 cargo test -p perp-margin --test vectors`, then the mocha vectors test",
            path.display()
        );
    }
}
