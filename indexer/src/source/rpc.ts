/**
 * `Source` over JSON-RPC + websockets (`@solana/web3.js` Connection): a local validator, devnet,
 * mainnet. Reads are at `confirmed`; snapshots use `withContext` so every account carries the
 * slot it was read at. web3.js reconnects its socket and re-sends subscriptions by itself, but
 * whatever was notified while it was down is gone: a socket close is reported as `disconnected`
 * so the indexer re-snapshots and catches up.
 */
import { utils } from "@coral-xyz/anchor";
import { type Commitment, Connection, PublicKey, type VersionedTransactionResponse } from "@solana/web3.js";
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

export class RpcSource implements Source {
  readonly programId: string;
  private readonly program: PublicKey;
  private readonly statusCbs: ((s: SourceStatus) => void)[] = [];
  private readonly commitment: Commitment = "confirmed";

  constructor(
    readonly connection: Connection,
    programId: PublicKey,
  ) {
    this.program = programId;
    this.programId = programId.toBase58();
    const ws = (
      connection as unknown as { _rpcWebSocket?: { on(ev: string, f: (...a: unknown[]) => void): void } }
    )._rpcWebSocket;
    ws?.on("close", (code: unknown) => {
      if (code !== 1000) for (const cb of this.statusCbs) cb("disconnected");
    });
    ws?.on("open", () => {
      for (const cb of this.statusCbs) cb("connected");
    });
  }

  static fromUrls(rpcUrl: string, wsUrl: string | undefined, programId: PublicKey): RpcSource {
    return new RpcSource(
      new Connection(rpcUrl, { commitment: "confirmed", wsEndpoint: wsUrl, disableRetryOnRateLimit: false }),
      programId,
    );
  }

  async slot(commitment: CommitmentLevel): Promise<bigint> {
    return BigInt(await this.connection.getSlot(commitment));
  }

  async programAccounts(discriminator?: Buffer): Promise<{ slot: bigint; accounts: RawAccount[] }> {
    const res = await this.connection.getProgramAccounts(this.program, {
      commitment: this.commitment,
      withContext: true,
      filters: discriminator
        ? [{ memcmp: { offset: 0, bytes: utils.bytes.bs58.encode(discriminator) } }]
        : [],
    });
    return {
      slot: BigInt(res.context.slot),
      accounts: res.value.map((a) => ({
        pubkey: a.pubkey.toBase58(),
        owner: a.account.owner.toBase58(),
        data: Buffer.from(a.account.data),
      })),
    };
  }

  async accounts(keys: string[]): Promise<{ slot: bigint; accounts: (RawAccount | null)[] }> {
    const out: (RawAccount | null)[] = [];
    let slot: bigint | null = null;
    for (let i = 0; i < keys.length; i += 100) {
      const part = keys.slice(i, i + 100);
      const r = await this.connection.getMultipleAccountsInfoAndContext(
        part.map((k) => new PublicKey(k)),
        this.commitment,
      );
      // Several reads: report the oldest slot, so a slot guard can only ever reject this data.
      const s = BigInt(r.context.slot);
      if (slot === null || s < slot) slot = s;
      for (const [j, a] of r.value.entries())
        out.push(a ? { pubkey: part[j], owner: a.owner.toBase58(), data: Buffer.from(a.data) } : null);
    }
    return { slot: slot ?? (await this.slot("confirmed")), accounts: out };
  }

  async signatures(opts: { before?: string; until?: string; limit: number }): Promise<SignatureInfo[]> {
    const r = await this.connection.getSignaturesForAddress(
      this.program,
      { before: opts.before, until: opts.until, limit: opts.limit },
      "confirmed",
    );
    return r.map((s) => ({ signature: s.signature, slot: BigInt(s.slot), failed: s.err !== null }));
  }

  async transaction(signature: string): Promise<RawTransaction | null> {
    const t: VersionedTransactionResponse | null = await this.connection.getTransaction(signature, {
      commitment: "confirmed",
      maxSupportedTransactionVersion: 0,
    });
    if (!t?.meta) return null;
    const msg = t.transaction.message;
    const loaded = t.meta.loadedAddresses;
    const accountKeys = [
      ...msg.staticAccountKeys.map((k) => k.toBase58()),
      ...(loaded?.writable ?? []).map((k) => k.toBase58()),
      ...(loaded?.readonly ?? []).map((k) => k.toBase58()),
    ];
    return {
      signature,
      slot: BigInt(t.slot),
      blockTime: t.blockTime === null || t.blockTime === undefined ? null : BigInt(t.blockTime),
      failed: t.meta.err !== null,
      accountKeys,
      instructions: msg.compiledInstructions.map((i) => ({
        programIdIndex: i.programIdIndex,
        accounts: i.accountKeyIndexes,
        data: utils.bytes.bs58.encode(Buffer.from(i.data)),
      })),
      innerInstructions: (t.meta.innerInstructions ?? []).map((g) => ({
        index: g.index,
        instructions: g.instructions.map((ix) => ({
          programIdIndex: ix.programIdIndex,
          accounts: ix.accounts,
          data: ix.data,
        })),
      })),
    };
  }

  async subscribeProgram(onUpdate: (u: AccountUpdate) => void): Promise<Subscription> {
    const id = this.connection.onProgramAccountChange(
      this.program,
      (info, ctx) =>
        onUpdate({
          pubkey: info.accountId.toBase58(),
          owner: info.accountInfo.owner.toBase58(),
          data: Buffer.from(info.accountInfo.data),
          slot: BigInt(ctx.slot),
        }),
      { commitment: this.commitment },
    );
    return { close: () => this.connection.removeProgramAccountChangeListener(id) };
  }

  async subscribeAccounts(keys: string[], onUpdate: (u: AccountUpdate) => void): Promise<Subscription> {
    const ids = keys.map((k) =>
      this.connection.onAccountChange(
        new PublicKey(k),
        (info, ctx) =>
          onUpdate({
            pubkey: k,
            owner: info.owner.toBase58(),
            data: Buffer.from(info.data),
            slot: BigInt(ctx.slot),
          }),
        { commitment: this.commitment },
      ),
    );
    return {
      close: async () =>
        void (await Promise.all(ids.map((id) => this.connection.removeAccountChangeListener(id)))),
    };
  }

  async subscribeLogs(onTx: (s: SignatureInfo) => void): Promise<Subscription> {
    const id = this.connection.onLogs(
      this.program,
      (logs, ctx) => onTx({ signature: logs.signature, slot: BigInt(ctx.slot), failed: logs.err !== null }),
      this.commitment,
    );
    return { close: () => this.connection.removeOnLogsListener(id) };
  }

  onStatus(cb: (s: SourceStatus) => void) {
    this.statusCbs.push(cb);
  }

  async close() {
    const ws = (this.connection as unknown as { _rpcWebSocket?: { close(): void } })._rpcWebSocket;
    try {
      ws?.close();
    } catch {
      /* already closed */
    }
  }
}
