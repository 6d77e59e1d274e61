/**
 * Red team of the liveness fixes (commit "Liveness: …"): the committed-capacity backstop registry,
 * the capable-only ADL gate, the time-weighted impact-premium funding and the 128-bit indices,
 * attacked on the SBF program (LiteSVM).
 *
 * A test that asserts the safe outcome and FAILS on the current program is a finding (its comment
 * gives the numbers measured); a test named "PASSING PROBE: …" is an attack that turned out safe.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import {
  BackstopChangeReason,
  defaultMarketParams as defaultParams,
  eventsNamed,
  math,
  OracleKind,
  OrderType,
  Side,
} from "@perp-margin/client";
import { USDC } from "@perp-margin/client/src/scenario";
import { Keeper } from "@perp-margin/client/src/keeper";
import { Keypair, PublicKey } from "@solana/web3.js";
import { expectError, expectOk } from "../harness/expect";
import { type Trader, type TxResult, Venue } from "../harness/venue";
import { adlQueue, checkInvariants, equity, table } from "./lib";

const P = 1_000_000n; // 1.00 USDC per lot
const pct = (p: bigint, bps: bigint) => (p * bps) / 10_000n;
const POST = { type: OrderType.PostOnly };

async function register(v: Venue, t: Trader, mask: bigint, capacity: bigint) {
  return v.send([await v.client.registerBackstopIx(t.kp.publicKey, t.account, mask, capacity)], [t.kp]);
}
async function evict(v: Venue, caller: Trader, account: PublicKey) {
  return v.send([await v.client.evictBackstopIx(caller.kp.publicKey, account)], [caller.kp]);
}
const registered = (v: Venue) => v.registryState().entries.map((e) => e.marginAccount.toBase58());
const errName = (r: TxResult) => (r.ok ? "ok" : (r.error?.name ?? r.rawError ?? "?"));
const baseOf = (v: Venue, t: Trader | PublicKey, m: number) =>
  v.account(t).positions.find((p) => p.marketIndex === m)?.baseLots ?? 0n;

/** A 9× long that a −7 % move leaves below maintenance with equity ≥ 0, an empty band, and a short. */
async function stalled(v: Venue) {
  const long = v.createTrader(100n * USDC);
  const short = v.createTrader(10_000n * USDC);
  expectOk(await v.order(short, 0, Side.Ask, P, 900n));
  expectOk(await v.order(long, 0, Side.Bid, P, 900n));
  v.setPrice(0, pct(P, 9_300n));
  assert.ok(equity(v, long) > 0n, "the long still has equity");
  return { long, short };
}

/** One attempt at every waterfall stage on market 0 for `long` (nothing asserted). */
async function everyStage(v: Venue, keeper: Trader, long: Trader, backstop: Trader) {
  const k = keeper.kp;
  const liq = v.send([await v.client.liquidateIx(k.publicKey, keeper.account, long.account, 0)], [k]);
  const bs = v.send(
    [await v.client.backstopLiquidateIx(k.publicKey, backstop.account, long.account, 0)],
    [k],
  );
  const ev = bs.ok ? bs : await evict(v, keeper, backstop.account);
  const adl = bs.ok
    ? bs
    : v.send([await v.client.autoDeleverageIx(k.publicKey, long.account, 0, adlQueue(v, 0, "short"))], [k]);
  return { liq: errName(liq), backstop: errName(bs), evict: errName(ev), adl: errName(adl) };
}

// ------------------------------------------------------------------------------------------------

