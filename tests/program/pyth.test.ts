/**
 * Markets priced by Pyth `PriceUpdateV2` (the pull oracle of the Pyth Solana Receiver): the
 * account is installed with the receiver as owner and the real borsh layout; the program checks
 * owner, discriminator, full verification and the feed id, and converts the price into quote native
 * per lot exactly as the TypeScript mirror does.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { Keypair, PublicKey, type TransactionInstruction } from "@solana/web3.js";
import { Venue } from "../harness/venue";
import { expectError, expectOk } from "../harness/expect";
import { Side, OracleKind, priceFeedPda, math, readOracle, defaultMarketParams } from "@perp-margin/client";

const RECEIVER = new PublicKey(math.PYTH_RECEIVER_ID);
const SOL_FEED = Buffer.from("ef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d", "hex");

function priceUpdateV2(o: {
  feedId?: Buffer;
  price: bigint;
  conf: bigint;
  expo: number;
  postedSlot: bigint;
  full?: boolean;
}): Buffer {
  const d = Buffer.alloc(math.PRICE_UPDATE_V2_LEN);
  createHash("sha256").update("account:PriceUpdateV2").digest().copy(d, 0, 0, 8);
  Keypair.generate().publicKey.toBuffer().copy(d, 8); // write authority
  let at = 40;
  if (o.full === false) {
    d[at++] = 0; // Partial { num_signatures }
    d[at++] = 5;
  } else d[at++] = 1; // Full
  (o.feedId ?? SOL_FEED).copy(d, at);
  at += 32;
  d.writeBigInt64LE(o.price, at);
  d.writeBigUInt64LE(o.conf, at + 8);
  d.writeInt32LE(o.expo, at + 16);
  d.writeBigInt64LE(1_700_000_000n, at + 20); // publish_time
  d.writeBigInt64LE(1_699_999_999n, at + 28); // prev_publish_time
  d.writeBigInt64LE(o.price, at + 36); // ema_price
  d.writeBigUInt64LE(o.conf, at + 44); // ema_conf
  d.writeBigUInt64LE(o.postedSlot, at + 52);
  return d;
}

describe("Pyth PriceUpdateV2 as a market oracle", () => {
  let v: Venue;
  const pythAccount = Keypair.generate().publicKey;
  const put = (data: Buffer, owner = RECEIVER) =>
    v.svm.setAccount(pythAccount, { lamports: 10_000_000, data, owner, executable: false, rentEpoch: 0 });
  // SOL/USD 150.12345678, lot 0.01 SOL (9 decimals), USDC quote (6): 1.501234 USDC per lot
  const sol = (extra: Partial<Parameters<typeof priceUpdateV2>[0]> = {}) =>
    priceUpdateV2({ price: 15_012_345_678n, conf: 1_234_567n, expo: -8, postedSlot: v.slot(), ...extra });
  const create = (feedId = SOL_FEED) =>
    v.client.createMarketIx(
      v.admin.publicKey,
      0,
      pythAccount,
      "SOL-PERP",
      defaultMarketParams({ baseLotSize: 10_000_000n, tickSize: 1n }),
      { kind: OracleKind.PythPriceUpdateV2, baseDecimals: 9, pythFeedId: feedId },
    );

  /** The create_market transaction: its instructions and signers. */
  const created = (feedId = SOL_FEED): [TransactionInstruction[], Keypair[]] => {
    const m = create(feedId);
    return [m.ixs, [v.admin, ...m.signers]];
  };

  beforeEach(() => {
    v = new Venue();
    v.initExchange();
  });

  it("refuses an update not owned by the receiver, not fully verified, or for another feed", () => {
    put(sol(), Keypair.generate().publicKey);
    expectError(v, ...created(), "InvalidOracle", [v.exchange]);
    put(sol({ full: false }));
    expectError(v, ...created(), "OracleNotFullyVerified", [v.exchange]);
    put(sol());
    expectError(v, ...created(Buffer.alloc(32, 7)), "OracleFeedMismatch", [v.exchange]);
  });

  it("trades at the converted price: the price band edge is exactly where the TypeScript mirror puts it", async () => {
    put(sol());
    const r = expectOk(v.send(...created()));
    assert.equal(r.events[0].name, "MarketCreated");
    const m = await v.client.refresh().then(() => v.client.market(0));
    assert.equal(m.state.oracleKind, OracleKind.PythPriceUpdateV2);
    v.markets.set(0, { ...m, feed: priceFeedPda(v.exchange, 99), feedAuthority: v.admin });
    const reading = readOracle(m.state, v.raw(pythAccount)!);
    assert.equal(reading.price, 1_501_234n);
    const a = v.createTrader(10_000_000_000n);
    const edge = (reading.price * 11_000n) / 10_000n; // +10% band (= initial margin), floor
    expectError(v, [await v.orderIx(a, 0, Side.Bid, edge + 1n, 1n)], [a.kp], "PriceBandExceeded", [
      a.account,
    ]);
    expectOk(await v.order(a, 0, Side.Bid, edge, 1n));
    // the update moves on: a new price is read on the next instruction
    put(sol({ price: 14_000_000_000n }));
    expectError(v, [await v.orderIx(a, 0, Side.Bid, edge, 1n)], [a.kp], "PriceBandExceeded", [a.account]);
  });

  it("applies staleness (from posted_slot), confidence and feed checks on every read", async () => {
    put(sol());
    expectOk(v.send(...created()));
    await v.client.refresh();
    const m = v.client.market(0);
    v.markets.set(0, { ...m, feed: priceFeedPda(v.exchange, 99), feedAuthority: v.admin });
    const a = v.createTrader(10_000_000_000n);
    v.warp(30);
    expectError(v, [await v.orderIx(a, 0, Side.Bid, 1_500_000n, 1n)], [a.kp], "OracleStale", [a.account]);
    put(sol({ postedSlot: v.slot(), conf: 800_000_000n })); // ±8 USD on 150: 5.3% > 2%
    expectError(v, [await v.orderIx(a, 0, Side.Bid, 1_500_000n, 1n)], [a.kp], "OracleConfidenceTooWide", [
      a.account,
    ]);
    put(sol({ postedSlot: v.slot(), feedId: Buffer.alloc(32, 9) }));
    expectError(v, [await v.orderIx(a, 0, Side.Bid, 1_500_000n, 1n)], [a.kp], "OracleFeedMismatch", [
      a.account,
    ]);
    put(sol({ postedSlot: v.slot(), full: false }));
    expectError(v, [await v.orderIx(a, 0, Side.Bid, 1_500_000n, 1n)], [a.kp], "OracleNotFullyVerified", [
      a.account,
    ]);
    put(sol({ postedSlot: v.slot() }));
    expectOk(await v.order(a, 0, Side.Bid, 1_500_000n, 1n));
  });
});
