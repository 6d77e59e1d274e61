/**
 * Transaction pipeline: signatures (from the logs subscription, catch-up listings, gap repair)
 * → `getTransaction` → events → one database transaction per chunk writing the events, their
 * typed rows and the `program_tx` marker together. A transaction is either fully ingested or not
 * at all; one the node cannot return yet is reported as missing, never marked done.
 */
import type { Db } from "../db/client";
import { decodeTransactionEvents, type EventRow } from "../decode/events";
import type { IngestionErrorInput } from "../decode/accounts";
import { ingestedSignatures } from "../queries/ingestedSignatures";
import { insertEvents, type TxRow } from "../queries/insertEvents";
import { logIngestionErrors } from "../queries/logIngestionErrors";
import type { RawTransaction, SignatureInfo, Source } from "../source/types";
import type { Writer } from "./writer";

export interface IngestResult {
  ingested: number;
  events: number;
  /** Signatures the node did not return (in input order). */
  missing: SignatureInfo[];
  /** Exchanges that received events. */
  exchanges: Set<string>;
  adl: number;
}

export class TxPipeline {
  eventsInserted = 0;
  /** `ingest` calls running (live and catch-up can overlap, leaving short-lived holes in seq). */
  inFlight = 0;
  txsIngested = 0;
  errors = 0;

  constructor(
    private readonly db: Db,
    private readonly source: Source,
    private readonly writer: Writer,
    private readonly commitmentOf: () => (slot: bigint) => "confirmed" | "finalized",
    private readonly concurrency = 8,
    private readonly chunk = 100,
  ) {}

  /** Ingests `sigs` (oldest first). Already-ingested signatures are skipped without a fetch. */
  async ingest(sigs: SignatureInfo[]): Promise<IngestResult> {
    this.inFlight++;
    try {
      return await this.ingestAll(sigs);
    } finally {
      this.inFlight--;
    }
  }

  private async ingestAll(sigs: SignatureInfo[]): Promise<IngestResult> {
    const out: IngestResult = { ingested: 0, events: 0, missing: [], exchanges: new Set(), adl: 0 };
    const done = await ingestedSignatures(
      this.db,
      sigs.map((s) => s.signature),
    );
    const seen = new Set<string>();
    const todo = sigs.filter(
      (s) => !done.has(s.signature) && !seen.has(s.signature) && seen.add(s.signature),
    );
    for (let i = 0; i < todo.length; i += this.chunk) {
      const part = todo.slice(i, i + this.chunk);
      const fetched = await this.fetchAll(part);
      const events: EventRow[] = [];
      const errors: IngestionErrorInput[] = [];
      const txRows: TxRow[] = [];
      part.forEach((s, k) => {
        const tx = fetched[k];
        if (!tx) {
          out.missing.push(s);
          return;
        }
        const d = decodeTransactionEvents(tx, this.source.programId);
        events.push(...d.events);
        errors.push(...d.errors);
        txRows.push({
          signature: tx.signature,
          slot: tx.slot,
          blockTime: tx.blockTime,
          failed: tx.failed,
          eventCount: d.events.length,
        });
      });
      if (txRows.length === 0) continue;
      const commitmentOf = this.commitmentOf();
      let logged = 0;
      const n = await this.writer.run(`txs×${txRows.length}`, async (tx) => {
        const { inserted, fresh } = await insertEvents(tx, events, txRows, commitmentOf);
        // Errors of a transaction already ingested were logged when it was (replays add nothing).
        const fresher = errors.filter((e) => fresh.has(e.subject));
        await logIngestionErrors(tx, fresher);
        logged = fresher.length;
        return inserted;
      });
      this.eventsInserted += n;
      this.txsIngested += txRows.length;
      this.errors += logged;
      out.ingested += txRows.length;
      out.events += n;
      for (const e of events) {
        out.exchanges.add(e.exchange);
        if (e.name === "AutoDeleverage") out.adl++;
      }
    }
    return out;
  }

  private async fetchAll(sigs: SignatureInfo[]): Promise<(RawTransaction | null)[]> {
    const out: (RawTransaction | null)[] = new Array(sigs.length).fill(null);
    let next = 0;
    const worker = async () => {
      while (next < sigs.length) {
        const k = next++;
        out[k] = await this.fetchOne(sigs[k].signature);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, sigs.length) }, worker));
    return out;
  }

  /** getTransaction with a few quick retries (a node may serve the signature before the transaction). */
  private async fetchOne(signature: string): Promise<RawTransaction | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const t = await this.source.transaction(signature);
        if (t) return t;
      } catch {
        // network error: retried below, then reported as missing
      }
      await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
    }
    return null;
  }
}

/** Every signature strictly between `until` (older) and `before` (newer), oldest first. */
export async function listSignatures(
  source: Source,
  opts: { before?: string; until?: string },
  page = 1_000,
): Promise<SignatureInfo[]> {
  const out: SignatureInfo[] = [];
  let before = opts.before;
  for (;;) {
    const batch = await source.signatures({ before, until: opts.until, limit: page });
    out.push(...batch);
    if (batch.length < page) break;
    before = batch[batch.length - 1].signature;
  }
  return out.reverse();
}
