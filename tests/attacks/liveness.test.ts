/**
 * Issue "Liveness under attack": every case the review measured, replayed as an attack on the SBF
 * program (LiteSVM), asserting the safe outcome. On the program before the fix: 16 empty accounts
 * filled the backstop registry for good; an unfunded backstop stalled all three stages; two 1-lot
 * orders made a 10 000-lot long pay the 50 bps cap; the funding index overflowed after 12 accruals
 * at 900 000 USDC per lot and froze the market; a 1-lot position in a stale market shielded an
 * 8 900-lot position from liquidation.
 */
import { strict as assert } from "node:assert";
import {
  BACKSTOP_LOCK_SLOTS,
  BackstopChangeReason,
  defaultMarketParams as defaultParams,
  eventsNamed,
  OrderType,
  Side,
} from "@perp-margin/client";
import { USDC } from "@perp-margin/client/src/scenario";
import { Keeper } from "@perp-margin/client/src/keeper";
import type { Keypair, PublicKey } from "@solana/web3.js";
import { expectError, expectOk } from "../harness/expect";
import { type Trader, Venue } from "../harness/venue";
import { adlQueue, checkInvariants, equity } from "./lib";

const P = 1_000_000n; // 1.00 USDC per lot
const pct = (p: bigint, bps: bigint) => (p * bps) / 10_000n;
const MIN = 100n * USDC; // the venue's minimum backstop capacity (harness default)

async function register(v: Venue, t: Trader, mask: bigint, capacity: bigint, signer: Keypair = t.kp) {
  return v.send([await v.client.registerBackstopIx(signer.publicKey, t.account, mask, capacity)], [signer]);
}
async function evict(v: Venue, caller: Trader, account: PublicKey) {
  return v.send([await v.client.evictBackstopIx(caller.kp.publicKey, account)], [caller.kp]);
}
const registered = (v: Venue) => v.registryState().entries.map((e) => e.marginAccount.toBase58());

