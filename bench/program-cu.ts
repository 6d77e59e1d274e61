/**
 * Compute units per instruction on the SBF program (LiteSVM), in the worst cases the issues name:
 * the acting account holds 8 positions, a taker fills 8 makers, a liquidation step on an account
 * with 8 positions, ADL against 1..8 counterparties, and a cascade of 200 liquidatable accounts.
 * Writes bench/RESULTS-program.md and prints the table.
 *
 * Run: npm run bench (or npx tsx bench/program-cu.ts)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LiteSvmChain, Venue, type Trader } from "../tests/harness/venue";
import {
  BOOK_CAPACITY,
  type Chain,
  OrderType,
  PerpExchange,
  Side,
  defaultMarketParams,
} from "@perp-margin/client";
import { Keeper } from "@perp-margin/client/src/keeper";

const POST = { type: OrderType.PostOnly };

const P = 1_000_000n;
const rows: { what: string; cu: number; target?: string; note?: string }[] = [];
const record = (what: string, cu: number, target?: string, note?: string) => {
  rows.push({ what, cu, target, note });
  console.log(`${what.padEnd(60)} ${String(cu).padStart(9)}  ${target ?? ""}`);
};
function ok<T extends { ok: boolean; error?: { name: string }; rawError?: string; logs: string[] }>(
  r: T,
  what: string,
): T {
  if (!r.ok) throw new Error(`${what}: ${r.error?.name ?? r.rawError}\n${r.logs.slice(-8).join("\n")}`);
  return r;
}

/** A venue with 8 markets and helpers to give a trader a position in each. */
async function eightMarkets() {
  const v = new Venue();
  v.initExchange({ insurance: 10_000_000_000n });
  for (let i = 0; i < 8; i++) v.createMarket(P, defaultMarketParams());
  const lp = v.createTrader(10_000_000_000_000n);
  return { v, lp };
}

async function withEightPositions(v: Venue, lp: Trader, t: Trader, lotsEach: bigint, long = true) {
  for (let m = 0; m < 8; m++) {
    ok(await v.order(lp, m, long ? Side.Ask : Side.Bid, P, lotsEach), "lp quote");
    ok(await v.order(t, m, long ? Side.Bid : Side.Ask, P, lotsEach), "take");
  }
}

