/**
 * Compile-time tests of the types derived from the IDL (`client/src/idl-types.ts`). They run in
 * `tsc --noEmit` (`npm run typecheck`): every `@ts-expect-error` line must fail to compile, so a
 * mapper that loosened (an argument accepting any value again, an event field readable on the wrong
 * event) makes the typecheck fail. The mocha case only checks that the file loads.
 */
import { strict as assert } from "node:assert";
import type { PublicKey } from "@solana/web3.js";
import {
  type AccountName,
  type EventName,
  type ExchangeState,
  type IdlType,
  type IxArgs,
  type IxName,
  type MarketState,
  type OrderState,
  type PerpEvent,
  buildIx,
  type eventData,
} from "@perp-margin/client";

/** `true` only when `A` and `B` are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_: T) => {};

function instructionArguments(k: PublicKey) {
  const accounts = {
    owner: k,
    marginAccount: k,
    exchange: k,
    market: k,
    orderBook: k,
    oracle: k,
    vault: k,
  };
  const args = { side: 0, orderType: 0, reduceOnly: 0, price: 1_000n, lots: 5n, clientOrderId: 0n };
  buildIx("place_order", accounts, args);

  // @ts-expect-error a u8 argument takes a number, not a public key
  buildIx("place_order", accounts, { ...args, side: k });
  // @ts-expect-error a u64 argument is a bigint, never a number
  buildIx("place_order", accounts, { ...args, price: 1_000 });
  // @ts-expect-error every argument is required
  buildIx("place_order", accounts, { side: 0, orderType: 0, reduceOnly: 0, price: 1_000n, lots: 5n });
  // @ts-expect-error no argument the instruction does not have
  buildIx("place_order", accounts, { ...args, maxLots: 0n });
  // @ts-expect-error an instruction's accounts are required (here `oracle`)
  buildIx("place_order", { ...accounts, oracle: undefined }, args);
  const feedAccounts = { admin: k, exchange: k, priceFeed: k };
  // @ts-expect-error a pubkey argument is a PublicKey, not its base58 text
  buildIx("create_price_feed", feedAccounts, { feedId: 0, authority: "x", price: 1n, confidence: 0n });

  // defined types recurse: `create_market.params` is the full `MarketParams` struct
  expectType<Equal<IxArgs<"create_market">["params"], IdlType<"MarketParams">>>(true);
  // `[u8; N]` arguments are number arrays, as Anchor's coder takes them
  expectType<Equal<IxArgs<"create_market">["pythFeedId"], number[]>>(true);
  expectType<Equal<keyof IxArgs<"cancel_all_orders">, never>>(true);
  // @ts-expect-error not an instruction of this program
  const unknown: IxName = "close_everything";
  return unknown;
}

function accountStates(m: MarketState, e: ExchangeState, o: OrderState) {
  expectType<Equal<typeof m.params.tickSize, bigint>>(true);
  expectType<Equal<typeof m.params.initialMarginBps, number>>(true);
  expectType<Equal<typeof m.oracle, PublicKey>>(true);
  expectType<Equal<typeof e.paused, number>>(true);
  expectType<Equal<typeof e.totalCashNative, bigint>>(true);
  expectType<
    Equal<
      OrderState,
      {
        owner: PublicKey;
        orderId: bigint;
        clientOrderId: bigint;
        price: bigint;
        baseLots: bigint;
        flags: number;
        ownerEpoch: number;
      }
    >
  >(true);
  // @ts-expect-error reserved padding is not part of the decoded state
  void o._pad0;
  // @ts-expect-error field names are camelCase
  void e.total_cash_native;
  // @ts-expect-error a u64 field is a bigint
  const n: number = e.eventSeq;
  // @ts-expect-error not an account type of this program
  const name: AccountName = "Position";
  return [n, name];
}

function events(e: PerpEvent) {
  if (e.name === "Fill") {
    expectType<Equal<typeof e.data.quoteNative, bigint>>(true);
    expectType<Equal<typeof e.data.takerSide, number>>(true);
    // @ts-expect-error `stage` is a Liquidation field, not a Fill field
    void e.data.stage;
  }
  if (e.name === "AutoDeleverage") expectType<Equal<(typeof e.data.fills)[number], IdlType<"AdlFill">>>(true);
  // @ts-expect-error before narrowing by name, only the fields every event has are readable
  void e.data.quoteNative;
  expectType<Equal<typeof e.data.seq, bigint>>(true);
  expectType<Equal<ReturnType<typeof eventData<"Deposit">>["creditedNative"], bigint>>(true);
  // @ts-expect-error not an event of this program
  const name: EventName = "Trade";
  return name;
}

describe("types derived from the IDL", () => {
  it("are checked by tsc: each @ts-expect-error above must not compile", () => {
    assert.equal(typeof instructionArguments, "function");
    assert.equal(typeof accountStates, "function");
    assert.equal(typeof events, "function");
  });
});