describe("attack: backstop registry squatting", () => {
  it("empty accounts cannot register; 16 funded ones are displaced by a larger commitment", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(P, defaultParams());
    // The measured attack: 16 margin accounts with nothing in them.
    const empty = v.createTrader(0n);
    expectError(
      v,
      [await v.client.registerBackstopIx(empty.kp.publicKey, empty.account, 1n, MIN)],
      [empty.kp],
      "BackstopCapacityNotHeld",
      [v.registry],
    );
    expectError(
      v,
      [await v.client.registerBackstopIx(empty.kp.publicKey, empty.account, 1n, MIN - 1n)],
      [empty.kp],
      "BackstopCapacityTooSmall",
      [v.registry],
    );
    assert.equal(v.registryState().count, 0);

    // Squatting now costs the minimum, held, per slot — and holds only until someone commits more.
    const squat: Trader[] = [];
    for (let i = 0; i < 16; i++) {
      const t = v.createTrader(MIN);
      expectOk(await register(v, t, 1n, MIN), `squatter ${i}`);
      squat.push(t);
    }
    assert.equal(v.registryState().count, 16);
    const same = v.createTrader(10_000n * USDC);
    expectError(
      v,
      [await v.client.registerBackstopIx(same.kp.publicKey, same.account, 1n, MIN)],
      [same.kp],
      "BackstopRegistryFull",
      [v.registry],
    );
    const real = same;
    const r = expectOk(await register(v, real, 1n, 5_000n * USDC), "a real backstop displaces the weakest");
    const changes = eventsNamed(r.events, "BackstopChanged");
    assert.equal(changes.length, 2);
    assert.equal(changes[0].reason, BackstopChangeReason.Displaced);
    assert.equal(changes[0].active, 0);
    assert.equal(changes[1].capacityNative, 5_000n * USDC);
    assert.equal(v.registryState().count, 16);
    assert.ok(registered(v).includes(real.account.toBase58()));

    // Owners only; a mask is required.
    expectError(
      v,
      [await v.client.registerBackstopIx(real.kp.publicKey, squat[1].account, 1n, MIN)],
      [real.kp],
      "NotAccountOwner",
      [v.registry],
    );
    expectError(
      v,
      [await v.client.registerBackstopIx(real.kp.publicKey, real.account, 0n, MIN)],
      [real.kp],
      "InvalidConfig",
      [v.registry],
    );
    // The commitment binds: a squatter cannot withdraw it. One whose positions ate it is evicted
    // by anyone; one that holds it is not.
    const keeper = v.createKeeper();
    const holder = squat.find((t) => registered(v).includes(t.account.toBase58()))!;
    expectError(v, [await v.withdrawIx(holder, 1n)], [holder.kp], "BackstopCapacityCommitted", [
      holder.account,
    ]);
    expectError(
      v,
      [await v.client.evictBackstopIx(keeper.kp.publicKey, holder.account)],
      [keeper.kp],
      "BackstopHoldsCapacity",
      [v.registry],
    );
    expectOk(await v.order(real, 0, Side.Ask, P, 500n, { type: OrderType.PostOnly }));
    expectOk(await v.order(holder, 0, Side.Bid, P, 500n, { type: OrderType.ImmediateOrCancel })); // 50 USDC of IM
    const e = expectOk(await evict(v, keeper, holder.account));
    const ch = eventsNamed(e.events, "BackstopChanged")[0];
    assert.equal(ch.reason, BackstopChangeReason.Evicted);
    assert.ok(ch.by.equals(keeper.kp.publicKey));
    assert.equal(v.registryState().count, 15);
    expectError(
      v,
      [await v.client.evictBackstopIx(keeper.kp.publicKey, holder.account)],
      [keeper.kp],
      "NotRegisteredBackstop",
      [v.registry],
    );
    // The admin removes any entry; nobody else can.
    const other = squat.find((t) => registered(v).includes(t.account.toBase58()))!;
    expectError(v, [v.client.removeBackstopIx(keeper.kp.publicKey, other.account)], [keeper.kp], "NotAdmin", [
      v.registry,
    ]);
    const rm = expectOk(v.send([v.client.removeBackstopIx(v.admin.publicKey, other.account)], [v.admin]));
    assert.equal(eventsNamed(rm.events, "BackstopChanged")[0].reason, BackstopChangeReason.Admin);
    assert.equal(v.registryState().count, 14);
    // The owner raises its commitment in place; it cannot lower it or leave during the lock
    // (so the same collateral cannot be flashed through many registrations), then it can.
    expectOk(await register(v, real, 3n, 6_000n * USDC));
    const mine = v.registryState().entries.find((x) => x.marginAccount.equals(real.account))!;
    assert.equal(mine.marketMask, 3n);
    assert.equal(mine.capacityNative, 6_000n * USDC);
    const leave = v.client.deregisterBackstopIx(real.kp.publicKey, real.account);
    expectError(v, [leave], [real.kp], "BackstopLocked", [v.registry]);
    expectError(
      v,
      [await v.client.registerBackstopIx(real.kp.publicKey, real.account, 3n, MIN)],
      [real.kp],
      "BackstopLocked",
      [v.registry],
    );
    expectError(
      v,
      [await v.client.registerBackstopIx(real.kp.publicKey, real.account, 1n, 6_000n * USDC)],
      [real.kp],
      "BackstopLocked",
      [v.registry],
    );
    v.warp(BACKSTOP_LOCK_SLOTS);
    expectOk(v.send([leave], [real.kp]));
    assert.equal(v.registryState().count, 13);
    checkInvariants(v, [...squat, real, keeper]);
  });
});

/**
 * The backstop buys 6 500 lots at 1.00: after the −7 % move of `stalled` it has 545 USDC of
 * equity against 604.5 of initial margin (above maintenance, so not itself liquidated) — no free
 * collateral, far below the 1 000 it committed.
 */
async function hollow(v: Venue, backstop: Trader) {
  const mm = v.createTrader(100_000n * USDC);
  expectOk(await v.order(mm, 0, Side.Ask, P, 6_500n, { type: OrderType.PostOnly }));
  expectOk(await v.order(backstop, 0, Side.Bid, P, 6_500n, { type: OrderType.ImmediateOrCancel }));
}

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

