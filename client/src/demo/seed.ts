/**
 * Seeds a demo venue over RPC — everything through `PerpExchange` + `RpcChain`, as a user would:
 * the collateral mint, an exchange, price feeds, SOL/BTC/ETH perps with realistic lot, tick and
 * margin parameters, an insurance-fund deposit, a registered backstop, two market makers with
 * resting ladders, a keeper account, and a few leveraged takers with open positions.
 *
 * The building blocks (`initExchange`, `createMarkets`, `openMarginAccount`, `quoteLadder`, …) are
 * exported for tests; `seedDemo` strings them together for `npm start` and writes a manifest
 * (`demo.json`) next to the keys so the dashboard, keeper and CLI can find everything again.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type Connection, type Keypair, LAMPORTS_PER_SOL, type PublicKey } from "@solana/web3.js";
import { RpcChain } from "../chain";
import type { SendResult } from "../send";
import { PerpExchange } from "../exchange";
import type { MarketParamsState } from "../accounts";
import { defaultMarketParams } from "../market-params";
import { OrderType, Side, DepositPolicy } from "../constants";
import { PerpTransactionError } from "../errors";
import { priceFeedPda } from "../pda";
import { createCollateralMint, fundSol, fundTokenAccounts, usdc } from "./mint";
import { KeyStore } from "./keys";

// ------------------------------------------------------------------------------------------------
// Markets

export interface DemoMarketSpec {
  /** Symbol, ≤ 16 ASCII bytes. */
  name: string;
  /** Decimals of the base asset's atom (SOL 9, BTC 8, ETH 18). */
  baseDecimals: number;
  /** Base atoms per lot. */
  baseLotSize: bigint;
  /** Starting oracle price, USD per whole base unit. */
  priceUsd: number;
  /** Price increment, USD per whole base unit. */
  tickUsd: number;
  /** Overrides of the demo's default risk parameters. */
  params?: Partial<MarketParamsState>;
  /** Market-maker ladder: `levels` per side, `stepBps` apart, `lotsPerLevel` each. */
  quote: { levels: number; stepBps: number; lotsPerLevel: bigint };
}

/** Lots in one whole base unit. */
export const lotsPerUnit = (s: DemoMarketSpec) => 10n ** BigInt(s.baseDecimals) / s.baseLotSize;
/** Tick, quote native per lot. */
export const tickNative = (s: DemoMarketSpec) => usdc(s.tickUsd) / lotsPerUnit(s);
/** USD per base unit → quote native per lot, rounded to the tick. */
export function usdToPrice(s: DemoMarketSpec, usd: number): bigint {
  const tick = tickNative(s);
  const raw = usdc(usd) / lotsPerUnit(s);
  return ((raw + tick / 2n) / tick) * tick;
}
/** Quote native per lot → USD per base unit. */
export const priceToUsd = (s: DemoMarketSpec, price: bigint) => Number(price * lotsPerUnit(s)) / 1e6;

/** Demo risk parameters: the SDK defaults with the demo's lot and tick, then each market's overrides. */
export function marketParams(s: DemoMarketSpec): MarketParamsState {
  return defaultMarketParams({
    baseLotSize: s.baseLotSize,
    tickSize: tickNative(s),
    liquidationChunkBps: 5000,
    priceBandBps: 1000,
    // ~60 s of 400 ms slots: the demo's price pusher (or the keeper) refreshes well within it.
    maxStalenessSlots: 150n,
    insuranceCapNative: usdc(100_000),
    ...s.params,
  });
}

