/**
 * The indexer: subscriptions first, then a backfill snapshot and a catch-up of every program
 * transaction since the checkpoint, then live. Live account writes and transactions arrive from
 * the subscriptions; on a timer, catch-up (completeness), gap checks (event seq), finality,
 * ADL audits and solvency snapshots run, and every few minutes a full reconciliation against
 * chain. A dropped subscription triggers resubscribe + re-snapshot + catch-up. Every database
 * write goes through one writer that survives connection loss; malformed input is logged,
 * counted and skipped.
 */
import { type Db, isConnectionError } from "../db/client";
import { getCheckpoint, saveCheckpoint } from "../queries/checkpoint";
import type { AccountUpdate, SignatureInfo, Source, Subscription } from "../source/types";
import { AccountPipeline } from "./accounts";
import { backfill, refreshVaults } from "./backfill";
import { catchUp } from "./catchup";
import { commitmentFor, type Ctx, type IndexerStats } from "./context";
import { checkGaps } from "./gaps";
import { runAudits, snapshotSolvency, trackFinality } from "./maintenance";
import { reconcile } from "./reconcile";
import { TxPipeline } from "./transactions";
import { Writer, type WriterHooks } from "./writer";

export interface IndexerOptions {
  /** Accounts per database transaction. */
  batchSize?: number;
  /** How often buffered account writes and live signatures are written. */
  flushIntervalMs?: number;
  /** Catch-up (signature listing) period. */
  catchUpIntervalMs?: number;
  /** Finality, gap check, audits, snapshot period. */
  maintenanceIntervalMs?: number;
  /** Full reconciliation period. */
  reconcileIntervalMs?: number;
  /** A new transaction not seen on the logs subscription for this long → subscriptions presumed dead. */
  idleTimeoutMs?: number;
  /** Most frequent refresh of the risk snapshot (all accounts at the oracle). */
  riskRefreshMs?: number;
  log?: (s: string) => void;
  hooks?: WriterHooks;
}

export class Indexer {
  readonly ctx: Ctx;
  readonly writer: Writer;
  private subs: Subscription[] = [];
  private vaultSub: Subscription | null = null;
  private subscribedVaults = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  /** Signatures from the logs subscription not ingested yet, with fetch attempts so far. */
  private liveSigs = new Map<string, SignatureInfo & { attempts: number }>();
  private running = false;
  private resubscribing: Promise<void> | null = null;
  /** Signatures the logs subscription delivered (the watchdog's evidence that it is alive). */
  private liveSeen = new Set<string>();
  /** Newest program signature when live ingestion (re)started: not expected from the socket. */
  private baselineSig: string | null = null;
  private suspect: { sig: string; since: number } | null = null;
  private busy = new Map<string, Promise<unknown>>();
  private dirty = true;
  readonly opts: Required<Omit<IndexerOptions, "hooks">>;

  constructor(
    db: Db,
    readonly source: Source,
    opts: IndexerOptions = {},
  ) {
    this.opts = {
      batchSize: opts.batchSize ?? 2_000,
      flushIntervalMs: opts.flushIntervalMs ?? 50,
      catchUpIntervalMs: opts.catchUpIntervalMs ?? 2_000,
      maintenanceIntervalMs: opts.maintenanceIntervalMs ?? 2_000,
      reconcileIntervalMs: opts.reconcileIntervalMs ?? 300_000,
      idleTimeoutMs: opts.idleTimeoutMs ?? 30_000,
      riskRefreshMs: opts.riskRefreshMs ?? 5_000,
      log: opts.log ?? ((s) => console.log(`[indexer] ${s}`)),
    };
    const log = this.opts.log;
    this.writer = new Writer(db, log, opts.hooks);
    const stats: IndexerStats = {
      backfills: 0,
      catchUps: 0,
      reconnects: 0,
      gapsDetected: 0,
      gapsRepaired: 0,
      reconciliations: 0,
      rowsRepaired: 0,
      audits: 0,
      snapshots: 0,
      taskErrors: 0,
      notifications: 0,
    };
    const ctx: Ctx = { db, source, writer: this.writer, stats, log, finalizedSlot: 0n } as Ctx;
    const commitmentOf = () => commitmentFor(ctx.finalizedSlot);
    ctx.accounts = new AccountPipeline(source.programId, this.writer, commitmentOf, this.opts.batchSize);
    ctx.txs = new TxPipeline(db, source, this.writer, commitmentOf);
    ctx.accounts.onBatch = async (r) => {
      this.dirty = true;
      if (
        r.exchanges.some(
          (e) => !this.subscribedVaults.has(e.vault) || !this.subscribedVaults.has(e.insuranceVault),
        )
      ) {
        for (const e of r.exchanges) {
          ctx.accounts.vaults.set(e.vault, { exchange: e.pubkey, kind: "vault" });
          ctx.accounts.vaults.set(e.insuranceVault, { exchange: e.pubkey, kind: "insurance" });
        }
        // Outside this flush: subscribing and reading the vaults re-enters the pipeline.
        setImmediate(() => void this.task("vaults", () => this.watchVaults()));
      }
    };
    this.ctx = ctx;
    source.onStatus((s) => {
      if (s === "disconnected" && this.running) {
        log("source disconnected: resubscribing, then re-snapshot and catch-up");
        void this.task("resubscribe", () => this.recover());
      }
    });
  }

