/**
 * `decodeOrderBook` reads only the header and the live orders at fixed offsets: it must equal the
 * IDL coder's full decode (live entries, best first) on a real book, both sides, after fills,
 * partial fills and cancels.
 */
import { strict as assert } from "node:assert";
import { decodeAccount, decodeOrderBook, OrderType, Side } from "@perp-margin/client";
import { Venue } from "../harness/venue";

describe("decodeOrderBook", () => {
  it("equals the coder's decode of the live orders, best first", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(1_000_000n);
    const a = v.createTrader(100_000_000_000n);
    const b = v.createTrader(100_000_000_000n);
    for (let i = 0; i < 12; i++) {
      v.ok(
        [
          await v.orderIx(a, 0, Side.Bid, 990_000n - BigInt(i) * 1_000n, BigInt(5 + i), {
            clientOrderId: BigInt(i),
          }),
        ],
        [a.kp],
      );
      v.ok([await v.orderIx(b, 0, Side.Ask, 1_010_000n + BigInt(i) * 1_000n, BigInt(7 + i))], [b.kp]);
    }
    v.ok([await v.orderIx(b, 0, Side.Ask, 985_000n, 8n, { type: OrderType.ImmediateOrCancel })], [b.kp]);
    // b is short now: a reduce-only bid (flags 1) rests below a's bids
    v.ok([await v.orderIx(b, 0, Side.Bid, 950_000n, 3n, { reduceOnly: true })], [b.kp]);
    const book = v.bookState(0);
    v.ok([v.cancelIx(a, 0, book.bids[3].orderId)], [a.kp]);
    const raw = v.raw(v.markets.get(0)!.orderBook)!;
    const full = decodeAccount("OrderBook", raw);
    const fast = decodeOrderBook(raw);
    assert.deepEqual(fast, {
      market: full.market,
      nextOrderId: full.nextOrderId,
      bids: full.bids.slice(0, full.bidCount).reverse(),
      asks: full.asks.slice(0, full.askCount).reverse(),
    });
    assert.ok(
      fast.bids.length === 11 && fast.bids[10].flags === 1 && fast.asks.length === 12,
      "both sides live, one bid filled, one cancelled",
    );
    assert.throws(() => decodeOrderBook(v.raw(v.exchange)!), /discriminator/);
  });
});
