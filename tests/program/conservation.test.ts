/**
 * Randomised mixed instructions on the SBF program: after every transaction — succeeded or
 * refused — the vault holds exactly Σcash − Σdeficit + fee pool + pending − bad debt, and the
 * insurance vault holds exactly the fund.
 */
import { strict as assert } from "node:assert";
import { Venue, type Trader, type TxResult } from "../harness/venue";
import { assertConserved } from "../harness/expect";
import { Side, OrderType, defaultMarketParams } from "@perp-margin/client";

/** xorshift64*: deterministic, seedable. */
function rng(seed: bigint) {
  let s = seed;
  return () => {
    s ^= s >> 12n;
    s ^= (s << 25n) & 0xffffffffffffffffn;
    s ^= s >> 27n;
    return Number(((s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) >> 11n) / 2 ** 53;
  };
}

describe("conservation over a randomised sequence of ≥ 500 instructions", function () {
  this.timeout(600_000);
  it("holds after every transaction", async () => {
    const rand = rng(0x5eedn);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const v = new Venue();
    v.initExchange({ insurance: 1_000_000_000n });
    const prices = [1_000_000n, 20_000_000n];
    for (const p of prices)
      v.createMarket(p, defaultMarketParams({ fundingPeriodSlots: 50n, liquidationPaceSlots: 0n }));
    const traders: Trader[] = [];
    for (let i = 0; i < 6; i++) traders.push(v.createTrader(BigInt(200 + i * 300) * 1_000_000n));
    const keeper = v.createKeeper();
    const counts: Record<string, { ok: number; refused: number }> = {};
    const note = (kind: string, ok: boolean) => {
      counts[kind] ??= { ok: 0, refused: 0 };
      counts[kind][ok ? "ok" : "refused"]++;
    };
    let sent = 0;
    while (sent < 520) {
      const t = pick(traders);
      const m = Math.floor(rand() * prices.length);
      const roll = rand();
      let kind: string;
      let r: TxResult;
      if (roll < 0.08) {
        kind = "deposit";
        const amt = BigInt(Math.floor(rand() * 200)) * 1_000_000n + 1n;
        if (rand() < 0.7) v.mintTo(t.token, amt);
        r = v.send([v.depositIx(t, amt, 0n)], [t.kp]);
      } else if (roll < 0.14) {
        kind = "withdraw";
        r = v.send([await v.withdrawIx(t, BigInt(Math.floor(rand() * 300)) * 1_000_000n + 1n)], [t.kp]);
      } else if (roll < 0.62) {
        kind = "place_order";
        const side = rand() < 0.5 ? Side.Bid : Side.Ask;
        const oracle = v.feedState(m).price;
        const off = BigInt(Math.floor((rand() - 0.5) * 600)); // ±3% in bps
        const price = (oracle * (10_000n + off)) / 10_000n;
        const type = pick([
          OrderType.Limit,
          OrderType.Limit,
          OrderType.ImmediateOrCancel,
          OrderType.PostOnly,
        ]);
        r = v.send(
          [
            await v.orderIx(t, m, side, price, BigInt(1 + Math.floor(rand() * 40)), {
              type,
              reduceOnly: rand() < 0.1,
            }),
          ],
          [t.kp],
        );
      } else if (roll < 0.7) {
        kind = "cancel";
        const book = v.bookState(m);
        const mine = [...book.bids, ...book.asks].filter((o) => o.owner.equals(t.account));
        r =
          mine.length && rand() < 0.7
            ? v.send([v.cancelIx(t, m, pick(mine).orderId)], [t.kp])
            : v.send([v.cancelAllIx(t, m)], [t.kp]);
      } else if (roll < 0.85) {
        kind = "update_price";
        const p = v.feedState(m).price;
        const next = (p * BigInt(10_000 + Math.floor((rand() - 0.5) * 200))) / 10_000n;
        v.warp(1 + Math.floor(rand() * 3));
        r = v.setPrice(m, next);
      } else if (roll < 0.93) {
        kind = "update_funding";
        r = v.send([v.client.updateFundingIx(m)], [v.admin]);
      } else {
        kind = "liquidate";
        r = v.send(
          [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, t.account, m)],
          [keeper.kp],
        );
      }
      // keep every oracle fresh enough for the next step
      for (let i = 0; i < prices.length; i++)
        if (v.slot() - v.feedState(i).publishSlot > 20n) v.setPrice(i, v.feedState(i).price);
      sent++;
      note(kind, r.ok);
      if (!r.ok)
        assert.ok(r.error, `refused without a program error: ${r.rawError}\n${r.logs.slice(-5).join("\n")}`);
      assertConserved(v, `after #${sent} ${kind} (${r.ok ? "ok" : r.error?.name})`);
    }
    const ok = Object.values(counts).reduce((s, c) => s + c.ok, 0);
    console.log(`      ${sent} instructions (${ok} succeeded), conservation checked after each:`);
    for (const [k, c] of Object.entries(counts))
      console.log(`        ${k.padEnd(14)} ok ${String(c.ok).padStart(3)}  refused ${c.refused}`);
    const fills = v.eventLog.filter((e) => e.name === "Fill").length;
    console.log(
      `        fills ${fills}, funding updates ${v.eventLog.filter((e) => e.name === "FundingUpdated").length}, liquidations ${v.eventLog.filter((e) => e.name === "Liquidation").length}`,
    );
    assert.ok(ok >= 300, "most instructions should succeed");
    assert.ok(fills >= 50, "the sequence should trade");
    // events carry a contiguous sequence
    const seqs = v.eventLog.map((e) => e.data.seq as bigint);
    for (const [i, s] of seqs.entries()) assert.equal(s, BigInt(i), "event sequence is contiguous");
  });
});
