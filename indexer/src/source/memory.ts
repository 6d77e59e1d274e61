/**
 * A `Source` over an in-memory chain: a stream of account writes and transactions fed by the
 * caller — from LiteSVM running the real program (tests), from a recording (replays, bench).
 * It behaves like an RPC node: snapshots carry a slot, notifications arrive asynchronously, and
 * `disconnect()` drops every subscription and loses the notifications sent while down, the way a
 * websocket does.
 */
import type {
  AccountUpdate,
  CommitmentLevel,
  RawAccount,
  RawTransaction,
  SignatureInfo,
  Source,
  SourceStatus,
  Subscription,
} from "./types";

interface Stored {
  owner: string;
  data: Buffer;
  slot: bigint;
}

export class MemorySource implements Source {
  private readonly state = new Map<string, Stored>();
  private readonly txs: RawTransaction[] = [];
  private readonly txBySig = new Map<string, RawTransaction>();
  private readonly programSubs = new Set<(u: AccountUpdate) => void>();
  private readonly accountSubs = new Map<string, Set<(u: AccountUpdate) => void>>();
  private readonly logSubs = new Set<(s: SignatureInfo) => void>();
  private readonly statusCbs: ((s: SourceStatus) => void)[] = [];
  private currentSlot = 0n;
  /** Finalized tip = confirmed tip − this many slots (like a real cluster's ~32-slot lag). */
  finalityLag = 32n;
  /** Number of RPC-style calls served (for tests that count work). */
  calls = 0;
  /** While false, calls fail like an unreachable node. */
  reachable = true;
  /** Transactions whose `transaction()` fetch returns null (node lagging), to exercise retries. */
  readonly unavailable = new Set<string>();
  /** Transactions left out of `signatures()` listings (a node whose address index lags or has a hole). */
  readonly hiddenFromListing = new Set<string>();
  /** Transactions whose log notification is never sent. */
  readonly dropLogs = new Set<string>();
  /** Number of upcoming account notifications to lose (a flaky socket). */
  dropAccountNotifications = 0;
  /** The next N transactions are lost by this node: no log notification, left out of listings. */
  loseNextTransactions = 0;
  /** Every account write in order (a recording of the stream, for replays). */
  readonly writes: AccountUpdate[] = [];

  constructor(readonly programId: string) {}

  // ---------------------------------------------------------------- feeding

  get slotNow(): bigint {
    return this.currentSlot;
  }

  setSlot(slot: bigint) {
    if (slot > this.currentSlot) this.currentSlot = slot;
  }

  /** Applies one account write and notifies subscribers. */
  writeAccount(pubkey: string, owner: string, data: Buffer, slot = this.currentSlot) {
    this.setSlot(slot);
    this.state.set(pubkey, { owner, data: Buffer.from(data), slot });
    const u: AccountUpdate = { pubkey, owner, data: Buffer.from(data), slot };
    this.writes.push(u);
    if (this.dropAccountNotifications > 0 && (owner === this.programId || this.accountSubs.has(pubkey))) {
      this.dropAccountNotifications--;
      return;
    }
    if (owner === this.programId) for (const cb of this.programSubs) deliver(() => cb(u));
    for (const cb of this.accountSubs.get(pubkey) ?? []) deliver(() => cb(u));
  }

  /** Records a transaction (after its account writes were applied) and notifies log subscribers. */
  addTransaction(tx: RawTransaction) {
    this.setSlot(tx.slot);
    if (this.loseNextTransactions > 0) {
      this.loseNextTransactions--;
      this.dropLogs.add(tx.signature);
      this.hiddenFromListing.add(tx.signature);
    }
    this.txs.push(tx);
    this.txBySig.set(tx.signature, tx);
    const info: SignatureInfo = { signature: tx.signature, slot: tx.slot, failed: tx.failed };
    if (this.dropLogs.has(tx.signature)) return;
    for (const cb of this.logSubs) deliver(() => cb(info));
  }

