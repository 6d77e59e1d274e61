/**
 * Applies the SQL migrations committed under `prisma/migrations/<timestamp>_<name>/migration.sql`
 * (generated offline by `prisma migrate diff`, or hand-written for views) and records each one in
 * `_migrations` (name, sha-256 checksum, applied_at, duration). Prisma's own `migrate deploy`
 * needs a native engine that cannot be installed here.
 *
 * Rules: migrations run in name order, each inside its own transaction (a failure leaves nothing
 * half-applied); a session advisory lock serialises concurrent runners; a migration that was
 * edited after it was applied, or an applied migration missing from disk, is refused — fix
 * forward with a new migration instead.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { Client } from "pg";

export const MIGRATIONS_DIR = path.resolve(__dirname, "../../prisma/migrations");
/** Arbitrary constant for pg_advisory_lock: "perp-margin migrations". */
const LOCK_KEY = 727_001;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

/** Migrations on disk, in order. */
export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(d.name))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Applies pending migrations to the database at `url`. `schema` selects a Postgres schema (tests). */
export async function migrate(
  url: string,
  opts: { dir?: string; schema?: string; log?: (s: string) => void } = {},
): Promise<MigrationReport> {
  const log = opts.log ?? (() => {});
  const files = readMigrations(opts.dir);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    if (opts.schema) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(opts.schema)}`);
      await client.query(`SET search_path TO ${quoteIdent(opts.schema)}`);
    }
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_migrations" (
      "name" TEXT PRIMARY KEY,
      "checksum" CHAR(64) NOT NULL,
      "applied_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "duration_ms" INTEGER NOT NULL)`);
    const done = new Map<string, string>(
      (
        await client.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "_migrations"`)
      ).rows.map((r) => [r.name, r.checksum]),
    );
    const onDisk = new Set(files.map((f) => f.name));
    for (const name of done.keys()) {
      if (!onDisk.has(name))
        throw new Error(`migration ${name} was applied but is missing from ${opts.dir ?? MIGRATIONS_DIR}`);
    }
    const report: MigrationReport = { applied: [], alreadyApplied: [] };
    for (const f of files) {
      const prev = done.get(f.name);
      if (prev !== undefined) {
        if (prev !== f.checksum) {
          throw new Error(
            `migration ${f.name} was edited after it was applied (checksum ${prev.slice(0, 12)}… ≠ ${f.checksum.slice(0, 12)}…); add a new migration instead`,
          );
        }
        report.alreadyApplied.push(f.name);
        continue;
      }
      const t0 = Date.now();
      await client.query("BEGIN");
      try {
        // Prisma's generated scripts start with CREATE SCHEMA "public"; inside a test schema the
        // statement is harmless and the objects land in the search_path schema.
        await client.query(f.sql);
        await client.query(
          `INSERT INTO "_migrations" ("name", "checksum", "duration_ms") VALUES ($1, $2, $3)`,
          [f.name, f.checksum, Date.now() - t0],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${f.name} failed and was rolled back: ${(e as Error).message}`);
      }
      log(`applied ${f.name} (${Date.now() - t0} ms)`);
      report.applied.push(f.name);
    }
    return report;
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => {});
    await client.end();
  }
}

const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is required");
    process.exit(2);
  }
  migrate(url, { log: (s) => console.log(`[migrate] ${s}`) })
    .then((r) =>
      console.log(`[migrate] ${r.applied.length} applied, ${r.alreadyApplied.length} already applied`),
    )
    .catch((e) => {
      console.error(`[migrate] ${(e as Error).message}`);
      process.exit(1);
    });
}