async function main() {
  // ---- collateral and orders with 8 positions
  {
    const { v, lp } = await eightMarkets();
    const t = v.createTrader(100_000_000_000n);
    await withEightPositions(v, lp, t, 100n);
    v.mintTo(t.token, 1_000_000n);
    record("deposit (account with 8 positions)", ok(v.deposit(t, 1_000_000n), "deposit").cu, "≤ 30,000");
    record(
      "withdraw (8 positions: health over 8 markets)",
      ok(await v.withdraw(t, 1_000_000n), "withdraw").cu,
      "≤ 30,000",
    );
    record(
      "place_order, resting (8 positions)",
      ok(await v.order(t, 0, Side.Bid, P - 100n, 1n), "rest").cu,
      "≤ 30,000",
    );
    record(
      "cancel_order",
      ok(v.send([v.cancelIx(t, 0, v.bookState(0).bids[0].orderId)], [t.kp]), "cancel").cu,
    );
    // taker crossing 8 makers
    const makers: Trader[] = [];
    for (let i = 0; i < 8; i++) {
      const mk = v.createTrader(100_000_000_000n);
      await withEightPositions(v, lp, mk, 10n, i % 2 === 0);
      ok(await v.order(mk, 0, Side.Ask, P + BigInt(i + 1), 2n), "maker quote");
      makers.push(mk);
    }
    const r = ok(await v.order(t, 0, Side.Bid, P + 8n, 16n), "taker x8");
    const fills = r.events.filter((e) => e.name === "Fill").length;
    record(
      `place_order, taker filling ${fills} makers (taker and makers hold 8 positions)`,
      r.cu,
      "≤ 150,000",
    );
    record(
      "crank of 8 fills",
      0,
      "≤ 100,000",
      "no crank: fills settle both sides inside the taker's transaction (direct maker settlement)",
    );
    v.warp(10);
    v.setPrice(0, P);
    record("update_funding", ok(v.send([v.client.updateFundingIx(0)], [v.admin]), "funding").cu);
  }

  // ---- liquidation step, bankruptcy, ADL
  {
    const { v, lp } = await eightMarkets();
    const keeper = v.createKeeper();
    const victim = v.createTrader(1_000_000_000n); // 1 000 USDC, 8 × 1 200 lots ≈ 9.6× leverage
    await withEightPositions(v, lp, victim, 1_200n);
    const bidder = v.createTrader(1_000_000_000_000n);
    for (let i = 0; i < 8; i++)
      ok(await v.order(bidder, 0, Side.Bid, (P * 94n) / 100n - BigInt(i), 100n), "bid");
    for (let m = 0; m < 8; m++) v.setPrice(m, (P * 94n) / 100n);
    const liq = ok(
      v.send(
        [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, victim.account, 0)],
        [keeper.kp],
      ),
      "liquidate",
    );
    const fills = liq.events.filter((e) => e.name === "Fill").length;
    record(`liquidate: book step on an account with 8 positions (${fills} maker fills)`, liq.cu, "≤ 250,000");
  }
  {
    // resolve_bankruptcy: a position-free account with a deficit
    const v = new Venue();
    v.initExchange({ insurance: 10_000_000_000n });
    v.createMarket(P, defaultMarketParams({ liquidationBandBps: 300 }));
    const lp = v.createTrader(10_000_000_000_000n);
    const backstop = v.createTrader(100_000_000_000n);
    ok(
      v.send(
        [await v.client.registerBackstopIx(backstop.kp.publicKey, backstop.account, 1n, 50_000_000_000n)],
        [backstop.kp],
      ),
      "register",
    );
    const keeper = v.createKeeper();
    const victim = v.createTrader(100_000_000n);
    ok(await v.order(lp, 0, Side.Ask, P, 900n), "ask");
    ok(await v.order(victim, 0, Side.Bid, P, 900n), "buy");
    v.setPrice(0, (P * 85n) / 100n);
    ok(
      v.send(
        [await v.client.backstopLiquidateIx(keeper.kp.publicKey, backstop.account, victim.account, 0)],
        [keeper.kp],
      ),
      "backstop",
    );
    const res = ok(
      v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, victim.account)], [keeper.kp]),
      "resolve",
    );
    record("resolve_bankruptcy (insurance pays the deficit)", res.cu, "≤ 60,000");
  }
  // ADL against n counterparties
  let maxFit = 0;
  for (const n of [1, 2, 4, 8]) {
    const v = new Venue();
    v.initExchange();
    for (let i = 0; i < 8; i++) v.createMarket(P, defaultMarketParams({ liquidationBandBps: 300 }));
    const lp = v.createTrader(10_000_000_000_000n);
    const keeper = v.createKeeper();
    const victim = v.createTrader(1_000_000_000n);
    const shorts: Trader[] = [];
    for (let i = 0; i < n; i++) {
      const s = v.createTrader(BigInt(2_000 + 500 * i) * 1_000_000n);
      await withEightPositions(v, lp, s, 10n, false); // each counterparty holds 8 positions (short)
      ok(await v.order(s, 0, Side.Ask, P, BigInt(Math.floor(8_000 / n))), "short quote");
      shorts.push(s);
    }
    ok(await v.order(victim, 0, Side.Bid, P, BigInt(Math.floor(8_000 / n) * n)), "victim buys");
    v.setPrice(0, (P * 85n) / 100n);
    for (let m = 1; m < 8; m++) v.setPrice(m, P);
    // rank by the program's own score: try descending equity-weighted order, fall back by sorting on the event
    const { math } = require("@perp-margin/client");
    void math;
    let r = v.send(
      [
        await v.client.autoDeleverageIx(
          keeper.kp.publicKey,
          victim.account,
          0,
          shorts.map((s) => s.account),
        ),
      ],
      [keeper.kp],
    );
    if (!r.ok && r.error?.name === "AdlNotSorted") {
      // order by score (PnL% equal for all; effective leverage decides): fewer collateral = higher rank
      r = v.send(
        [
          await v.client.autoDeleverageIx(
            keeper.kp.publicKey,
            victim.account,
            0,
            [...shorts].reverse().map((s) => s.account),
          ),
        ],
        [keeper.kp],
      );
    }
    ok(r, `adl x${n}`);
    record(
      `auto_deleverage against ${n} counterparties (each with 8 positions)`,
      r.cu,
      n === 8 ? "≤ 1,400,000" : undefined,
    );
    if (r.cu <= 1_400_000) maxFit = n;
  }
  record(
    "ADL counterparties per transaction (program cap; all fit)",
    maxFit,
    undefined,
    "capped at 8 by `MAX_ADL_FILLS`; see CU above",
  );

  // ---- book depth: insert, cancel, eviction and a taker at 64 and 512 orders per side
  for (const depth of [64, BOOK_CAPACITY]) {
    const v = new Venue();
    v.initExchange({ insurance: 10_000_000_000n });
    v.createMarket(P, defaultMarketParams({ makerFeeBps: 0, takerFeeBps: 0 }));
    const makers: Trader[] = [];
    for (let i = 0; i < BOOK_CAPACITY / 64; i++) makers.push(v.createTrader(1_000_000_000_000n));
    // `depth` asks at distinct prices above the oracle, the best last on-chain.
    for (let i = 0; i < depth - 1; i++)
      ok(await v.order(makers[i % makers.length], 0, Side.Ask, P + 10n + BigInt(i), 1n, POST), "ask");
    const t = v.createTrader(1_000_000_000_000n);
    const full = depth === BOOK_CAPACITY;
    const worst = ok(await v.order(t, 0, Side.Ask, P + 10n + BigInt(depth), 1n, POST), "worst");
    record(
      `place_order resting at the back of a ${depth}-order side`,
      worst.cu,
      full ? "≤ 15,000" : undefined,
    );
    const best = ok(await v.order(t, 0, Side.Ask, P + 5n, 1n, POST), "best");
    record(
      `place_order resting at the front of a ${depth}-order side (shifts the whole side)`,
      best.cu,
      full ? "≤ 15,000" : undefined,
    );
    if (full) {
      const ev = ok(await v.order(t, 0, Side.Ask, P + 4n, 1n, POST), "evict");
      record(`place_order into a full ${depth}-order side, evicting the worst`, ev.cu, "≤ 15,000");
    }
    const asks = v.bookState(0).asks;
    const front = asks[0];
    const owner = [t, ...makers].find((m) => m.account.equals(front.owner))!;
    record(
      `cancel_order at the front of a ${depth}-order side`,
      ok(v.send([v.cancelIx(owner, 0, front.orderId)], [owner.kp]), "cancel").cu,
    );
    const taker = v.createTrader(1_000_000_000_000n);
    const r = ok(
      await v.order(taker, 0, Side.Bid, P + 10n + 7n, 8n, { type: OrderType.ImmediateOrCancel }),
      "taker",
    );
    record(
      `place_order, taker filling ${r.events.filter((e) => e.name === "Fill").length} orders of 8 makers (${depth}-order side)`,
      r.cu,
      "≤ 30,000",
    );
  }

  // ---- a taker crossing many makers (1 position each): the account lock limit binds, not CU
  for (const n of [8, 16, 32, 48]) {
    const v = new Venue();
    v.initExchange({ insurance: 10_000_000_000n });
    v.createMarket(P, defaultMarketParams({ makerFeeBps: 0, takerFeeBps: 0 }));
    const makers: Trader[] = [];
    for (let i = 0; i < n; i++) {
      const mk = v.createTrader(10_000_000_000n);
      ok(await v.order(mk, 0, Side.Ask, P + BigInt(i + 1), 1n, POST), "quote");
      makers.push(mk);
    }
    const taker = v.createTrader(1_000_000_000_000n);
    const ix = await v.orderIx(taker, 0, Side.Bid, P + BigInt(n), BigInt(n), {
      type: OrderType.ImmediateOrCancel,
    });
    let r: ReturnType<Venue["send"]> | undefined;
    let why = "";
    try {
      r = v.send([ix], [taker.kp]);
    } catch (e) {
      why = `not sendable as a legacy transaction (${(e as Error).message}): needs v0 + a lookup table`;
    }
    record(
      `place_order, taker crossing ${n} makers (1 position each)`,
      r?.ok ? r.cu : 0,
      undefined,
      r?.ok
        ? `${r.events.filter((e) => e.name === "Fill").length} fills`
        : why || `refused: ${r?.error?.name ?? r?.rawError}`,
    );
  }

  // ---- a liquidation crossing 100 one-lot orders inside the band (from 4 makers)
  {
    const v = new Venue();
    v.initExchange({ insurance: 1_000_000_000n });
    v.createMarket(P, defaultMarketParams({ makerFeeBps: 0, takerFeeBps: 0 }));
    const long = v.createTrader(100_000_000n);
    const short = v.createTrader(10_000_000_000n);
    ok(await v.order(short, 0, Side.Ask, P, 900n), "ask");
    ok(await v.order(long, 0, Side.Bid, P, 900n), "bid");
    v.setPrice(0, (P * 93n) / 100n);
    const dust = [0, 1, 2, 3].map(() => v.createTrader(1_000_000_000n));
    for (let i = 0; i < 100; i++)
      ok(await v.order(dust[i % 4], 0, Side.Bid, (P * 929n) / 1000n - BigInt(i), 1n, POST), "dust");
    const keeper = v.createKeeper();
    const r = ok(
      v.send([await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, long.account, 0)], [keeper.kp]),
      "liquidate",
    );
    const fills = r.events.filter((e) => e.name === "Fill").length;
    const cpis = r.logs.filter((l) => l.includes("invoke [2]")).length;
    record(
      `liquidate crossing 100 dust orders (${fills} fills, ${cpis} inner CPIs)`,
      r.cu,
      "≥ 100 fills",
      "events batched: one CPI per ~10 KiB",
    );
  }

  // ---- cascade of 200 liquidatable accounts
  {
    const v = new Venue();
    v.initExchange({ insurance: 100_000_000_000n });
    v.createMarket(P, defaultMarketParams({ liquidationChunkBps: 10_000 }));
    const lp = v.createTrader(100_000_000_000_000n);
    const keeper = v.createKeeper();
    const victims: Trader[] = [];
    for (let i = 0; i < 200; i++) {
      const t = v.createTrader(100_000_000n);
      ok(await v.order(lp, 0, Side.Ask, P, 800n), "ask");
      ok(await v.order(t, 0, Side.Bid, P, 800n), "buy");
      victims.push(t);
    }
    // deep bids for the liquidations
    const bidders = [0, 1, 2, 3].map(() => v.createTrader(100_000_000_000_000n));
    for (let i = 0; i < 40; i++)
      ok(await v.order(bidders[i % 4], 0, Side.Bid, (P * 95n) / 100n - BigInt(i), 10_000n), "bid");
    v.setPrice(0, (P * 91n) / 100n);
    let txs = 0;
    let firstRefusal = "";
    let cu = 0;
    for (const t of victims) {
      for (let step = 0; step < 10; step++) {
        const r = v.send(
          [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, t.account, 0)],
          [keeper.kp],
        );
        if (!r.ok) {
          if (step === 0 && !firstRefusal) firstRefusal = r.error?.name ?? r.rawError ?? "?";
          break;
        }
        txs++;
        cu += r.cu;
      }
    }
    if (txs < 200)
      throw new Error(`cascade liquidated too little (${txs} steps); first refusal ${firstRefusal}`);
    const left = victims.filter((t) => v.account(t).status !== 0).length;
    record(
      `cascade: 200 liquidatable accounts — ${txs} transactions (one per account), total CU`,
      cu,
      undefined,
      `${Math.round(cu / txs).toLocaleString("en-US")} CU per step; ${left} accounts left in liquidation`,
    );
  }

  // ---- the keeper through a cascade: what it reads between steps
  const reads: string[] = [];
  for (const rescan of [true, false]) {
    const v = new Venue();
    v.initExchange({ insurance: 100_000_000_000n });
    v.createMarket(P, defaultMarketParams({ liquidationChunkBps: 10_000 }));
    const lp = v.createTrader(100_000_000_000_000n);
    const keeperT = v.createKeeper();
    for (let i = 0; i < 100; i++) {
      const t = v.createTrader(100_000_000n);
      ok(await v.order(lp, 0, Side.Ask, P, 800n), "ask");
      ok(await v.order(t, 0, Side.Bid, P, 800n), "buy");
    }
    const bidders = [0, 1, 2, 3].map(() => v.createTrader(100_000_000_000_000n));
    for (let i = 0; i < 40; i++)
      ok(await v.order(bidders[i % 4], 0, Side.Bid, (P * 95n) / 100n - BigInt(i), 10_000n), "bid");
    v.setPrice(0, (P * 91n) / 100n);
    const inner = new LiteSvmChain(v);
    const n = { scans: 0, scanned: 0, gets: 0, fetched: 0 };
    const counting: Chain = {
      getAccounts: async (keys) => {
        n.gets++;
        n.fetched += keys.length;
        return inner.getAccounts(keys);
      },
      getProgramAccountsOf: async (name) => {
        const r = await inner.getProgramAccountsOf(name);
        n.scans++;
        n.scanned += r.length;
        return r;
      },
      send: (ixs, signers, cu) => inner.send(ixs, signers, cu),
      slot: () => inner.slot(),
    };
    const ex = new PerpExchange(counting, v.exchangeId);
    for (const [k, m] of v.client.markets) ex.markets.set(k, m);
    const bot = new Keeper(ex, keeperT.kp, keeperT.account, { rescanEveryStep: rescan });
    await bot.runUntilQuiet();
    const left = (await ex.allMarginAccounts()).filter((a) => a.state.status !== 0).length;
    reads.push(
      `| ${rescan ? "before: every account re-read before each step" : "after: the accounts each step wrote"} | ${bot.report.transactions} | ${n.scans} | ${n.scanned.toLocaleString("en-US")} | ${n.gets} | ${n.fetched.toLocaleString("en-US")} | ${left} |`,
    );
  }

  const out = [
    "# Program compute units (measured)",
    "",
    `Measured by \`npm run bench\` (bench/program-cu.ts) on LiteSVM ${require("../tests/package.json").dependencies.litesvm}, SBF program built by scripts/build-program.sh, ${new Date().toISOString().slice(0, 10)}.`,
    "",
    "| instruction / case | CU | target |  note |",
    "|---|---:|---|---|",
    ...rows.map(
      (r) => `| ${r.what} | ${r.cu.toLocaleString("en-US")} | ${r.target ?? ""} | ${r.note ?? ""} |`,
    ),
    "",
    ...throughputModel(),
    "",
    "## Keeper reads through a cascade (100 liquidatable accounts, LiteSVM)",
    "",
    "What the keeper reads between its steps (`Keeper.runUntilQuiet`, one market, 100 accounts",
    "liquidated on the book). `getProgramAccounts` returns every margin account of the exchange; the",
    "incremental snapshot re-reads markets, books and the registry, and only the accounts the last",
    "transaction wrote. Transactions are still sent one at a time (pipelined sends: not built).",
    "",
    "| keeper snapshot | transactions | getProgramAccounts calls | accounts scanned | getMultipleAccounts calls | accounts fetched | accounts left in liquidation |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...reads,
    "",
  ].join("\n");
  fs.writeFileSync(path.join(__dirname, "RESULTS-program.md"), out);
  console.log(`\nwritten bench/RESULTS-program.md`);
}

