/**
 * The TypeScript math mirror against the Rust core: every case of `tests/vectors/math.json`
 * (written by `programs/perp-margin/tests/vectors.rs`) is recomputed here and must give the same
 * value or the same `PerpError` name. Regenerate the file after changing Rust math with
 * `PERP_WRITE_VECTORS=1 cargo test -p perp-margin --test vectors`.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { math } from "@perp-margin/client";
import type { Untyped } from "../harness/untyped";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = Untyped;

const VECTORS = path.join(__dirname, "..", "vectors", "math.json");
const B = (s: string): bigint => {
  assert.match(s, /^-?\d+$/, `vector integer ${s}`);
  return BigInt(s);
};
const S = (v: bigint | number): string => v.toString();

/** `{ok: f()}` or `{err: PerpError name}`, the shape the Rust generator writes. */
function result(f: () => Json): Json {
  try {
    return { ok: f() };
  } catch (e) {
    return { err: math.mathErrorName(e) };
  }
}

const positionRisk = (p: Json): math.PositionRisk => ({
  baseLots: B(p.base_lots),
  bidsLots: B(p.bids_lots),
  asksLots: B(p.asks_lots),
  bidsQuoteNative: B(p.bids_quote_native),
  asksQuoteNative: B(p.asks_quote_native),
  unsettledNative: B(p.unsettled_native),
  entryNotionalNative: B(p.entry_notional_native),
  valueNative: B(p.value_native),
  price: B(p.price),
  imfBps: B(p.imf_bps),
  mmfBps: B(p.mmf_bps),
});
const position = (p: Json): math.PositionBook => ({
  baseLots: B(p.base_lots),
  entryNotionalNative: B(p.entry_notional_native),
});
const positionJson = (p: math.PositionBook) => ({
  base_lots: S(p.baseLots),
  entry_notional_native: S(p.entryNotionalNative),
});
const fillJson = (f: math.FillEffect) => ({
  position: positionJson(f.position),
  cash_delta_native: S(f.cashDeltaNative),
  realized_pnl_native: S(f.realizedPnlNative),
  long_oi_delta_lots: S(f.longOiDeltaLots),
});
const round = (r: string): math.Round => {
  assert.ok(r === "floor" || r === "ceil", `round ${r}`);
  return r as math.Round;
};

