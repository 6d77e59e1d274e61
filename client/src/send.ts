/**
 * Sending one transaction over JSON-RPC and reading back what happened — the single path behind
 * `RpcChain.send` (keypair signers: CLI, keeper, demo, tests) and the trading page (a wallet).
 * Transactions are shaped as on mainnet:
 *
 *   - **v0 messages**, with an **address lookup table** when the transaction needs many accounts
 *     (it would not fit in 1,232 bytes otherwise, or it has at least `lookupTableMinAccounts`
 *     non-signer accounts when that is set): `LookupTables` keeps one table per fee payer, extended as new accounts appear and
 *     used once it is active (the slot after its last extension);
 *   - a **compute-unit limit from simulation** (units consumed × 1.2 + 10,000, at most 1.4M) unless
 *     the caller fixes one, and a **priority fee** (`setComputeUnitPrice`, micro-lamports per CU)
 *     when configured;
 *   - simulate → the signer signs and submits → confirm at `commitment` (web3.js
 *     `confirmTransaction`: signature subscription, until the blockhash's last valid block height)
 *     → fetch the transaction and decode its events, or map the program error from the logs (or the
 *     error value). A failing simulation returns its program error without sending.
 *
 * An expired blockhash (before submission or before confirmation) is retried with a fresh one, up
 * to `attempts` times.
 */
import {
  type AddressLookupTableAccount,
  AddressLookupTableProgram,
  type Commitment,
  ComputeBudgetProgram,
  type Connection,
  type Keypair,
  PublicKey,
  SendTransactionError,
  type TransactionInstruction,
  TransactionMessage,
  VersionedTransaction,
} from "@solana/web3.js";
import { type ProgramErrorInfo, errorFromLogs, errorFromText } from "./errors";
import { type RpcInnerInstructions, eventsFromRpcTransaction } from "./events";
import type { PerpEvent } from "./idl-types";

export interface SendResult {
  ok: boolean;
  /** Set once the transaction was submitted. */
  signature?: string;
  /** Compute units consumed (when the chain reports it). */
  cu: number;
  logs: string[];
  events: PerpEvent[];
  error?: ProgramErrorInfo;
  rawError?: string;
  /** The compute-unit limit the transaction was sent with. */
  cuLimit?: number;
  /** Lookup tables the message used (empty: all accounts static). */
  lookupTables?: PublicKey[];
}

/** Who pays for and signs a transaction: keypairs, or a wallet. */
export interface TxSigner {
  readonly feePayer: PublicKey;
  /** Signs `tx` (a v0 message, blockhash and fee payer set) and submits it; returns its signature. */
  signAndSubmit(tx: VersionedTransaction, connection: Connection, commitment: Commitment): Promise<string>;
}

/** Keypair signers; the first pays the fee. */
export const keypairSigner = (signers: Keypair[]): TxSigner => ({
  feePayer: signers[0].publicKey,
  signAndSubmit: (tx, connection, commitment) => {
    const keys = tx.message.staticAccountKeys.slice(0, tx.message.header.numRequiredSignatures);
    tx.sign(signers.filter((s) => keys.some((k) => k.equals(s.publicKey))));
    return connection.sendRawTransaction(tx.serialize(), { preflightCommitment: commitment });
  },
});

/** How transactions are shaped (CLI `--priority-fee`, keeper and page configuration). */
export interface TxOptions {
  /** Priority fee, micro-lamports per compute unit (0 or unset: no `setComputeUnitPrice`). */
  priorityFeeMicroLamports?: number;
  /** Lookup tables to use and extend; `false`: never use one (a too-large transaction then fails). */
  lookupTables?: LookupTables | false;
  /** Also use a lookup table from this many distinct non-signer accounts on (default: only when too large). */
  lookupTableMinAccounts?: number;
}

export interface SendOptions extends TxOptions {
  programId: PublicKey;
  commitment?: Commitment;
  /** A fixed compute-unit limit; unset: from simulation (`cuLimitFromSimulation`). */
  cuLimit?: number;
  /** Sends with a fresh blockhash after an expiry, at most this many times in all. */
  attempts?: number;
}