describe("red team: a capable, unevictable backstop whose takeover always fails", () => {
  /**
   * FINDING. A backstop account fills all 8 position slots with 1-lot post-only orders in 8 other
   * markets (cost: 8 × 0.095 USDC of initial margin), deposits 10 000 USDC and registers for market 0
   * with 5 000 USDC committed. Measured on the current program, for a 900-lot long at 0.93 that the
   * book cannot take (needs 83.7 USDC of capacity):
   *   liquidate → BookLiquidityExhausted, backstop_liquidate → PositionSlotsFull,
   *   evict_backstop → BackstopHoldsCapacity, auto_deleverage → BackstopStageFirst,
   * and the keeper ends "waiting" with the position open. Only the admin's remove_backstop
   * unblocks it; the attacker keeps the ADL of every market it covers shut for the cost of capital.
   */
  it("a backstop with every position slot taken by 1-lot orders elsewhere blocks backstop, evict and ADL", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    for (let i = 0; i < 9; i++) v.createMarket(P, defaultParams());
    const attacker = v.createTrader(10_000n * USDC);
    for (let m = 1; m <= 8; m++) expectOk(await v.order(attacker, m, Side.Bid, pct(P, 9_500n), 1n, POST));
    assert.equal(v.account(attacker).positions.filter((p) => p.marketIndex !== 0xffff).length, 8);
    expectOk(await register(v, attacker, 1n, 5_000n * USDC), "registers with 5 000 USDC held");
    const { long, short } = await stalled(v);
    const keeper = v.createKeeper();
    const stages = await everyStage(v, keeper, long, attacker);
    const lines: string[] = [];
    const bot = new Keeper(v.client, keeper.kp, keeper.account, { log: (l) => lines.push(l) });
    await bot.runUntilQuiet();
    checkInvariants(v, [long, short, attacker, keeper]);
    assert.equal(
      baseOf(v, long, 0),
      0n,
      `the waterfall should progress: stages ${JSON.stringify(stages)}; keeper:\n${lines.join("\n")}`,
    );
  });

  /**
   * FINDING (keeper). The only capable backstop holds 1 lot in a market whose oracle went stale.
   * The program is right: eviction values the stale lot at its worst case and still finds the
   * 5 000 USDC (BackstopHoldsCapacity), and `backstop_liquidate` (Conservative, like evict) accepts
   * the takeover (simulated: ok). The shipped keeper ranks backstops with `accountRiskView`, which
   * throws on the stale market, so it never tries this one; it cannot evict it and ADL is refused
   * (BackstopStageFirst). Measured: the keeper logs "no backstop took it (0 evicted), ADL refused;
   * waiting" and the 900-lot long stays open until the stale feed publishes again.
   */
  it("a backstop holding 1 lot in a stale market: the program takes over, the keeper must too", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams());
    v.createMarket(P, defaultParams());
    const backstop = v.createTrader(10_000n * USDC);
    const other = v.createTrader(1_000n * USDC);
    expectOk(await v.order(other, 1, Side.Ask, P, 1n));
    expectOk(await v.order(backstop, 1, Side.Bid, P, 1n));
    expectOk(await register(v, backstop, 1n, 5_000n * USDC));
    v.warp(100); // market 1's feed stops; market 0's goes on
    v.setPrice(0, P);
    const { long, short } = await stalled(v);
    const keeper = v.createKeeper();
    expectError(
      v,
      [await v.client.evictBackstopIx(keeper.kp.publicKey, backstop.account)],
      [keeper.kp],
      "BackstopHoldsCapacity",
      [v.registry],
    );
    const ix = await v.client.backstopLiquidateIx(keeper.kp.publicKey, backstop.account, long.account, 0);
    assert.ok(v.simulate([ix], [keeper.kp]).ok, "the program accepts the takeover");
    const lines: string[] = [];
    const bot = new Keeper(v.client, keeper.kp, keeper.account, { log: (l) => lines.push(l) });
    await bot.runUntilQuiet();
    checkInvariants(v, [long, short, backstop, other, keeper]);
    assert.equal(baseOf(v, long, 0), 0n, `the keeper should take it over:\n${lines.join("\n")}`);
  });
});

// ------------------------------------------------------------------------------------------------