export const DEMO_MARKETS: DemoMarketSpec[] = [
  {
    // 1 lot = 0.01 SOL; tick $0.01/SOL; 10× initial, 20× maintenance.
    name: "SOL-PERP",
    baseDecimals: 9,
    baseLotSize: 10_000_000n,
    priceUsd: 150,
    tickUsd: 0.01,
    params: { initialMarginBps: 1000, maintenanceMarginBps: 500, insuranceCapNative: usdc(100_000) },
    quote: { levels: 5, stepBps: 5, lotsPerLevel: 2_000n },
  },
  {
    // 1 lot = 0.0001 BTC; tick $1/BTC; 20× initial, 40× maintenance.
    name: "BTC-PERP",
    baseDecimals: 8,
    baseLotSize: 10_000n,
    priceUsd: 100_000,
    tickUsd: 1,
    params: {
      initialMarginBps: 500,
      maintenanceMarginBps: 250,
      liquidationFeeBps: 100,
      // band + fee < maintenance, order band ≤ initial margin (validate_params)
      liquidationBandBps: 100,
      priceBandBps: 500,
      insuranceCapNative: usdc(150_000),
    },
    quote: { levels: 5, stepBps: 2, lotsPerLevel: 1_000n },
  },
  {
    // 1 lot = 0.001 ETH; tick $0.10/ETH; 12.5× initial, 25× maintenance.
    name: "ETH-PERP",
    baseDecimals: 18,
    baseLotSize: 1_000_000_000_000_000n,
    priceUsd: 3_500,
    tickUsd: 0.1,
    params: {
      initialMarginBps: 800,
      maintenanceMarginBps: 400,
      liquidationBandBps: 200,
      priceBandBps: 800,
      insuranceCapNative: usdc(100_000),
    },
    quote: { levels: 5, stepBps: 4, lotsPerLevel: 4_000n },
  },
];

// ------------------------------------------------------------------------------------------------
// Building blocks

/** Throws a `PerpTransactionError` (program error decoded) unless the transaction succeeded. */
export function expectOk(r: SendResult, what: string): SendResult {
  if (!r.ok) {
    throw new PerpTransactionError(
      `${what} failed: ${r.rawError ?? "unknown error"}\n${r.logs.join("\n")}`,
      r.error,
      r.logs,
    );
  }
  return r;
}

export interface InitExchangeOptions {
  depositPolicy?: DepositPolicy;
  insuranceWithdrawDelaySlots?: bigint;
  /** Price feeds to create in the same transaction: `(feedId, authority, price)`. */
  feeds?: { feedId: number; authority: PublicKey; price: bigint }[];
  /** Insurance-fund deposit from `funderToken` (the admin's token account). */
  insurance?: { funderToken: PublicKey; amount: bigint };
}

/** initialize_exchange (+ price feeds, + insurance deposit) in one transaction, signed by the admin. */
export async function initExchange(
  ex: PerpExchange,
  admin: Keypair,
  mint: PublicKey,
  opts: InitExchangeOptions = {},
): Promise<SendResult> {
  const ixs = [
    ex.initializeExchangeIx(
      admin.publicKey,
      mint,
      opts.depositPolicy ?? DepositPolicy.CreditFirst,
      opts.insuranceWithdrawDelaySlots ?? 216_000n,
    ),
  ];
  for (const f of opts.feeds ?? [])
    ixs.push(ex.createPriceFeedIx(admin.publicKey, f.feedId, f.authority, f.price).ix);
  if (opts.insurance && opts.insurance.amount > 0n)
    ixs.push(ex.depositInsuranceIx(admin.publicKey, opts.insurance.funderToken, opts.insurance.amount));
  const r = expectOk(await ex.chain.send(ixs, [admin]), "initialize_exchange");
  await ex.refresh();
  return r;
}

/**
 * Creates one market per spec, in order, one transaction each, each confirmed before the next
 * (market indices are sequential, so they must land in order; three markets with their order-book
 * accounts do not fit in one 1,232-byte transaction). Feeds must exist: `feedIds[i]` is market i's
 * feed. Returns the last market's result.
 */
