/**
 * Typed views of the program accounts. Anchor's coder decodes the raw bytes (laid out as the IDL
 * says); `normalize` turns every 64-bit integer into a `bigint`, snake_case into camelCase, and
 * keeps public keys. The state types are derived from the IDL type (`idl-types.ts`), so they cannot
 * drift from the layout the coder reads.
 */
import { BorshAccountsCoder } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";
import BN from "bn.js";
import { IDL } from "./idl";
import { NO_MARKET } from "./constants";
import type { AccountName, IdlType } from "./idl-types";

export const accountsCoder = new BorshAccountsCoder<AccountName>(IDL);

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * BN → bigint, snake_case → camelCase, recursively; reserved `_pad…` fields are dropped; an
 * `Index128` (`{ lo: u64, hi: i64 }`, the only two-word struct of the IDL) becomes one signed
 * 128-bit `bigint`. The result has the shape `IdlType` derives for the coded type; callers state
 * that type (`decodeAccount`).
 */
export function normalize(v: unknown): unknown {
  if (BN.isBN(v)) return BigInt(v.toString());
  if (v instanceof PublicKey) return v;
  if (Array.isArray(v)) return v.map(normalize);
  if (isIndex128(v)) return (BigInt(v.hi.toString()) << 64n) | BigInt(v.lo.toString());
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!k.startsWith("_")) out[camel(k)] = normalize(x);
    return out;
  }
  return v;
}

function isIndex128(v: unknown): v is { lo: BN; hi: BN } {
  if (!v || typeof v !== "object") return false;
  const keys = Object.keys(v);
  const o = v as Record<string, unknown>;
  return keys.length === 2 && BN.isBN(o.lo) && BN.isBN(o.hi);
}

/** Decoded account types, derived from the IDL (`idl-types.ts`); the field docs live there. */
export type PositionState = IdlType<"Position">;
export type MarginAccountState = IdlType<"MarginAccount">;
export type MarketParamsState = IdlType<"MarketParams">;
export type MarketState = IdlType<"Market">;
export type ExchangeState = IdlType<"Exchange">;
export type OrderState = IdlType<"Order">;
export type PriceFeedState = IdlType<"PriceFeed">;
export type BackstopEntryState = IdlType<"BackstopEntry">;
/** Live entries only (the first `count`). */
export type BackstopRegistryState = IdlType<"BackstopRegistry">;

/** An order book as the SDK presents it: live orders only, best first on each side. */
export interface OrderBookState
  extends Omit<IdlType<"OrderBook">, "bidCount" | "askCount" | "bids" | "asks"> {
  /** Live bids, best first. */
  bids: OrderState[];
  /** Live asks, best first. */
  asks: OrderState[];
}

/** The decoded state of each account type. */
interface AccountStates {
  Exchange: ExchangeState;
  Market: MarketState;
  OrderBook: IdlType<"OrderBook">;
  MarginAccount: MarginAccountState;
  PriceFeed: PriceFeedState;
  BackstopRegistry: IdlType<"BackstopRegistry">;
}

const ACCOUNT_NAMES: readonly AccountName[] = IDL.accounts.map((a) => a.name);

/** The 8-byte discriminator of an account type. */
export const accountDiscriminator = (name: AccountName): Buffer =>
  Buffer.from(accountsCoder.accountDiscriminator(name));

/** Which account type a buffer holds, by discriminator (undefined if none). */
export function accountKind(data: Buffer | Uint8Array): AccountName | undefined {
  const d = Buffer.from(data.subarray(0, 8));
  for (const n of ACCOUNT_NAMES) if (accountDiscriminator(n).equals(d)) return n;
  return undefined;
}

/** Decodes an account of type `name` (throws on a wrong discriminator). */
export function decodeAccount<N extends AccountName>(name: N, data: Buffer | Uint8Array): AccountStates[N] {
  // The coder decodes exactly the IDL's layout for `name`; `normalize` maps it to the derived type.
  return normalize(accountsCoder.decode(name, Buffer.from(data))) as AccountStates[N];
}