describe("red team: flash-registered commitments displace every real backstop", () => {
  /**
   * FINDING. `withdraw` ignores the committed capacity, so one transaction
   * [deposit 1 001 USDC, register_backstop(1 001 USDC), withdraw 1 001 USDC] displaces the weakest
   * entry and leaves a hollow one. Measured: 16 such transactions from 16 sub-accounts of one
   * owner, reusing the same 1 001 USDC, displaced all 16 honest backstops (1 000 USDC committed and
   * held each): 0 of 16 left, the attacker's wallet ends with exactly the 1 001 USDC it started with.
   * The 16 hollow entries then block ADL (BackstopStageFirst) until someone pays 16 evictions, and
   * the honest backstops must re-register (and can be knocked out again the next slot).
   */
  it("16 flash registrations with the same 1 001 USDC knock out 16 honest 1 000 USDC backstops", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams());
    const honest: Trader[] = [];
    for (let i = 0; i < 16; i++) {
      const t = v.createTrader(1_000n * USDC);
      expectOk(await register(v, t, 1n, 1_000n * USDC), `honest ${i}`);
      honest.push(t);
    }
    const X = 1_001n * USDC;
    const kp = Keypair.generate();
    const subs: Trader[] = [];
    for (let i = 0; i < 16; i++) subs.push(v.createTrader(0n, i, kp));
    const wallet = subs[0].token;
    v.mintTo(wallet, X);
    const flash: string[] = [];
    for (const s of subs) {
      const t = { ...s, token: wallet };
      const r = v.send(
        [
          v.depositIx(t, X),
          await v.client.registerBackstopIx(kp.publicKey, t.account, 1n, X),
          await v.withdrawIx(t, X),
        ],
        [kp],
      );
      flash.push(errName(r));
    }
    const left = honest.filter((t) => registered(v).includes(t.account.toBase58())).length;
    const displaced = v.eventLog.filter(
      (e) => e.name === "BackstopChanged" && e.data.reason === BackstopChangeReason.Displaced,
    ).length;
    checkInvariants(v, [...honest, ...subs]);
    assert.equal(
      left,
      16,
      `honest backstops left ${left}/16 (displaced ${displaced}; flash txs ${flash.join(",")}; ` +
        `attacker wallet ${v.tokenBalance(wallet)} of ${X})`,
    );
  });
});

// ------------------------------------------------------------------------------------------------

describe("red team: funding from quotes that cannot fill", () => {
  function market() {
    const v = new Venue();
    v.initExchange();
    v.createMarket(
      P,
      defaultParams({ fundingPeriodSlots: 100n, maxFundingRateBps: 50, makerFeeBps: 0, takerFeeBps: 0 }),
    );
    return v;
  }
  const crank = (v: Venue) => expectOk(v.send([v.client.updateFundingIx(0)], [v.admin]));

  /**
   * FINDING. A reduce-only order is capped at the position when placed, never again: the attacker
   * shorts 10 000 lots to its own second account, rests a reduce-only bid for 10 000 lots at +1 %,
   * and closes the short against its second account at +2 % (a wash: the owner's net is 0 with 0
   * fees). The bid now can fill 0 lots (a seller crossing it gets nothing: REDUCE_ONLY_EMPTY) but
   * counts as 10 000 USDC of impact liquidity. Measured: premium 50 bps (the cap), a 10 000-lot
   * long pays 50 USDC per 100-slot period; the attacker's fill risk is 0 (vs 100 USDC per hit for a
   * real +1 % quote).
   */
  it("a reduce-only bid left without a position sets the capped premium at zero fill risk", async () => {
    const v = market();
    const long = v.createTrader(10_000n * USDC);
    const short = v.createTrader(10_000n * USDC);
    expectOk(await v.order(short, 0, Side.Ask, P, 10_000n));
    expectOk(await v.order(long, 0, Side.Bid, P, 10_000n));
    const a = v.createTrader(100_000n * USDC);
    const b = v.createTrader(100_000n * USDC);
    expectOk(await v.order(a, 0, Side.Ask, P, 10_000n, POST));
    expectOk(await v.order(b, 0, Side.Bid, P, 10_000n));
    expectOk(await v.order(a, 0, Side.Bid, pct(P, 10_100n), 10_000n, { ...POST, reduceOnly: true }));
    expectOk(await v.order(b, 0, Side.Ask, pct(P, 10_200n), 10_000n, POST));
    expectOk(await v.order(a, 0, Side.Bid, pct(P, 10_200n), 10_000n, { type: OrderType.ImmediateOrCancel }));
    assert.equal(baseOf(v, a, 0), 0n, "the attacker is flat");
    assert.equal(v.bookState(0).bids[0]?.baseLots, 10_000n, "its reduce-only bid still rests");
    const netBefore = v.account(a).cashNative + v.account(b).cashNative;
    v.warp(100);
    v.setPrice(0, P);
    const ev = eventsNamed(crank(v).events, "FundingUpdated")[0];
    const premium = ev?.premiumBps ?? 0n;
    // The phantom: a seller crossing it fills nothing, the order is cancelled.
    const seller = v.createTrader(10_000n * USDC);
    const hit = expectOk(
      await v.order(seller, 0, Side.Ask, pct(P, 10_100n), 10_000n, { type: OrderType.ImmediateOrCancel }),
    );
    const filled = eventsNamed(hit.events, "Fill").length;
    checkInvariants(v, [long, short, a, b, seller]);
    assert.equal(netBefore, 200_000n * USDC, "the wash cost the owner nothing");
    assert.equal(
      premium,
      0n,
      `an order that can fill 0 lots set the premium to ${premium} bps (fills when crossed: ${filled})`,
    );
  });
});