export async function createMarkets(
  ex: PerpExchange,
  admin: Keypair,
  specs: DemoMarketSpec[],
  feedIds: number[],
): Promise<SendResult> {
  const state = await ex.refresh();
  let r: SendResult | undefined;
  for (const [i, s] of specs.entries()) {
    const m = ex.createMarketIx(
      admin.publicKey,
      state.marketCount + i,
      priceFeedPda(ex.exchange, feedIds[i], ex.programId),
      s.name,
      marketParams(s),
    );
    r = expectOk(await ex.chain.send(m.ixs, [admin, ...m.signers]), `create_market ${s.name}`);
  }
  await ex.refresh();
  if (!r) throw new Error("createMarkets: no market specs");
  return r;
}

/** create_margin_account + deposit (if any), signed by the owner. */
export async function openMarginAccount(
  ex: PerpExchange,
  owner: Keypair,
  ownerToken: PublicKey,
  deposit: bigint,
  subAccountId = 0,
) {
  const { ix, marginAccount } = ex.createMarginAccountIx(owner.publicKey, subAccountId);
  const ixs = [ix];
  if (deposit > 0n) ixs.push(ex.depositIx(owner.publicKey, marginAccount, ownerToken, deposit));
  const result = expectOk(await ex.chain.send(ixs, [owner]), "create_margin_account");
  return { marginAccount, result };
}

/**
 * A post-only ladder around `mid`: `levels` bids and asks, level k at mid ∓ (k + offsetHalfSteps/2) × step,
 * `lots` each, in one transaction (all in one market, so no other market pairs are needed).
 */
export async function quoteLadder(
  ex: PerpExchange,
  maker: Keypair,
  marginAccount: PublicKey,
  marketIndex: number,
  mid: bigint,
  o: { levels: number; stepBps: number; lots: bigint; offsetHalfSteps?: number },
): Promise<SendResult> {
  const m = ex.market(marketIndex);
  const tick = m.state.params.tickSize;
  const step = (mid * BigInt(o.stepBps)) / 10_000n;
  const ixs = [];
  for (let k = 1; k <= o.levels; k++) {
    const d = (step * BigInt(2 * k + (o.offsetHalfSteps ?? 0))) / 2n;
    const bid = ((mid - d) / tick) * tick;
    const ask = ((mid + d + tick - 1n) / tick) * tick;
    ixs.push(
      await ex.placeOrderIx(maker.publicKey, marginAccount, marketIndex, Side.Bid, bid, o.lots, {
        type: OrderType.PostOnly,
      }),
    );
    ixs.push(
      await ex.placeOrderIx(maker.publicKey, marginAccount, marketIndex, Side.Ask, ask, o.lots, {
        type: OrderType.PostOnly,
      }),
    );
  }
  return expectOk(await ex.chain.send(ixs, [maker]), `quotes on market ${marketIndex}`);
}

/** A taker order that crosses the book up to `bandBps` away from `mid` and drops the rest (IOC). */
export async function marketOrder(
  ex: PerpExchange,
  owner: Keypair,
  marginAccount: PublicKey,
  marketIndex: number,
  side: Side,
  lots: bigint,
  mid: bigint,
  bandBps = 100,
) {
  const tick = ex.market(marketIndex).state.params.tickSize;
  const off = (mid * BigInt(bandBps)) / 10_000n;
  const limit = side === Side.Bid ? ((mid + off) / tick) * tick : ((mid - off + tick - 1n) / tick) * tick;
  const ix = await ex.placeOrderIx(owner.publicKey, marginAccount, marketIndex, side, limit, lots, {
    type: OrderType.ImmediateOrCancel,
  });
  return expectOk(await ex.chain.send([ix], [owner]), `market order on ${marketIndex}`);
}

/** update_price for several feeds in one transaction, signed by their (shared) authority. */
export async function pushPrices(
  ex: PerpExchange,
  authority: Keypair,
  prices: { feed: PublicKey; price: bigint; confidence?: bigint }[],
) {
  const ixs = prices.map((p) => ex.updatePriceIx(authority.publicKey, p.feed, p.price, p.confidence ?? 0n));
  return expectOk(await ex.chain.send(ixs, [authority]), "update_price");
}