describe("attack: an unfunded backstop stalls the waterfall", () => {
  it("a backstop whose own positions ate its capacity is evicted by anyone, then ADL acts while equity ≥ 0", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams());
    const backstop = v.createTrader(1_000n * USDC);
    expectOk(await register(v, backstop, 1n, 1_000n * USDC));
    await hollow(v, backstop); // keeps the slot; after the drop it holds nothing free
    const { long, short } = await stalled(v);
    const keeper = v.createKeeper();
    const k = keeper.kp;
    const w = [long.account, short.account, v.exchange];
    expectError(
      v,
      [await v.client.liquidateIx(k.publicKey, keeper.account, long.account, 0)],
      [k],
      "BookLiquidityExhausted",
      w,
    );
    expectError(
      v,
      [await v.client.backstopLiquidateIx(k.publicKey, backstop.account, long.account, 0)],
      [k],
      "BackstopBelowInitialMargin",
      w,
    );
    const adl = async () => v.client.autoDeleverageIx(k.publicKey, long.account, 0, adlQueue(v, 0, "short"));
    expectError(v, [await adl()], [k], "BackstopStageFirst", w);
    // The way out is one permissionless instruction.
    expectOk(await evict(v, keeper, backstop.account));
    const insurance = v.exchangeState().insuranceNative;
    const r = expectOk(v.send([await adl()], [k]), "ADL once the entry is gone");
    assert.equal(eventsNamed(r.events, "AutoDeleverage").length, 1);
    assert.equal(v.account(long).deficitNative, 0n, "closed while it still had equity: no deficit");
    assert.equal(v.exchangeState().insuranceNative, insurance, "insurance untouched");
    checkInvariants(v, [long, short, backstop, keeper]);
  });

  it("the keeper evicts the hollow entry and deleverages on its own", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams());
    const backstop = v.createTrader(1_000n * USDC);
    expectOk(await register(v, backstop, 1n, 1_000n * USDC));
    await hollow(v, backstop);
    const { long, short } = await stalled(v);
    const keeper = v.createKeeper();
    const lines: string[] = [];
    const bot = new Keeper(v.client, keeper.kp, keeper.account, { log: (l) => lines.push(l) });
    await bot.runUntilQuiet();
    assert.equal(bot.report.evictions, 1, lines.join("\n"));
    assert.equal(bot.report.adl.count, 1, lines.join("\n"));
    assert.equal(v.registryState().count, 0);
    assert.equal(v.account(long).positions.find((p) => p.marketIndex === 0)?.baseLots ?? 0n, 0n);
    assert.equal(v.account(long).deficitNative, 0n);
    checkInvariants(v, [long, short, backstop, keeper]);
  });

  it("a backstop that holds its capacity still comes first, and takes the position", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams());
    const backstop = v.createTrader(1_000n * USDC);
    expectOk(await register(v, backstop, 1n, 500n * USDC));
    const { long, short } = await stalled(v);
    const keeper = v.createKeeper();
    const k = keeper.kp;
    expectError(
      v,
      [await v.client.evictBackstopIx(k.publicKey, backstop.account)],
      [k],
      "BackstopHoldsCapacity",
      [v.registry],
    );
    expectError(
      v,
      [await v.client.autoDeleverageIx(k.publicKey, long.account, 0, adlQueue(v, 0, "short"))],
      [k],
      "BackstopStageFirst",
      [long.account],
    );
    expectOk(
      v.send([await v.client.backstopLiquidateIx(k.publicKey, backstop.account, long.account, 0)], [k]),
    );
    const e = v.registryState().entries[0];
    // 900 lots at 0.93 USDC, 10 % initial margin = 83.7 USDC of the 500 committed used.
    assert.equal(e.capacityNative, 500n * USDC - 83_700_000n);
    assert.equal(e.takeoverCount, 1n);
    checkInvariants(v, [long, short, backstop, keeper]);
  });
});

