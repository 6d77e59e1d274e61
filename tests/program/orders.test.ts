/**
 * place_order / cancel_order / cancel_all_orders: order types, price-time priority, self-trade
 * prevention, fees, margin, and every bad input with its specific error and no state change.
 */
import { strict as assert } from "node:assert";
import { Venue, type Trader } from "../harness/venue";
import { expectError, expectOk, withMeta, accountIndex, assertConserved } from "../harness/expect";
import {
  BOOK_CAPACITY,
  defaultMarketParams,
  eventData,
  eventsNamed,
  MAX_OPEN_ORDERS_PER_MARKET,
  OrderType,
  Side,
} from "@perp-margin/client";

const P = 1_000_000n; // oracle price, native per lot

describe("order book", () => {
  let v: Venue;
  let a: Trader, b: Trader, c: Trader;
  beforeEach(() => {
    v = new Venue();
    v.initExchange();
    v.createMarket(P);
    a = v.createTrader(1_000_000_000_000n);
    b = v.createTrader(1_000_000_000_000n);
    c = v.createTrader(1_000_000_000_000n);
  });
  const watchAll = () => [
    a.account,
    b.account,
    c.account,
    v.exchange,
    v.markets.get(0)!.market,
    v.markets.get(0)!.orderBook,
  ];

  it("rests a limit order and reserves it in the account", async () => {
    const r = expectOk(await v.order(a, 0, Side.Bid, P - 10n, 5n, { clientOrderId: 42n }));
    const book = v.bookState(0);
    assert.equal(book.bids.length, 1);
    assert.equal(book.bids[0].clientOrderId, 42n);
    const pos = v.account(a).positions[0];
    assert.equal(pos.bidsLots, 5n);
    assert.equal(pos.openOrders, 1);
    const placed = r.events.find((e) => e.name === "OrderPlaced")!;
    assert.equal(placed.data.restingLots, 5n);
  });

  it("matches in price-time priority across makers, charging maker and taker fees", async () => {
    expectOk(await v.order(a, 0, Side.Ask, P + 2n, 3n)); // worse price
    expectOk(await v.order(b, 0, Side.Ask, P + 1n, 2n)); // best, earlier
    expectOk(await v.order(c, 0, Side.Ask, P + 1n, 2n)); // best, later
    const feesBefore = v.exchangeState().feePoolNative;
    const taker = v.createTrader(1_000_000_000_000n);
    const r = expectOk(await v.order(taker, 0, Side.Bid, P + 2n, 6n));
    const fills = r.events
      .filter((e) => e.name === "Fill")
      .map((e) => [e.data.maker.toBase58(), e.data.price, e.data.lots]);
    assert.deepEqual(fills, [
      [b.account.toBase58(), P + 1n, 2n],
      [c.account.toBase58(), P + 1n, 2n],
      [a.account.toBase58(), P + 2n, 2n],
    ]);
    const notional = 4n * (P + 1n) + 2n * (P + 2n);
    const taker5bps = [2n * (P + 1n), 2n * (P + 1n), 2n * (P + 2n)].reduce(
      (s, q) => s + (q * 5n + 9_999n) / 10_000n,
      0n,
    );
    const maker2bps = [2n * (P + 1n), 2n * (P + 1n), 2n * (P + 2n)].reduce(
      (s, q) => s + (q * 2n + 9_999n) / 10_000n,
      0n,
    );
    assert.equal(v.exchangeState().feePoolNative - feesBefore, taker5bps + maker2bps);
    assert.equal(v.account(taker).cashNative, 1_000_000_000_000n - notional - taker5bps);
    assert.equal(v.bookState(0).asks[0].baseLots, 1n); // a's order partially filled
    assert.equal(v.marketState(0).openInterestLots, 6n);
    assertConserved(v);
  });

  it("immediate-or-cancel drops the rest; post-only rests or is rejected", async () => {
    expectOk(await v.order(a, 0, Side.Ask, P, 2n));
    const r = expectOk(await v.order(b, 0, Side.Bid, P, 5n, { type: OrderType.ImmediateOrCancel }));
    assert.equal(r.events.find((e) => e.name === "OrderPlaced")!.data.restingLots, 0n);
    assert.equal(v.bookState(0).bids.length, 0);
    expectOk(await v.order(a, 0, Side.Ask, P + 5n, 2n));
    expectError(
      v,
      [await v.orderIx(b, 0, Side.Bid, P + 5n, 1n, { type: OrderType.PostOnly })],
      [b.kp],
      "PostOnlyWouldCross",
      watchAll(),
    );
    expectOk(await v.order(b, 0, Side.Bid, P + 4n, 1n, { type: OrderType.PostOnly }));
    assert.equal(v.bookState(0).bids[0].price, P + 4n);
  });

  it("reduce-only shrinks to the position and never flips it", async () => {
    expectOk(await v.order(a, 0, Side.Ask, P, 3n));
    expectOk(await v.order(b, 0, Side.Bid, P, 3n)); // b long 3
    expectError(
      v,
      [await v.orderIx(b, 0, Side.Bid, P, 1n, { reduceOnly: true })],
      [b.kp],
      "ReduceOnlyWouldIncrease",
      watchAll(),
    );
    expectOk(await v.order(c, 0, Side.Bid, P, 10n));
    const r = expectOk(await v.order(b, 0, Side.Ask, P, 10n, { reduceOnly: true }));
    assert.equal(r.events.find((e) => e.name === "OrderPlaced")!.data.filledLots, 3n);
    const pos = v.account(b).positions.find((p) => p.marketIndex === 0);
    assert.equal(pos, undefined, "position slot released once flat with no orders");
  });

  it("self-trade prevention cancels the resting order and continues", async () => {
    expectOk(await v.order(a, 0, Side.Ask, P, 2n));
    expectOk(await v.order(b, 0, Side.Ask, P + 1n, 2n));
    const r = expectOk(await v.order(a, 0, Side.Bid, P + 1n, 2n));
    const names = r.events.map((e) => e.name);
    assert.deepEqual(names, ["OrderCancelled", "Fill", "OrderPlaced"]);
    assert.equal(eventData(r.events[0], "OrderCancelled").reason, 1);
    assert.equal(v.account(a).positions[0].baseLots, 2n);
  });

  it("cancel_order and cancel_all_orders release the reservation; others' orders cannot be cancelled", async () => {
    expectOk(await v.order(a, 0, Side.Bid, P - 1n, 1n));
    expectOk(await v.order(a, 0, Side.Ask, P + 1n, 2n));
    expectOk(await v.order(a, 0, Side.Ask, P + 2n, 3n));
    expectOk(await v.order(b, 0, Side.Bid, P - 2n, 1n));
    const bid = v.bookState(0).bids[0];
    expectError(v, [v.cancelIx(b, 0, bid.orderId)], [b.kp], "OrderNotFound", watchAll());
    expectError(v, [v.cancelIx(a, 0, 999n)], [a.kp], "OrderNotFound", watchAll());
    const r = expectOk(v.send([v.cancelIx(a, 0, bid.orderId)], [a.kp]));
    assert.equal(r.events[0].name, "OrderCancelled");
    assert.equal(v.account(a).positions[0].bidsLots, 0n);
    const all = expectOk(v.send([v.cancelAllIx(a, 0)], [a.kp]));
    assert.equal(all.events.length, 2);
    assert.equal(
      v.account(a).positions.find((p) => p.marketIndex === 0),
      undefined,
    );
    assert.equal(v.bookState(0).asks.length, 0);
    assert.equal(v.bookState(0).bids.length, 1); // b's order stays
  });

  it("rejects prices outside the band, off-tick, zero or too large; sizes below minimum or too large", async () => {
    const w = watchAll();
    expectError(v, [await v.orderIx(a, 0, Side.Bid, (P * 121n) / 100n, 1n)], [a.kp], "PriceBandExceeded", w);
    expectError(v, [await v.orderIx(a, 0, Side.Ask, (P * 79n) / 100n, 1n)], [a.kp], "PriceBandExceeded", w);
    expectError(v, [await v.orderIx(a, 0, Side.Bid, 0n, 1n)], [a.kp], "InvalidPrice", w);
    expectError(v, [await v.orderIx(a, 0, Side.Bid, 1n << 41n, 1n)], [a.kp], "InvalidPrice", w);
    expectError(v, [await v.orderIx(a, 0, Side.Bid, P, 0n)], [a.kp], "InvalidOrderSize", w);
    expectError(v, [await v.orderIx(a, 0, Side.Bid, P, 1n << 41n)], [a.kp], "AmountTooLarge", w);
    const bad = await v.orderIx(a, 0, Side.Bid, P, 1n);
    const d = Buffer.from(bad.data);
    d[8] = 7; // side byte
    expectError(
      v,
      [
        new (require("@solana/web3.js").TransactionInstruction)({
          programId: bad.programId,
          keys: bad.keys,
          data: d,
        }),
      ],
      [a.kp],
      "InvalidOrderType",
      w,
    );
  });

  it("rejects a stale or wide oracle, a foreign book or oracle, and a missing signer", async () => {
    const w = watchAll();
    v.warp(26);
    expectError(v, [await v.orderIx(a, 0, Side.Bid, P, 1n)], [a.kp], "OracleStale", w);
    v.setPrice(0, P, P / 20n);
    expectError(v, [await v.orderIx(a, 0, Side.Bid, P, 1n)], [a.kp], "OracleConfidenceTooWide", w);
    v.setPrice(0, P, 0n);
    const m1 = v.createMarket(P);
    const ix = await v.orderIx(a, 0, Side.Bid, P, 1n);
    expectError(
      v,
      [withMeta(ix, accountIndex("order_book", "place_order"), { pubkey: m1.orderBook })],
      [a.kp],
      "WrongMarket",
      w,
    );
    expectError(
      v,
      [withMeta(ix, accountIndex("oracle", "place_order"), { pubkey: m1.oracle })],
      [a.kp],
      "WrongMarket",
      w,
    );
    expectError(v, [withMeta(ix, 0, { isSigner: false })], [b.kp], "MissingSigner", w);
    expectError(
      v,
      [withMeta(ix, accountIndex("market", "place_order"), { isWritable: false })],
      [a.kp],
      "AccountNotWritable",
      w,
    );
  });

  it("rejects an order that would leave the account below initial margin, but allows reducing risk", async () => {
    const poor = v.createTrader(10_000_000n); // 10 USDC: 10× → at most ~100 lots of 1 USDC
    expectError(v, [await v.orderIx(poor, 0, Side.Bid, P, 101n)], [poor.kp], "MarginRequirementExceeded", [
      poor.account,
      v.exchange,
    ]);
    expectOk(await v.order(a, 0, Side.Ask, P, 99n));
    expectOk(await v.order(poor, 0, Side.Bid, P, 99n));
    v.setPrice(0, (P * 95n) / 100n); // now below initial margin, above maintenance
    expectError(v, [await v.orderIx(poor, 0, Side.Bid, P, 1n)], [poor.kp], "MarginRequirementExceeded", [
      poor.account,
    ]);
    expectOk(await v.order(c, 0, Side.Bid, (P * 95n) / 100n, 50n));
    expectOk(await v.order(poor, 0, Side.Ask, (P * 95n) / 100n, 50n), "risk-reducing sell");
    assertConserved(v);
  });

  it("a maker that must be filled but is not passed fails the order with MakerAccountMissing", async () => {
    expectOk(await v.order(a, 0, Side.Ask, P, 1n));
    expectOk(await v.order(b, 0, Side.Ask, P, 1n));
    const ix = await v.orderIx(c, 0, Side.Bid, P, 2n, { makers: [a.account] });
    expectError(v, [ix], [c.kp], "MakerAccountMissing", watchAll());
  });

  it(`a full side (${BOOK_CAPACITY} orders) refuses a worse order and evicts its least aggressive one for a better one`, async () => {
    const makers: Trader[] = [];
    for (let i = 0; i < BOOK_CAPACITY / MAX_OPEN_ORDERS_PER_MARKET; i++)
      makers.push(v.createTrader(1_000_000_000_000n));
    for (let i = 0; i < BOOK_CAPACITY; i++)
      expectOk(await v.order(makers[i % makers.length], 0, Side.Ask, P + BigInt(1 + (i % 40)), 1n));
    assert.equal(v.bookState(0).asks.length, BOOK_CAPACITY);
    expectError(v, [await v.orderIx(a, 0, Side.Ask, P + 50n, 1n)], [a.kp], "OrderBookFull", watchAll());
    // A better ask evicts the worst (highest, newest) one, whose owner's bookkeeping is released.
    const worst = v.bookState(0).asks[BOOK_CAPACITY - 1];
    const owner = makers.find((m) => m.account.equals(worst.owner))!;
    const before = v.account(owner).positions.find((p) => p.marketIndex === 0)!;
    const r = expectOk(await v.order(a, 0, Side.Ask, P + 1n, 1n));
    const gone = eventsNamed(r.events, "OrderCancelled");
    assert.equal(gone.length, 1);
    assert.equal(gone[0].orderId, worst.orderId);
    assert.equal(gone[0].reason, 7, "evicted");
    const after = v.account(owner).positions.find((p) => p.marketIndex === 0)!;
    assert.equal(after.openOrders, before.openOrders - 1);
    assert.equal(after.asksLots, before.asksLots - 1n);
    assert.equal(v.bookState(0).asks.length, BOOK_CAPACITY);
    // a crossing order still matches against the full side
    expectOk(await v.order(b, 0, Side.Bid, P + 1n, 1n));
  });

  it(`at most ${MAX_OPEN_ORDERS_PER_MARKET} resting orders per account per market`, async () => {
    for (let i = 0; i < MAX_OPEN_ORDERS_PER_MARKET; i++)
      expectOk(await v.order(a, 0, Side.Bid, P - BigInt(i + 1), 1n));
    expectError(v, [await v.orderIx(a, 0, Side.Bid, P - 100n, 1n)], [a.kp], "TooManyOpenOrders", watchAll());
  });

  it("trading pause and market status gate new orders", async () => {
    expectOk(v.send([v.client.setConfigIx(v.admin.publicKey, 0, 4)], [v.admin]));
    expectError(v, [await v.orderIx(a, 0, Side.Bid, P, 1n)], [a.kp], "ExchangePaused", watchAll());
    expectOk(v.send([v.client.setConfigIx(v.admin.publicKey, 0, 0)], [v.admin]));
    expectOk(await v.order(a, 0, Side.Bid, P, 1n));
  });

  it("market status: reduce-only admits only reducing orders, halted admits none; admin only", async () => {
    const { Keypair } = require("@solana/web3.js");
    const stranger = Keypair.generate();
    v.svm.airdrop(stranger.publicKey, 1_000_000_000n);
    expectError(
      v,
      [v.client.setMarketStatusIx(stranger.publicKey, 0, 2)],
      [stranger],
      "NotAdmin",
      watchAll(),
    );
    expectError(
      v,
      [v.client.setMarketStatusIx(v.admin.publicKey, 0, 3)],
      [v.admin],
      "InvalidConfig",
      watchAll(),
    );
    expectOk(await v.order(a, 0, Side.Ask, P, 3n));
    expectOk(await v.order(b, 0, Side.Bid, P, 3n));
    expectOk(await v.order(a, 0, Side.Ask, P + 5n, 1n)); // resting, to cancel while halted
    const r = expectOk(v.send([v.client.setMarketStatusIx(v.admin.publicKey, 0, 1)], [v.admin]));
    assert.deepEqual(
      [
        r.events[0].name,
        eventData(r.events[0], "MarketStatusChanged").statusBefore,
        eventData(r.events[0], "MarketStatusChanged").statusAfter,
      ],
      ["MarketStatusChanged", 0, 1],
    );
    expectError(v, [await v.orderIx(c, 0, Side.Bid, P, 1n)], [c.kp], "MarketNotActive", watchAll());
    expectOk(await v.order(b, 0, Side.Ask, P - 1n, 1n, { reduceOnly: true }));
    expectOk(v.send([v.client.setMarketStatusIx(v.admin.publicKey, 0, 2)], [v.admin]));
    expectError(
      v,
      [await v.orderIx(b, 0, Side.Ask, P, 1n, { reduceOnly: true })],
      [b.kp],
      "MarketNotActive",
      watchAll(),
    );
    expectOk(v.send([v.cancelAllIx(a, 0)], [a.kp]), "cancels still run while halted");
    expectOk(v.send([v.client.setMarketStatusIx(v.admin.publicKey, 0, 0)], [v.admin]));
    expectOk(await v.order(c, 0, Side.Bid, P - 10n, 1n));
  });

  it("positions beyond 8 markets are refused with PositionSlotsFull", async () => {
    for (let i = 1; i < 9; i++) v.createMarket(P, defaultMarketParams());
    for (let m = 0; m < 8; m++) expectOk(await v.order(a, m, Side.Bid, P - 1n, 1n));
    expectError(v, [await v.orderIx(a, 8, Side.Bid, P - 1n, 1n)], [a.kp], "PositionSlotsFull", [a.account]);
  });
});