// ------------------------------------------------------------------------------------------------
// The demo

export type DemoRole = "maker" | "backstop" | "keeper" | "taker";

export interface DemoTraderSpec {
  name: string;
  role: DemoRole;
  deposit: bigint;
  /** Opening trade for takers: market index, side, lots. */
  trade?: { market: number; side: Side; lots: bigint };
}

export const DEMO_TRADERS: DemoTraderSpec[] = [
  { name: "maker-1", role: "maker", deposit: usdc(1_000_000) },
  { name: "maker-2", role: "maker", deposit: usdc(1_000_000) },
  { name: "backstop", role: "backstop", deposit: usdc(2_000_000) },
  { name: "keeper", role: "keeper", deposit: usdc(1_000) },
  // 50 SOL long (~$7.5k) on $5k: 1.5×.
  { name: "alice", role: "taker", deposit: usdc(5_000), trade: { market: 0, side: Side.Bid, lots: 5_000n } },
  // 0.25 BTC short (~$25k) on $3k: 8.3× (20× max).
  { name: "bob", role: "taker", deposit: usdc(3_000), trade: { market: 1, side: Side.Ask, lots: 2_500n } },
  // 10 ETH long (~$35k) on $4k: 8.75× (12.5× max).
  { name: "carol", role: "taker", deposit: usdc(4_000), trade: { market: 2, side: Side.Bid, lots: 10_000n } },
  // 100 SOL long (~$15k) on $2k: 7.5× (10× max) — first in line when SOL drops.
  { name: "dave", role: "taker", deposit: usdc(2_000), trade: { market: 0, side: Side.Bid, lots: 10_000n } },
];

export interface DemoAccount {
  name: string;
  role: DemoRole | "admin";
  owner: string;
  marginAccount: string | null;
  token: string;
  keyFile: string | null;
}

export interface DemoManifest {
  version: 1;
  rpcUrl: string | null;
  wsUrl: string | null;
  programId: string;
  exchangeId: number;
  exchange: string;
  vault: string;
  insuranceVault: string;
  backstopRegistry: string;
  collateralMint: string;
  collateralDecimals: number;
  admin: string;
  oracleAuthority: string;
  keysDir: string | null;
  markets: {
    index: number;
    name: string;
    market: string;
    oracle: string;
    orderBook: string;
    feedId: number;
    baseLotSize: string;
    baseDecimals: number;
    tickSize: string;
    priceUsd: number;
    price: string;
  }[];
  accounts: DemoAccount[];
  seededAt: string;
  seedMs: number;
}

export interface SeedOptions {
  connection: Connection;
  /** Funded wallet paying SOL to the demo keys. */
  payer: Keypair;
  exchangeId?: number;
  /** Where the demo keys live (default ~/.cache/perp-margin/demo); `KeyStore.ephemeral()` for tests. */
  keys?: KeyStore;
  markets?: DemoMarketSpec[];
  traders?: DemoTraderSpec[];
  /** Insurance fund deposit (default 250 000 USDC). */
  insurance?: bigint;
  /** Skip the takers' opening trades. */
  noTrades?: boolean;
  rpcUrl?: string;
  wsUrl?: string;
  /** Where to write the manifest (default `<keys dir>/demo.json`; null: do not write). */
  manifestPath?: string | null;
  log?: (msg: string) => void;
}

export interface SeededDemo {
  manifest: DemoManifest;
  exchange: PerpExchange;
  chain: RpcChain;
  keys: KeyStore;
  /** Margin account per trader name. */
  accounts: Map<string, { kp: Keypair; marginAccount: PublicKey; token: PublicKey }>;
}

