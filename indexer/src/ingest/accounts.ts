/**
 * Account pipeline: account writes (backfill snapshots, subscription notifications,
 * reconciliation reads) are buffered, decoded and written in batches through the writer. Each
 * batch is one transaction of slot-guarded upserts, so the same write applied twice, or an older
 * write arriving after a newer one, changes nothing.
 */
import { isConnectionError, type Tx } from "../db/client";
import {
  type AccountRow,
  dataHash,
  decodeProgramAccount,
  decodeTokenVault,
  type IngestionErrorInput,
} from "../decode/accounts";
import { latestPer } from "../queries/dedupe";
import { logIngestionErrors } from "../queries/logIngestionErrors";
import { upsertBackstopRegistries } from "../queries/upsertBackstopRegistries";
import { upsertExchanges } from "../queries/upsertExchanges";
import { upsertMarginAccounts } from "../queries/upsertMarginAccounts";
import { upsertMarkets } from "../queries/upsertMarkets";
import { upsertOrderBooks } from "../queries/upsertOrderBooks";
import { upsertPriceFeeds } from "../queries/upsertPriceFeeds";
import { upsertTokenVaults } from "../queries/upsertTokenVaults";
import type { AccountUpdate } from "../source/types";
import type { Writer } from "./writer";

export interface VaultRef {
  exchange: string;
  kind: "vault" | "insurance";
}

export interface BatchResult {
  written: number;
  errors: number;
  /** Exchanges seen in the batch (their vaults must be tracked). */
  exchanges: { pubkey: string; vault: string; insuranceVault: string }[];
  maxSlot: bigint;
  keysWritten: string[];
}

type ByKind = { [K in AccountRow["kind"]]: Extract<AccountRow, { kind: K }>[] };

export class AccountPipeline {
  private buf: AccountUpdate[] = [];
  private flushing: Promise<void> | null = null;
  /** (key, bytes) pairs already logged as malformed: a re-read of the same bad bytes is not a new error. */
  private readonly logged = new Set<string>();
  /** Token accounts to decode as vaults, by key. */
  readonly vaults = new Map<string, VaultRef>();
  highWaterSlot = 0n;
  written = 0;
  errors = 0;
  onBatch: (r: BatchResult) => Promise<void> | void = () => {};

  constructor(
    private readonly programId: string,
    private readonly writer: Writer,
    private readonly commitmentOf: () => (slot: bigint) => "confirmed" | "finalized",
    readonly batchSize = 2_000,
  ) {}

  get pending(): number {
    return this.buf.length;
  }

  push(u: AccountUpdate) {
    this.buf.push(u);
  }

  /** Writes everything buffered, batch by batch. Concurrent callers share one run. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.buf.length === 0) return Promise.resolve();
    const run: Promise<void> = this.drain().finally(() => {
      if (this.flushing === run) this.flushing = null;
    });
    this.flushing = run;
    return run;
  }

  private async drain() {
    while (this.buf.length > 0) {
      const batch = this.buf.splice(0, this.batchSize);
      try {
        await this.writeBatch(batch);
      } catch (e) {
        // Back in front: nothing leaves the buffer until it is committed.
        this.buf.unshift(...batch);
        throw e;
      }
    }
  }

  private decode(batch: AccountUpdate[]): {
    rows: AccountRow[];
    errors: IngestionErrorInput[];
    ids: string[];
  } {
    const rows: AccountRow[] = [];
    const errors: IngestionErrorInput[] = [];
    const ids: string[] = [];
    for (const u of batch) {
      const v = this.vaults.get(u.pubkey);
      const d = v ? decodeTokenVault(u, v.exchange, v.kind) : decodeProgramAccount(u, this.programId);
      if (d.ok) rows.push(d.row);
      else {
        const id = `${u.pubkey}:${dataHash(u.data).toString("hex")}`;
        if (this.logged.has(id) || ids.includes(id)) continue;
        ids.push(id);
        errors.push(d.error);
      }
    }
    return { rows, errors, ids };
  }

  private async writeBatch(batch: AccountUpdate[]) {
    const { rows, errors, ids } = this.decode(batch);
    let result: BatchResult;
    try {
      result = await this.writer.run(`accounts×${batch.length}`, (tx) =>
        writeRows(tx, rows, errors, this.commitmentOf()),
      );
    } catch (e) {
      // Lost connection with the writer stopped (shutdown): not the rows' fault.
      if (this.writer.stopped || isConnectionError(e)) throw e;
      if (rows.length <= 1) {
        // A row the database itself rejects: logged with its bytes, counted, skipped.
        const u = batch[0];
        await this.writer.run("ingestion-error", (tx) =>
          logIngestionErrors(tx, [
            ...errors,
            ...(u
              ? [
                  {
                    kind: "account_write",
                    subject: u.pubkey,
                    slot: u.slot,
                    message: (e as Error).message.slice(0, 500),
                    raw: u.data,
                  },
                ]
              : []),
          ]),
        );
        this.errors += errors.length + (u ? 1 : 0);
        return;
      }
      // Isolate the bad row: halve until it is alone.
      const mid = Math.ceil(batch.length / 2);
      await this.writeBatch(batch.slice(0, mid));
      await this.writeBatch(batch.slice(mid));
      return;
    }
    if (this.logged.size > 100_000) this.logged.clear();
    for (const id of ids) this.logged.add(id);
    this.written += result.written;
    this.errors += result.errors;
    if (result.maxSlot > this.highWaterSlot) this.highWaterSlot = result.maxSlot;
    await this.onBatch(result);
  }
}

async function writeRows(
  tx: Tx,
  rows: AccountRow[],
  errors: IngestionErrorInput[],
  commitmentOf: (slot: bigint) => "confirmed" | "finalized",
): Promise<BatchResult> {
  const by: ByKind = {
    Exchange: [],
    Market: [],
    OrderBook: [],
    MarginAccount: [],
    PriceFeed: [],
    BackstopRegistry: [],
    TokenVault: [],
  };
  for (const r of rows) (by[r.kind] as AccountRow[]).push(r);
  const latest = <R extends AccountRow>(xs: R[]) => latestPer(xs, (r) => r.pubkey);
  const keys: string[] = [];
  keys.push(...(await upsertExchanges(tx, latest(by.Exchange), commitmentOf)));
  keys.push(...(await upsertTokenVaults(tx, latest(by.TokenVault), commitmentOf)));
  keys.push(...(await upsertMarkets(tx, latest(by.Market), commitmentOf)));
  keys.push(...(await upsertPriceFeeds(tx, latest(by.PriceFeed), commitmentOf)));
  keys.push(...(await upsertOrderBooks(tx, latest(by.OrderBook), commitmentOf)));
  keys.push(...(await upsertMarginAccounts(tx, by.MarginAccount, commitmentOf)));
  keys.push(...(await upsertBackstopRegistries(tx, latest(by.BackstopRegistry), commitmentOf)));
  await logIngestionErrors(tx, errors);
  let maxSlot = 0n;
  for (const r of rows) if (r.slot > maxSlot) maxSlot = r.slot;
  return {
    written: keys.length,
    errors: errors.length,
    exchanges: by.Exchange.map((r) => ({
      pubkey: r.pubkey,
      vault: r.state.vault.toBase58(),
      insuranceVault: r.state.insuranceVault.toBase58(),
    })),
    maxSlot,
    keysWritten: keys,
  };
}
