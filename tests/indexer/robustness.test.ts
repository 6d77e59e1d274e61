import { strict as assert } from "node:assert";
import { Side } from "@perp-margin/client";
import { Indexer } from "../../indexer/src/ingest/indexer";
import type { Db } from "../../indexer/src/db/client";
import { dumpMirror, resetDb, sql, testDb, TEST_DB_URL } from "./harness/db";
import { tradingVenue, waterfallVenue, must } from "./harness/scenario";
import { assertMirrorsChain } from "./harness/check";
import { Client } from "pg";
import type { Tx } from "../../indexer/src/db/client";

const quiet = { log: () => {} };
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

async function runToEnd(db: Db, source: Indexer["source"], opts = {}) {
  const ix = new Indexer(db, source, { ...quiet, ...opts });
  await ix.start();
  await ix.sync();
  await ix.stop();
  return ix;
}

describe("indexer: idempotency, slot guards, crashes and lost connections", function () {
  this.timeout(180_000);
  let db: Db;
  before(() => {
    db = testDb();
  });
  after(async () => db.$disconnect());
  beforeEach(resetDb);

  it("live ingestion, a replay of the recorded stream, and a second replay give identical tables", async () => {
    let live!: Indexer;
    const { v } = await tradingVenue({
      onVenue: async (venue) => {
        live = new Indexer(db, venue.source, quiet);
        await live.start();
      },
    });
    await live.sync();
    await live.stop();
    // Where continuous history starts differs by construction (0 live, the tip for a replay).
    await sql(`DELETE FROM checkpoint WHERE name = 'coverage'`);
    const liveTables = await dumpMirror();
    await resetDb();
    const replay = async () => {
      const ix = new Indexer(db, v.source, quiet);
      for (const u of v.source.writes) ix.ctx.accounts.push(u);
      await ix.ctx.accounts.flush();
      await ix.ctx.txs.ingest(
        v.source.transactions.map((t) => ({ signature: t.signature, slot: t.slot, failed: t.failed })),
      );
      await ix.sync();
      return dumpMirror();
    };
    const once = await replay();
    const twice = await replay();
    assert.deepEqual(twice, once);
    assert.deepEqual(once, liveTables);
    // Every event the program emitted (20 in this venue: the batched program emits no event the
    // old one did not, but the count is the exchange's own counter, not a guess).
    assert.equal(once.get("event")!.length, Number(v.exchangeState().eventSeq));
    assert.ok(once.get("event")!.length >= 20);
    assert.ok(
      once.get("margin_account_version")!.length > once.get("margin_account")!.length,
      "history kept",
    );
  });

  it("an older write never overwrites a newer one, in any delivery order", async () => {
    const { v, traders } = await tradingVenue();
    const key = traders[2].account.toBase58();
    const writes = v.source.writes.filter((u) => u.pubkey === key);
    assert.ok(writes.length >= 3, "the account was written several times");
    const newest = writes[writes.length - 1];
    const ix = new Indexer(db, v.source, quiet);
    ix.ctx.accounts.push(newest);
    await ix.ctx.accounts.flush();
    const before = await sql(
      `SELECT slot::text, cash_native::text, encode(data_hash,'hex') h FROM margin_account WHERE pubkey=$1`,
      [key],
    );
    for (const old of writes.slice(0, -1).reverse()) ix.ctx.accounts.push(old);
    await ix.ctx.accounts.flush();
    assert.deepEqual(
      await sql(
        `SELECT slot::text, cash_native::text, encode(data_hash,'hex') h FROM margin_account WHERE pubkey=$1`,
        [key],
      ),
      before,
    );
    assert.equal(before[0].slot, newest.slot.toString());
    // ... and the positions follow the account row, not the late writes.
    const [p] = await sql(`SELECT base_lots::text, slot::text FROM position WHERE margin_account=$1`, [key]);
    assert.equal(
      p.base_lots,
      v
        .account(traders[2])
        .positions.find((x) => x.marketIndex === 0)!
        .baseLots.toString(),
    );
    assert.equal(p.slot, newest.slot.toString());
  });

  it("the whole stream shuffled gives the same tables as the stream in order", async () => {
    const { v } = await tradingVenue();
    await runToEnd(db, v.source);
    const inOrder = await dumpMirror();
    await resetDb();
    const ix = new Indexer(db, v.source, { ...quiet, batchSize: 7 });
    const shuffled = [...v.source.writes];
    let seed = 12345;
    for (let i = shuffled.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    for (const u of shuffled) ix.ctx.accounts.push(u);
    await ix.ctx.accounts.flush();
    await ix.start(); // vaults, events and checkpoints as usual
    await ix.sync();
    await ix.stop();
    const got = await dumpMirror();
    // History rows: the shuffled replay saw every write, the first run only the snapshot.
    got.delete("margin_account_version");
    inOrder.delete("margin_account_version");
    assert.deepEqual(got, inOrder);
  });

  it("killed mid-batch (open transaction rolled back, buffers lost), a restarted indexer ends with identical tables", async () => {
    const w = await waterfallVenue();
    await runToEnd(db, w.v.source, { batchSize: 5 });
    const reference = await dumpMirror();
    await resetDb();

    let jobs = 0;
    let crashed = false;
    const db1 = testDb("perp-indexer-crash");
    const ix1 = new Indexer(db1, w.v.source, {
      ...quiet,
      batchSize: 5,
      hooks: {
        beforeCommit: async (label, tx) => {
          if (++jobs === 4 && label.startsWith("accounts")) {
            crashed = true;
            void ix1.crash();
            // The process dies here: its backend goes away with the transaction still open.
            await tx.$executeRawUnsafe(`SELECT pg_terminate_backend(pg_backend_pid())`);
          }
        },
      },
    });
    await assert.rejects(ix1.start());
    assert.ok(crashed);
    const [{ n: partial }] = await sql(`SELECT count(*)::int AS n FROM margin_account`);
    assert.ok(partial < reference.get("margin_account")!.length, "the crash left the mirror incomplete");
    // (A killed process closes nothing; here the dead client is just abandoned.)
    void db1.$disconnect().catch(() => {});

    const db2 = testDb("perp-indexer-restart");
    await runToEnd(db2, w.v.source, { batchSize: 5 });
    await db2.$disconnect();
    assert.deepEqual(await dumpMirror(), reference);
  });

  it("recovers from terminated Postgres connections with nothing missing", async () => {
    const admin = new Client({ connectionString: TEST_DB_URL });
    await admin.connect();
    const dbx = testDb("perp-indexer-flaky");
    let calls = 0;
    let ix!: Indexer;
    // Every third transaction loses its connection just before commit...
    const hooks = {
      beforeCommit: async (_l: string, tx: Tx) => {
        if (++calls % 3 !== 0 || calls > 30) return;
        const [{ pid }] = await tx.$queryRawUnsafe<{ pid: number }[]>(`SELECT pg_backend_pid() AS pid`);
        await admin.query(`SELECT pg_terminate_backend($1)`, [pid]);
      },
    };
    // ...and an outside killer terminates every backend of the indexer, ten times, while the
    // scenario runs (as a Postgres restart or failover would).
    let killing = true;
    let killed = 0;
    const killer = (async () => {
      for (let round = 0; killing && round < 10; round++) {
        await tick(120);
        const r = await admin.query(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = 'perp-indexer-flaky' AND pid <> pg_backend_pid()`,
        );
        killed += r.rows[0].n;
      }
    })();
    const w = await waterfallVenue({
      onVenue: async (v) => {
        ix = new Indexer(dbx, v.source, { ...quiet, batchSize: 20, hooks });
        await ix.start();
      },
    });
    const people = [w.mm, w.backstop, w.l1, w.l2, ...w.shorts];
    for (let i = 0; i < 40; i++) {
      const t = people[i % people.length];
      w.v.mintTo(t.token, 1_000n + BigInt(i));
      must(w.v.deposit(t, 1_000n + BigInt(i)));
      if (i % 5 === 0) w.v.setPrice(0, 85_000n + BigInt(i));
      await tick(30);
    }
    await killer;
    killing = false;
    await ix.sync();
    await ix.stop();
    await dbx.$disconnect();
    await admin.end();
    console.log(
      `      (${ix.writer.retries} transactions retried after a lost connection; ${killed} backends terminated from outside)`,
    );
    assert.ok(ix.writer.retries >= 10, `retries ${ix.writer.retries}`);
    assert.ok(killed > 0, "the killer terminated live backends");
    await assertMirrorsChain(w.v);
    // Every margin-account write the chain made is in the history: nothing lost to a dropped connection.
    const keys = new Set(w.v.known.map((k) => k.toBase58()));
    const expected = new Set(
      w.v.source.writes
        .filter((u) => keys.has(u.pubkey) && u.data.length === 752)
        .map((u) => `${u.pubkey}:${u.slot}`),
    );
    const got = new Set(
      (await sql(`SELECT pubkey || ':' || slot AS k FROM margin_account_version`)).map((r) => r.k),
    );
    assert.deepEqual(
      [...expected].filter((k) => !got.has(k)),
      [],
    );
    assert.equal((await sql(`SELECT * FROM ingestion_error`)).length, 0);
  });

  it("a dropped websocket is detected, resubscribed, and what it missed is re-read", async () => {
    const { v, traders } = await tradingVenue();
    const ix = new Indexer(db, v.source, quiet);
    await ix.start();
    await ix.sync();
    v.source.disconnect();
    // Trades while the socket is down: their notifications are lost.
    must(await v.order(traders[0], 0, Side.Ask, 100_500n, 2n));
    must(await v.order(traders[1], 0, Side.Bid, 100_500n, 2n));
    v.setPrice(0, 101_000n);
    for (let i = 0; i < 50 && ix.stats.reconnects === 0; i++) await tick(20);
    await tick(200);
    assert.equal(ix.stats.reconnects, 1);
    assert.ok(v.source.subscriberCount >= 3, "subscriptions restored");
    // Live again: a trade after recovery arrives through the new subscription.
    const before = ix.stats.notifications;
    must(await v.order(traders[2], 0, Side.Bid, 99_000n, 1n));
    await tick(100);
    assert.ok(ix.stats.notifications > before);
    await ix.sync();
    await ix.stop();
    await assertMirrorsChain(v);
  });

  it("a socket that silently goes quiet is caught by the watchdog", async () => {
    const { v, traders } = await tradingVenue();
    const ix = new Indexer(db, v.source, { ...quiet, idleTimeoutMs: 300, catchUpIntervalMs: 60_000 });
    await ix.start();
    await ix.sync();
    v.source.disconnect({ silent: true });
    must(await v.order(traders[0], 0, Side.Ask, 100_500n, 2n));
    must(await v.order(traders[1], 0, Side.Bid, 100_500n, 2n));
    for (let i = 0; i < 100 && ix.stats.reconnects === 0; i++) await tick(20);
    assert.equal(ix.stats.reconnects, 1);
    await tick(200);
    await ix.stop();
    await assertMirrorsChain(v);
  });

  it("a notification lost in flight is repaired by reconciliation and counted", async () => {
    const { v, traders } = await tradingVenue();
    const ix = new Indexer(db, v.source, quiet);
    await ix.start();
    await ix.sync();
    v.mintTo(traders[3].token, 1_000n);
    v.source.dropAccountNotifications = 1000; // every account write of the next transactions is lost
    must(v.deposit(traders[3], 1_000n));
    v.source.dropAccountNotifications = 0;
    await ix.sync();
    const r = await ix.reconcile();
    assert.ok(r.repaired >= 2, `repaired ${r.repaired}`); // the margin account, the exchange, the vault
    const again = await ix.reconcile();
    assert.equal(again.repaired, 0);
    await ix.stop();
    await assertMirrorsChain(v);
    const runs = await sql(`SELECT rows_repaired FROM reconciliation_run ORDER BY id`);
    assert.deepEqual(
      runs.map((x) => x.rows_repaired),
      [r.repaired, 0],
    );
  });
});