/** Seeds the whole demo; see the file comment. Throws `PerpTransactionError` on a failed step. */
export async function seedDemo(opts: SeedOptions): Promise<SeededDemo> {
  const t0 = Date.now();
  const log = opts.log ?? (() => {});
  const keys = opts.keys ?? new KeyStore();
  const specs = opts.markets ?? DEMO_MARKETS;
  const traders = opts.traders ?? DEMO_TRADERS;
  const connection = opts.connection;
  const chain = new RpcChain(connection);
  const ex = new PerpExchange(chain, opts.exchangeId ?? 0);

  const admin = keys.get("admin");
  const mintAuthority = keys.get("mint-authority");
  const mintKp = keys.get("collateral-mint");
  const oracle = keys.get("oracle");
  const traderKps = traders.map((t) => keys.get(t.name));

  if (await connection.getAccountInfo(ex.exchange, "confirmed")) {
    throw new Error(
      `exchange id ${ex.exchangeId} (${ex.exchange.toBase58()}) already exists on this validator; ` +
        `use another PERP_EXCHANGE_ID or a reset ledger`,
    );
  }

  log("funding demo keys with SOL");
  await fundSol(
    connection,
    opts.payer,
    [admin, mintAuthority, oracle, ...traderKps].map((k) => k.publicKey),
    100 * LAMPORTS_PER_SOL,
  );

  log("collateral mint + token accounts");
  const mint = await createCollateralMint(connection, admin, mintAuthority.publicKey, mintKp);
  const insurance = opts.insurance ?? usdc(250_000);
  const tokens = await fundTokenAccounts(connection, admin, mint, mintAuthority, [
    { owner: admin.publicKey, amount: insurance },
    ...traders.map((t, i) => ({ owner: traderKps[i].publicKey, amount: t.deposit })),
  ]);
  const [adminToken, ...traderTokens] = tokens;

  log(`exchange ${ex.exchangeId}, ${specs.length} price feeds, insurance ${Number(insurance) / 1e6} USDC`);
  const feedIds = specs.map((_, i) => i);
  await initExchange(ex, admin, mint, {
    feeds: specs.map((s, i) => ({
      feedId: feedIds[i],
      authority: oracle.publicKey,
      price: usdToPrice(s, s.priceUsd),
    })),
    insurance: { funderToken: adminToken, amount: insurance },
  });

  log(`markets: ${specs.map((s) => s.name).join(", ")}`);
  await createMarkets(ex, admin, specs, feedIds);

  log(`margin accounts + deposits for ${traders.length} traders`);
  const accounts = new Map<string, { kp: Keypair; marginAccount: PublicKey; token: PublicKey }>();
  const allMask = (1n << BigInt(specs.length)) - 1n;
  await Promise.all(
    traders.map(async (t, i) => {
      const kp = traderKps[i];
      const { marginAccount } = await openMarginAccount(ex, kp, traderTokens[i], t.deposit);
      accounts.set(t.name, { kp, marginAccount, token: traderTokens[i] });
      if (t.role === "backstop") {
        expectOk(
          await chain.send(
            [await ex.registerBackstopIx(kp.publicKey, marginAccount, allMask, (t.deposit * 3n) / 4n)],
            [kp],
          ),
          "register_backstop",
        );
      }
    }),
  );

  const makers = traders.filter((t) => t.role === "maker");
  log(`resting quotes from ${makers.length} makers`);
  await Promise.all(
    makers.map(async (t, mi) => {
      const a = accounts.get(t.name)!;
      // One market after the other: each ladder's pairs must include the markets already quoted.
      for (let i = 0; i < specs.length; i++) {
        const q = specs[i].quote;
        await quoteLadder(ex, a.kp, a.marginAccount, i, usdToPrice(specs[i], specs[i].priceUsd), {
          levels: q.levels,
          stepBps: q.stepBps,
          lots: q.lotsPerLevel,
          offsetHalfSteps: mi,
        });
      }
    }),
  );

  if (!opts.noTrades) {
    const takers = traders.filter((t) => t.role === "taker" && t.trade);
    log(`opening trades for ${takers.map((t) => t.name).join(", ")}`);
    // Same market: one after the other (each reads the book for its makers); markets in parallel.
    const byMarket = new Map<number, DemoTraderSpec[]>();
    for (const t of takers) byMarket.set(t.trade!.market, [...(byMarket.get(t.trade!.market) ?? []), t]);
    await Promise.all(
      [...byMarket].map(async ([mi, ts]) => {
        for (const t of ts) {
          const a = accounts.get(t.name)!;
          await marketOrder(
            ex,
            a.kp,
            a.marginAccount,
            mi,
            t.trade!.side,
            t.trade!.lots,
            usdToPrice(specs[mi], specs[mi].priceUsd),
          );
        }
      }),
    );
  }

  await ex.refresh();
  const manifest: DemoManifest = {
    version: 1,
    rpcUrl: opts.rpcUrl ?? connection.rpcEndpoint,
    // web3.js keeps the websocket endpoint private (no getter, unlike `rpcEndpoint`).
    wsUrl: opts.wsUrl ?? (connection as unknown as { _rpcWsEndpoint?: string })._rpcWsEndpoint ?? null,
    programId: ex.programId.toBase58(),
    exchangeId: ex.exchangeId,
    exchange: ex.exchange.toBase58(),
    vault: ex.vault.toBase58(),
    insuranceVault: ex.insuranceVault.toBase58(),
    backstopRegistry: ex.registry.toBase58(),
    collateralMint: mint.toBase58(),
    collateralDecimals: 6,
    admin: admin.publicKey.toBase58(),
    oracleAuthority: oracle.publicKey.toBase58(),
    keysDir: keys.dir,
    markets: specs.map((s, i) => {
      const m = ex.market(i);
      return {
        index: i,
        name: s.name,
        market: m.market.toBase58(),
        oracle: m.oracle.toBase58(),
        orderBook: m.orderBook.toBase58(),
        feedId: feedIds[i],
        baseLotSize: s.baseLotSize.toString(),
        baseDecimals: s.baseDecimals,
        tickSize: m.state.params.tickSize.toString(),
        priceUsd: s.priceUsd,
        price: usdToPrice(s, s.priceUsd).toString(),
      };
    }),
    accounts: [
      {
        name: "admin",
        role: "admin",
        owner: admin.publicKey.toBase58(),
        marginAccount: null,
        token: adminToken.toBase58(),
        keyFile: keyFile(keys, "admin"),
      },
      ...traders.map((t) => {
        const a = accounts.get(t.name)!;
        return {
          name: t.name,
          role: t.role,
          owner: a.kp.publicKey.toBase58(),
          marginAccount: a.marginAccount.toBase58(),
          token: a.token.toBase58(),
          keyFile: keyFile(keys, t.name),
        };
      }),
    ],
    seededAt: new Date().toISOString(),
    seedMs: Date.now() - t0,
  };
  const manifestPath =
    opts.manifestPath === undefined
      ? keys.dir
        ? path.join(keys.dir, "demo.json")
        : null
      : opts.manifestPath;
  if (manifestPath) {
    fs.mkdirSync(path.dirname(manifestPath), { recursive: true });
    fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    log(`manifest: ${manifestPath}`);
  }
  log(`seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { manifest, exchange: ex, chain, keys, accounts };
}

const keyFile = (keys: KeyStore, name: string) => (keys.dir ? path.join(keys.dir, `${name}.json`) : null);

/** Reads a manifest written by `seedDemo` (default `~/.cache/perp-margin/demo/demo.json`). */
export function loadDemoManifest(file = path.join(new KeyStore().dir!, "demo.json")): DemoManifest {
  return JSON.parse(fs.readFileSync(file, "utf8")) as DemoManifest;
}
