/**
 * The keeper (client/src/keeper) against the SBF program, issue 11 cases 7 and 9: in cross margin
 * it liquidates the market that restores health fastest per fee — the crashed one — first, and it
 * logs every account it cannot progress, and why. Plus a stall the adversarial run found.
 */
import { strict as assert } from "node:assert";
import { defaultMarketParams, OrderType, Side } from "@perp-margin/client";
import { Keeper } from "@perp-margin/client/src/keeper";
import { expectOk } from "../harness/expect";
import { type Trader, Venue } from "../harness/venue";
import { checkInvariants, equity } from "./lib";

const USDC = 1_000_000n;
const P = 1_000_000n;

const events = (v: Venue, name: string) => v.eventLog.filter((e) => e.name === name);
const base = (v: Venue, t: Trader, m: number) =>
  v.account(t).positions.find((p) => p.marketIndex === m)?.baseLots ?? 0n;

describe("keeper: cross-margin order (issue 11 case 9)", () => {
  it("with 3 markets held and one crashed 20%, it liquidates the crashed market first and leaves the others open", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    for (let m = 0; m < 3; m++) v.createMarket(P, defaultMarketParams());
    const victim = v.createTrader(1_000n * USDC);
    const mm = v.createTrader(1_000_000n * USDC);
    const k = v.createKeeper();
    // 3 000 lots long in each market: 9 000 USDC of notional on 1 000 (9×).
    for (let m = 0; m < 3; m++) {
      expectOk(await v.order(mm, m, Side.Ask, P, 3_000n, { type: OrderType.PostOnly }));
      expectOk(await v.order(victim, m, Side.Bid, P, 3_000n, { type: OrderType.ImmediateOrCancel }));
    }
    v.setPrice(1, (P * 80n) / 100n); // market 1 crashes 20%: −600 USDC, equity ≈ 400 < maintenance ≈ 420
    // Bids in every market, inside the liquidation band.
    for (let m = 0; m < 3; m++) {
      const px = (v.feedState(m).price * 9_950n) / 10_000n;
      expectOk(await v.order(mm, m, Side.Bid, px, 10_000n, { type: OrderType.PostOnly }));
    }
    const lines: string[] = [];
    const bot = new Keeper(v.client, k.kp, k.account, { log: (l) => lines.push(l) });
    const seq = v.eventLog.length;
    await bot.runUntilQuiet();
    const liqs = v.eventLog.slice(seq).flatMap((e) => (e.name === "Liquidation" ? [e.data] : []));
    assert.ok(liqs.length > 0, "the keeper liquidated");
    const first = liqs[0];
    assert.equal(
      String(first.market),
      String(v.markets.get(1)!.market),
      "the first liquidation is in the crashed market",
    );
    assert.ok(
      lines[0]?.startsWith("liquidate") && lines[0].endsWith("m1"),
      `keeper log: ${lines.join(" | ")}`,
    );
    assert.equal(base(v, victim, 1), 0n, "the crashed position is closed");
    assert.equal(
      base(v, victim, 0),
      3_000n,
      "market 0 stays open: closing it pays fees and restores nothing",
    );
    assert.equal(base(v, victim, 2), 3_000n, "market 2 stays open");
    assert.ok(
      liqs.every((d) => d.market.equals(v.markets.get(1)!.market)),
      "only the crashed market was liquidated",
    );
    assert.ok(equity(v, victim) > 0n);
    checkInvariants(v, [victim, mm, k], "after the keeper");
  });
});

