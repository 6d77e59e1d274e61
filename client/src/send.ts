/**
 * Sending one transaction over JSON-RPC and reading back what happened — the single path behind
 * `RpcChain.send` (keypair signers: CLI, keeper, demo, tests) and the trading page (a wallet):
 *
 *   set compute limit, blockhash and fee payer → the signer signs and submits → on a submit error,
 *   map the program error from the preflight logs (or the error text) → confirm at `commitment`
 *   (web3.js `confirmTransaction`: signature subscription, until the blockhash's last valid block
 *   height) → fetch the transaction and decode its events, or map the program error from its logs
 *   (or its error value).
 *
 * An expired blockhash (before submission or before confirmation) is retried with a fresh one, up
 * to `attempts` times.
 */
import {
  type Commitment,
  ComputeBudgetProgram,
  type Connection,
  type Keypair,
  type PublicKey,
  SendTransactionError,
  Transaction,
  type TransactionInstruction,
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
}

/** Who pays for and signs a transaction: keypairs, or a wallet. */
export interface TxSigner {
  readonly feePayer: PublicKey;
  /** Signs `tx` (blockhash and fee payer set) and submits it; returns its signature. */
  signAndSubmit(tx: Transaction, connection: Connection, commitment: Commitment): Promise<string>;
}

/** Keypair signers; the first pays the fee. */
export const keypairSigner = (signers: Keypair[]): TxSigner => ({
  feePayer: signers[0].publicKey,
  signAndSubmit: (tx, connection, commitment) => {
    tx.sign(...signers);
    return connection.sendRawTransaction(tx.serialize(), { preflightCommitment: commitment });
  },
});

export interface SendOptions {
  programId: PublicKey;
  commitment?: Commitment;
  cuLimit?: number;
  /** Sends with a fresh blockhash after an expiry, at most this many times in all. */
  attempts?: number;
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
  let last: SendResult = { ok: false, cu: 0, logs: [], events: [], rawError: "not sent" };
  for (let attempt = 0; attempt < attempts; attempt++) {
    const tx = new Transaction().add(
      ComputeBudgetProgram.setComputeUnitLimit({ units: opts.cuLimit ?? 1_400_000 }),
      ...ixs,
    );
    const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash(commitment);
    tx.recentBlockhash = blockhash;
    tx.feePayer = signer.feePayer;
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
      last = { ok: false, cu: cuFromLogs(logs), logs, events: [], error, rawError };
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
      last = { ok: false, signature, cu: 0, logs: [], events: [], rawError: errorText(e) };
      if (/expired|block height exceeded/i.test(last.rawError ?? "")) continue;
      return last;
    }
    const txr = await fetchTransaction(connection, signature);
    const logs = txr?.meta?.logMessages ?? [];
    const cu = txr?.meta?.computeUnitsConsumed ?? cuFromLogs(logs);
    if (confErr || txr?.meta?.err) {
      const rawError = JSON.stringify(confErr ?? txr?.meta?.err);
      const error = errorFromLogs(logs) ?? errorFromText(rawError);
      return { ok: false, signature, cu, logs, events: [], error, rawError };
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
      };
    }
    const keys = txr.transaction.message
      .getAccountKeys({ accountKeysFromLookups: txr.meta?.loadedAddresses })
      .staticAccountKeys.map((k) => k.toBase58());
    // web3.js types compiled inner instructions loosely; the json encoding is this shape.
    const inner = (txr.meta?.innerInstructions ?? null) as RpcInnerInstructions[] | null;
    const events = eventsFromRpcTransaction(keys, inner, opts.programId.toBase58());
    return { ok: true, signature, cu, logs, events };
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