// ------------------------------------------------------------------------------------------------

describe("red team: parameters validate_params accepts that freeze a market", () => {
  /**
   * FINDING. `validate_params` bounds the funding period below (≥ 10 slots) but not above, while
   * `funding_index_delta` computes `BPS × period` in 64 bits. Measured: a market created with
   * `funding_period_slots = 2^62` accepts its first orders in the creation slot; one slot later
   * `place_order` and `update_funding` fail with MathOverflow (liquidate, backstop_liquidate and
   * auto_deleverage run the same accrual first) — the market is frozen with its positions in it.
   */
  it("funding_period_slots = 2^62 is accepted, then every accrual overflows", async () => {
    const v = new Venue();
    v.initExchange();
    let created = true;
    try {
      v.createMarket(P, defaultParams({ fundingPeriodSlots: 1n << 62n }));
    } catch {
      created = false; // the safe outcome: the parameter set is refused
    }
    if (!created) return;
    const long = v.createTrader(1_000n * USDC);
    const short = v.createTrader(1_000n * USDC);
    expectOk(await v.order(short, 0, Side.Ask, P, 100n, POST));
    expectOk(await v.order(long, 0, Side.Bid, P, 100n));
    v.warp(1);
    v.setPrice(0, P);
    const order = await v.order(long, 0, Side.Bid, pct(P, 9_000n), 1n, POST);
    const crank = v.send([v.client.updateFundingIx(0)], [v.admin]);
    checkInvariants(v, [long, short]);
    assert.ok(
      order.ok && crank.ok,
      `one slot later: place_order ${errName(order)}, update_funding ${errName(crank)}`,
    );
  });
});

// ------------------------------------------------------------------------------------------------

