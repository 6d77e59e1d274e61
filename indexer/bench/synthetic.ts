/**
 * A synthetic but byte-exact program state for benchmarks: real account layouts encoded with the
 * program's IDL (Anchor coder), one exchange, three markets with price feeds and books, N margin
 * accounts with 1–3 positions each, zero-sum per market, and the two token vaults.
 */
import { BN } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";
import {
  type AccountName,
  IDL,
  accountDiscriminator,
  accountLayout,
  accountsCoder,
  defaultMarketParams,
  backstopRegistryPda,
  exchangePda,
  insuranceVaultPda,
  marginAccountPda,
  marketPda,
  priceFeedPda,
  PROGRAM_ID,
  TOKEN_PROGRAM_ID,
  vaultPda,
} from "@perp-margin/client";
import type { MemorySource } from "../src/source/memory";

/** A deterministic address for a market's synthetic order book (real books are admin-created accounts). */
const bookOf = (market: PublicKey) =>
  PublicKey.findProgramAddressSync([Buffer.from("book"), market.toBuffer()], PROGRAM_ID)[0];

const bn = (v: bigint | number) => new BN(v.toString());
const NO_MARKET = 0xffff;

/** Deterministic PRNG (mulberry32) so two runs build the same state. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The SDK's default market parameters as the coder takes them (snake_case fields, `BN` for 64-bit). */
function params() {
  const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return Object.fromEntries(
    Object.entries(defaultMarketParams()).map(([k, v]) => [snake(k), typeof v === "bigint" ? bn(v) : v]),
  );
}

function tokenAccount(mint: PublicKey, owner: PublicKey, amount: bigint): Buffer {
  const b = Buffer.alloc(165);
  mint.toBuffer().copy(b, 0);
  owner.toBuffer().copy(b, 32);
  b.writeBigUInt64LE(amount, 64);
  b[108] = 1; // initialized
  return b;
}

export interface SyntheticState {
  exchange: PublicKey;
  accounts: number;
  positions: number;
}

/** An IDL type expression, as the committed IDL uses them. */
type IdlTypeExpr = string | { array: readonly [IdlTypeExpr, number] } | { defined: { name: string } };
const IDL_TYPES: readonly {
  name: string;
  type: { fields: readonly { name: string; type: IdlTypeExpr }[] };
}[] = IDL.types;

/** Encodes with the IDL, filling any field the object leaves out with zeros of the right shape. */
function encode(name: AccountName, fields: Record<string, unknown>): Buffer {
  const typeDef = (n: string) => {
    const t = IDL_TYPES.find((x) => x.name === n);
    if (!t) throw new Error(`no IDL type ${n}`);
    return t;
  };
  const fill = (type: IdlTypeExpr): unknown => {
    if (typeof type === "string")
      return ["u8", "u16", "u32", "i8", "i16", "i32"].includes(type)
        ? 0
        : type === "pubkey"
          ? PublicKey.default
          : bn(0);
    if ("array" in type) return Array.from({ length: type.array[1] }, () => fill(type.array[0]));
    return Object.fromEntries(typeDef(type.defined.name).type.fields.map((f) => [f.name, fill(f.type)]));
  };
  const full: Record<string, unknown> = {};
  for (const f of typeDef(name).type.fields) full[f.name] = f.name in fields ? fields[f.name] : fill(f.type);
  // The coder's `encode` is async; its layout is not: same bytes, synchronously.
  const buf = Buffer.alloc(accountsCoder.size(name) + 64);
  const len = accountLayout(name).encode(full, buf);
  return Buffer.concat([accountDiscriminator(name), buf.subarray(0, len)]);
}

