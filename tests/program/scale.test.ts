/**
 * Issue "Scale like a real venue", measured on the SBF program: a book of 512 orders per side that
 * dust cannot jam, and fills bounded by compute, not by CPI count (events are batched into one
 * self-CPI per ~10 KiB). Before: 64 one-lot bids from 4 accounts locked honest makers out of a
 * side (`OrderBookFull`), and a liquidation crossing 63 dust bids failed with
 * `MaxInstructionTraceLengthExceeded` (one CPI per `Fill`, 64 trace entries per transaction).
 */
import { strict as assert } from "node:assert";
import { BOOK_CAPACITY, defaultMarketParams, eventsNamed, OrderType, Side } from "@perp-margin/client";
import { USDC } from "@perp-margin/client/src/scenario";
import { expectOk } from "../harness/expect";
import { type Trader, Venue } from "../harness/venue";

const P = 1_000_000n;
const pct = (p: bigint, bps: bigint) => (p * bps) / 10_000n;
const POST = { type: OrderType.PostOnly };

function venue() {
  const v = new Venue();
  v.initExchange({ insurance: 1_000n * USDC });
  v.createMarket(P, defaultMarketParams({ makerFeeBps: 0, takerFeeBps: 0 }));
  return v;
}

/** Counts the self-CPI event batches of the last transaction (inner instructions to the program). */
const batches = (logs: string[]) => logs.filter((l) => l.includes("invoke [2]")).length;

describe("scale: a book dust cannot jam", () => {
  it("64 one-lot dust bids no longer fill a side; an honest maker rests and the dust is not evicted needlessly", async () => {
    const v = venue();
    const dust: Trader[] = [];
    for (let i = 0; i < 4; i++) dust.push(v.createTrader(10n * USDC));
    for (let i = 0; i < 64; i++) expectOk(await v.order(dust[i % 4], 0, Side.Bid, pct(P, 9_000n), 1n, POST));
    const honest = v.createTrader(10_000n * USDC);
    expectOk(await v.order(honest, 0, Side.Bid, pct(P, 9_990n), 1_000n, POST), "the honest bid rests");
    assert.equal(v.bookState(0).bids.length, 65);
    assert.ok(v.bookState(0).bids[0].owner.equals(honest.account), "best bid first");
  });

  it(`a side of ${BOOK_CAPACITY} dust orders is still open to a better price: the worst order is evicted`, async () => {
    const v = venue();
    const dust: Trader[] = [];
    for (let i = 0; i < 8; i++) dust.push(v.createTrader(100n * USDC));
    for (let i = 0; i < BOOK_CAPACITY; i++)
      expectOk(await v.order(dust[i % 8], 0, Side.Bid, pct(P, 9_500n) - BigInt(i % 50), 1n, POST));
    const honest = v.createTrader(10_000n * USDC);
    const r = expectOk(await v.order(honest, 0, Side.Bid, pct(P, 9_990n), 1_000n, POST));
    assert.equal(
      eventsNamed(r.events, "OrderCancelled")[0]?.reason,
      7,
      "the least aggressive dust order is evicted",
    );
    assert.ok(v.bookState(0).bids[0].owner.equals(honest.account));
    console.log(`      resting order with ${BOOK_CAPACITY} bids and an eviction: ${r.cu} CU`);
  });
});

describe("scale: fills bounded by compute, not by CPI count", () => {
  /** A 9× long below maintenance after −7 %, with `n` one-lot bids inside the band from 4 makers. */
  async function crowded(n: number) {
    const v = venue();
    const long = v.createTrader(100n * USDC);
    const short = v.createTrader(10_000n * USDC);
    expectOk(await v.order(short, 0, Side.Ask, P, 900n));
    expectOk(await v.order(long, 0, Side.Bid, P, 900n));
    v.setPrice(0, pct(P, 9_300n));
    const makers: Trader[] = [];
    for (let i = 0; i < 4; i++) makers.push(v.createTrader(1_000n * USDC));
    for (let i = 0; i < n; i++)
      expectOk(await v.order(makers[i % 4], 0, Side.Bid, pct(P, 9_290n) - BigInt(i), 1n, POST));
    const deep = v.createTrader(100_000n * USDC);
    expectOk(await v.order(deep, 0, Side.Bid, pct(P, 9_200n), 900n, POST));
    const keeper = v.createKeeper();
    return { v, long, keeper };
  }

  it("a liquidation crossing 63 dust bids inside the band fills them all and goes on (was MaxInstructionTraceLengthExceeded)", async () => {
    const { v, long, keeper } = await crowded(63);
    const ix = await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, long.account, 0);
    const r = expectOk(v.send([ix], [keeper.kp]));
    const fills = eventsNamed(r.events, "Fill").length;
    assert.ok(fills >= 64, `${fills} fills`);
    assert.ok(batches(r.logs) <= 3, `${batches(r.logs)} event CPIs for ${r.events.length} events`);
    console.log(
      `      liquidation: ${fills} fills, ${r.events.length} events in ${batches(r.logs)} CPIs, ${r.cu} CU`,
    );
  });

  it("one liquidation transaction fills ≥ 100 resting orders", async () => {
    const { v, long, keeper } = await crowded(120);
    const ix = await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, long.account, 0);
    const r = expectOk(v.send([ix], [keeper.kp]));
    const fills = eventsNamed(r.events, "Fill").length;
    assert.ok(fills >= 100, `${fills} fills`);
    const seqs = r.events.map((e) => (e.data as { seq: bigint }).seq);
    for (let i = 1; i < seqs.length; i++)
      assert.equal(seqs[i], seqs[i - 1] + 1n, "contiguous seq across batches");
    console.log(
      `      liquidation: ${fills} fills in one transaction, ${batches(r.logs)} event CPIs, ${r.cu} CU`,
    );
  });
});
