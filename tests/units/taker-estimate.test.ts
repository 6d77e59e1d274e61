/** Host tests of the taker-fill estimate behind the page's order preview and sweep warning. */
import { strict as assert } from "node:assert";
import { Keypair } from "@solana/web3.js";
import { type OrderState, estimateTakerFill } from "@perp-margin/client";

const maker = Keypair.generate().publicKey;
const me = Keypair.generate().publicKey;
const ask = (price: bigint, baseLots: bigint, owner = maker) =>
  ({ price, baseLots, owner }) as unknown as OrderState;

describe("book: taker fill estimate", () => {
  const asks = [ask(100n, 5n), ask(100n, 5n), ask(101n, 10n), ask(110n, 10n)];

  it("walks the levels up to the limit, averaging what fills", () => {
    const e = estimateTakerFill(asks, true, 101n, 15n, 5);
    assert.equal(e.filledLots, 15n);
    assert.equal(e.notionalNative, 10n * 100n + 5n * 101n);
    assert.equal(e.averagePrice, 1505n / 15n);
    assert.equal(e.worstPrice, 101n);
    assert.equal(e.levelsTouched, 2);
    assert.equal(e.unfilledLots, 0n);
    assert.equal(e.exhaustsSide, false);
    assert.equal(e.takerFeeNative, 1n, "5 bps of 1505, rounded up");
  });

  it("stops at the limit price and reports what is left", () => {
    const e = estimateTakerFill(asks, true, 100n, 40n, 0);
    assert.equal(e.filledLots, 10n);
    assert.equal(e.unfilledLots, 30n);
    assert.equal(e.exhaustsSide, false);
  });

  it("flags an order that empties the side", () => {
    const e = estimateTakerFill(asks, true, 200n, 40n, 0);
    assert.equal(e.filledLots, 30n);
    assert.equal(e.exhaustsSide, true);
    assert.equal(e.worstPrice, 110n);
  });

  it("sells walk the bids downwards; nothing crosses above the best bid", () => {
    const bids = [ask(99n, 3n), ask(98n, 3n)];
    assert.equal(estimateTakerFill(bids, false, 98n, 4n, 0).averagePrice, (3n * 99n + 98n) / 4n);
    const none = estimateTakerFill(bids, false, 100n, 4n, 0);
    assert.deepEqual([none.filledLots, none.averagePrice, none.worstPrice], [0n, 0n, 0n]);
  });

  it("skips the wallet's own orders", () => {
    const e = estimateTakerFill([ask(100n, 5n, me), ask(101n, 5n)], true, 101n, 5n, 0, me);
    assert.equal(e.averagePrice, 101n);
  });
});
