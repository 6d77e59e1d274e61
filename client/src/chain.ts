/**
 * The chain the SDK, keeper and CLI talk to, behind one small interface: an RPC endpoint (a local
 * validator, devnet, mainnet) here, or LiteSVM in the tests. Everything above it — keeper steps,
 * CLI commands, the demo — is written once against `Chain`.
 */
import {
  AccountInfo,
  Commitment,
  ComputeBudgetProgram,
  Connection,
  Keypair,
  PublicKey,
  SendTransactionError,
  Transaction,
  TransactionInstruction,
} from "@solana/web3.js";
import { errorFromLogs, ProgramErrorInfo } from "./errors";
import { eventsFromRpcTransaction, PerpEvent } from "./events";
import { PROGRAM_ID } from "./constants";
import { accountDiscriminator, AccountName } from "./accounts";

export interface SendResult {
  ok: boolean;
  signature?: string;
  /** Compute units consumed (when the chain reports it). */
  cu: number;
  logs: string[];
  events: PerpEvent[];
  error?: ProgramErrorInfo;
  rawError?: string;
}

export interface Chain {
  /** Raw data of accounts (null where missing), in order. */
  getAccounts(keys: PublicKey[]): Promise<(Buffer | null)[]>;
  /** All accounts of `programId` whose data starts with the discriminator of `name`. */
  getProgramAccountsOf(name: AccountName): Promise<{ pubkey: PublicKey; data: Buffer }[]>;
  /** Sends one transaction (fee payer = signers[0]) and waits for confirmation. */
  send(ixs: TransactionInstruction[], signers: Keypair[], cuLimit?: number): Promise<SendResult>;
  /** Current slot. */
  slot(): Promise<bigint>;
}

/** A `Chain` over JSON-RPC. Retries blockhash expiry; maps program errors from the logs. */
export class RpcChain implements Chain {
  constructor(
    readonly connection: Connection,
    readonly programId: PublicKey = PROGRAM_ID,
    readonly commitment: Commitment = "confirmed",
  ) {}

  static fromUrl(url: string, commitment: Commitment = "confirmed") {
    return new RpcChain(new Connection(url, { commitment }), PROGRAM_ID, commitment);
  }

  async getAccounts(keys: PublicKey[]): Promise<(Buffer | null)[]> {
    const out: (Buffer | null)[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      const infos: (AccountInfo<Buffer> | null)[] = await this.connection.getMultipleAccountsInfo(
        keys.slice(i, i + 100),
        this.commitment,
      );
      out.push(...infos.map((a) => (a ? Buffer.from(a.data) : null)));
    }
    return out;
  }

  async getProgramAccountsOf(name: AccountName) {
    const disc = accountDiscriminator(name);
    const res = await this.connection.getProgramAccounts(this.programId, {
      commitment: this.commitment,
      filters: [{ memcmp: { offset: 0, bytes: require("@coral-xyz/anchor").utils.bytes.bs58.encode(disc) } }],
    });
    return res.map((r) => ({ pubkey: r.pubkey, data: Buffer.from(r.account.data) }));
  }

  async slot(): Promise<bigint> {
    return BigInt(await this.connection.getSlot(this.commitment));
  }

  async send(ixs: TransactionInstruction[], signers: Keypair[], cuLimit = 1_400_000): Promise<SendResult> {
    const attempts = 3;
    let last: SendResult | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      const tx = new Transaction().add(ComputeBudgetProgram.setComputeUnitLimit({ units: cuLimit }), ...ixs);
      const { blockhash, lastValidBlockHeight } = await this.connection.getLatestBlockhash(this.commitment);
      tx.recentBlockhash = blockhash;
      tx.feePayer = signers[0].publicKey;
      tx.sign(...signers);
      let signature: string;
      try {
        signature = await this.connection.sendRawTransaction(tx.serialize(), {
          preflightCommitment: this.commitment,
        });
      } catch (e) {
        const logs =
          e instanceof SendTransactionError
            ? ((await e.getLogs(this.connection).catch(() => null)) ?? e.logs ?? [])
            : [];
        const error = errorFromLogs(logs);
        last = {
          ok: false,
          cu: cuFromLogs(logs),
          logs,
          events: [],
          error,
          rawError: String((e as Error).message ?? e),
        };
        if (error || !/blockhash|expired/i.test(last.rawError ?? "")) return last;
        continue;
      }
      let confErr: unknown = null;
      try {
        const conf = await this.connection.confirmTransaction(
          { signature, blockhash, lastValidBlockHeight },
          this.commitment,
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
          rawError: String((e as Error).message ?? e),
        };
        if (/expired|block height exceeded/i.test(last.rawError ?? "")) continue;
        return last;
      }
      const txr = await this.fetchTransaction(signature);
      const logs = txr?.meta?.logMessages ?? [];
      const cu = txr?.meta?.computeUnitsConsumed ?? cuFromLogs(logs);
      if (confErr || txr?.meta?.err) {
        return {
          ok: false,
          signature,
          cu,
          logs,
          events: [],
          error: errorFromLogs(logs),
          rawError: JSON.stringify(confErr ?? txr?.meta?.err),
        };
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
      const events = eventsFromRpcTransaction(
        keys,
        txr.meta?.innerInstructions as any,
        this.programId.toBase58(),
      );
      return { ok: true, signature, cu, logs, events };
    }
    return last!;
  }

  /** getTransaction with retries for up to ~15 s (the RPC may lag the confirmation). */
  async fetchTransaction(signature: string) {
    for (let i = 0; i < 75; i++) {
      const t = await this.connection.getTransaction(signature, {
        commitment: "confirmed",
        maxSupportedTransactionVersion: 0,
      });
      if (t) return t;
      await new Promise((r) => setTimeout(r, 200));
    }
    return null;
  }
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
