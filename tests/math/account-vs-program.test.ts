/**
 * The TypeScript account health against the SBF program itself (LiteSVM): after funding has moved
 * and before the accounts are touched, the free collateral computed from the decoded accounts (with
 * funding not yet settled) must be exactly what `withdraw` allows — one native more is refused.
 */
import { strict as assert } from "node:assert";
import { Venue, type Trader } from "../harness/venue";
import { expectError, expectOk } from "../harness/expect";
import { math, Side, defaultMarketParams } from "@perp-margin/client";

const P = 1_000_000n;

describe("math mirror: account health agrees with the program", () => {
  let v: Venue;
  let long: Trader, short: Trader, mm: Trader;

  before(async () => {
    v = new Venue();
    v.initExchange();
    v.createMarket(
      P,
      defaultMarketParams({
        fundingPeriodSlots: 100n,
        maxFundingRateBps: 50,
        fundingImpactNotionalNative: 2_000_000n, // 2 USDC: the 3-lot bid below is deep enough
      }),
    );
    long = v.createTrader(200_000_000n);
    short = v.createTrader(200_000_000n);
    mm = v.createTrader(100_000_000n);
    expectOk(await v.order(short, 0, Side.Ask, P, 1_000n));
    expectOk(await v.order(long, 0, Side.Bid, P, 1_000n));
    // A book 2 % above the oracle: longs pay the capped premium. mm keeps both orders resting.
    expectOk(await v.order(mm, 0, Side.Bid, (P * 101n) / 100n, 3n));
    expectOk(await v.order(mm, 0, Side.Ask, (P * 103n) / 100n, 2n));
    v.warp(50);
    v.setPrice(0, P);
    expectOk(v.send([v.client.updateFundingIx(0)], [v.admin]));
  });

  const table = () => math.marketTable([math.quoteFromFeed(v.marketState(0), v.feedState(0), v.slot())]);

  for (const [who, trader, funding] of [
    ["a long paying funding", () => long, "pays"],
    ["a short receiving funding", () => short, "receives"],
    ["a maker with only resting orders", () => mm, "none"],
  ] as const) {
    it(`${who}: withdrawing the TS free collateral succeeds, one native more is refused`, async () => {
      const t = trader();
      const acct = v.account(t);
      const view = math.accountRiskView(acct, table());
      if (funding === "pays")
        assert.ok(view.settledCashNative < acct.cashNative, "funding owed is not settled yet");
      if (funding === "receives")
        assert.ok(view.settledCashNative > acct.cashNative, "funding due is not settled yet");
      assert.ok(view.initReqNative > 0n);
      const free = view.freeCollateralNative;
      assert.ok(free > 0n, `free collateral ${free}`);
      expectError(v, [await v.withdrawIx(t, free + 1n)], [t.kp], "InsufficientCollateral", [t.account]);
      expectOk(await v.withdraw(t, free));
      const after = v.account(t);
      assert.equal(
        after.cashNative,
        view.settledCashNative - free,
        "the program settled exactly the funding the mirror counted",
      );
      const h = math.accountHealth(after, table());
      assert.equal(h.equityNative, h.initReqNative, "left exactly at the initial requirement");
    });
  }
});