  get stats(): IndexerStats {
    return this.ctx.stats;
  }

  /** Subscribe, backfill, catch up, then run live until `stop()`. */
  async start(): Promise<void> {
    this.running = true;
    this.writer.stopped = false;
    const chain = await this.resilient("checkpoint", () => getCheckpoint(this.ctx.db, "chain"));
    this.ctx.finalizedSlot = chain?.finalizedSlot ?? 0n;
    await this.resilient("subscribe", () => this.subscribe());
    await this.resilient("baseline", () => this.setBaseline());
    const b = await this.resilient("backfill", () => backfill(this.ctx));
    this.opts.log(`backfill: ${b.accounts} accounts at slot ${b.slot} in ${b.ms} ms`);
    // Fresh statistics after a bulk load, so the planner picks hash joins for the risk views.
    if (b.accounts >= 10_000) await this.resilient("analyze", () => this.ctx.db.$executeRawUnsafe("ANALYZE"));
    // Account history is continuous from this snapshot on (whatever happened while the indexer
    // was not running is known only through events): the ADL audit needs to know where that starts.
    await this.writer.run("coverage", (tx) => saveCheckpoint(tx, { name: "coverage", slot: b.slot }));
    await this.resilient("vaults", () => this.watchVaults());
    const c = await this.resilient("catch-up", () => catchUp(this.ctx));
    this.opts.log(`catch-up: ${c.ingested} transaction(s) ingested of ${c.listed} listed`);
    await this.resilient("maintenance", () => this.maintain(true));
    this.every(this.opts.flushIntervalMs, "flush", () => this.flushLive());
    this.every(this.opts.catchUpIntervalMs, "catch-up", () => catchUp(this.ctx));
    this.every(this.opts.maintenanceIntervalMs, "maintenance", () => this.maintain());
    this.every(this.opts.reconcileIntervalMs, "reconcile", () => reconcile(this.ctx));
    this.every(Math.max(100, Math.floor(this.opts.idleTimeoutMs / 3)), "watchdog", () => this.watchdog());
  }