describe("attack: dust orders set the funding rate", () => {
  function market() {
    const v = new Venue();
    v.initExchange();
    v.createMarket(
      P,
      defaultParams({ fundingPeriodSlots: 100n, maxFundingRateBps: 50, makerFeeBps: 0, takerFeeBps: 0 }),
    );
    return v;
  }
  async function longAndShort(v: Venue) {
    const long = v.createTrader(10_000n * USDC);
    const short = v.createTrader(10_000n * USDC);
    expectOk(await v.order(short, 0, Side.Ask, P, 10_000n));
    expectOk(await v.order(long, 0, Side.Bid, P, 10_000n));
    return { long, short };
  }
  const crank = (v: Venue) => expectOk(v.send([v.client.updateFundingIx(0)], [v.admin]));
  const fundingPaid = async (v: Venue, t: Trader) => {
    const r = expectOk(await v.withdraw(t, 1n));
    return eventsNamed(r.events, "PositionSettled")[0]?.fundingNative ?? 0n;
  };

  it("a 1-lot ask at +1.00 % and a 1-lot bid at +0.99 % move nothing: the long pays 0 (was 50 USDC)", async () => {
    const v = market();
    const { long, short } = await longAndShort(v);
    const attacker = v.createTrader(100n * USDC);
    expectOk(await v.order(attacker, 0, Side.Ask, pct(P, 10_100n), 1n, { type: OrderType.PostOnly }));
    expectOk(await v.order(attacker, 0, Side.Bid, pct(P, 10_099n), 1n, { type: OrderType.PostOnly }));
    v.warp(100);
    v.setPrice(0, P);
    const r = crank(v);
    assert.equal(eventsNamed(r.events, "FundingUpdated").length, 0, "no premium: no funding event");
    assert.equal(v.marketState(0).lastPremiumBps, 0n);
    assert.equal(await fundingPaid(v, long), 0n);
    checkInvariants(v, [long, short, attacker]);
  });

  it("a real 10 000 USDC quote counts for the slot it stood, not the quiet slots after it was pulled", async () => {
    const v = market();
    const { long, short } = await longAndShort(v);
    const mm = v.createTrader(100_000n * USDC);
    // Impact notional 10 000 USDC: 10 000 lots bid at +1 % (so the premium is capped at 50 bps).
    v.warp(1);
    v.setPrice(0, P);
    expectOk(await v.order(mm, 0, Side.Bid, pct(P, 10_100n), 10_000n, { type: OrderType.PostOnly }));
    v.warp(1);
    v.setPrice(0, P);
    crank(v); // a sample sees the quote: it stood one slot
    v.send([v.cancelAllIx(mm, 0)], [mm.kp]);
    assert.equal(v.bookState(0).bids.length, 0);
    v.warp(98);
    v.setPrice(0, P);
    crank(v);
    // 50 bps × 1 slot of ~100 sampled: the time-weighted premium rounds to 0.
    assert.equal(v.marketState(0).lastPremiumBps, 0n);
    const paid = await fundingPaid(v, long);
    assert.ok(paid <= 500n * 10_000n, `long paid ${paid} native for a quote that stood one slot`);
    checkInvariants(v, [long, short, mm]);
  });

  it("the same quote standing the whole period sets the capped premium (funding still works)", async () => {
    const v = market();
    const { long, short } = await longAndShort(v);
    const mm = v.createTrader(100_000n * USDC);
    expectOk(await v.order(mm, 0, Side.Bid, pct(P, 10_100n), 10_000n, { type: OrderType.PostOnly }));
    v.warp(100);
    v.setPrice(0, P);
    const ev = eventsNamed(crank(v).events, "FundingUpdated")[0];
    assert.equal(ev.premiumBps, 50n);
    assert.equal(ev.sampledSlots, 100n);
    assert.equal(ev.impactBidPrice, pct(P, 10_100n));
    assert.equal(ev.impactAskPrice, 0n, "no asks: that side is too thin");
    assert.equal(await fundingPaid(v, long), 50n * USDC, "10 000 lots × 1 USDC × 50 bps");
    checkInvariants(v, [long, short, mm]);
  });
});