/** The Borsh layout of an account body (after the discriminator), for byte-exact encoding in tests and benches. */
export interface AccountLayout {
  /** Writes raw coder fields (snake_case, `BN` for 64-bit integers) at `offset`; returns bytes written. */
  encode(fields: object, b: Buffer, offset?: number): number;
}

/** Anchor's `encode` is async and writes into a 1000-byte buffer; its layouts are neither. */
export function accountLayout(name: AccountName): AccountLayout {
  // `accountLayouts` is private in Anchor's typings; this is the one place the SDK reads it.
  const layouts = (accountsCoder as unknown as { accountLayouts: Map<string, { layout: AccountLayout }> })
    .accountLayouts;
  const l = layouts.get(name);
  if (!l) throw new Error(`unknown account type ${name}`);
  return l.layout;
}

export const decodeMarginAccount = (data: Buffer | Uint8Array): MarginAccountState =>
  decodeAccount("MarginAccount", data);
export const decodeMarket = (data: Buffer | Uint8Array): MarketState => decodeAccount("Market", data);
export const decodeExchange = (data: Buffer | Uint8Array): ExchangeState => decodeAccount("Exchange", data);
export const decodePriceFeed = (data: Buffer | Uint8Array): PriceFeedState =>
  decodeAccount("PriceFeed", data);
export const decodeBackstopRegistry = (data: Buffer | Uint8Array): BackstopRegistryState => {
  const r = decodeAccount("BackstopRegistry", data);
  return { ...r, entries: r.entries.slice(0, r.count) };
};
/**
 * The order book, live orders only, best first. The coder would decode all 2 × 512 slots (~30 ms
 * a book, most of a LiteSVM test's time); this reads the header and the live orders at the
 * offsets of `idl/layouts.json` (checked against the coder's decode in tests/program/types.test.ts).
 */
export function decodeOrderBook(data: Buffer | Uint8Array): OrderBookState {
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (!accountDiscriminator("OrderBook").equals(b.subarray(0, 8)))
    throw new Error("Invalid account discriminator");
  const side = (at: number, count: number) => {
    const out: OrderState[] = [];
    // On-chain each side is sorted with the best order last; present best first.
    for (let i = count - 1; i >= 0; i--) out.push(decodeOrderAt(b, at + i * ORDER_SIZE));
    return out;
  };
  return {
    market: new PublicKey(b.subarray(8, 40)),
    nextOrderId: b.readBigUInt64LE(40),
    bids: side(BOOK_BIDS_AT, b.readUInt16LE(48)),
    asks: side(BOOK_ASKS_AT, b.readUInt16LE(50)),
  };
}

/** `Order` layout (72 bytes) and where the two sides start in `OrderBook` (after the discriminator). */
const ORDER_SIZE = 72;
const BOOK_BIDS_AT = 8 + 48;
const BOOK_ASKS_AT = 8 + 48 + 512 * ORDER_SIZE;

function decodeOrderAt(b: Buffer, at: number): OrderState {
  return {
    owner: new PublicKey(b.subarray(at, at + 32)),
    orderId: b.readBigUInt64LE(at + 32),
    clientOrderId: b.readBigUInt64LE(at + 40),
    price: b.readBigUInt64LE(at + 48),
    baseLots: b.readBigUInt64LE(at + 56),
    flags: b.readUInt8(at + 64),
    ownerEpoch: b.readUInt32LE(at + 68),
  };
}

/** Live position slots (market assigned) of an account. */
export const livePositions = (a: MarginAccountState) =>
  a.positions.filter((p) => p.marketIndex !== NO_MARKET);

/** Market symbol as text. */
export const marketName = (m: MarketState) => Buffer.from(m.name).toString("utf8").replace(/\0+$/, "");
