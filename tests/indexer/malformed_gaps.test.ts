import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import { Keypair } from "@solana/web3.js";
import { utils } from "@coral-xyz/anchor";
import { accountDiscriminator, EVENT_IX_TAG, Side } from "@perp-margin/client";
import { Indexer } from "../../indexer/src/ingest/indexer";
import type { Db } from "../../indexer/src/db/client";
import { resetDb, sql, testDb } from "./harness/db";
import { tradingVenue, waterfallVenue, must } from "./harness/scenario";
import { assertMirrorsChain } from "./harness/check";
import { seqState } from "../../indexer/src/queries/seqState";

const quiet = { log: () => {} };
const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe("indexer: malformed input, sequence gaps, commitment", function () {
  this.timeout(120_000);
  let db: Db;
  before(() => {
    db = testDb();
  });
  after(async () => db.$disconnect());
  beforeEach(resetDb);

  it("malformed accounts and events are logged with their bytes, counted, skipped — ingestion goes on", async () => {
    const { v, traders } = await tradingVenue();
    const ix = new Indexer(db, v.source, quiet);
    await ix.start();
    await ix.sync();
    const good = v.raw(traders[0].account)!;
    // 1. a program account of a type this indexer does not know
    const unknown = Keypair.generate().publicKey;
    v.inject(unknown, crypto.randomBytes(200));
    // 2. a margin account of the wrong size
    const short = Keypair.generate().publicKey;
    v.inject(short, good.subarray(0, 700));
    // 3. a margin account with a status the program never writes
    const badStatus = Keypair.generate().publicKey;
    const b = Buffer.from(good);
    b[91] = 9;
    v.inject(badStatus, b);
    // 4. an existing, indexed account overwritten with garbage: the last good state stays
    const victim = traders[1].account;
    const before = await sql(`SELECT cash_native::text, slot::text FROM margin_account WHERE pubkey=$1`, [
      victim.toBase58(),
    ]);
    v.inject(victim, Buffer.concat([accountDiscriminator("MarginAccount"), crypto.randomBytes(100)]));
    // 5. a transaction carrying an event this IDL does not know, and a truncated known event
    const model = v.source.transactions[v.source.transactions.length - 1];
    const programIdx = model.accountKeys.indexOf(v.source.programId);
    const junkEvent = Buffer.concat([EVENT_IX_TAG, crypto.randomBytes(8), crypto.randomBytes(40)]);
    const truncated = Buffer.concat([
      EVENT_IX_TAG,
      crypto.createHash("sha256").update("event:Deposit").digest().subarray(0, 8),
      Buffer.alloc(10),
    ]);
    const sig = utils.bytes.bs58.encode(crypto.randomBytes(64));
    v.source.addTransaction({
      ...model,
      signature: sig,
      slot: v.slot(),
      innerInstructions: [
        {
          index: 1,
          instructions: [junkEvent, truncated].map((d) => ({
            programIdIndex: programIdx,
            accounts: [],
            data: utils.bytes.bs58.encode(d),
          })),
        },
      ],
    });
    // Trading goes on.
    must(await v.order(traders[2], 0, Side.Bid, 100_400n, 1n));
    must(await v.order(traders[0], 0, Side.Ask, 100_400n, 1n));
    await tick(50);
    await ix.sync();
    await ix.reconcile(); // re-reads the bad accounts: not logged twice
    await ix.stop();

    const errors = await sql(
      `SELECT kind, subject, message, raw IS NOT NULL AS has_raw FROM ingestion_error ORDER BY id`,
    );
    const bySubject = new Map(errors.map((e) => [e.subject, e]));
    assert.equal(errors.length, 6, JSON.stringify(errors, null, 1));
    assert.match(bySubject.get(unknown.toBase58())!.message, /unknown discriminator/);
    assert.match(bySubject.get(short.toBase58())!.message, /must be 1032 bytes, got 700/);
    assert.match(bySubject.get(badStatus.toBase58())!.message, /status 9 out of range/);
    assert.match(bySubject.get(victim.toBase58())!.message, /must be 1032 bytes/);
    const evErrors = errors.filter((e) => e.subject === sig);
    assert.equal(evErrors.length, 2);
    assert.match(evErrors[0].message, /unknown event discriminator [0-9a-f]{16} at offset 8 after 0 events/);
    assert.match(evErrors[1].message, /truncated Deposit event at offset 8 after 0 events/);
    assert.ok(errors.every((e) => e.kind && e.has_raw));
    // Nothing malformed reached the mirror; the overwritten account kept its last good state.
    const stored = await sql(`SELECT pubkey FROM margin_account WHERE pubkey = ANY($1)`, [
      [unknown, short, badStatus].map((k) => k.toBase58()),
    ]);
    assert.deepEqual(stored, []);
    assert.deepEqual(
      await sql(`SELECT cash_native::text, slot::text FROM margin_account WHERE pubkey=$1`, [
        victim.toBase58(),
      ]),
      before,
    );
    // ...and everything after the bad input was ingested: the trades after it are in the mirror.
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM event`);
    assert.equal(BigInt(n), v.exchangeState().eventSeq);
    for (const t of [traders[0], traders[2]]) {
      const [r] = await sql(`SELECT cash_native::text AS c FROM margin_account WHERE pubkey=$1`, [
        t.account.toBase58(),
      ]);
      assert.equal(r.c, v.account(t).cashNative.toString());
    }
  });

  it("detects a hole in the event sequence, holds the checkpoint below it, and repairs it once the node has the transactions", async () => {
    const { v, traders } = await tradingVenue();
    const ix = new Indexer(db, v.source, {
      ...quiet,
      catchUpIntervalMs: 60_000,
      maintenanceIntervalMs: 60_000,
    });
    await ix.start();
    await ix.sync();
    const ex = v.exchange.toBase58();
    const firstLost = v.exchangeState().eventSeq;
    // Two transactions this node loses entirely (no notification, not in its signature listing)...
    v.source.loseNextTransactions = 2;
    v.mintTo(traders[0].token, 5_000n);
    v.source.loseNextTransactions = 2;
    must(v.deposit(traders[0], 2_000n));
    must(v.deposit(traders[0], 3_000n));
    // ...then more activity it does see.
    must(await v.order(traders[1], 0, Side.Bid, 100_000n, 1n));
    await tick(50);
    await ix.sync();
    const [gap] = await sql(
      `SELECT from_seq::text, to_seq::text, repaired_at FROM seq_gap WHERE exchange=$1`,
      [ex],
    );
    assert.deepEqual(gap, {
      from_seq: firstLost.toString(),
      to_seq: (firstLost + 1n).toString(),
      repaired_at: null,
    });
    const [cp] = await sql(`SELECT seq::text FROM checkpoint WHERE name=$1`, [`seq:${ex}`]);
    assert.equal(cp.seq, (firstLost - 1n).toString(), "checkpoint held below the hole");
    assert.ok(ix.stats.gapsDetected >= 1);

    v.source.hiddenFromListing.clear(); // the node catches up
    await ix.sync();
    await ix.stop();
    const [fixed] = await sql(`SELECT repaired_at IS NOT NULL AS ok FROM seq_gap WHERE exchange=$1`, [ex]);
    assert.equal(fixed.ok, true);
    const [cp2] = await sql(`SELECT seq::text FROM checkpoint WHERE name=$1`, [`seq:${ex}`]);
    assert.equal(cp2.seq, (v.exchangeState().eventSeq - 1n).toString());
    assert.equal(ix.stats.gapsRepaired, 1);
    await ix.reconcile().catch(() => undefined);
    await assertMirrorsChain(v);
  });

  it("reports no hole when the sequence gains a digit past the checkpoint (9 → 10, 99 → 100)", async () => {
    const { v } = await tradingVenue();
    const ix = new Indexer(db, v.source, quiet);
    await ix.start();
    await ix.sync();
    await ix.stop();
    const ex = v.exchange.toBase58();
    const max = v.exchangeState().eventSeq - 1n;
    assert.ok(max >= 10n);
    for (const cp of [-1n, 0n, 8n, 9n, max - 1n]) {
      const st = await seqState(db, ex, cp);
      assert.deepEqual(st.gaps, [], `from checkpoint ${cp}`);
      assert.equal(st.contiguousTo, max);
    }
  });

  it("stores commitment per row and serves finalized-only views", async () => {
    let ix!: Indexer;
    const w = await waterfallVenue({
      onVenue: async (v) => {
        ix = new Indexer(db, v.source, quiet);
        await ix.start();
      },
    });
    await ix.sync();
    await ix.stop();
    const tip = w.v.source.slotNow;
    const fin = tip - w.v.source.finalityLag;
    const [c] = await sql(`SELECT confirmed_slot::text AS c, finalized_slot::text AS f FROM chain_tip`);
    assert.deepEqual(c, { c: tip.toString(), f: fin.toString() });
    const [ev] = await sql(
      `SELECT count(*) FILTER (WHERE commitment='finalized' AND slot > $1)::int AS wrong1,
              count(*) FILTER (WHERE commitment='confirmed' AND slot <= $1)::int AS wrong2,
              count(*) FILTER (WHERE slot <= $1)::int AS fin FROM event`,
      [fin.toString()],
    );
    assert.equal(ev.wrong1 + ev.wrong2, 0);
    assert.ok(ev.fin > 0);
    const [{ n }] = await sql(`SELECT count(*)::int AS n FROM event_finalized`);
    assert.equal(n, ev.fin);
    // Account state "as finalized" is the newest version at or below the finalized slot.
    const acct = w.l4.account.toBase58();
    const writes = w.v.source.writes.filter((u) => u.pubkey === acct && u.slot <= fin);
    const want = crypto
      .createHash("sha256")
      .update(writes[writes.length - 1].data)
      .digest("hex");
    const [f] = await sql(
      `SELECT encode(data_hash,'hex') AS h, slot::text FROM margin_account_finalized WHERE pubkey=$1`,
      [acct],
    );
    assert.equal(f.h, want);
    assert.ok(BigInt(f.slot) <= fin);
  });
});