describe("keeper: every account it cannot progress is logged, with the reason (issue 11 case 7)", () => {
  it("no bid in the band, no backstop, no ADL counterparty with equity: logged and marked underwater", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 0n });
    v.createMarket(P, defaultMarketParams());
    v.createMarket(P, defaultMarketParams());
    const long = v.createTrader(100n * USDC);
    const short = v.createTrader(5_000n * USDC); // profitable in market 0, ruined in market 1
    const mm = v.createTrader(100_000n * USDC);
    const k = v.createKeeper();
    expectOk(await v.order(short, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(long, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(mm, 1, Side.Ask, P, 40_000n, { type: OrderType.PostOnly }));
    expectOk(await v.order(short, 1, Side.Bid, P, 40_000n, { type: OrderType.ImmediateOrCancel }));
    expectOk(v.send([v.cancelAllIx(mm, 1)], [mm.kp]));
    v.setPrice(0, (P * 85n) / 100n);
    v.setPrice(1, (P * 80n) / 100n);
    const lines: string[] = [];
    const bot = new Keeper(v.client, k.kp, k.account, { log: (l) => lines.push(l) });
    await bot.runUntilQuiet();
    const id = (t: { account: import("@solana/web3.js").PublicKey }) => t.account.toBase58().slice(0, 8);
    // The short is not stuck (ADL against the market maker's profitable short in market 1); the
    // long is: its only counterparty's account is under water.
    for (const t of [long]) {
      const line = lines.find((l) => l.startsWith(`cannot progress ${id(t)}`));
      assert.ok(line, `no "cannot progress" line for ${id(t)}: ${lines.join(" | ")}`);
      assert.match(line, /no bid in the band|no ADL counterparty|no backstop/, "the line says why");
      assert.ok(v.account(t).underwaterNative > 0n, "and the loss is marked");
    }
    assert.equal(events(v, "UnderwaterMarked").length, 1);
    assert.equal(v.exchangeState().underwaterCount, 1n);
  });
});

describe("finding: an under-water account with a bid above the oracle stalls the waterfall", () => {
  // Found by tests/attacks/adversarial.test.ts (seed 0x5eed, step 375, 45 refused keeper ADL steps):
  // after a gap down, makers' bids from before the gap sit above the new oracle. The account is
  // under water by more than the insurance available, so `liquidate` refuses (LossBeyondInsurance,
  // checked at the oracle before matching), while `auto_deleverage` refuses because the book
  // "has liquidity" (BookLiquidityRemains: the best bid is inside the band and costs nothing
  // against the oracle). No stage can act, although selling into that bid would close the account
  // in profit; the keeper retries ADL every pass.
  it("insurance 0; long 900 @ 1.00 on 100 USDC; a maker's bid 900 @ 0.99; oracle → 0.80: some stage closes the position", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 0n });
    v.createMarket(P, defaultMarketParams());
    const victim = v.createTrader(100n * USDC);
    const short = v.createTrader(100_000n * USDC);
    const maker = v.createTrader(100_000n * USDC);
    const k = v.createKeeper();
    expectOk(await v.order(short, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(victim, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(maker, 0, Side.Bid, 990_000n, 900n, { type: OrderType.PostOnly }));
    v.setPrice(0, 800_000n);
    assert.ok(equity(v, victim) < -80n * USDC, "≈ 80.45 USDC under water");
    const lines: string[] = [];
    const bot = new Keeper(v.client, k.kp, k.account, { log: (l) => lines.push(l) });
    await bot.runUntilQuiet();
    // The keeper says so when it cannot progress an account.
    assert.ok(
      lines.some((l) => l.startsWith("cannot progress") || l.startsWith("mark")) || base(v, victim, 0) === 0n,
      `the keeper neither progressed nor logged the stalled account: ${lines.join(" | ")}; refusals ${JSON.stringify(bot.report.refusals)}`,
    );
    if (base(v, victim, 0) !== 0n)
      assert.ok(v.account(victim).underwaterNative > 0n, "the keeper marked the stalled loss underwater");
    const liq = v.send([await v.client.liquidateIx(k.kp.publicKey, k.account, victim.account, 0)], [k.kp]);
    const adl = v.send(
      [await v.client.autoDeleverageIx(k.kp.publicKey, victim.account, 0, [short.account])],
      [k.kp],
    );
    assert.ok(
      base(v, victim, 0) === 0n,
      `no stage can act: liquidate ${liq.error?.name ?? "ok"}, auto_deleverage ${adl.error?.name ?? "ok"}; position ${base(v, victim, 0)} lots open at equity ${equity(v, victim)}`,
    );
    checkInvariants(v, [victim, short, maker, k]);
  });
});
