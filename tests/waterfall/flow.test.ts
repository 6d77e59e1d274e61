import { strict as assert } from "node:assert";
import { Venue } from "../harness/venue";
import { expectOk, assertConserved } from "../harness/expect";
import { Side, eventData, defaultMarketParams } from "@perp-margin/client";

describe("waterfall end to end on one account", () => {
  it("book → backstop → insurance → socialize", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 0n });
    v.createMarket(1_000_000n, defaultMarketParams({ liquidationBandBps: 300 }));
    const longer = v.createTrader(1_000_000_000n);
    const shorter = v.createTrader(100_000_000_000n);
    const maker = v.createTrader(100_000_000_000n);
    const backstop = v.createTrader(100_000_000_000n);
    const keeper = v.createKeeper();
    expectOk(
      v.send([v.client.registerBackstopIx(backstop.kp.publicKey, backstop.account, 1n)], [backstop.kp]),
    );
    expectOk(await v.order(shorter, 0, Side.Ask, 1_000_000n, 9_000n));
    expectOk(await v.order(longer, 0, Side.Bid, 1_000_000n, 9_000n));
    expectOk(await v.order(maker, 0, Side.Bid, 960_000n, 2_000n));
    v.setPrice(0, 930_000n);
    const liq = expectOk(
      v.send(
        [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, longer.account, 0)],
        [keeper.kp],
      ),
      "liquidate",
    );
    console.log(
      "      stage1",
      liq.cu,
      liq.events.map((e) => e.name),
    );
    assertConserved(v, "after liquidate");
    v.setPrice(0, 880_000n);
    const liq2 = v.send(
      [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, longer.account, 0)],
      [keeper.kp],
    );
    assert.equal(liq2.error?.name, "BookLiquidityExhausted");
    const bs = expectOk(
      v.send(
        [await v.client.backstopLiquidateIx(keeper.kp.publicKey, backstop.account, longer.account, 0)],
        [keeper.kp],
      ),
      "backstop",
    );
    console.log(
      "      stage2",
      bs.cu,
      bs.events.map((e) => e.name),
      JSON.stringify(bs.events.find((e) => e.name === "Liquidation")!.data, (_, x) =>
        typeof x === "bigint" ? x.toString() : x,
      ).slice(0, 300),
    );
    assertConserved(v, "after backstop");
    const a = v.account(longer);
    console.log("      after backstop status", a.status, "deficit", a.deficitNative, "cash", a.cashNative);
    // The fund already holds the insurance share of stage 1's fee: it pays that first.
    const fund = v.exchangeState().insuranceNative;
    assert.ok(fund > 0n);
    const r0 = expectOk(
      v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, longer.account)], [keeper.kp]),
      "resolve",
    );
    assert.equal(eventData(r0.events[0], "BankruptcyResolved").insurancePaidNative, fund);
    assert.equal(v.exchangeState().insuranceNative, 0n);
    const r1 = v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, longer.account)], [keeper.kp]);
    assert.equal(r1.error?.name, "InsufficientInsurance");
    assertConserved(v, "after resolve");
    const s = expectOk(
      v.send([await v.client.socializeLossIx(keeper.kp.publicKey, longer.account)], [keeper.kp]),
      "socialize",
    );
    console.log(
      "      stage5",
      s.cu,
      JSON.stringify(s.events[0].data, (_, x) => (typeof x === "bigint" ? x.toString() : x)),
    );
    assertConserved(v, "after socialize");
    // the short pays its share when touched
    const w = expectOk(await v.withdraw(shorter, 1_000_000n), "withdraw");
    console.log(
      "      short settles",
      w.events.map((e) => [
        e.name,
        e.name === "PositionSettled" ? e.data.socialLossNative.toString() : undefined,
      ]),
    );
    assertConserved(v, "after short settles");
    const ex = v.exchangeState();
    console.log(
      "      exchange",
      ex.pendingSettlementNative,
      ex.socializedLossNative,
      ex.insurancePaidNative,
    );
  });

  it("ADL at the bankruptcy price when insurance cannot cover", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 0n });
    v.createMarket(1_000_000n, defaultMarketParams({ liquidationBandBps: 300 }));
    const longer = v.createTrader(1_000_000_000n);
    const s1 = v.createTrader(3_000_000_000n);
    const s2 = v.createTrader(30_000_000_000n);
    const keeper = v.createKeeper();
    expectOk(await v.order(s1, 0, Side.Ask, 1_000_000n, 4_000n));
    expectOk(await v.order(s2, 0, Side.Ask, 1_000_000n, 5_000n));
    expectOk(await v.order(longer, 0, Side.Bid, 1_000_000n, 9_000n));
    v.setPrice(0, 850_000n); // equity ≈ 1000 − 1350 < 0: beyond insurance (0), no backstop
    const ranks = [s1, s2].map((t) => ({ t, a: v.account(t) }));
    console.log("      s1", ranks[0].a.cashNative, "s2", ranks[1].a.cashNative);
    const tryOrder = async (cands: (typeof s1)[]) =>
      v.send(
        [
          await v.client.autoDeleverageIx(
            keeper.kp.publicKey,
            longer.account,
            0,
            cands.map((c) => c.account),
          ),
        ],
        [keeper.kp],
      );
    let r = await tryOrder([s1, s2]);
    if (!r.ok) {
      console.log("      order s1,s2:", r.error?.name);
      r = await tryOrder([s2, s1]);
    }
    expectOk(r, "adl");
    console.log(
      "      stage4",
      r.cu,
      JSON.stringify(r.events.find((e) => e.name === "AutoDeleverage")!.data, (_, x) =>
        typeof x === "bigint" ? x.toString() : x,
      ).slice(0, 700),
    );
    assertConserved(v, "after adl");
    const a = v.account(longer);
    console.log("      liquidatee after ADL", a.status, a.cashNative, a.deficitNative, a.positions[0]);
  });
});
