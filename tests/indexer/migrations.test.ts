/**
 * The migration mechanism (prisma/migrations applied by src/db/migrate.ts) on scratch schemas of
 * the test database: records what ran, is idempotent, refuses edited migrations, rolls back a
 * failing one, and the committed SQL matches the Prisma schema (no drift).
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Client } from "pg";
import { migrate, MIGRATIONS_DIR, readMigrations } from "../../indexer/src/db/migrate";
import { TEST_DB_URL, prepareTestDb } from "./harness/db";
import type { Untyped } from "../harness/untyped";

const INDEXER = path.resolve(__dirname, "../../indexer");

async function q<T = Untyped>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: TEST_DB_URL });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as T[];
  } finally {
    await c.end();
  }
}

/** Tables and columns (name, type, nullability, default) of a schema, canonical. */
async function shape(schema: string) {
  const rows = await q(
    `SELECT table_name, column_name, data_type, numeric_precision, numeric_scale, character_maximum_length, is_nullable, column_default
       FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE table_schema = $1 AND t.table_type = 'BASE TABLE' AND table_name <> '_migrations'
      ORDER BY table_name, column_name`,
    [schema],
  );
  return rows.map((r) => ({ ...r, column_default: r.column_default?.replaceAll(`${schema}.`, "") ?? null }));
}

const indexes = (schema: string) =>
  q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`, [
    schema,
  ]).then((r) => r.map((x) => ({ ...x, indexdef: x.indexdef.replaceAll(`${schema}.`, "") })));

describe("indexer: migrations", function () {
  this.timeout(120_000);
  const schemas = ["mig_a", "mig_b", "mig_c", "mig_d"];
  before(prepareTestDb);
  beforeEach(async () => {
    for (const s of schemas) await q(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  });
  after(async () => {
    for (const s of schemas) await q(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  });

  it("applies every migration once, in a transaction each, recording name and checksum", async () => {
    const files = readMigrations();
    assert.ok(files.length >= 3);
    const r1 = await migrate(TEST_DB_URL, { schema: "mig_a" });
    assert.deepEqual(
      r1.applied,
      files.map((f) => f.name),
    );
    const rows = await q(`SELECT name, checksum FROM mig_a."_migrations" ORDER BY name`);
    assert.deepEqual(
      rows,
      files.map((f) => ({ name: f.name, checksum: f.checksum })),
    );
    const r2 = await migrate(TEST_DB_URL, { schema: "mig_a" });
    assert.deepEqual(r2.applied, []);
    assert.equal(r2.alreadyApplied.length, files.length);
  });

  it("refuses a migration edited after it was applied, and one missing from disk", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perp-mig-"));
    fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    await migrate(TEST_DB_URL, { schema: "mig_b", dir });
    const first = readMigrations(dir)[0].name;
    fs.appendFileSync(path.join(dir, first, "migration.sql"), "\n-- edited\n");
    await assert.rejects(migrate(TEST_DB_URL, { schema: "mig_b", dir }), /was edited after it was applied/);
    fs.rmSync(path.join(dir, first), { recursive: true });
    await assert.rejects(migrate(TEST_DB_URL, { schema: "mig_b", dir }), /was applied but is missing/);
    fs.rmSync(dir, { recursive: true });
  });

  it("rolls a failing migration back entirely and records nothing for it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perp-mig-"));
    fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const bad = "29991231000000_broken";
    fs.mkdirSync(path.join(dir, bad));
    fs.writeFileSync(
      path.join(dir, bad, "migration.sql"),
      `CREATE TABLE "half_done" (x int);\nSELECT no_such_function();\n`,
    );
    await assert.rejects(
      migrate(TEST_DB_URL, { schema: "mig_c", dir }),
      /29991231000000_broken failed and was rolled back/,
    );
    const names = (await q(`SELECT name FROM mig_c."_migrations"`)).map((r) => r.name);
    assert.ok(!names.includes(bad));
    assert.equal(names.length, readMigrations().length);
    assert.deepEqual(
      await q(
        `SELECT 1 FROM information_schema.tables WHERE table_schema='mig_c' AND table_name='half_done'`,
      ),
      [],
    );
    fs.rmSync(dir, { recursive: true });
  });

  it("the committed migrations produce exactly the tables and indexes of schema.prisma (no drift)", async () => {
    await migrate(TEST_DB_URL, { schema: "mig_a" });
    const sqlText = execFileSync(
      "npx",
      [
        "--no-install",
        "prisma",
        "migrate",
        "diff",
        "--from-empty",
        "--to-schema-datamodel",
        "prisma/schema.prisma",
        "--script",
      ],
      {
        cwd: INDEXER,
        env: { ...process.env, DATABASE_URL: TEST_DB_URL },
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      },
    );
    const c = new Client({ connectionString: TEST_DB_URL });
    await c.connect();
    await c.query(`CREATE SCHEMA mig_d; SET search_path TO mig_d`);
    await c.query(sqlText);
    await c.end();
    assert.deepEqual(await shape("mig_a"), await shape("mig_d"));
    const idx = (await indexes("mig_a")).filter(
      (i) => !/^(account_risk|market_exposure)|_migrations/.test(i.indexname),
    );
    assert.deepEqual(idx, await indexes("mig_d"));
  });
});