describe("red team: a pace the parameters allow keeps an account out of every stage", () => {
  /**
   * FINDING. `liquidation_pace_slots` has no upper bound, and while an account is paced the
   * backstop and ADL refuse it because the book still holds a bid in the band
   * (BookLiquidityRemains): the account is in no stage at all. Measured with pace = 1 000 000
   * slots (accepted): a first step closes 100 of 900 lots; at 0.90 the account (equity +11.1 USDC,
   * maintenance 36 USDC) has an 800-lot bid at 0.895 in the band; liquidate → LiquidationPaced,
   * backstop_liquidate → BookLiquidityRemains, auto_deleverage → BookLiquidityRemains, the keeper
   * does nothing; at 0.87 the same three refusals with equity −12.9 USDC (the bid, now above the
   * oracle, still counts as liquidity), and so on for as long as the pace lasts.
   */
  it("pace 1 000 000 slots: after one step the account sinks below zero while a bid sits in the band", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    // Fixed: a pace above ~1 minute is refused, and an account under water is never paced.
    const { feed } = v.createFeed(P);
    const tooSlow = v.client.createMarketIx(
      v.admin.publicKey,
      0,
      feed,
      "SLOW",
      defaultParams({ liquidationPaceSlots: 1_000_000n }),
    );
    expectError(v, tooSlow.ixs, [v.admin, ...tooSlow.signers], "InvalidConfig", [v.exchange]);
    v.createMarket(P, defaultParams({ liquidationPaceSlots: 150n }));
    const long = v.createTrader(100n * USDC);
    const short = v.createTrader(10_000n * USDC);
    const maker = v.createTrader(10_000n * USDC);
    const backstop = v.createTrader(10_000n * USDC);
    expectOk(await register(v, backstop, 1n, 5_000n * USDC));
    expectOk(await v.order(short, 0, Side.Ask, P, 900n));
    expectOk(await v.order(long, 0, Side.Bid, P, 900n));
    v.setPrice(0, pct(P, 9_300n));
    expectOk(await v.order(maker, 0, Side.Bid, pct(P, 9_250n), 100n, POST));
    const keeper = v.createKeeper();
    const k = keeper.kp;
    expectOk(
      v.send([await v.client.liquidateIx(k.publicKey, keeper.account, long.account, 0, 100n)], [k]),
      "a first step of 100 lots",
    );
    v.warp(1);
    v.setPrice(0, pct(P, 9_000n));
    expectOk(await v.order(maker, 0, Side.Bid, pct(P, 8_950n), 800n, POST));
    const attempt = async () => {
      const liq = v.send([await v.client.liquidateIx(k.publicKey, keeper.account, long.account, 0)], [k]);
      const bs = v.send(
        [await v.client.backstopLiquidateIx(k.publicKey, backstop.account, long.account, 0)],
        [k],
      );
      const adl = v.send(
        [await v.client.autoDeleverageIx(k.publicKey, long.account, 0, adlQueue(v, 0, "short"))],
        [k],
      );
      const bot = new Keeper(v.client, k, keeper.account, { log: () => {} });
      await bot.runUntilQuiet();
      return `equity ${equity(v, long)}: liquidate ${errName(liq)}, backstop ${errName(bs)}, adl ${errName(adl)}`;
    };
    const at90 = await attempt();
    v.warp(1);
    v.setPrice(0, pct(P, 8_700n));
    const at87 = baseOf(v, long, 0) === 800n ? await attempt() : "";
    checkInvariants(v, [long, short, maker, backstop, keeper]);
    assert.ok(baseOf(v, long, 0) < 800n, `800 lots stuck; at 0.90 ${at90}; at 0.87 ${at87}`);
  });
});

// ------------------------------------------------------------------------------------------------