/** Writes the whole state into `source` at `slot`. `version` changes cash so replays can stack versions. */
export function buildState(
  source: MemorySource,
  n: number,
  slot: bigint,
  seed = 42,
  version = 0,
): SyntheticState {
  const rand = rng(seed);
  const program = PROGRAM_ID.toBase58();
  const exchange = exchangePda(0);
  const mint = new PublicKey(Buffer.alloc(32, 7));
  const prices = [100_000n, 2_500_000n, 30_000n];
  let totalCash = 0n;
  let positions = 0;
  const admin = new PublicKey(Buffer.alloc(32, 1));
  const owners: PublicKey[] = [];
  const r2 = rng(seed + 1);
  for (let i = 0; i < n; i++)
    owners.push(new PublicKey(Buffer.from(Array.from({ length: 32 }, () => Math.floor(r2() * 256)))));
  for (let i = 0; i < n; i++) {
    const owner = owners[i];
    const key = marginAccountPdaFast(exchange, owner, i);
    const pos = [];
    const count = 1 + (i % 3);
    let cash = BigInt(1_000_000 + Math.floor(rand() * 1_000_000_000)) + BigInt(version);
    for (let m = 0; m < 3; m++) {
      if (m < count) {
        const lots = BigInt(1 + Math.floor(rand() * 500));
        const base = (i % 2 === 0 ? 1n : -1n) * lots; // pairs (2k, 2k+1) offset each other when counts match
        const entry = lots * prices[m];
        cash -= base * prices[m];
        pos.push({
          market_index: m,
          _pad0: [0, 0],
          open_orders: 0,
          base_lots: bn(base),
          entry_notional_native: bn(entry),
          funding_snapshot: bn(0),
          social_loss_snapshot: bn(0),
          bids_lots: bn(0),
          asks_lots: bn(0),
          realized_pnl_native: bn(0),
          funding_paid_native: bn(0),
        });
        positions++;
      } else pos.push(null);
    }
    const slots = pos.map(
      (p) =>
        p ?? {
          market_index: NO_MARKET,
          _pad0: [0, 0],
          open_orders: 0,
          base_lots: bn(0),
          entry_notional_native: bn(0),
          funding_snapshot: bn(0),
          social_loss_snapshot: bn(0),
          bids_lots: bn(0),
          asks_lots: bn(0),
          realized_pnl_native: bn(0),
          funding_paid_native: bn(0),
        },
    );
    while (slots.length < 8)
      slots.push({
        ...slots[slots.length - 1],
        market_index: NO_MARKET,
        base_lots: bn(0),
        entry_notional_native: bn(0),
      });
    totalCash += cash;
    source.writeAccount(
      key.toBase58(),
      program,
      encode("MarginAccount", {
        exchange,
        owner,
        cash_native: bn(cash),
        deficit_native: bn(0),
        sub_account_id: 0,
        bump: 255,
        status: 0,
        deficit_market_index: NO_MARKET,
        positions: slots,
      }),
      slot,
    );
  }
  for (let m = 0; m < 3; m++) {
    const market = marketPda(exchange, m);
    const feed = priceFeedPda(exchange, m);
    source.writeAccount(
      feed.toBase58(),
      program,
      encode("PriceFeed", {
        exchange,
        authority: admin,
        price: bn(prices[m]),
        publish_slot: bn(slot),
        feed_id: m,
        update_count: bn(1),
      }),
      slot,
    );
    source.writeAccount(
      market.toBase58(),
      program,
      encode("Market", {
        exchange,
        oracle: feed,
        order_book: bookOf(market),
        name: Array.from(
          Buffer.concat([Buffer.from(`${["SOL", "ETH", "BTC"][m]}-PERP`), Buffer.alloc(16)]).subarray(0, 16),
        ),
        market_index: m,
        params: params(),
      }),
      slot,
    );
    source.writeAccount(bookOf(market).toBase58(), program, encode("OrderBook", { market }), slot);
  }
  const vault = vaultPda(exchange);
  const insurance = insuranceVaultPda(exchange);
  source.writeAccount(
    backstopRegistryPda(exchange).toBase58(),
    program,
    encode("BackstopRegistry", { exchange }),
    slot,
  );
  source.writeAccount(
    exchange.toBase58(),
    program,
    encode("Exchange", {
      admin,
      collateral_mint: mint,
      vault,
      insurance_vault: insurance,
      exchange_id: 0,
      market_count: 3,
      collateral_decimals: 6,
      total_cash_native: bn(totalCash),
      insurance_native: bn(1_000_000_000),
      margin_account_count: bn(n),
    }),
    slot,
  );
  const vaultAmount = totalCash > 0n ? totalCash : 0n;
  source.writeAccount(
    vault.toBase58(),
    TOKEN_PROGRAM_ID.toBase58(),
    tokenAccount(mint, exchange, vaultAmount),
    slot,
  );
  source.writeAccount(
    insurance.toBase58(),
    TOKEN_PROGRAM_ID.toBase58(),
    tokenAccount(mint, exchange, 1_000_000_000n),
    slot,
  );
  return { exchange, accounts: n, positions };
}

/** Margin-account addresses for the bench: PDA derivation of 100k keys is slow, and only uniqueness matters here. */
function marginAccountPdaFast(exchange: PublicKey, owner: PublicKey, i: number): PublicKey {
  if (i < 16) return marginAccountPda(exchange, owner, 0);
  return owner;
}
