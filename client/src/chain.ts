/**
 * The chain the SDK, keeper and CLI talk to, behind one small interface: an RPC endpoint (a local
 * validator, devnet, mainnet) here, or LiteSVM in the tests. Everything above it — keeper steps,
 * CLI commands, the demo — is written once against `Chain`.
 */
import { utils } from "@coral-xyz/anchor";
import {
  type AccountInfo,
  type Commitment,
  Connection,
  type Keypair,
  type PublicKey,
  type TransactionInstruction,
} from "@solana/web3.js";
import { accountDiscriminator } from "./accounts";
import type { AccountName } from "./idl-types";
import { PROGRAM_ID } from "./constants";
import {
  LookupTables,
  type SendResult,
  type TxOptions,
  fetchTransaction,
  keypairSigner,
  sendAndConfirm,
} from "./send";

export interface Chain {
  /** Raw data of accounts (null where missing), in order. */
  getAccounts(keys: PublicKey[]): Promise<(Buffer | null)[]>;
  /** All accounts of `programId` whose data starts with the discriminator of `name`. */
  getProgramAccountsOf(name: AccountName): Promise<{ pubkey: PublicKey; data: Buffer }[]>;
  /**
   * Sends one transaction (fee payer = signers[0]) and waits for confirmation. `cuLimit` fixes
   * the compute-unit limit; unset, RPC chains take it from simulation.
   */
  send(ixs: TransactionInstruction[], signers: Keypair[], cuLimit?: number): Promise<SendResult>;
  /** Current slot. */
  slot(): Promise<bigint>;
}

/**
 * A `Chain` over JSON-RPC; `send` is `sendAndConfirm`: v0 transactions (a lookup table per fee
 * payer when many accounts are needed), compute-unit limit from simulation, the configured
 * priority fee, blockhash-expiry retries, program errors mapped.
 */
export class RpcChain implements Chain {
  /** How this chain shapes transactions; `lookupTables` defaults to one set for the chain's life. */
  readonly tx: TxOptions;

  constructor(
    readonly connection: Connection,
    readonly programId: PublicKey = PROGRAM_ID,
    readonly commitment: Commitment = "confirmed",
    tx: TxOptions = {},
  ) {
    this.tx = { ...tx, lookupTables: tx.lookupTables ?? new LookupTables() };
  }

  static fromUrl(url: string, commitment: Commitment = "confirmed", tx: TxOptions = {}) {
    return new RpcChain(new Connection(url, { commitment }), PROGRAM_ID, commitment, tx);
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
      filters: [{ memcmp: { offset: 0, bytes: utils.bytes.bs58.encode(disc) } }],
    });
    return res.map((r) => ({ pubkey: r.pubkey, data: Buffer.from(r.account.data) }));
  }

  async slot(): Promise<bigint> {
    return BigInt(await this.connection.getSlot(this.commitment));
  }

  async send(ixs: TransactionInstruction[], signers: Keypair[], cuLimit?: number): Promise<SendResult> {
    return sendAndConfirm(this.connection, ixs, keypairSigner(signers), {
      ...this.tx,
      programId: this.programId,
      commitment: this.commitment,
      cuLimit,
    });
  }

  /** getTransaction with retries for up to ~15 s (the RPC may lag the confirmation). */
  fetchTransaction(signature: string) {
    return fetchTransaction(this.connection, signature);
  }
}