/** One evaluator per Rust function name: vector input → output in the vector's JSON shape. */
const MIRRORS: Record<string, Record<string, (input: Json) => Json>> = {
  wide: {
    mul_div_floor: ([a, b, d]) => result(() => S(math.mulDivFloor(B(a), B(b), B(d)))),
    mul_div_ceil: ([a, b, d]) => result(() => S(math.mulDivCeil(B(a), B(b), B(d)))),
    mul_div_signed: ([a, b, d, r]) => result(() => S(math.mulDivSigned(B(a), B(b), B(d), round(r)))),
    div_signed: ([a, d, r]) => result(() => S(math.divSigned(B(a), B(d), round(r)))),
    mul_signed: ([a, b]) => result(() => S(math.mulSigned(B(a), B(b)))),
    mul: ([a, b]) => result(() => S(math.mul(B(a), B(b)))),
    mul_wide: ([a, b]) =>
      result(() => {
        const p = math.mulWide(B(a), B(b));
        return { hi: S(p.hi), lo: S(p.lo) };
      }),
    div_wide: ([hi, lo, d]) =>
      result(() => {
        const [q, r] = math.divWide({ hi: B(hi), lo: B(lo) }, B(d));
        return { q: S(q), r: S(r) };
      }),
    to_i64: ([x]) => result(() => S(math.toI64(B(x)))),
    neg_to_i64: ([x]) => result(() => S(math.negToI64(B(x)))),
    add: ([a, b]) => result(() => S(math.add(B(a), B(b)))),
    sub: ([a, b]) => result(() => S(math.sub(B(a), B(b)))),
    add_u: ([a, b]) => result(() => S(math.addU(B(a), B(b)))),
    sub_u: ([a, b]) => result(() => S(math.subU(B(a), B(b)))),
  },
  fees: {
    fee_on_notional: ([n, bps]) => result(() => S(math.feeOnNotional(B(n), B(bps)))),
    split_liquidation_fee: ([fee, share]) => result(() => math.splitLiquidationFee(B(fee), B(share)).map(S)),
  },
  margin: {
    health: (i) =>
      result(() => {
        const h = math.Health.fromCash(B(i.cash_native));
        for (const p of i.positions) h.add(positionRisk(p));
        return {
          equity_native: S(h.equityNative),
          maint_req_native: S(h.maintReqNative),
          init_req_native: S(h.initReqNative),
          notional_native: S(h.notionalNative),
          unrealized_gain_native: S(h.unrealizedGainNative),
          is_liquidatable: h.isLiquidatable(),
          meets_initial: h.meetsInitial(),
          free_collateral: result(() => S(h.freeCollateral())),
          withdrawable: result(() => S(h.withdrawable())),
          above_liquidation_target: result(() => h.aboveLiquidationTarget(B(i.buffer_bps))),
          margin_ratio_bps: result(() => S(math.marginRatioBps(h))),
        };
      }),
    initial_requirement: (p) => result(() => S(math.initialRequirement(positionRisk(p)))),
    conservative_value: ([b, e, p, c]) => result(() => math.conservativeValue(B(b), B(e), B(p), B(c)).map(S)),
    worst_case_lots: ([b, bids, asks]) => result(() => S(math.worstCaseLots(B(b), B(bids), B(asks)))),
    liquidation_target: ([m, buf]) => result(() => S(math.liquidationTarget(B(m), B(buf)))),
    liquidation_price: ([eq, m, b, mmf]) => result(() => S(math.liquidationPrice(B(eq), B(m), B(b), B(mmf)))),
    margin_ratio_bps: (h) =>
      result(() =>
        S(math.marginRatioBps({ equityNative: B(h.equity_native), maintReqNative: B(h.maint_req_native) })),
      ),
  },
  funding: {
    premium_bps: ([mid, oracle, cap]) => result(() => S(math.premiumBps(B(mid), B(oracle), B(cap)))),
    funding_index_delta: ([o, p, e, per]) =>
      result(() => S(math.fundingIndexDelta(B(o), B(p), B(e), B(per)))),
    funding_owed: ([b, now, snap]) => result(() => S(math.fundingOwed(B(b), B(now), B(snap)))),
    social_loss_owed: ([b, now, snap]) => result(() => S(math.socialLossOwed(B(b), B(now), B(snap)))),
    social_loss_index_delta: ([d, oi]) => result(() => S(math.socialLossIndexDelta(B(d), B(oi)))),
    impact_price: (i) =>
      result(() => {
        const p = math.impactPrice(
          i.levels.map(([p, l]: [string, string]) => [B(p), B(l)] as const),
          B(i.notional),
        );
        return p === null ? null : S(p);
      }),
    impact_premium_bps: ([bid, ask, o, cap]) =>
      result(() =>
        S(math.impactPremiumBps(bid === null ? null : B(bid), ask === null ? null : B(ask), B(o), B(cap))),
      ),
    twap_premium_bps: ([acc, slots, fb, cap]) =>
      result(() => S(math.twapPremiumBps(B(acc), B(slots), B(fb), B(cap)))),
  },
  trade: {
    apply_fill: (i) => result(() => fillJson(math.applyFill(position(i.before), B(i.lots), B(i.price)))),
    apply_fill_sequence: (i) =>
      result(() => {
        let pos: math.PositionBook = { baseLots: 0n, entryNotionalNative: 0n };
        return i.fills.map(([lots, price]: [string, string]) => {
          const f = math.applyFill(pos, B(lots), B(price));
          pos = f.position;
          return fillJson(f);
        });
      }),
    unrealized_pnl: (i) => result(() => S(math.unrealizedPnl(position(i.position), B(i.price)))),
    reduce_only_cap: ([b, buy, q]) => result(() => S(math.reduceOnlyCap(B(b), buy, B(q)))),
  },
  liquidation: {
    band_limit_price: ([p, bps, long]) => result(() => S(math.bandLimitPrice(B(p), B(bps), long))),
    backstop_price: ([p, bps, long]) => result(() => S(math.backstopPrice(B(p), B(bps), long))),
    lots_to_close: (i) =>
      result(() =>
        S(
          math.lotsToClose({
            positionLots: B(i.position_lots),
            price: B(i.price),
            equityNative: B(i.equity_native),
            maintReqNative: B(i.maint_req_native),
            mmfBps: B(i.mmf_bps),
            bufferBps: B(i.buffer_bps),
            costBps: B(i.cost_bps),
            chunkBps: B(i.chunk_bps),
            minChunkLots: B(i.min_chunk_lots),
          }),
        ),
      ),
    capped_liquidation_fee: ([n, bps, eq]) => result(() => S(math.cappedLiquidationFee(B(n), B(bps), B(eq)))),
    close_cost_bps: ([a, b]) => result(() => S(math.closeCostBps(B(a), B(b)))),
  },
  adl: {
    adl_score: ([u, e, n, eq]) => result(() => S(math.adlScore(B(u), B(e), B(n), B(eq)))),
    bankruptcy_price: ([eq, ins, b, p]) => result(() => S(math.bankruptcyPrice(B(eq), B(ins), B(b), B(p)))),
    position_loss: ([b, e, p]) => result(() => S(math.positionLoss(B(b), B(e), B(p)))),
    adl_close_price: ([h, b, p]) => result(() => S(math.adlClosePrice(B(h), B(b), B(p)))),
    rank_quantile: (i) => result(() => S(math.rankQuantile(B(i.score), i.sorted_scores_desc.map(B)))),
  },
  oracle: {
    external_to_lot_price: ([price, conf, expo, lot, bd, qd]) =>
      result(() => {
        const p = math.externalToLotPrice(
          B(price),
          B(conf),
          Number(B(expo)),
          B(lot),
          Number(B(bd)),
          Number(B(qd)),
        );
        return { price: S(p.price), confidence: S(p.confidence) };
      }),
  },
  deposit: {
    deposit_split: ([policy, deficit, amount, max]) =>
      result(() => {
        const s = math.depositSplit(Number(B(policy)), B(deficit), B(amount), B(max));
        return { to_debt_native: S(s.toDebtNative), credited_native: S(s.creditedNative) };
      }),
  },
};

