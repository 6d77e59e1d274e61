/** What the ingestion steps share: the database, the chain, the writer and the two pipelines. */
import type { Db } from "../db/client";
import type { Source } from "../source/types";
import type { AccountPipeline } from "./accounts";
import type { TxPipeline } from "./transactions";
import type { Writer } from "./writer";

export interface IndexerStats {
  backfills: number;
  catchUps: number;
  reconnects: number;
  gapsDetected: number;
  gapsRepaired: number;
  reconciliations: number;
  rowsRepaired: number;
  audits: number;
  snapshots: number;
  taskErrors: number;
  notifications: number;
}

export interface Ctx {
  db: Db;
  source: Source;
  writer: Writer;
  accounts: AccountPipeline;
  txs: TxPipeline;
  stats: IndexerStats;
  log: (s: string) => void;
  /** Finalized tip as last seen. */
  finalizedSlot: bigint;
}

export const commitmentFor =
  (finalizedSlot: bigint) =>
  (slot: bigint): "confirmed" | "finalized" =>
    slot <= finalizedSlot ? "finalized" : "confirmed";
