/**
 * An Anchor `Provider` backed by LiteSVM, so `Program<PerpMargin>` (`program.methods.….rpc()`,
 * `program.account.*.fetch`) runs on the SBF program in-process. `anchor-litesvm` would do this but
 * wants litesvm ^0.3; this is the part of it the suites need, for litesvm 0.8 (web3.js v1):
 *
 *   - `connection`: the reads Anchor's account client makes (`getAccountInfo[AndContext]`,
 *     `getMultipleAccountsInfo[AndContext]`, rent), answered from the LiteSVM bank;
 *   - `sendAndConfirm`: blockhash + fee payer, signs with the wallet and extra signers, executes;
 *     a failed transaction throws an error whose message and `logs` Anchor's `translateError`
 *     turns into the program's IDL error;
 *   - every executed transaction's metadata is kept by signature (`inner(sig)` → the inner
 *     instructions of this program, for event decoding).
 */
import { type Provider, Wallet, utils } from "@coral-xyz/anchor";
import {
  type AccountInfo,
  type Commitment,
  type Connection,
  type Keypair,
  PublicKey,
  type Signer,
  type Transaction,
  type TransactionSignature,
  VersionedTransaction,
} from "@solana/web3.js";
import { FailedTransactionMetadata, type LiteSVM, type TransactionMetadata } from "litesvm";

const bs58 = utils.bytes.bs58;

/** A program error in the shape Anchor's `translateError` reads (`logs`, message with the code). */
export class LiteSvmSendError extends Error {
  constructor(
    message: string,
    readonly logs: string[],
  ) {
    super(message);
  }
}

export class LiteSvmProvider implements Provider {
  readonly connection: Connection;
  readonly wallet: Wallet;
  readonly publicKey: PublicKey;
  private readonly executed = new Map<string, { meta: TransactionMetadata; keys: PublicKey[] }>();

  constructor(
    readonly svm: LiteSVM,
    readonly payer: Keypair,
  ) {
    this.wallet = new Wallet(payer);
    this.publicKey = payer.publicKey;
    this.connection = liteSvmConnection(svm);
  }

  async sendAndConfirm(
    tx: Transaction | VersionedTransaction,
    signers: Signer[] = [],
    _opts?: unknown,
  ): Promise<TransactionSignature> {
    let keys: PublicKey[];
    let signature: Uint8Array;
    if (tx instanceof VersionedTransaction) {
      tx.message.recentBlockhash = this.svm.latestBlockhash();
      tx.sign([this.payer, ...signers]);
      keys = tx.message.staticAccountKeys;
      signature = tx.signatures[0];
    } else {
      tx.feePayer = tx.feePayer ?? this.payer.publicKey;
      tx.recentBlockhash = this.svm.latestBlockhash();
      tx.sign(this.payer, ...signers);
      keys = tx.compileMessage().accountKeys;
      signature = tx.signature!;
    }
    const r = this.svm.sendTransaction(tx);
    this.svm.expireBlockhash();
    if (r instanceof FailedTransactionMetadata) {
      const logs = r.meta().logs();
      // "custom program error: 0x…", once, is what Anchor's ProgramError.parse matches (the logs
      // travel in `.logs`, not in the message, so the phrase is not repeated).
      const custom = /Custom\((\d+)\)|code: (\d+)/.exec(r.err().toString());
      const code = custom ? Number(custom[1] ?? custom[2]) : undefined;
      const text = code !== undefined ? `custom program error: 0x${code.toString(16)}` : r.err().toString();
      throw new LiteSvmSendError(`Transaction failed: ${text}`, logs);
    }
    const sig = bs58.encode(signature);
    this.executed.set(sig, { meta: r, keys });
    return sig;
  }

  /** Data of the inner instructions to `programId` of an executed transaction, in order. */
  inner(signature: string, programId: PublicKey): Buffer[] {
    const t = this.executed.get(signature);
    if (!t) throw new Error(`transaction ${signature} was not sent through this provider`);
    const out: Buffer[] = [];
    for (const group of t.meta.innerInstructions())
      for (const inner of group) {
        const ci = inner.instruction();
        if (t.keys[ci.programIdIndex()].equals(programId)) out.push(Buffer.from(ci.data()));
      }
    return out;
  }

  /** Compute units of an executed transaction. */
  computeUnits(signature: string): bigint {
    const t = this.executed.get(signature);
    if (!t) throw new Error(`transaction ${signature} was not sent through this provider`);
    return t.meta.computeUnitsConsumed();
  }
}

/** The `Connection` reads Anchor's clients make, from a LiteSVM bank. */
function liteSvmConnection(svm: LiteSVM): Connection {
  const info = (k: PublicKey): AccountInfo<Buffer> | null => {
    const a = svm.getAccount(k);
    if (!a) return null;
    return {
      data: Buffer.from(a.data),
      executable: a.executable,
      lamports: Number(a.lamports),
      owner: new PublicKey(a.owner),
      rentEpoch: 0,
    };
  };
  const context = () => ({ slot: Number(svm.getClock().slot) });
  const adapter = {
    commitment: "confirmed" as Commitment,
    rpcEndpoint: "litesvm://",
    getAccountInfo: async (k: PublicKey) => info(k),
    getAccountInfoAndContext: async (k: PublicKey) => ({ context: context(), value: info(k) }),
    getMultipleAccountsInfo: async (ks: PublicKey[]) => ks.map(info),
    getMultipleAccountsInfoAndContext: async (ks: PublicKey[]) => ({
      context: context(),
      value: ks.map(info),
    }),
    getMinimumBalanceForRentExemption: async (len: number) =>
      Number(svm.minimumBalanceForRentExemption(BigInt(len))),
    getLatestBlockhash: async () => ({ blockhash: svm.latestBlockhash(), lastValidBlockHeight: 0 }),
    getSlot: async () => Number(svm.getClock().slot),
  };
  // Only the methods above are used by Anchor's Program on this provider; anything else is a
  // test bug and fails loudly.
  return new Proxy(adapter, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === "then") return undefined;
      throw new Error(`LiteSvmProvider.connection.${String(prop)} is not supported`);
    },
  }) as unknown as Connection;
}
