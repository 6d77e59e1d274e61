/**
 * Sends instructions built by `PerpExchange` as one transaction signed by the connected wallet,
 * waits for confirmation, and returns the program's events — or the program error mapped to its
 * IDL name and message (from preflight logs, or from the wallet's error text).
 */
import {
  ComputeBudgetProgram,
  Connection,
  PublicKey,
  SendTransactionError,
  Transaction,
  TransactionInstruction,
} from "@solana/web3.js";
import type { StandardWalletAdapter } from "@solana/wallet-standard-wallet-adapter-base";
import {
  PerpEvent,
  ProgramErrorInfo,
  RpcChain,
  errorByCode,
  errorFromLogs,
  eventsFromRpcTransaction,
} from "..";

export interface TxOutcome {
  ok: boolean;
  signature?: string;
  events: PerpEvent[];
  error?: ProgramErrorInfo;
  /** One line for the status bar. */
  message: string;
}

/** A program error named anywhere in a text ("custom program error: 0x183b" or `"Custom":6203`). */
export function errorFromText(text: string): ProgramErrorInfo | undefined {
  const hex = /custom program error: (0x[0-9a-fA-F]+)/.exec(text);
  if (hex) return errorByCode(parseInt(hex[1], 16));
  const dec = /"Custom":\s*(\d+)/.exec(text);
  return dec ? errorByCode(Number(dec[1])) : undefined;
}

const describe = (e: ProgramErrorInfo) => `${e.name} (${e.code}): ${e.msg}`;

async function waitConfirmed(connection: Connection, signature: string, lastValidBlockHeight: number) {
  for (;;) {
    const { value } = await connection.getSignatureStatuses([signature]);
    const s = value[0];
    if (s?.err) return s.err;
    if (s && (s.confirmationStatus === "confirmed" || s.confirmationStatus === "finalized")) return null;
    if ((await connection.getBlockHeight("confirmed")) > lastValidBlockHeight)
      throw new Error("transaction expired before confirmation");
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function sendWithWallet(
  adapter: StandardWalletAdapter,
  connection: Connection,
  ixs: TransactionInstruction[],
  programId: PublicKey,
): Promise<TxOutcome> {
  if (!adapter.publicKey) return { ok: false, events: [], message: "wallet not connected" };
  const tx = new Transaction().add(ComputeBudgetProgram.setComputeUnitLimit({ units: 600_000 }), ...ixs);
  const { blockhash, lastValidBlockHeight } = await connection.getLatestBlockhash("confirmed");
  tx.recentBlockhash = blockhash;
  tx.feePayer = adapter.publicKey;
  let signature: string;
  try {
    if (adapter.signTransaction) {
      const signed = await adapter.signTransaction(tx);
      signature = await connection.sendRawTransaction(signed.serialize(), {
        preflightCommitment: "confirmed",
      });
    } else {
      signature = await adapter.sendTransaction(tx, connection, { preflightCommitment: "confirmed" });
    }
  } catch (e) {
    const logs =
      e instanceof SendTransactionError
        ? (e.logs ?? (await e.getLogs(connection).catch(() => [])) ?? [])
        : [];
    const text = `${(e as Error).message ?? e} ${String((e as { error?: Error }).error?.message ?? "")}`;
    const error = errorFromLogs(logs) ?? errorFromText(text);
    return {
      ok: false,
      events: [],
      error,
      message: error ? describe(error) : `rejected: ${text.trim().split("\n")[0]}`,
    };
  }
  const err = await waitConfirmed(connection, signature, lastValidBlockHeight);
  const txr = await new RpcChain(connection, programId).fetchTransaction(signature);
  if (err || txr?.meta?.err) {
    const error =
      errorFromLogs(txr?.meta?.logMessages ?? []) ?? errorFromText(JSON.stringify(err ?? txr?.meta?.err));
    return {
      ok: false,
      signature,
      events: [],
      error,
      message: error ? describe(error) : `failed: ${JSON.stringify(err)}`,
    };
  }
  const keys = txr
    ? txr.transaction.message
        .getAccountKeys({ accountKeysFromLookups: txr.meta?.loadedAddresses })
        .staticAccountKeys.map((k) => k.toBase58())
    : [];
  const events = txr
    ? eventsFromRpcTransaction(keys, txr.meta?.innerInstructions as any, programId.toBase58())
    : [];
  return { ok: true, signature, events, message: `confirmed ${signature.slice(0, 12)}…` };
}
