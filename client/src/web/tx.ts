/**
 * Sends instructions built by `PerpExchange` as one transaction signed by the connected wallet,
 * through the SDK's `sendAndConfirm` — the path `RpcChain.send` takes, with the wallet as signer —
 * and turns its result into one status line: the program's events, or the program error mapped to
 * its IDL name and message (from preflight or transaction logs, or from the wallet's error text).
 */
import type { Connection, PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { StandardWalletAdapter } from "@solana/wallet-standard-wallet-adapter-base";
import {
  type PerpEvent,
  type ProgramErrorInfo,
  type TxOptions,
  type TxSigner,
  describeProgramError,
  sendAndConfirm,
} from "..";

export interface TxOutcome {
  ok: boolean;
  signature?: string;
  events: PerpEvent[];
  error?: ProgramErrorInfo;
  /** One line for the status bar. */
  message: string;
}

/** The wallet as the transaction's fee payer and only signer. */
function walletSigner(adapter: StandardWalletAdapter, feePayer: PublicKey): TxSigner {
  return {
    feePayer,
    signAndSubmit: async (tx, connection, commitment) => {
      if (adapter.signTransaction) {
        const signed = await adapter.signTransaction(tx);
        return connection.sendRawTransaction(signed.serialize(), { preflightCommitment: commitment });
      }
      return adapter.sendTransaction(tx, connection, { preflightCommitment: commitment });
    },
  };
}

/**
 * The SDK's send path with the wallet as signer: a v0 transaction (a lookup table the wallet owns
 * when many accounts are needed), compute-unit limit from simulation, `tx.priorityFeeMicroLamports`.
 */
export async function sendWithWallet(
  adapter: StandardWalletAdapter,
  connection: Connection,
  ixs: TransactionInstruction[],
  programId: PublicKey,
  tx: TxOptions = {},
): Promise<TxOutcome> {
  if (!adapter.publicKey) return { ok: false, events: [], message: "wallet not connected" };
  // One attempt: an expired blockhash is reported rather than asking the wallet to sign again.
  const r = await sendAndConfirm(connection, ixs, walletSigner(adapter, adapter.publicKey), {
    ...tx,
    programId,
    attempts: 1,
  });
  if (r.ok && r.signature)
    return {
      ok: true,
      signature: r.signature,
      events: r.events,
      message: `confirmed ${r.signature.slice(0, 12)}…`,
    };
  const error = r.error;
  if (!r.signature) {
    const text = (r.rawError ?? "").trim().split("\n")[0];
    return {
      ok: false,
      events: [],
      error,
      message: error ? describeProgramError(error) : `rejected: ${text}`,
    };
  }
  return {
    ok: false,
    signature: r.signature,
    events: [],
    error,
    message: error ? describeProgramError(error) : `failed: ${r.rawError}`,
  };
}
