/**
 * Where the indexer reads the chain from. Everything the indexer needs is here and nothing more,
 * so the same ingestion runs against a JSON-RPC/websocket validator (`RpcSource`), a recorded or
 * LiteSVM-fed stream (`MemorySource`), or later a Geyser stream, without changing the schema.
 *
 * Contract: reads are at `confirmed` unless stated; `programAccounts` and `accounts` return the
 * slot the snapshot was taken at; subscriptions are best-effort accelerators (they may drop),
 * so the indexer never relies on them for completeness — signatures + event `seq` are the truth.
 */
import type { RpcInnerInstructions } from "@perp-margin/client";

export type CommitmentLevel = "confirmed" | "finalized";

export interface RawAccount {
  pubkey: string;
  owner: string;
  data: Buffer;
}

/** An account write observed at `slot`. */
export interface AccountUpdate extends RawAccount {
  slot: bigint;
}

export interface SignatureInfo {
  signature: string;
  slot: bigint;
  failed: boolean;
}

/** A compiled (outer) instruction: indexes into `accountKeys`, data base58. */
export interface RawInstruction {
  programIdIndex: number;
  accounts: number[];
  data: string;
}

/** A transaction as JSON-RPC `getTransaction` (json encoding) describes it. */
export interface RawTransaction {
  signature: string;
  slot: bigint;
  blockTime: bigint | null;
  failed: boolean;
  /** Static keys, then loaded writable, then loaded readonly addresses. */
  accountKeys: string[];
  instructions: RawInstruction[];
  innerInstructions: RpcInnerInstructions[];
}

export interface Subscription {
  close(): Promise<void>;
}

export type SourceStatus = "connected" | "disconnected";

export interface Source {
  readonly programId: string;
  /** Current slot at a commitment. */
  slot(commitment: CommitmentLevel): Promise<bigint>;
  /** Every account owned by the program whose data starts with `discriminator` (all if omitted). */
  programAccounts(discriminator?: Buffer): Promise<{ slot: bigint; accounts: RawAccount[] }>;
  /** Accounts by key (null where missing), read at one slot. */
  accounts(keys: string[]): Promise<{ slot: bigint; accounts: (RawAccount | null)[] }>;
  /** Signatures of transactions that touched the program, newest first; `before`/`until` exclusive. */
  signatures(opts: { before?: string; until?: string; limit: number }): Promise<SignatureInfo[]>;
  /** A transaction with its inner instructions (null if the node does not have it yet). */
  transaction(signature: string): Promise<RawTransaction | null>;
  /** Writes to program-owned accounts. */
  subscribeProgram(onUpdate: (u: AccountUpdate) => void): Promise<Subscription>;
  /** Writes to specific accounts (the token vaults). */
  subscribeAccounts(keys: string[], onUpdate: (u: AccountUpdate) => void): Promise<Subscription>;
  /** Transactions mentioning the program (signature only; events are fetched with `transaction`). */
  subscribeLogs(onTx: (s: SignatureInfo) => void): Promise<Subscription>;
  /** Connection state changes of the streaming side (a drop means notifications were lost). */
  onStatus(cb: (s: SourceStatus) => void): void;
  close(): Promise<void>;
}