describe("red team: registry probes that held", () => {
  it("PASSING PROBE: the liquidatee registered as its own backstop cannot take itself and is evicted by anyone", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams());
    const long = v.createTrader(100n * USDC);
    expectOk(await register(v, long, 1n, 100n * USDC), "registers before it trades");
    const short = v.createTrader(10_000n * USDC);
    expectOk(await v.order(short, 0, Side.Ask, P, 900n));
    expectOk(await v.order(long, 0, Side.Bid, P, 900n));
    v.setPrice(0, pct(P, 9_300n));
    const keeper = v.createKeeper();
    const k = keeper.kp;
    expectError(
      v,
      [await v.client.backstopLiquidateIx(k.publicKey, long.account, long.account, 0)],
      [k],
      "SelfLiquidation",
      [long.account],
    );
    const bot = new Keeper(v.client, k, keeper.account, { log: () => {} });
    await bot.runUntilQuiet();
    assert.equal(bot.report.evictions, 1);
    assert.equal(baseOf(v, long, 0), 0n, "ADL closed it once its own entry was evicted");
    checkInvariants(v, [long, short, keeper]);
  });

  it("PASSING PROBE: a takeover consumes capacity; the next account is deleveraged without an eviction, and re-registering cannot commit more than is held", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams());
    const backstop = v.createTrader(1_000n * USDC);
    expectOk(await register(v, backstop, 1n, 100n * USDC));
    const pair = async () => {
      const long = v.createTrader(100n * USDC);
      const short = v.createTrader(10_000n * USDC);
      expectOk(await v.order(short, 0, Side.Ask, P, 900n));
      expectOk(await v.order(long, 0, Side.Bid, P, 900n));
      return { long, short };
    };
    const a = await pair();
    const b = await pair();
    v.setPrice(0, pct(P, 9_300n));
    const keeper = v.createKeeper();
    const k = keeper.kp;
    expectOk(
      v.send([await v.client.backstopLiquidateIx(k.publicKey, backstop.account, a.long.account, 0)], [k]),
    );
    // 900 lots × 0.93 × 10 % = 83.7 USDC used: 16.3 left, below the 83.7 the next long needs.
    assert.equal(v.registryState().entries[0].capacityNative, 100n * USDC - 83_700_000n);
    expectError(
      v,
      [await v.client.evictBackstopIx(k.publicKey, backstop.account)],
      [k],
      "BackstopHoldsCapacity",
      [v.registry],
    );
    expectOk(
      v.send([await v.client.autoDeleverageIx(k.publicKey, b.long.account, 0, adlQueue(v, 0, "short"))], [k]),
      "ADL: no entry can take it",
    );
    assert.equal(baseOf(v, b.long, 0), 0n);
    expectError(
      v,
      [await v.client.registerBackstopIx(backstop.kp.publicKey, backstop.account, 1n, 1_000n * USDC)],
      [backstop.kp],
      "BackstopCapacityNotHeld",
      [v.registry],
    );
    checkInvariants(v, [a.long, a.short, b.long, b.short, backstop, keeper]);
  });

  it("PASSING PROBE: resting bids below the band and a same-side position do not stop a capable backstop's takeover", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams());
    const backstop = v.createTrader(1_000n * USDC);
    const seller = v.createTrader(1_000n * USDC);
    expectOk(await v.order(seller, 0, Side.Ask, P, 100n, POST));
    expectOk(await v.order(backstop, 0, Side.Bid, P, 100n)); // long 100 already
    expectOk(await v.order(backstop, 0, Side.Bid, pct(P, 9_000n), 500n, POST)); // below the band after the move
    const held = math.accountHealth(v.account(backstop), table(v), "strict").withdrawable();
    expectOk(await register(v, backstop, 1n, held), `commits exactly what it holds: ${held}`);
    const { long, short } = await stalled(v);
    const keeper = v.createKeeper();
    const k = keeper.kp;
    expectOk(
      v.send([await v.client.backstopLiquidateIx(k.publicKey, backstop.account, long.account, 0)], [k]),
    );
    assert.equal(baseOf(v, backstop, 0), 1_000n);
    checkInvariants(v, [long, short, backstop, seller, keeper]);
  });

  it("PASSING PROBE: a backstop committing exactly what it holds is not evicted by a stale feed, time, or a short's unrealized gain", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(P, defaultParams());
    v.createMarket(P, defaultParams());
    const backstop = v.createTrader(1_000n * USDC);
    const other = v.createTrader(1_000n * USDC);
    expectOk(await v.order(other, 1, Side.Bid, P, 100n, POST));
    expectOk(await v.order(backstop, 1, Side.Ask, P, 100n)); // short 100 in market 1
    v.setPrice(1, pct(P, 9_000n)); // the short is 10 USDC up (a gain that is not capacity)
    const held = math.accountHealth(v.account(backstop), table(v), "strict").withdrawable();
    expectOk(await register(v, backstop, 1n, held));
    const keeper = v.createKeeper();
    const k = keeper.kp;
    const tryEvict = async () => v.send([await v.client.evictBackstopIx(k.publicKey, backstop.account)], [k]);
    assert.equal(errName(await tryEvict()), "BackstopHoldsCapacity", "fresh");
    v.warp(100); // market 1's feed goes stale: valued at its worst case (confidence 0: the same)
    assert.equal(errName(await tryEvict()), "BackstopHoldsCapacity", "stale feed");
    v.setPrice(1, pct(P, 9_000n) + 1n); // one native against it
    assert.equal(errName(await tryEvict()), "ok", "one native below its commitment: evicted (by design)");
    checkInvariants(v, [backstop, other, keeper]);
  });
});

