/**
 * Raw account bytes → typed rows. Validation happens here, before anything touches the database:
 * owner, discriminator, exact size for the type, and a decode that must not throw. Whatever fails
 * becomes an `IngestionErrorInput` (logged, counted, skipped); it never stops ingestion.
 */
import * as crypto from "node:crypto";
import { PublicKey } from "@solana/web3.js";
import {
  accountKind,
  accountsCoder,
  AccountName,
  BackstopRegistryState,
  decodeBackstopRegistry,
  decodeExchange,
  decodeMarket,
  decodeOrderBook,
  decodePriceFeed,
  ExchangeState,
  MarginAccountState,
  MarketState,
  OrderBookState,
  PriceFeedState,
  TOKEN_PROGRAM_ID,
} from "@perp-margin/client";
import type { AccountUpdate } from "../source/types";
import { decodeMarginAccountFast } from "./fast";

interface Base {
  pubkey: string;
  slot: bigint;
  hash: Buffer;
}

export type AccountRow =
  | (Base & { kind: "Exchange"; state: ExchangeState })
  | (Base & { kind: "Market"; state: MarketState })
  | (Base & { kind: "OrderBook"; state: OrderBookState })
  | (Base & { kind: "MarginAccount"; state: MarginAccountState })
  | (Base & { kind: "PriceFeed"; state: PriceFeedState })
  | (Base & { kind: "BackstopRegistry"; state: BackstopRegistryState })
  | (Base & {
      kind: "TokenVault";
      exchange: string;
      vaultKind: "vault" | "insurance";
      mint: string;
      amount: bigint;
    });

export type RowKind = AccountRow["kind"];

export interface IngestionErrorInput {
  kind: string;
  subject: string;
  slot?: bigint;
  message: string;
  raw?: Buffer;
}

export type Decoded<T> = { ok: true; row: T } | { ok: false; error: IngestionErrorInput };

const SIZES = new Map<AccountName, number>(
  (
    ["Exchange", "Market", "OrderBook", "MarginAccount", "PriceFeed", "BackstopRegistry"] as AccountName[]
  ).map((n) => [n, accountsCoder.size(n)]),
);

const DECODERS: Record<AccountName, (d: Buffer) => unknown> = {
  Exchange: decodeExchange,
  Market: decodeMarket,
  OrderBook: decodeOrderBook,
  // The hot path (100k+ accounts): fixed offsets from the IDL, checked against the SDK decoder in tests.
  MarginAccount: decodeMarginAccountFast,
  PriceFeed: decodePriceFeed,
  BackstopRegistry: decodeBackstopRegistry,
};

export const dataHash = (data: Buffer) => crypto.createHash("sha256").update(data).digest();

const fail = (u: AccountUpdate, message: string): Decoded<never> => ({
  ok: false,
  error: { kind: "account_decode", subject: u.pubkey, slot: u.slot, message, raw: u.data },
});

/** Decodes a program-owned account. */
export function decodeProgramAccount(u: AccountUpdate, programId: string): Decoded<AccountRow> {
  if (u.owner !== programId) return fail(u, `owner ${u.owner} is not the program`);
  const kind = accountKind(u.data);
  if (!kind)
    return fail(u, `unknown discriminator ${u.data.subarray(0, 8).toString("hex")} (${u.data.length} bytes)`);
  const size = SIZES.get(kind)!;
  if (u.data.length !== size) return fail(u, `${kind} must be ${size} bytes, got ${u.data.length}`);
  let state: any;
  try {
    state = DECODERS[kind](u.data);
  } catch (e) {
    return fail(u, `${kind} failed to decode: ${(e as Error).message}`);
  }
  const problem = sanity(kind, state);
  if (problem) return fail(u, `${kind}: ${problem}`);
  return {
    ok: true,
    row: { kind, pubkey: u.pubkey, slot: u.slot, hash: dataHash(u.data), state } as AccountRow,
  };
}

/** Field checks the layout alone cannot give (values the program never writes). */
function sanity(kind: AccountName, s: any): string | undefined {
  if (kind === "MarginAccount") {
    const a = s as MarginAccountState;
    if (a.status > 2) return `status ${a.status} out of range`;
  }
  if (kind === "OrderBook") {
    const b = s as OrderBookState;
    if (b.bids.length > 64 || b.asks.length > 64) return "order count beyond capacity";
  }
  if (kind === "BackstopRegistry" && (s as BackstopRegistryState).count > 16)
    return "registry count beyond capacity";
  return undefined;
}

/** Decodes an SPL token account holding the exchange's collateral. */
export function decodeTokenVault(
  u: AccountUpdate,
  exchange: string,
  vaultKind: "vault" | "insurance",
): Decoded<AccountRow> {
  if (u.owner !== TOKEN_PROGRAM_ID.toBase58())
    return fail(u, `token vault owner ${u.owner} is not the token program`);
  if (u.data.length < 165) return fail(u, `token account must be ≥ 165 bytes, got ${u.data.length}`);
  return {
    ok: true,
    row: {
      kind: "TokenVault",
      pubkey: u.pubkey,
      slot: u.slot,
      hash: dataHash(u.data),
      exchange,
      vaultKind,
      mint: new PublicKey(u.data.subarray(0, 32)).toBase58(),
      amount: u.data.readBigUInt64LE(64),
    },
  };
}