/** Most compute units a transaction may request. */
export const MAX_CU_LIMIT = 1_400_000;
/** Largest serialized transaction. */
export const PACKET_DATA_SIZE = 1232;
/**
 * By default a lookup table is used only when a transaction would not fit without one. The
 * indexer's RPC suite showed unrepaired event gaps when the keeper's many-account transactions
 * went through tables at a 32-account threshold (not yet understood), so tables stay for the
 * transactions that need them until that is resolved; `lookupTableMinAccounts` opts in earlier.
 */
const DEFAULT_LOOKUP_MIN_ACCOUNTS = Number.POSITIVE_INFINITY;

/** The limit for a transaction that consumed `units` in simulation: × 1.2 + 10,000, at most 1.4M. */
export const cuLimitFromSimulation = (units: number): number =>
  Math.min(MAX_CU_LIMIT, Math.ceil(units * 1.2) + 10_000);

/** The compute-budget instructions of a transaction (limit, and the price when a fee is set). */
export function computeBudgetIxs(cuLimit: number, priorityFeeMicroLamports = 0): TransactionInstruction[] {
  const ixs = [ComputeBudgetProgram.setComputeUnitLimit({ units: cuLimit })];
  if (priorityFeeMicroLamports > 0)
    ixs.push(ComputeBudgetProgram.setComputeUnitPrice({ microLamports: priorityFeeMicroLamports }));
  return ixs;
}

/** Distinct accounts of `ixs` a lookup table may hold: neither signers nor invoked programs. */
export function lookupCandidates(ixs: TransactionInstruction[], payer: PublicKey): PublicKey[] {
  const excluded = new Set([payer.toBase58(), ...ixs.map((ix) => ix.programId.toBase58())]);
  for (const ix of ixs) for (const k of ix.keys) if (k.isSigner) excluded.add(k.pubkey.toBase58());
  const out = new Map<string, PublicKey>();
  for (const ix of ixs)
    for (const k of ix.keys) {
      const s = k.pubkey.toBase58();
      if (!excluded.has(s)) out.set(s, k.pubkey);
    }
  return [...out.values()];
}