  /** Graceful stop: timers off, subscriptions closed, everything buffered written. */
  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.closeSubs();
    await Promise.allSettled([...this.busy.values()]);
    await this.flushLive().catch(() => {});
    await this.writer.idle();
    await this.writer.close();
  }

  /**
   * Abrupt stop, as if the process were killed: timers off, subscriptions dropped, buffered work
   * abandoned, the writer refuses to commit anything further (an open transaction rolls back).
   */
  async crash(): Promise<void> {
    this.running = false;
    this.writer.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.closeSubs();
    void this.writer.close();
  }

  /** One full pass, synchronously (tests and tools): write live buffers, catch up, maintain. */
  async sync(): Promise<void> {
    // A periodic pass already running read the chain earlier: let it land first, so this pass's
    // newer reads (chain tip, finality) are the last written.
    await Promise.allSettled([...this.busy.values()]);
    await this.resilient("flush", () => this.flushLive());
    await this.resilient("catch-up", () => catchUp(this.ctx));
    await this.resilient("flush", () => this.flushLive());
    await this.resilient("maintenance", () => this.maintain(true));
  }

  /**
   * Runs a step until it gets through a lost database or node connection (the steps are
   * idempotent); other errors, or a stop, end it.
   */
  private async resilient<T>(label: string, f: () => Promise<T>): Promise<T> {
    let delay = 50;
    for (;;) {
      try {
        return await f();
      } catch (e) {
        if (this.writer.stopped || !isConnectionError(e)) throw e;
        this.opts.log(
          `${label}: connection lost (${(e as Error).message.split("\n")[0].slice(0, 100)}); retrying in ${delay} ms`,
        );
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 2_000);
      }
    }
  }

  /** Reconciliation on demand. */
  reconcile() {
    return reconcile(this.ctx);
  }

  // ---------------------------------------------------------------- live

  private async subscribe() {
    const onAccount = (u: AccountUpdate) => {
      this.ctx.stats.notifications++;
      this.ctx.accounts.push(u);
    };
    const onSig = (s: SignatureInfo) => {
      this.ctx.stats.notifications++;
      if (this.liveSeen.size > 50_000) this.liveSeen.clear();
      this.liveSeen.add(s.signature);
      this.liveSigs.set(s.signature, { ...s, attempts: 0 });
    };
    this.subs.push(await this.source.subscribeProgram(onAccount));
    this.subs.push(await this.source.subscribeLogs(onSig));
    this.subscribedVaults.clear();
    this.vaultSub = null;
  }

  private async watchVaults() {
    const keys = [...this.ctx.accounts.vaults.keys()].filter((k) => !this.subscribedVaults.has(k));
    if (keys.length === 0) return;
    const sub = await this.source.subscribeAccounts(keys, (u) => {
      this.ctx.stats.notifications++;
      this.ctx.accounts.push(u);
    });
    this.subs.push(sub);
    for (const k of keys) this.subscribedVaults.add(k);
    await refreshVaults(this.ctx);
  }

  private async closeSubs() {
    const subs = this.subs;
    this.subs = [];
    await Promise.allSettled(subs.map((s) => s.close()));
    if (this.vaultSub) await this.vaultSub.close().catch(() => {});
    this.subscribedVaults.clear();
  }

  /** Writes buffered account notifications and ingests live signatures. */
  private async flushLive() {
    await this.ctx.accounts.flush();
    if (this.liveSigs.size > 0) {
      const sigs = [...this.liveSigs.values()].sort((a, b) =>
        a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : 0,
      );
      const r = await this.ctx.txs.ingest(sigs);
      const missing = new Set(r.missing.map((m) => m.signature));
      for (const s of sigs) {
        // Ingested, or still unavailable after many tries: catch-up (which holds its checkpoint
        // at a missing transaction) and gap repair own it from here.
        if (!missing.has(s.signature) || ++s.attempts >= 20) this.liveSigs.delete(s.signature);
      }
    }
  }

  /** After a dropped subscription: resubscribe (retrying), re-snapshot, catch up. */
  private recover(): Promise<void> {
    if (!this.resubscribing) {
      this.resubscribing = (async () => {
        try {
          this.ctx.stats.reconnects++;
          await this.closeSubs();
          let delay = 100;
          for (;;) {
            if (!this.running) return;
            try {
              await this.subscribe();
              break;
            } catch (e) {
              this.opts.log(`resubscribe failed (${(e as Error).message}); retrying in ${delay} ms`);
              await new Promise((r) => setTimeout(r, delay));
              delay = Math.min(delay * 2, 5_000);
            }
          }
          await this.watchVaults();
          await this.setBaseline();
          await backfill(this.ctx);
          await catchUp(this.ctx);
        } finally {
          this.resubscribing = null;
        }
      })();
    }
    return this.resubscribing;
  }

  private async setBaseline() {
    const [newest] = await this.source.signatures({ limit: 1 });
    this.baselineSig = newest?.signature ?? null;
    this.suspect = null;
  }

  /**
   * Subscriptions can die without a word (a half-open socket). The probe: the program's newest
   * transaction should reach the logs subscription; if it has not within `idleTimeoutMs`, the
   * subscriptions are presumed dead and recovered (catch-up has been filling in meanwhile).
   */
  private async watchdog() {
    const [newest] = await this.source.signatures({ limit: 1 });
    if (!newest || newest.signature === this.baselineSig || this.liveSeen.has(newest.signature)) {
      this.suspect = null;
      return;
    }
    if (!this.suspect || this.suspect.sig !== newest.signature) {
      this.suspect = { sig: newest.signature, since: Date.now() };
      return;
    }
    if (Date.now() - this.suspect.since >= this.opts.idleTimeoutMs) {
      this.opts.log(
        `transaction ${newest.signature.slice(0, 12)}… never arrived on the logs subscription in ${this.opts.idleTimeoutMs} ms: resubscribing`,
      );
      await this.recover();
    }
  }

  private lastRisk = 0;

  private async maintain(force = false) {
    await trackFinality(this.ctx);
    await checkGaps(this.ctx);
    await runAudits(this.ctx);
    if (this.dirty && (force || Date.now() - this.lastRisk >= this.opts.riskRefreshMs)) {
      this.dirty = false;
      this.lastRisk = Date.now();
      await snapshotSolvency(this.ctx);
    }
  }

  /** Runs a periodic task unless the previous run is still going; errors are logged and counted. */
  private every(ms: number, name: string, f: () => Promise<unknown>) {
    this.timers.push(
      setInterval(() => {
        if (!this.running || this.busy.has(name)) return;
        void this.task(name, f);
      }, ms),
    );
  }

  private task(name: string, f: () => Promise<unknown>): Promise<unknown> {
    const p = f()
      .catch((e) => {
        if (!this.running) return;
        this.ctx.stats.taskErrors++;
        this.opts.log(`${name} failed: ${(e as Error).message.split("\n")[0]}`);
      })
      .finally(() => this.busy.delete(name));
    this.busy.set(name, p);
    return p;
  }
}
