import { strict as assert } from "node:assert";
import { Indexer } from "../../indexer/src/ingest/indexer";
import type { Db } from "../../indexer/src/db/client";
import { resetDb, sql, testDb } from "./harness/db";
import { waterfallVenue, type Waterfall } from "./harness/scenario";

describe("indexer: the liquidation waterfall, stage by stage", () => {
  let db: Db;
  let w: Waterfall;
  before(async () => {
    db = testDb();
    await resetDb();
    // The indexer runs live while the waterfall unfolds (as in production), so the mirror has the
    // account history the ADL audit reconstructs positions from.
    let ix!: Indexer;
    w = await waterfallVenue({
      onVenue: async (v) => {
        ix = new Indexer(db, v.source, { log: () => {} });
        await ix.start();
      },
    });
    await ix.sync();
    await ix.stop();
    gapsDetected = ix.stats.gapsDetected;
  });
  let gapsDetected = -1;
  after(async () => db.$disconnect());

  it("every event is stored once, with a contiguous seq from 0 to the exchange's counter", async () => {
    const [r] = await sql(`SELECT count(*)::int AS n, min(seq)::int AS lo, max(seq)::int AS hi FROM event`);
    const ex = w.v.exchangeState();
    assert.equal(r.n, Number(ex.eventSeq));
    assert.equal(r.lo, 0);
    assert.equal(r.hi, Number(ex.eventSeq) - 1);
    const [cp] = await sql(`SELECT seq::text FROM checkpoint WHERE name = $1`, [
      `seq:${w.v.exchange.toBase58()}`,
    ]);
    assert.equal(cp.seq, String(ex.eventSeq - 1n));
  });

  it("liquidations land in their stage tables, amounts exact", async () => {
    const stages = await sql(
      `SELECT stage, count(*)::int AS n FROM waterfall_step GROUP BY stage ORDER BY stage`,
    );
    assert.deepEqual(stages, [
      { stage: 1, n: 1 },
      { stage: 2, n: 3 },
      { stage: 3, n: 3 },
      { stage: 4, n: 2 },
      { stage: 5, n: 1 },
    ]);
    const onChain = w.v.eventLog.filter((e) => e.name === "Liquidation");
    const rows = await sql(
      `SELECT seq::text, stage, closed_lots::text, quote_native::text, deficit_native::text FROM liquidation ORDER BY seq`,
    );
    assert.deepEqual(
      rows,
      onChain.map((e) => ({
        seq: String(e.data.seq),
        stage: e.data.stage,
        closed_lots: String(e.data.closedLots),
        quote_native: String(e.data.quoteNative),
        deficit_native: String(e.data.deficitNative),
      })),
    );
    const [sl] = await sql(`SELECT amount_native::text, charged_side FROM socialized_loss`);
    assert.deepEqual(sl, { amount_native: "574000", charged_side: 1 });
  });

  it("the deposit applied to debt is explicit", async () => {
    const rows = await sql(
      `SELECT margin_account, amount_native::text, to_debt_native::text, credited_native::text FROM deposit WHERE to_debt_native > 0`,
    );
    assert.deepEqual(rows, [
      {
        margin_account: w.l3.account.toBase58(),
        amount_native: "100000",
        to_debt_native: "60000",
        credited_native: "40000",
      },
    ]);
    const [a] = await sql(
      `SELECT total_debt_repaid_native::text AS r, deficit_native::text AS d FROM margin_account WHERE pubkey = $1`,
      [w.l3.account.toBase58()],
    );
    assert.deepEqual(a, { r: "60000", d: "0" });
  });

  it("ADL counterparties are stored with the program's scores", async () => {
    const fills = await sql(
      `SELECT seq::text, fill_index, account, lots::text, score::text FROM adl_fill ORDER BY seq, fill_index`,
    );
    assert.equal(fills.length, 4);
    assert.equal(fills[0].account, w.shorts[2].account.toBase58());
    assert.deepEqual(
      fills.slice(1).map((f) => f.account),
      w.shorts.map((s) => s.account.toBase58()),
    );
  });

  it("the fairness audit flags the ADL that skipped higher-ranked shorts, and only that one", async () => {
    const audits = await sql(
      `SELECT seq::text, fair, skipped_count, skipped, fill_score_mismatches, candidates_checked FROM adl_audit ORDER BY seq`,
    );
    assert.equal(audits.length, 2);
    const [unfair, fair] = audits;
    assert.equal(unfair.seq, w.unfairAdlSeq.toString());
    assert.equal(unfair.fair, false);
    assert.deepEqual(
      unfair.skipped.map((s: { account: string }) => s.account),
      [w.shorts[0].account.toBase58(), w.shorts[1].account.toBase58()],
    );
    assert.equal(fair.seq, w.fairAdlSeq.toString());
    assert.equal(fair.fair, true);
    assert.equal(fair.skipped_count, 0);
    // The mirror reproduces every score the program recorded.
    assert.equal(unfair.fill_score_mismatches, 0);
    assert.equal(fair.fill_score_mismatches, 0);
    assert.equal(unfair.candidates_checked, 3);
  });

  it("an indexer started after the ADLs gives no verdict rather than a wrong one", async () => {
    const db2 = testDb();
    await resetDb();
    const ix = new Indexer(db2, w.v.source, { log: () => {} });
    await ix.start();
    await ix.sync();
    await ix.stop();
    await db2.$disconnect();
    const audits = await sql(`SELECT fair, note FROM adl_audit ORDER BY seq`);
    assert.equal(audits.length, 2);
    for (const a of audits) {
      assert.equal(a.fair, null);
      assert.match(a.note, /precedes the mirror's continuous account history/);
    }
  });

  it("live ingestion never saw a hole in the sequence", async () => {
    assert.equal(gapsDetected, 0);
  });

  it("nothing was malformed", async () => {
    assert.deepEqual(await sql(`SELECT kind, message FROM ingestion_error`), []);
  });
});
