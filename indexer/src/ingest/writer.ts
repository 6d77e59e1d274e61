/**
 * The single database writer. Every write of the indexer is a job here, run one at a time in
 * arrival order, each in its own transaction — one writer avoids the batch-insert deadlocks that
 * concurrent upserts of overlapping keys cause (prisma#22549).
 *
 * A job whose connection drops (backend terminated, Postgres restarting) is retried from scratch
 * with backoff until it commits: jobs are idempotent (guarded upserts, insert-or-ignore), and the
 * work they carry stays in memory until then, so nothing is lost. Any other error rejects the job
 * to its caller, which decides (isolate the bad row, log it as an ingestion error).
 */
import { type Db, isConnectionError, reopenDb, type Tx } from "../db/client";

export interface WriterHooks {
  /** Called inside each transaction after its writes, before commit (tests inject crashes here). */
  beforeCommit?: (label: string, tx: Tx) => Promise<void>;
}

export class Writer {
  private tail: Promise<unknown> = Promise.resolve();
  private depth = 0;
  stopped = false;
  retries = 0;
  jobs = 0;

  /** The client transactions run on; replaced (never the caller's) after a lost connection. */
  private db: Db;
  private readonly replacements: Db[] = [];

  constructor(
    db: Db,
    private readonly log: (s: string) => void,
    private readonly hooks: WriterHooks = {},
  ) {
    this.db = db;
  }

  get queued(): number {
    return this.depth;
  }

  /** Queues `fn` to run in a transaction after every job queued before it. */
  run<T>(label: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    this.depth++;
    const job = this.tail.then(() => this.attempt(label, fn));
    this.tail = job.catch(() => undefined).finally(() => this.depth--);
    return job;
  }

  private async attempt<T>(label: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    let delay = 50;
    for (;;) {
      if (this.stopped) throw new Error(`writer stopped before ${label} committed`);
      try {
        const out = await this.db.$transaction(
          async (tx) => {
            const r = await fn(tx);
            if (this.hooks.beforeCommit) await this.hooks.beforeCommit(label, tx);
            return r;
          },
          { maxWait: 30_000, timeout: 300_000 },
        );
        this.jobs++;
        return out;
      } catch (e) {
        if (!isConnectionError(e) || this.stopped) throw e;
        this.retries++;
        // The dead transaction's connection is never given back to the pool: start a new client.
        this.replace();
        this.log(
          `db connection lost during ${label}; retrying in ${delay} ms (${(e as Error).message.split("\n")[0].slice(0, 120)})`,
        );
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 2_000);
      }
    }
  }

  private replace() {
    const old = this.db;
    this.db = reopenDb(old);
    this.replacements.push(this.db);
    if (this.replacements.includes(old)) void disconnectSoon(old);
  }

  /** Closes the clients the writer opened itself (the one it was given belongs to the caller). */
  async close(): Promise<void> {
    await Promise.all(this.replacements.map(disconnectSoon));
    this.replacements.length = 0;
  }

  /** Resolves when every queued job has finished. */
  async idle(): Promise<void> {
    while (this.depth > 0) await this.tail.catch(() => undefined);
  }
}

/** `$disconnect()`, but never waits more than 2 s (it can hang on a client with a dead transaction). */
function disconnectSoon(db: Db): Promise<void> {
  return Promise.race([
    db.$disconnect().catch(() => undefined),
    new Promise<void>((r) => setTimeout(r, 2_000).unref()),
  ]);
}