/**
 * Fills and liquidation steps per block for K busy markets, from the measured CU and agave's cost
 * tracker: a block holds 60M CU, one writable account at most 12M CU. Today every value-moving
 * instruction writes the `Exchange`, so all markets share that one account's 12M CU.
 */
function throughputModel(): string[] {
  const BLOCK = 60_000_000;
  const PER_ACCOUNT = 12_000_000;
  const cuOf = (prefix: string) => rows.find((r) => r.what.startsWith(prefix))?.cu ?? 0;
  const taker = cuOf("place_order, taker filling");
  const liq = cuOf("liquidate: book step");
  const lines = [
    "## Throughput model (per block)",
    "",
    "Block limit 60M CU, 12M CU per writable account. Every instruction of every market writes the",
    "`Exchange` today (totals and the event sequence), so K busy markets share one 12M CU budget:",
    "market-local write locks (issue 14, item 1) are not built yet, and this table is what they",
    "would lift (each market then has its own 12M, up to the block limit).",
    "",
    "| busy markets | takers × 8 makers per block | fills per block | liquidation steps per block | with per-market locks: fills per block |",
    "|---:|---:|---:|---:|---:|",
  ];
  for (const k of [1, 3, 10]) {
    const shared = Math.floor(Math.min(BLOCK, PER_ACCOUNT) / Math.max(taker, 1));
    const local = Math.floor(Math.min(BLOCK, PER_ACCOUNT * k) / Math.max(taker, 1));
    const steps = Math.floor(PER_ACCOUNT / Math.max(liq, 1));
    lines.push(`| ${k} | ${shared} | ${shared * 8} | ${steps} | ${local * 8} |`);
  }
  return lines;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
