import { strict as assert } from "node:assert";
import { Indexer } from "../../indexer/src/ingest/indexer";
import type { Db } from "../../indexer/src/db/client";
import { resetDb, sql, testDb } from "./harness/db";
import { SOCIALIZED_DEFICIT, waterfallVenue, type Waterfall } from "./harness/scenario";

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

  it("events come in batches (one self-CPI per instruction), each stored with its own seq", async () => {
    // At least one transaction emitted several events in one inner instruction (a liquidation
    // cancels, fills and reports in one batch): all of them are rows, in order.
    const [b] = await sql(
      `SELECT max(n)::int AS most FROM (SELECT signature, ix_index, count(*) AS n FROM event GROUP BY 1, 2) x`,
    );
    assert.ok(b.most >= 3, `largest batch ${b.most}`);
    const rows = await sql(`SELECT e.seq::text, e.name FROM event e ORDER BY e.seq`);
    const onChain = [...w.v.eventLog].sort((a, b) => (a.data.seq < b.data.seq ? -1 : 1));
    assert.deepEqual(
      rows,
      onChain.map((e) => ({ seq: String(e.data.seq), name: e.name })),
    );
  });

  it("every typed event table holds exactly the events of its name", async () => {
    const tables: Record<string, string> = {
      Liquidation: "liquidation",
      BankruptcyResolved: "bankruptcy",
      AutoDeleverage: "adl_event",
      SocializedLoss: "socialized_loss",
      InsuranceFlow: "insurance_flow",
      Deposit: "deposit",
      Withdraw: "withdrawal",
      BankruptcyRecorded: "bankruptcy_record",
      BadDebtRecorded: "bad_debt",
      UnderwaterMarked: "underwater_mark",
      BackstopChanged: "backstop_change",
      PriceUpdated: "price_update",
      FundingUpdated: "funding_update",
    };
    for (const [name, table] of Object.entries(tables)) {
      // A feed's first price comes from create_price_feed (its PriceFeedCreated event's seq).
      const names = name === "PriceUpdated" ? [name, "PriceFeedCreated"] : [name];
      const want = w.v.eventLog
        .filter((e) => names.includes(e.name))
        .map((e) => e.data.seq)
        .sort((a, b) => (a < b ? -1 : 1))
        .map(String);
      const got = (await sql(`SELECT t.seq::text FROM "${table}" t ORDER BY t.seq`)).map((r) => r.seq);
      assert.deepEqual(got, want, table);
    }
    // A deficit is recorded for every account a step left flat with negative cash (l3, l4, l5);
    // the crafted one (ghost) was written into the account, not booked by an instruction.
    const recorded = await sql(
      `SELECT r.margin_account, r.cause, r.deficit_native::text FROM bankruptcy_record r ORDER BY r.seq`,
    );
    assert.deepEqual(
      recorded.map((r) => r.margin_account),
      [w.l3, w.l4, w.l5].map((t) => t.account.toBase58()),
    );
    const [reg] = await sql(`SELECT active, reason, capacity_native::text FROM backstop_change`);
    assert.deepEqual(reg, { active: 1, reason: 0, capacity_native: "50000000000" });
    // Each takeover consumed the initial margin of what it took from the committed capacity.
    const [bs] = await sql(`SELECT capacity_native::text FROM backstop_registry`);
    const onChain = w.v.registryState().entries.reduce((n, e) => n + e.capacityNative, 0n);
    assert.equal(bs.capacity_native, onChain.toString());
    assert.ok(onChain < 50_000_000_000n);
  });

  it("liquidations land in their stage tables, amounts exact", async () => {
    const stages = await sql(
      `SELECT stage, count(*)::int AS n FROM waterfall_step GROUP BY stage ORDER BY stage`,
    );
    // Stage 2: l2 and l3 (market 0); l5's takeover in market 2 is refused (LossBeyondInsurance),
    // so market 2 goes to ADL: three ADL steps (unfair, fair, l5's).
    assert.deepEqual(stages, [
      { stage: 1, n: 1 },
      { stage: 2, n: 2 },
      { stage: 3, n: 3 },
      { stage: 4, n: 3 },
      { stage: 5, n: 1 },
    ]);
    const onChain = w.v.eventLog.filter((e) => e.name === "Liquidation");
    const rows = await sql(
      `SELECT seq::text, stage, closed_lots::text, quote_native::text, deficit_native::text FROM liquidation ORDER BY liquidation.seq`,
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
    // The crafted deficit, whole, over the shorts still open in market 2 (the maker's 100 lots
    // against l6): no part of it is bad debt.
    const [sl] = await sql(
      `SELECT margin_account, market_index, amount_native::text, charged_side, open_interest_lots::text, bad_debt_native::text FROM socialized_loss`,
    );
    assert.deepEqual(sl, {
      margin_account: w.ghost.account.toBase58(),
      market_index: 2,
      amount_native: String(SOCIALIZED_DEFICIT),
      charged_side: 1,
      open_interest_lots: "100",
      bad_debt_native: "0",
    });
    // Stage 5's ADL closed l5 where it ends at −(the insurance its market can still pay): the
    // reservation resolve_bankruptcy then drew, exactly the market's cap.
    const [beyond] = await sql(
      `SELECT a.margin_account, a.insurance_available_native::text AS avail, b.insurance_paid_native::text AS paid
         FROM adl_event a JOIN bankruptcy b ON b.margin_account = a.margin_account WHERE a.seq = $1`,
      [w.beyondInsuranceAdlSeq.toString()],
    );
    assert.deepEqual(beyond, { margin_account: w.l5.account.toBase58(), avail: "1000", paid: "1000" });
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
      `SELECT seq::text, fill_index, account, lots::text, score::text FROM adl_fill ORDER BY adl_fill.seq, fill_index`,
    );
    assert.equal(fills.length, 5);
    assert.equal(fills[0].account, w.shorts[2].account.toBase58());
    assert.deepEqual(
      fills.slice(1, 4).map((f) => f.account),
      w.shorts.map((s) => s.account.toBase58()),
    );
    // l5's ADL in market 2: the market maker, the only short with a gain there.
    assert.deepEqual(fills[4], {
      seq: w.beyondInsuranceAdlSeq.toString(),
      fill_index: 0,
      account: w.mm.account.toBase58(),
      lots: "100",
      score: fills[4].score,
    });
    // Every fill's score and lots are the program's (the event's), not recomputed.
    const onChain = w.v.eventLog
      .filter((e) => e.name === "AutoDeleverage")
      .flatMap((e) => e.data.fills.slice(0, e.data.fillCount).map((f) => [String(f.lots), String(f.score)]));
    assert.deepEqual(
      fills.map((f) => [f.lots, f.score]),
      onChain,
    );
  });

  it("the fairness audit flags the ADL that skipped higher-ranked shorts, and only that one", async () => {
    const audits = await sql(
      `SELECT seq::text, fair, skipped_count, skipped, fill_score_mismatches, candidates_checked FROM adl_audit ORDER BY adl_audit.seq`,
    );
    assert.equal(audits.length, 3);
    const [unfair, fair, beyond] = audits;
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
    assert.equal(beyond.seq, w.beyondInsuranceAdlSeq.toString());
    assert.equal(beyond.fair, true);
    assert.equal(beyond.fill_score_mismatches, 0);
  });

  it("an indexer started after the ADLs gives no verdict rather than a wrong one", async () => {
    const db2 = testDb();
    await resetDb();
    const ix = new Indexer(db2, w.v.source, { log: () => {} });
    await ix.start();
    await ix.sync();
    await ix.stop();
    await db2.$disconnect();
    const audits = await sql(`SELECT fair, note FROM adl_audit ORDER BY adl_audit.seq`);
    assert.equal(audits.length, 3);
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
