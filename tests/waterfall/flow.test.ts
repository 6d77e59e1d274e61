import { strict as assert } from "node:assert";
import { Venue } from "../harness/venue";
import { expectOk, assertConserved } from "../harness/expect";
import { AccountStatus, Side, eventData, defaultMarketParams } from "@perp-margin/client";

describe("waterfall end to end on one account", () => {
  it("book → (under water, insurance short) backstop refused → ADL with the fund reserved → resolution; nothing socialized", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 0n });
    v.createMarket(1_000_000n, defaultMarketParams({ liquidationBandBps: 300 }));
    const longer = v.createTrader(1_000_000_000n);
    const shorter = v.createTrader(100_000_000_000n);
    const maker = v.createTrader(100_000_000_000n);
    const backstop = v.createTrader(100_000_000_000n);
    const keeper = v.createKeeper();
    expectOk(
      v.send(
        [await v.client.registerBackstopIx(backstop.kp.publicKey, backstop.account, 1n, 50_000_000_000n)],
        [backstop.kp],
      ),
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
    // The fund holds only the insurance share of stage 1's fee.
    const fund = v.exchangeState().insuranceNative;
    assert.ok(fund > 0n);
    v.setPrice(0, 860_000n); // under water (equity ≈ −84 USDC), by more than the fund
    const liq2 = v.send(
      [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, longer.account, 0)],
      [keeper.kp],
    );
    assert.equal(liq2.error?.name, "LossBeyondInsurance", "a book close would realize an uncovered loss");
    const bs = v.send(
      [await v.client.backstopLiquidateIx(keeper.kp.publicKey, backstop.account, longer.account, 0)],
      [keeper.kp],
    );
    assert.equal(bs.error?.name, "LossBeyondInsurance", "so would a backstop takeover");
    // ADL: the fund is reserved for this account, the profitable short absorbs the rest.
    const adl = expectOk(
      v.send(
        [await v.client.autoDeleverageIx(keeper.kp.publicKey, longer.account, 0, [shorter.account])],
        [keeper.kp],
      ),
      "adl",
    );
    const e = eventData(adl.events.find((x) => x.name === "AutoDeleverage")!, "AutoDeleverage");
    assert.equal(e.insuranceAvailableNative, fund, "the whole fund, counted once, for this account");
    assert.equal(v.exchangeState().insuranceReservedNative, fund);
    assertConserved(v, "after adl");
    const a = v.account(longer);
    assert.equal(a.status, AccountStatus.Bankrupt);
    assert.ok(a.deficitNative <= fund && a.deficitNative > 0n, "the deficit is what the fund covers");
    const r0 = expectOk(
      v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, longer.account)], [keeper.kp]),
      "resolve",
    );
    const res = eventData(r0.events[0], "BankruptcyResolved");
    assert.equal(res.insurancePaidNative, a.deficitNative);
    assert.equal(res.reservedReleasedNative, fund);
    assert.equal(v.exchangeState().insuranceReservedNative, 0n);
    assert.equal(v.account(longer).deficitNative, 0n);
    assert.equal(v.exchangeState().socializedLossNative, 0n, "nothing socialized");
    assertConserved(v, "after resolve");
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