describe("attack: funding index overflow freezes a market", () => {
  it("at 900 000 USDC per lot and 1 000 bps per 10-slot period, 30 accruals later the market trades and settles", async () => {
    const v = new Venue();
    v.initExchange();
    const LOT = 900_000n * USDC;
    v.createMarket(
      LOT,
      defaultParams({
        fundingPeriodSlots: 10n,
        maxFundingRateBps: 1_000,
        fundingImpactNotionalNative: LOT,
        maxStalenessSlots: 1_000n,
        makerFeeBps: 0,
        takerFeeBps: 0,
      }),
    );
    const long = v.createTrader(30_000_000n * USDC);
    const short = v.createTrader(1_000_000n * USDC);
    const mm = v.createTrader(1_000_000n * USDC);
    expectOk(await v.order(short, 0, Side.Ask, LOT, 1n));
    expectOk(await v.order(long, 0, Side.Bid, LOT, 1n));
    // A bid 10 % over the oracle: the premium sits at the 1 000 bps cap.
    expectOk(await v.order(mm, 0, Side.Bid, pct(LOT, 11_000n), 1n, { type: OrderType.PostOnly }));
    const I64_MAX = (1n << 63n) - 1n;
    for (let i = 0; i < 30; i++) {
      v.warp(80); // a full catch-up window each time: the largest delta per accrual
      v.setPrice(0, LOT);
      const ev = eventsNamed(
        expectOk(v.send([v.client.updateFundingIx(0)], [v.admin]), `accrual ${i + 1}`).events,
        "FundingUpdated",
      )[0];
      assert.equal(ev.premiumBps, 1_000n);
    }
    const index = v.marketState(0).cumulativeFunding;
    assert.ok(index > I64_MAX, `the index ${index} is past the old 64-bit limit`);
    // The market still trades: a taker sells into the bid …
    const taker = v.createTrader(1_000_000n * USDC);
    const t = expectOk(
      await v.order(taker, 0, Side.Ask, pct(LOT, 11_000n), 1n, { type: OrderType.ImmediateOrCancel }),
      "place_order after the index passed 2^63",
    );
    assert.equal(eventsNamed(t.events, "Fill").length, 1);
    // … and a position that sat through all of it settles: 30 × 80 slots × 10 %/10 slots × 900 000.
    const r = expectOk(await v.withdraw(long, 1n), "the long settles its funding");
    assert.equal(eventsNamed(r.events, "PositionSettled")[0].fundingNative, 30n * 8n * 90_000n * USDC);
    checkInvariants(v, [long, short, mm, taker]);
  });
});

describe("attack: a stale oracle anywhere shields everything", () => {
  it("a 1-lot position in a stale market does not stop the liquidation of an 8 900-lot position", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams());
    v.createMarket(P, defaultParams());
    const victim = v.createTrader(1_000n * USDC);
    const short = v.createTrader(100_000n * USDC);
    const maker = v.createTrader(100_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(short, 1, Side.Ask, P, 1n));
    expectOk(await v.order(victim, 1, Side.Bid, P, 1n)); // the shield: 1 lot, ~1 USDC
    expectOk(await v.order(short, 0, Side.Ask, P, 8_900n));
    expectOk(await v.order(victim, 0, Side.Bid, P, 8_900n));
    // Market 1's feed stops; market 0 falls 7 %: the victim is below maintenance.
    v.warp(100);
    v.setPrice(0, pct(P, 9_300n));
    expectOk(await v.order(maker, 0, Side.Bid, pct(P, 9_250n), 8_900n, { type: OrderType.PostOnly }));
    // New risk and withdrawals stay blocked by the stale market …
    expectError(v, [await v.withdrawIx(victim, 1n)], [victim.kp], "OracleStale", [victim.account]);
    expectError(v, [await v.orderIx(victim, 0, Side.Bid, pct(P, 9_300n), 1n)], [victim.kp], "OracleStale", [
      victim.account,
    ]);
    // … but the liquidation of the healthy market proceeds, valuing the stale lot at its worst.
    const r = expectOk(
      v.send(
        [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, victim.account, 0)],
        [keeper.kp],
      ),
      "liquidation despite the stale market",
    );
    const liq = eventsNamed(r.events, "Liquidation")[0];
    assert.equal(liq.baseBeforeLots, 8_900n);
    assert.ok(liq.closedLots > 0n);
    checkInvariants(v, [victim, short, maker, keeper]);
  });
});