  /**
   * Drops every subscription, as a websocket disconnect does; notifications are lost until
   * resubscribed. `silent`: no status callback either (a half-open socket that just goes quiet).
   */
  disconnect(opts: { silent?: boolean } = {}) {
    this.programSubs.clear();
    this.accountSubs.clear();
    this.logSubs.clear();
    if (!opts.silent) for (const cb of this.statusCbs) deliver(() => cb("disconnected"));
  }

  get transactions(): readonly RawTransaction[] {
    return this.txs;
  }

  get subscriberCount(): number {
    let n = this.programSubs.size + this.logSubs.size;
    for (const s of this.accountSubs.values()) n += s.size;
    return n;
  }

  // ---------------------------------------------------------------- Source

  private async call() {
    this.calls++;
    await new Promise((r) => setImmediate(r));
    if (!this.reachable) throw new Error("connect ECONNREFUSED (memory source unreachable)");
  }

  async slot(commitment: CommitmentLevel): Promise<bigint> {
    await this.call();
    if (commitment === "confirmed") return this.currentSlot;
    return this.currentSlot > this.finalityLag ? this.currentSlot - this.finalityLag : 0n;
  }

  async programAccounts(discriminator?: Buffer): Promise<{ slot: bigint; accounts: RawAccount[] }> {
    await this.call();
    const accounts: RawAccount[] = [];
    for (const [pubkey, s] of this.state) {
      if (s.owner !== this.programId) continue;
      if (discriminator && !s.data.subarray(0, discriminator.length).equals(discriminator)) continue;
      accounts.push({ pubkey, owner: s.owner, data: Buffer.from(s.data) });
    }
    return { slot: this.currentSlot, accounts };
  }

  async accounts(keys: string[]): Promise<{ slot: bigint; accounts: (RawAccount | null)[] }> {
    await this.call();
    return {
      slot: this.currentSlot,
      accounts: keys.map((k) => {
        const s = this.state.get(k);
        return s ? { pubkey: k, owner: s.owner, data: Buffer.from(s.data) } : null;
      }),
    };
  }

  async signatures(opts: { before?: string; until?: string; limit: number }): Promise<SignatureInfo[]> {
    await this.call();
    const out: SignatureInfo[] = [];
    let i = this.txs.length - 1;
    if (opts.before) {
      const b = this.txs.findIndex((t) => t.signature === opts.before);
      if (b < 0) return [];
      i = b - 1;
    }
    for (; i >= 0 && out.length < opts.limit; i--) {
      const t = this.txs[i];
      if (t.signature === opts.until) break;
      if (this.hiddenFromListing.has(t.signature)) continue;
      out.push({ signature: t.signature, slot: t.slot, failed: t.failed });
    }
    return out;
  }

  async transaction(signature: string): Promise<RawTransaction | null> {
    await this.call();
    if (this.unavailable.has(signature)) return null;
    return this.txBySig.get(signature) ?? null;
  }

  async subscribeProgram(onUpdate: (u: AccountUpdate) => void): Promise<Subscription> {
    await this.call();
    this.programSubs.add(onUpdate);
    return { close: async () => void this.programSubs.delete(onUpdate) };
  }

  async subscribeAccounts(keys: string[], onUpdate: (u: AccountUpdate) => void): Promise<Subscription> {
    await this.call();
    for (const k of keys) {
      if (!this.accountSubs.has(k)) this.accountSubs.set(k, new Set());
      this.accountSubs.get(k)!.add(onUpdate);
    }
    return {
      close: async () => {
        for (const k of keys) this.accountSubs.get(k)?.delete(onUpdate);
      },
    };
  }

  async subscribeLogs(onTx: (s: SignatureInfo) => void): Promise<Subscription> {
    await this.call();
    this.logSubs.add(onTx);
    return { close: async () => void this.logSubs.delete(onTx) };
  }

  onStatus(cb: (s: SourceStatus) => void) {
    this.statusCbs.push(cb);
  }

  async close() {
    this.programSubs.clear();
    this.accountSubs.clear();
    this.logSubs.clear();
  }
}

/** Notifications arrive on a later tick, as from a socket. */
const deliver = (f: () => void) => setImmediate(f);
