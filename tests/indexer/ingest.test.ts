import { strict as assert } from "node:assert";
import { Indexer } from "../../indexer/src/ingest/indexer";
import type { Db } from "../../indexer/src/db/client";
import { resetDb, sql, testDb } from "./harness/db";
import { tradingVenue } from "./harness/scenario";

describe("indexer: ingestion from a LiteSVM-fed source", () => {
  let db: Db;
  before(async () => {
    db = testDb();
  });
  after(async () => db.$disconnect());
  beforeEach(resetDb);

  it("backfills accounts, catches up every event, and mirrors chain state exactly", async () => {
    const { v, traders } = await tradingVenue();
    const ix = new Indexer(db, v.source, { log: () => {} });
    await ix.start();
    await ix.sync();
    await ix.stop();
    const ex = v.exchangeState();
    const [row] = await sql(`SELECT * FROM exchange`);
    assert.equal(row.total_cash_native, ex.totalCashNative.toString());
    assert.equal(row.event_seq, ex.eventSeq.toString());
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM event`);
    assert.equal(n, v.eventLog.length);
    assert.equal(BigInt(n), ex.eventSeq);
    for (const t of traders) {
      const a = v.account(t);
      const [r] = await sql(`SELECT * FROM margin_account WHERE pubkey = $1`, [t.account.toBase58()]);
      assert.equal(r.cash_native, a.cashNative.toString());
    }
    const errors = await sql(`SELECT * FROM ingestion_error`);
    assert.deepEqual(errors, []);
  });
});