// ------------------------------------------------------------------------------------------------

describe("red team: funding probes that held", () => {
  function market() {
    const v = new Venue();
    v.initExchange();
    v.createMarket(
      P,
      defaultParams({ fundingPeriodSlots: 100n, maxFundingRateBps: 50, makerFeeBps: 0, takerFeeBps: 0 }),
    );
    return v;
  }

  it("PASSING PROBE: a quote placed and cancelled in one transaction is never sampled (10 tries); samples always sit on accruals (no sampled_slots = 0 fallback)", async () => {
    const v = market();
    const long = v.createTrader(10_000n * USDC);
    const short = v.createTrader(10_000n * USDC);
    expectOk(await v.order(short, 0, Side.Ask, P, 10_000n));
    expectOk(await v.order(long, 0, Side.Bid, P, 10_000n));
    const mm = v.createTrader(100_000n * USDC);
    for (let i = 0; i < 10; i++) {
      v.warp(10);
      v.setPrice(0, P);
      // place (samples the book before it) and cancel in the same transaction
      expectOk(
        v.send(
          [await v.orderIx(mm, 0, Side.Bid, pct(P, 10_100n), 10_000n, POST), v.cancelAllIx(mm, 0)],
          [mm.kp],
        ),
      );
      const m = v.marketState(0);
      assert.equal(m.lastSampleSlot, m.lastFundingSlot, "every sample is followed by its accrual");
      assert.equal(m.premiumSampledSlots, 0n);
    }
    v.warp(10);
    v.setPrice(0, P);
    const r = expectOk(v.send([v.client.updateFundingIx(0)], [v.admin]));
    assert.equal(eventsNamed(r.events, "FundingUpdated").length, 0);
    assert.equal(v.marketState(0).cumulativeFunding, 0n, "nothing ever counted");
    checkInvariants(v, [long, short, mm]);
  });

  it("PASSING PROBE: two markets sample independently; a quote in market 1 moves nothing in market 0", async () => {
    const v = market();
    v.createMarket(
      P,
      defaultParams({ fundingPeriodSlots: 100n, maxFundingRateBps: 50, makerFeeBps: 0, takerFeeBps: 0 }),
    );
    const mm = v.createTrader(100_000n * USDC);
    expectOk(await v.order(mm, 1, Side.Bid, pct(P, 10_100n), 10_000n, POST));
    v.warp(100);
    v.setPrice(0, P);
    v.setPrice(1, P);
    expectOk(v.send([v.client.updateFundingIx(0), v.client.updateFundingIx(1)], [v.admin]));
    assert.equal(v.marketState(0).lastPremiumBps, 0n);
    assert.equal(v.marketState(1).lastPremiumBps, 50n);
    checkInvariants(v, [mm]);
  });
});

// ------------------------------------------------------------------------------------------------

