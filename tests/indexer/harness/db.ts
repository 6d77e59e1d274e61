/**
 * The test database (`perp_margin_test`, or the one `TEST_DATABASE_URL` names — parallel checkouts
 * use their own): migrated once, truncated between tests, dumped for comparisons.
 */
import { Client } from "pg";
import { createDb, type Db } from "../../../indexer/src/db/client";
import { migrate } from "../../../indexer/src/db/migrate";
import type { Untyped } from "../../harness/untyped";

export const TEST_DB_URL =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/perp_margin_test";

let migrated = false;

/** Creates the test database if needed and applies migrations (once per process). */
export async function prepareTestDb(): Promise<void> {
  if (migrated) return;
  const url = new URL(TEST_DB_URL);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`test database name ${name} must be a plain identifier`);
  url.pathname = "/postgres";
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  const r = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (r.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  await migrate(TEST_DB_URL);
  migrated = true;
}

/** Every table the indexer writes (all but `_migrations`). */
export async function tableNames(): Promise<string[]> {
  const c = new Client({ connectionString: TEST_DB_URL });
  await c.connect();
  const r = await c.query<{ t: string }>(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_migrations' ORDER BY 1`,
  );
  await c.end();
  return r.rows.map((x) => x.t);
}

export async function resetDb(): Promise<void> {
  await prepareTestDb();
  const c = new Client({ connectionString: TEST_DB_URL });
  await c.connect();
  const tables = await tableNames();
  await c.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY`);
  // Materialized snapshots are not tables: recompute them (now empty).
  await c.query(`REFRESH MATERIALIZED VIEW "account_risk"; REFRESH MATERIALIZED VIEW "market_exposure"`);
  await c.end();
}

export function testDb(applicationName = "perp-indexer-test"): Db {
  return createDb(TEST_DB_URL, { applicationName });
}

/** Columns that record when something happened, not what: left out of comparisons. */
const VOLATILE = new Set([
  "updated_at",
  "processed_at",
  "audited_at",
  "created_at",
  "detected_at",
  "repaired_at",
  "id",
  "duration_ms",
]);
/** Tables whose rows depend on timing (when a snapshot or reconciliation ran). */
const TIMING = new Set(["solvency_snapshot", "reconciliation_run", "ingestion_error", "seq_gap"]);

/** A canonical text dump of the mirror: every row of every data table, ordered, volatile columns left out. */
export async function dumpMirror(): Promise<Map<string, string[]>> {
  const c = new Client({ connectionString: TEST_DB_URL });
  await c.connect();
  const out = new Map<string, string[]>();
  for (const t of await tableNames()) {
    if (TIMING.has(t)) continue;
    const cols = (
      await c.query<{ c: string }>(
        `SELECT column_name AS c FROM information_schema.columns WHERE table_schema='public' AND table_name=$1 ORDER BY ordinal_position`,
        [t],
      )
    ).rows
      .map((r) => r.c)
      .filter((x) => !VOLATILE.has(x));
    const rows = await c.query<{ r: string }>(
      `SELECT ${cols.map((x) => `coalesce("${x}"::text, '∅')`).join(` || '|' || `)} AS r FROM "${t}" ORDER BY 1`,
    );
    out.set(
      t,
      rows.rows.map((r) => r.r),
    );
  }
  await c.end();
  return out;
}

/** Runs one query on a fresh connection (for assertions). */
export async function sql<T = Untyped>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: TEST_DB_URL });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}