describe("math mirror: Rust vectors (tests/vectors/math.json)", () => {
  const file: Json = JSON.parse(fs.readFileSync(VECTORS, "utf8"));

  it("covers every mirrored group and nothing else", () => {
    assert.deepEqual(Object.keys(file.groups).sort(), Object.keys(MIRRORS).sort());
  });

  for (const [group, mirrors] of Object.entries(MIRRORS)) {
    it(`${group}: every case equals the Rust result`, () => {
      const cases: Json[] = file.groups[group] ?? [];
      const perFn = new Map<string, number>();
      const failures: string[] = [];
      for (const c of cases) {
        const mirror = mirrors[c.fn];
        assert.ok(mirror, `${group}: no TypeScript mirror for ${c.fn}`);
        perFn.set(c.fn, (perFn.get(c.fn) ?? 0) + 1);
        const got = mirror(c.in);
        try {
          assert.deepStrictEqual(got, c.out);
        } catch {
          failures.push(
            `${c.fn}(${JSON.stringify(c.in)}): rust ${JSON.stringify(c.out)}, ts ${JSON.stringify(got)}`,
          );
        }
      }
      // Every mirrored function must have been exercised, with a few hundred cases each.
      for (const name of Object.keys(mirrors)) {
        assert.ok((perFn.get(name) ?? 0) >= 100, `${group}: only ${perFn.get(name) ?? 0} cases of ${name}`);
      }
      const errs = cases.filter((c) => "err" in c.out).length;
      console.log(
        `      ${group}: ${cases.length} cases checked (${errs} error results) over ${perFn.size} functions`,
      );
      assert.equal(
        failures.length,
        0,
        `${failures.length} of ${cases.length} cases differ:\n${failures.slice(0, 10).join("\n")}`,
      );
    });
  }
});