describe("red team: an oracle that stops converting shields everything", () => {
  const RECEIVER = new PublicKey(math.PYTH_RECEIVER_ID);
  const FEED_ID = Buffer.alloc(32, 0x42);
  /** A fully verified PriceUpdateV2 (layout as in tests/program/pyth.test.ts). */
  function priceUpdateV2(price: bigint, expo: number, postedSlot: bigint): Buffer {
    const d = Buffer.alloc(math.PRICE_UPDATE_V2_LEN);
    createHash("sha256").update("account:PriceUpdateV2").digest().copy(d, 0, 0, 8);
    Keypair.generate().publicKey.toBuffer().copy(d, 8);
    let at = 40;
    d[at++] = 1; // Full
    FEED_ID.copy(d, at);
    at += 32;
    d.writeBigInt64LE(price, at);
    d.writeBigUInt64LE(0n, at + 8);
    d.writeInt32LE(expo, at + 16);
    d.writeBigInt64LE(1_700_000_000n, at + 20);
    d.writeBigInt64LE(1_699_999_999n, at + 28);
    d.writeBigInt64LE(price, at + 36);
    d.writeBigUInt64LE(0n, at + 44);
    d.writeBigUInt64LE(postedSlot, at + 52);
    return d;
  }

  /**
   * FINDING. A Pyth price that converts to 0 quote native per lot (or above MAX_PRICE) is a hard
   * `InvalidOracle` in `validate::oracle`, before any Conservative valuation, so every instruction
   * that must see that market fails — and an account's instructions must see every market it holds.
   * Measured: a memecoin market at 0.000003 USDC/token, lot 1 token (3 native per lot); the victim
   * holds 1 lot there (3 native) and 8 900 lots of market 0. The memecoin falls to 0.0000009
   * (0.9 native per lot → 0); market 0 falls 7 % with an 8 900-lot bid in the band: liquidate →
   * InvalidOracle, mark_underwater → InvalidOracle. A long worth 0 at worst has a well-defined
   * worst case (0); the 8 900-lot position should still be liquidated.
   */
  it("a 1-lot long in a market whose Pyth price rounds to 0 per lot blocks the liquidation of an 8 900-lot position", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams());
    const pyth = Keypair.generate().publicKey;
    const put = (price: bigint) =>
      v.svm.setAccount(pyth, {
        lamports: 10_000_000,
        data: priceUpdateV2(price, -8, v.slot()),
        owner: RECEIVER,
        executable: false,
        rentEpoch: 0,
      });
    put(300n); // 0.000003 USDC per token; lot = 1 token (6 decimals): 3 native per lot
    const { ixs, signers } = v.client.createMarketIx(
      v.admin.publicKey,
      1,
      pyth,
      "MEME-PERP",
      defaultParams({ baseLotSize: 1_000_000n }),
      { kind: OracleKind.PythPriceUpdateV2, baseDecimals: 6, pythFeedId: FEED_ID },
    );
    expectOk(v.send(ixs, [v.admin, ...signers]), "create the Pyth market");
    await v.client.refresh();
    const victim = v.createTrader(1_000n * USDC);
    const short = v.createTrader(100_000n * USDC);
    const maker = v.createTrader(100_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(short, 1, Side.Ask, 3n, 1n));
    expectOk(await v.order(victim, 1, Side.Bid, 3n, 1n)); // the shield: 3 native
    expectOk(await v.order(short, 0, Side.Ask, P, 8_900n));
    expectOk(await v.order(victim, 0, Side.Bid, P, 8_900n));
    v.warp(1);
    put(90n); // 0.9 native per lot: floors to 0
    v.setPrice(0, pct(P, 9_300n));
    expectOk(await v.order(maker, 0, Side.Bid, pct(P, 9_250n), 8_900n, POST));
    const liq = v.send(
      [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, victim.account, 0)],
      [keeper.kp],
    );
    const mark = v.send([await v.client.markUnderwaterIx(keeper.kp.publicKey, victim.account)], [keeper.kp]);
    assert.ok(liq.ok, `liquidate ${errName(liq)}, mark_underwater ${errName(mark)}`);
  });
});