/** Serialized size of `ixs` as one v0 transaction without lookup tables (Infinity if it cannot encode). */
export function v0Size(ixs: TransactionInstruction[], payer: PublicKey): number {
  try {
    const msg = new TransactionMessage({
      payerKey: payer,
      recentBlockhash: PublicKey.default.toBase58(),
      instructions: ixs,
    }).compileToV0Message();
    const sigs = msg.header.numRequiredSignatures;
    return msg.serialize().length + 1 + 64 * sigs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Whether `ixs` (with their compute-budget instructions) should use a lookup table. */
export function needsLookupTable(
  ixs: TransactionInstruction[],
  payer: PublicKey,
  minAccounts: number,
): boolean {
  return lookupCandidates(ixs, payer).length >= minAccounts || v0Size(ixs, payer) > PACKET_DATA_SIZE;
}

/**
 * Address lookup tables owned by fee payers, created and extended on demand: one table per
 * payer, grown (in chunks of 20 addresses) with the accounts a transaction needs, and used once
 * active. Keep one instance for a session (a keeper's run, a CLI command, the page).
 */
export class LookupTables {
  private readonly tables = new Map<string, { key: PublicKey; addresses: Set<string> }>();

  /** The payer's table holding all of `addresses`, creating or extending it first. */
  async tableFor(
    connection: Connection,
    signer: TxSigner,
    addresses: PublicKey[],
    commitment: Commitment,
  ): Promise<AddressLookupTableAccount> {
    const payer = signer.feePayer;
    let t = this.tables.get(payer.toBase58());
    const pre: TransactionInstruction[] = [];
    if (!t) {
      const recentSlot = await connection.getSlot("finalized");
      const [ix, key] = AddressLookupTableProgram.createLookupTable({ authority: payer, payer, recentSlot });
      pre.push(ix);
      t = { key, addresses: new Set() };
    }
    const state = t;
    const missing = addresses.filter((a) => !state.addresses.has(a.toBase58()));
    if (state.addresses.size + missing.length > 256) throw new Error("lookup table full (256 addresses)");
    let lastSlot = 0;
    for (let i = 0; i < missing.length || pre.length > 0; i += 20) {
      const chunk = missing.slice(i, i + 20);
      const ixs = [...pre.splice(0)];
      if (chunk.length > 0)
        ixs.push(
          AddressLookupTableProgram.extendLookupTable({
            lookupTable: state.key,
            authority: payer,
            payer,
            addresses: chunk,
          }),
        );
      lastSlot = await sendPlain(connection, ixs, signer, commitment);
      for (const a of chunk) state.addresses.add(a.toBase58());
      this.tables.set(payer.toBase58(), state);
    }
    // A table's new addresses can be used from the slot after the one that added them.
    if (lastSlot > 0) while ((await connection.getSlot(commitment)) <= lastSlot) await sleep(100);
    const account = (await connection.getAddressLookupTable(state.key, { commitment })).value;
    if (!account) throw new Error(`lookup table ${state.key.toBase58()} not found`);
    return account;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends `ixs` (no lookup tables, fixed small limit) and waits; returns the slot it landed in. */
async function sendPlain(
  connection: Connection,
  ixs: TransactionInstruction[],
  signer: TxSigner,
  commitment: Commitment,
): Promise<number> {
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash(commitment);
  const msg = new TransactionMessage({
    payerKey: signer.feePayer,
    recentBlockhash: blockhash,
    instructions: [...computeBudgetIxs(50_000), ...ixs],
  }).compileToV0Message();
  const signature = await signer.signAndSubmit(new VersionedTransaction(msg), connection, commitment);
  const conf = await connection.confirmTransaction(
    { signature, blockhash, lastValidBlockHeight },
    commitment,
  );
  if (conf.value.err) throw new Error(`lookup table transaction failed: ${JSON.stringify(conf.value.err)}`);
  return conf.context.slot;
}

/** The text of a thrown error, with the wrapped cause wallet adapters carry in `.error`. */
function errorText(e: unknown): string {
  const message = String((e as Error).message ?? e);
  const inner = (e as { error?: Error }).error?.message;
  return inner ? `${message} ${inner}` : message;
}

/** Sends `ixs` as one transaction signed by `signer` and waits for `commitment`. */
export async function sendAndConfirm(
  connection: Connection,
  ixs: TransactionInstruction[],
  signer: TxSigner,
  opts: SendOptions,
): Promise<SendResult> {
  const commitment = opts.commitment ?? "confirmed";
  const attempts = opts.attempts ?? 3;
  const fee = opts.priorityFeeMicroLamports ?? 0;
  const payer = signer.feePayer;
  const minAccounts = opts.lookupTableMinAccounts ?? DEFAULT_LOOKUP_MIN_ACCOUNTS;
  const withBudget = (limit: number) => [...computeBudgetIxs(limit, fee), ...ixs];
  let tables: AddressLookupTableAccount[] = [];
  if (opts.lookupTables && needsLookupTable(withBudget(MAX_CU_LIMIT), payer, minAccounts))
    tables = [await opts.lookupTables.tableFor(connection, signer, lookupCandidates(ixs, payer), commitment)];
  const lookupTables = tables.map((t) => t.key);
  const message = (limit: number, recentBlockhash: string) =>
    new TransactionMessage({
      payerKey: payer,
      recentBlockhash,
      instructions: withBudget(limit),
    }).compileToV0Message(tables);

  let last: SendResult = { ok: false, cu: 0, logs: [], events: [], rawError: "not sent" };
  for (let attempt = 0; attempt < attempts; attempt++) {
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash(commitment);
    let cuLimit = opts.cuLimit;
    if (cuLimit === undefined) {
      const sim = await connection.simulateTransaction(
        new VersionedTransaction(message(MAX_CU_LIMIT, blockhash)),
        {
          sigVerify: false,
          replaceRecentBlockhash: true,
          commitment,
        },
      );
      const logs = sim.value.logs ?? [];
      if (sim.value.err) {
        const rawError = JSON.stringify(sim.value.err);
        const error = errorFromLogs(logs) ?? errorFromText(rawError);
        return {
          ok: false,
          cu: sim.value.unitsConsumed ?? cuFromLogs(logs),
          logs,
          events: [],
          error,
          rawError,
        };
      }
      cuLimit = cuLimitFromSimulation(sim.value.unitsConsumed ?? MAX_CU_LIMIT);
    }
    const tx = new VersionedTransaction(message(cuLimit, blockhash));
    let signature: string;
    try {
      signature = await signer.signAndSubmit(tx, connection, commitment);
    } catch (e) {
      const logs =
        e instanceof SendTransactionError
          ? ((await e.getLogs(connection).catch(() => null)) ?? e.logs ?? [])
          : [];
      const rawError = errorText(e);
      const error = errorFromLogs(logs) ?? errorFromText(rawError);
      last = { ok: false, cu: cuFromLogs(logs), logs, events: [], error, rawError, cuLimit, lookupTables };
      if (error || !/blockhash|expired/i.test(rawError)) return last;
      continue;
    }
    let confErr: unknown = null;
    try {
      const conf = await connection.confirmTransaction(
        { signature, blockhash, lastValidBlockHeight },
        commitment,
      );
      confErr = conf.value.err;
    } catch (e) {
      // Blockhash expired before confirmation: the transaction did not land; send it again.
      last = {
        ok: false,
        signature,
        cu: 0,
        logs: [],
        events: [],
        rawError: errorText(e),
        cuLimit,
        lookupTables,
      };
      if (/expired|block height exceeded/i.test(last.rawError ?? "")) continue;
      return last;
    }
    const txr = await fetchTransaction(connection, signature);
    const logs = txr?.meta?.logMessages ?? [];
    const cu = txr?.meta?.computeUnitsConsumed ?? cuFromLogs(logs);
    if (confErr || txr?.meta?.err) {
      const rawError = JSON.stringify(confErr ?? txr?.meta?.err);
      const error = errorFromLogs(logs) ?? errorFromText(rawError);
      return { ok: false, signature, cu, logs, events: [], error, rawError, cuLimit, lookupTables };
    }
    if (!txr) {
      // Confirmed, but the node never served its metadata: say so rather than report "no events".
      return {
        ok: true,
        signature,
        cu: 0,
        logs: [],
        events: [],
        rawError: "confirmed, but transaction metadata was unavailable (events not read)",
        cuLimit,
        lookupTables,
      };
    }
    // Inner instructions index the full key list: static keys, then the loaded writable and
    // readonly addresses.
    const keys = txr.transaction.message
      .getAccountKeys({ accountKeysFromLookups: txr.meta?.loadedAddresses })
      .keySegments()
      .flat()
      .map((k) => k.toBase58());
    // web3.js types compiled inner instructions loosely; the json encoding is this shape.
    const inner = (txr.meta?.innerInstructions ?? null) as RpcInnerInstructions[] | null;
    const events = eventsFromRpcTransaction(keys, inner, opts.programId.toBase58());
    return { ok: true, signature, cu, logs, events, cuLimit, lookupTables };
  }
  return last;
}

/** getTransaction with retries for up to ~15 s (the RPC may lag the confirmation). */
export async function fetchTransaction(connection: Connection, signature: string) {
  for (let i = 0; i < 75; i++) {
    const t = await connection.getTransaction(signature, {
      commitment: "confirmed",
      maxSupportedTransactionVersion: 0,
    });
    if (t) return t;
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}

/** Compute units of this program's top-level invocation, from "consumed X of Y compute units" logs. */
export function cuFromLogs(logs: string[]): number {
  let total = 0;
  for (const l of logs) {
    const m = /^Program (\S+) consumed (\d+) of \d+ compute units$/.exec(l);
    if (m && m[1] !== "ComputeBudget111111111111111111111111111111") total = Math.max(total, Number(m[2]));
  }
  return total;
}
