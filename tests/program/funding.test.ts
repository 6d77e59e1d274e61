/**
 * Funding: the time-weighted impact premium (the average price of taking the impact notional from
 * each side against the oracle), capped, accrued per slot, settled lazily and zero-sum.
 */
import { strict as assert } from "node:assert";
import { Venue, type Trader } from "../harness/venue";
import { expectError, expectOk, assertConserved } from "../harness/expect";
import { Side, defaultMarketParams } from "@perp-margin/client";
const P = 1_000_000n;

describe("funding", () => {
  let v: Venue;
  let long: Trader, short: Trader, mm: Trader;
  beforeEach(async () => {
    v = new Venue();
    v.initExchange();
    v.createMarket(
      P,
      defaultMarketParams({
        fundingPeriodSlots: 100n,
        maxFundingRateBps: 50,
        makerFeeBps: 0,
        takerFeeBps: 0,
        fundingImpactNotionalNative: 1_000_000_000n, // 1 000 USDC ≈ 1 000 lots
      }),
    );
    long = v.createTrader(100_000_000_000n);
    short = v.createTrader(100_000_000_000n);
    mm = v.createTrader(100_000_000_000n);
    expectOk(await v.order(short, 0, Side.Ask, P, 1_000n));
    expectOk(await v.order(long, 0, Side.Bid, P, 1_000n));
  });

  const crank = () => expectOk(v.send([v.client.updateFundingIx(0)], [v.admin]));

  it("longs pay shorts when the book trades above the oracle, capped per period", async () => {
    // impact bid 1 % above the oracle → premium capped at 0.5 % per 100-slot period
    expectOk(await v.order(mm, 0, Side.Bid, (P * 101n) / 100n, 1_000n));
    expectOk(await v.order(mm, 0, Side.Ask, (P * 103n) / 100n, 1_000n));
    const m0 = v.marketState(0);
    v.warp(50);
    v.setPrice(0, P);
    const r = crank();
    const ev = r.events.find((e) => e.name === "FundingUpdated")!;
    assert.equal(ev.data.premiumBps, 50n);
    assert.equal(ev.data.elapsedSlots, 50n);
    assert.equal(ev.data.sampledSlots, 50n, "the quotes stood the whole 50 slots");
    assert.equal(ev.data.impactBidPrice, (P * 101n) / 100n);
    assert.equal(ev.data.impactAskPrice, (P * 103n) / 100n);
    // Δindex = oracle × 50 bps × 50/100 periods × 1e6 = 2 500 native per lot scaled 1e6
    assert.equal(ev.data.indexDelta, (P * 50n * 50n * 1_000_000n) / (10_000n * 100n));
    assert.equal(v.marketState(0).cumulativeFunding - m0.cumulativeFunding, ev.data.indexDelta);
    // Touching the accounts settles it: long pays 1 000 lots × 2 500 = 2 500 000, short receives.
    const cashL = v.account(long).cashNative,
      cashS = v.account(short).cashNative;
    const w1 = expectOk(await v.withdraw(long, 1n));
    const paid = w1.events.find((e) => e.name === "PositionSettled")!.data.fundingNative;
    assert.equal(paid, 2_500_000n);
    assert.equal(v.account(long).cashNative, cashL - 1n - paid);
    assert.equal(v.exchangeState().pendingSettlementNative, paid);
    assertConserved(v, "after the long settled");
    const w2 = expectOk(await v.withdraw(short, 1n));
    const got = w2.events.find((e) => e.name === "PositionSettled")!.data.fundingNative;
    assert.equal(got, -2_500_000n);
    assert.equal(v.account(short).cashNative, cashS - 1n + 2_500_000n);
    assert.equal(v.exchangeState().pendingSettlementNative, 0n, "zero-sum once both sides settled");
    assertConserved(v, "after both settled");
  });

  it("shorts pay when the impact ask is below the oracle; an empty book pays nothing", async () => {
    v.warp(10);
    v.setPrice(0, P);
    const flat = crank();
    assert.equal(flat.events.length, 0, "no premium without liquidity at the impact notional");
    // 1 100 lots at 0.998 USDC: deep enough for the 1 000 USDC impact notional.
    expectOk(await v.order(mm, 0, Side.Bid, (P * 997n) / 1000n, 1_100n));
    expectOk(await v.order(mm, 0, Side.Ask, (P * 998n) / 1000n, 1_100n));
    v.warp(100);
    v.setPrice(0, P);
    const ev = crank().events.find((e) => e.name === "FundingUpdated")!;
    assert.equal(ev.data.premiumBps, -20n, "(0 − (oracle − ask)) / oracle = −0.2 %");
    assert.ok(ev.data.indexDelta < 0n);
  });

  it("accrues at most 8 periods after a long pause, and refuses a stale oracle", async () => {
    expectOk(await v.order(mm, 0, Side.Bid, (P * 101n) / 100n, 1_000n));
    expectOk(await v.order(mm, 0, Side.Ask, (P * 103n) / 100n, 1_000n));
    v.warp(5_000);
    expectError(v, [v.client.updateFundingIx(0)], [v.admin], "OracleStale", [v.markets.get(0)!.market]);
    v.setPrice(0, P);
    const ev = crank().events.find((e) => e.name === "FundingUpdated")!;
    assert.equal(ev.data.elapsedSlots, 800n);
    assert.equal(ev.data.sampledSlots, 800n);
    assert.equal(ev.data.premiumBps, 50n);
  });
});
