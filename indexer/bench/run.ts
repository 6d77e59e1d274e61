/**
 * Indexer benchmark (`npm run bench -w indexer`, or `npx tsx indexer/bench/run.ts [accounts]`):
 *  1. backfill throughput: N margin accounts (default 100 000, real layouts) + exchange, markets,
 *     feeds, books, vaults, from getProgramAccounts through the whole pipeline into Postgres;
 *  2. dashboard query latency over that mirror (every API query, p50/p95 of repeated runs);
 *  3. replaying a recorded stream (two versions of every account, shuffled) twice: identical tables.
 * Uses its own database `perp_margin_bench` (created if missing, tables truncated). Prints a
 * Markdown report and writes it to indexer/bench/last-run.md.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Client } from "pg";
import { PROGRAM_ID } from "@perp-margin/client";
import { createDb } from "../src/db/client";
import { migrate } from "../src/db/migrate";
import { Indexer } from "../src/ingest/indexer";
import { backfill } from "../src/ingest/backfill";
import { MemorySource } from "../src/source/memory";
import { solvencySummary } from "../src/queries/solvencySummary";
import { topLeverage } from "../src/queries/topLeverage";
import { accountDeficits, depositsAppliedToDebt } from "../src/queries/accountDeficits";
import { openInterest } from "../src/queries/openInterest";
import { liquidationsByStage } from "../src/queries/liquidationsByStage";
import { solvencyHistory } from "../src/queries/solvencyHistory";
import { indexerStatus } from "../src/queries/indexerStatus";
import { accountDetail } from "../src/queries/accountDetail";
import { adlEvents } from "../src/queries/adlEvents";
import { refreshRisk } from "../src/queries/refreshRisk";
import { buildState, rng } from "./synthetic";

const N = Number(process.argv[2] ?? process.env.BENCH_ACCOUNTS ?? 100_000);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/perp_margin_bench";
const out: string[] = [];
const say = (s = "") => {
  console.log(s);
  out.push(s);
};

async function prepare() {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  if ((await admin.query("SELECT 1 FROM pg_database WHERE datname = 'perp_margin_bench'")).rowCount === 0)
    await admin.query("CREATE DATABASE perp_margin_bench");
  await admin.end();
  await migrate(URL);
  await truncate();
}

async function truncate() {
  const c = new Client({ connectionString: URL });
  await c.connect();
  const t = (
    await c.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema='public' AND table_type='BASE TABLE' AND table_name <> '_migrations'`,
    )
  ).rows.map((r) => `"${r.table_name}"`);
  await c.query(`TRUNCATE ${t.join(", ")} RESTART IDENTITY`);
  await c.query(`REFRESH MATERIALIZED VIEW "account_risk"; REFRESH MATERIALIZED VIEW "market_exposure"`);
  await c.end();
}

/** md5 of every mirror table's rows (volatile timestamp columns excluded), in a canonical order. */
async function tableHashes(): Promise<Record<string, string>> {
  const c = new Client({ connectionString: URL });
  await c.connect();
  const volatile = new Set([
    "updated_at",
    "processed_at",
    "audited_at",
    "created_at",
    "detected_at",
    "repaired_at",
    "id",
    "duration_ms",
  ]);
  const skip = new Set([
    "_migrations",
    "solvency_snapshot",
    "reconciliation_run",
    "ingestion_error",
    "seq_gap",
    "checkpoint",
  ]);
  const out: Record<string, string> = {};
  const tables = (
    await c.query(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema='public' AND table_type='BASE TABLE' ORDER BY 1`,
    )
  ).rows.map((r) => r.t as string);
  for (const t of tables) {
    if (skip.has(t)) continue;
    const cols = (
      await c.query(
        `SELECT column_name AS c FROM information_schema.columns WHERE table_schema='public' AND table_name=$1 ORDER BY ordinal_position`,
        [t],
      )
    ).rows
      .map((r) => r.c as string)
      .filter((x) => !volatile.has(x));
    const row = cols.map((x) => `coalesce("${x}"::text,'∅')`).join(` || '|' || `);
    const r = await c.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS h FROM (SELECT ${row} AS r FROM "${t}") x`,
    );
    out[t] = `${r.rows[0].n}:${r.rows[0].h}`;
  }
  await c.end();
  return out;
}

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  say(`# Indexer benchmark — ${new Date().toISOString()}`);
  say();
  say(
    `Machine: ${require("node:os").cpus().length} × ${require("node:os").cpus()[0].model}, Postgres 127.0.0.1:5432 (default config, fsync on), Node ${process.version}.`,
  );
  say();
  await prepare();
  const db = createDb(URL, { applicationName: "perp-indexer-bench", max: 6 });
  const log = () => {};

  // ---------------------------------------------------------------- 1. backfill
  const source = new MemorySource(PROGRAM_ID.toBase58());
  const t0 = Date.now();
  const st = await buildState(source, N, 1_000n);
  const buildMs = Date.now() - t0;
  const total = (await source.programAccounts()).accounts.length + 2;
  const ix = new Indexer(db, source, { log });
  const b0 = Date.now();
  const b = await backfill(ix.ctx);
  const backfillMs = Date.now() - b0;
  const rate = Math.round((b.accounts / backfillMs) * 1000);
  const [{ versions, positions }] = (await db.$queryRawUnsafe(
    `SELECT (SELECT count(*) FROM margin_account_version)::int AS versions, (SELECT count(*) FROM position)::int AS positions`,
  )) as { versions: number; positions: number }[];
  say(`## 1. Backfill (getProgramAccounts → decode → slot-guarded upserts)`);
  say();
  say(`| accounts | rows written (accounts + positions + history) | time | accounts/s | target |`);
  say(`|---|---|---|---|---|`);
  say(
    `| ${b.accounts.toLocaleString("en")} (${N.toLocaleString("en")} margin accounts, ${st.positions.toLocaleString("en")} positions) | ${(b.accounts + positions + versions).toLocaleString("en")} | ${(backfillMs / 1000).toFixed(2)} s | **${rate.toLocaleString("en")}** | ≥ 5,000 ${rate >= 5000 ? "✓" : "✗"} |`,
  );
  say();
  say(
    `(Synthetic state built in ${buildMs} ms, outside the measurement; ${total} accounts served by the source; batch size ${ix.ctx.accounts.batchSize}.)`,
  );
  say();

  // ---------------------------------------------------------------- 2. query latency
  await ix.start(); // checkpoints, finality, ANALYZE after a large backfill, first risk + solvency snapshot
  await ix.stop();
  const r0 = Date.now();
  await refreshRisk(db);
  const refreshMs = Date.now() - r0;
  const d0 = process.hrtime.bigint();
  await db.$queryRawUnsafe(
    `SELECT "exchange", sum(greatest("equity_native", 0))::text, sum("withdrawable_native")::text FROM "account_health" GROUP BY 1`,
  );
  const directMs = Number(process.hrtime.bigint() - d0) / 1e6;
  const ex = st.exchange.toBase58();
  const someAccount = (await db.marginAccount.findFirst({ select: { pubkey: true } }))!.pubkey;
  const queries: [string, () => Promise<unknown>][] = [
    ["solvency headline (`/api/solvency`, all accounts at the oracle)", () => solvencySummary(db, ex)],
    ["most leveraged accounts (`/api/leverage`)", () => topLeverage(db, ex, 25)],
    ["accounts that owe the system (`/api/deficits`)", () => accountDeficits(db, ex, 100)],
    ["deposits applied to debt", () => depositsAppliedToDebt(db, ex, 100)],
    ["open interest per market (`/api/markets`)", () => openInterest(db, ex)],
    ["waterfall by stage (`/api/liquidations`)", () => liquidationsByStage(db, ex)],
    ["ADL events + audit (`/api/adl`)", () => adlEvents(db, ex)],
    ["solvency history (`/api/solvency/history`)", () => solvencyHistory(db, ex, 500)],
    ["indexer status (`/api/status`)", () => indexerStatus(db)],
    ["one account (`/api/accounts/:key`)", () => accountDetail(db, someAccount)],
  ];
  say(`## 2. Dashboard query latency, ${N.toLocaleString("en")} margin accounts`);
  say();
  say(`| query | p50 | p95 | max | target |`);
  say(`|---|---|---|---|---|`);
  let headlineP95 = 0;
  for (const [name, q] of queries) {
    for (let i = 0; i < 3; i++) await q(); // warm
    const xs: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = process.hrtime.bigint();
      await q();
      xs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    if (name.startsWith("solvency headline")) headlineP95 = pct(xs, 95);
    const ok = pct(xs, 95) <= 150;
    say(
      `| ${name} | ${pct(xs, 50).toFixed(1)} ms | ${pct(xs, 95).toFixed(1)} ms | ${Math.max(...xs).toFixed(1)} ms | ≤ 150 ms ${ok ? "✓" : "✗"} |`,
    );
  }
  say();
  say(
    `The equity aggregates read the materialized risk snapshot. Recomputing it (every account and position at the oracle, \`REFRESH … CONCURRENTLY\`, done by the indexer when accounts or prices change) took **${refreshMs} ms**; the same aggregate computed directly from the live views takes ${directMs.toFixed(0)} ms.`,
  );
  say();

  // ---------------------------------------------------------------- 3. replay twice
  say(`## 3. Replaying a recorded stream twice`);
  say();
  const stream = new MemorySource(PROGRAM_ID.toBase58());
  await buildState(stream, N, 2_000n, 42, 0);
  await buildState(stream, N, 2_001n, 42, 1); // a second version of every account, one slot later
  const writes = [...stream.writes];
  const rand = rng(7);
  for (let i = writes.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [writes[i], writes[j]] = [writes[j], writes[i]];
  }
  const replay = async () => {
    const r = new Indexer(db, stream, { log, batchSize: 2_000 });
    const t = Date.now();
    for (const u of writes) {
      r.ctx.accounts.push(u);
      if (r.ctx.accounts.pending >= 2_000) await r.ctx.accounts.flush();
    }
    await r.ctx.accounts.flush();
    return { ms: Date.now() - t, written: r.ctx.accounts.written };
  };
  await truncate();
  const first = await replay();
  const h1 = await tableHashes();
  const second = await replay();
  const h2 = await tableHashes();
  await truncate();
  const third = await replay();
  const h3 = await tableHashes();
  const same12 = JSON.stringify(h1) === JSON.stringify(h2);
  const same13 = JSON.stringify(h1) === JSON.stringify(h3);
  say(
    `${writes.length.toLocaleString("en")} account writes (2 versions of each account, 1 slot apart, shuffled), replayed through the live path (batches of 2,000, slot-guarded).`,
  );
  say();
  say(`| run | time | writes/s | rows that changed | tables identical to run 1 |`);
  say(`|---|---|---|---|---|`);
  say(
    `| 1: empty database | ${(first.ms / 1000).toFixed(2)} s | ${Math.round((writes.length / first.ms) * 1000).toLocaleString("en")} | ${first.written.toLocaleString("en")} | — |`,
  );
  say(
    `| 2: same stream again, same database | ${(second.ms / 1000).toFixed(2)} s | ${Math.round((writes.length / second.ms) * 1000).toLocaleString("en")} | ${second.written.toLocaleString("en")} | ${same12 ? "yes ✓" : "NO ✗"} |`,
  );
  say(
    `| 3: same stream, emptied database | ${(third.ms / 1000).toFixed(2)} s | ${Math.round((writes.length / third.ms) * 1000).toLocaleString("en")} | ${third.written.toLocaleString("en")} | ${same13 ? "yes ✓" : "NO ✗"} |`,
  );
  say();
  say(
    `Table fingerprints (rows:md5): ${Object.entries(h1)
      .filter(([, v]) => !v.startsWith("0:"))
      .map(([k, v]) => `${k} ${v.split(":")[0]}`)
      .join(", ")}.`,
  );
  await db.$disconnect();
  fs.writeFileSync(path.join(__dirname, "last-run.md"), `${out.join("\n")}\n`);
  const pass = rate >= 5_000 && headlineP95 <= 150 && same12 && same13;
  say();
  say(pass ? "All targets met." : "Some targets missed (see ✗).");
  process.exit(pass ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
