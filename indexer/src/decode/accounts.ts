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
  type AccountName,
  type BackstopRegistryState,
  decodeBackstopRegistry,
  decodeExchange,
  decodeMarket,
  decodeOrderBook,
  decodePriceFeed,
  type ExchangeState,
  type MarginAccountState,
  type MarketState,
  type OrderBookState,
  type PriceFeedState,
  TOKEN_PROGRAM_ID,
} from "@perp-margin/client";
import type { AccountUpdate } from "../source/types";
import { decodeMarginAccountFast } from "./fast";

interface Base {
  pubkey: string;
  slot: bigint;
  hash: Buffer;
}

/** A program account's decoded state, tagged with its kind. */
type ProgramState =
  | { kind: "Exchange"; state: ExchangeState }
  | { kind: "Market"; state: MarketState }
  | { kind: "OrderBook"; state: OrderBookState }
  | { kind: "MarginAccount"; state: MarginAccountState }
  | { kind: "PriceFeed"; state: PriceFeedState }
  | { kind: "BackstopRegistry"; state: BackstopRegistryState };

export type AccountRow =
  | (Base & ProgramState)
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

function decodeState(kind: AccountName, data: Buffer): ProgramState {
  switch (kind) {
    case "Exchange":
      return { kind, state: decodeExchange(data) };
    case "Market":
      return { kind, state: decodeMarket(data) };
    case "OrderBook":
      return { kind, state: decodeOrderBook(data) };
    case "MarginAccount":
      // The hot path (100k+ accounts): fixed offsets from the IDL, checked against the SDK decoder in tests.
      return { kind, state: decodeMarginAccountFast(data) };
    case "PriceFeed":
      return { kind, state: decodePriceFeed(data) };
    case "BackstopRegistry":
      return { kind, state: decodeBackstopRegistry(data) };
  }
}

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
  let decoded: ProgramState;
  try {
    decoded = decodeState(kind, u.data);
  } catch (e) {
    return fail(u, `${kind} failed to decode: ${(e as Error).message}`);
  }
  const problem = sanity(decoded);
  if (problem) return fail(u, `${kind}: ${problem}`);
  return { ok: true, row: { ...decoded, pubkey: u.pubkey, slot: u.slot, hash: dataHash(u.data) } };
}

/** Field checks the layout alone cannot give (values the program never writes). */
function sanity(d: ProgramState): string | undefined {
  if (d.kind === "MarginAccount" && d.state.status > 2) return `status ${d.state.status} out of range`;
  if (d.kind === "OrderBook" && (d.state.bids.length > 64 || d.state.asks.length > 64))
    return "order count beyond capacity";
  if (d.kind === "BackstopRegistry" && d.state.count > 16) return "registry count beyond capacity";
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
