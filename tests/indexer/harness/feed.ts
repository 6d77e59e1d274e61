/**
 * A test venue whose every transaction also feeds a `MemorySource` the way an RPC node would
 * serve it: the real program runs in LiteSVM, and each transaction's account writes become
 * account notifications (with the slot), its metadata becomes a `getTransaction` response (outer
 * + inner instructions, base58), and its signature is listed by `getSignaturesForAddress`. By
 * default the clock advances one slot after each transaction, as on a live cluster.
 */
import { utils } from "@coral-xyz/anchor";
import { FailedTransactionMetadata, type TransactionMetadata } from "litesvm";
import {
  ComputeBudgetProgram,
  type Keypair,
  type PublicKey,
  Transaction,
  type TransactionInstruction,
} from "@solana/web3.js";
import { decodeEvents, errorByCode, type PerpEvent, PROGRAM_ID } from "@perp-margin/client";
import { Venue, type TxResult } from "../../harness/venue";
import { MemorySource } from "../../../indexer/src/source/memory";
import type { RawTransaction } from "../../../indexer/src/source/types";

const bs58 = utils.bytes.bs58;

export class FeedVenue extends Venue {
  private _source?: MemorySource;
  /** Advance one slot after each transaction. */
  autoWarp = true;

  get source(): MemorySource {
    this._source ??= new MemorySource(PROGRAM_ID.toBase58());
    return this._source;
  }

  override send(ixs: TransactionInstruction[], signers: Keypair[], cuLimit = 1_400_000): TxResult {
    const tx = new Transaction();
    tx.add(ComputeBudgetProgram.setComputeUnitLimit({ units: cuLimit }));
    tx.add(...ixs);
    tx.recentBlockhash = this.svm.latestBlockhash();
    tx.feePayer = signers[0].publicKey;
    tx.sign(...signers);
    const msg = tx.compileMessage();
    const keys = msg.accountKeys;
    const slot = this.svm.getClock().slot;
    const r = this.svm.sendTransaction(tx);
    this.svm.expireBlockhash();
    const raw: RawTransaction = {
      signature: bs58.encode(tx.signature!),
      slot,
      blockTime: this.svm.getClock().unixTimestamp,
      failed: r instanceof FailedTransactionMetadata,
      accountKeys: keys.map((k) => k.toBase58()),
      instructions: msg.instructions.map((i) => ({
        programIdIndex: i.programIdIndex,
        accounts: i.accounts,
        data: i.data,
      })),
      innerInstructions: [],
    };
    let result: TxResult;
    if (r instanceof FailedTransactionMetadata) {
      const meta = r.meta();
      const errText = r.err().toString();
      const m = /code: (\d+)/.exec(errText);
      result = {
        ok: false,
        cu: Number(meta.computeUnitsConsumed()),
        logs: meta.logs(),
        events: [],
        error: m ? errorByCode(Number(m[1])) : undefined,
        rawError: errText,
      };
    } else {
      const meta = r as TransactionMetadata;
      const events: PerpEvent[] = [];
      meta.innerInstructions().forEach((group, index) => {
        if (group.length === 0) return;
        raw.innerInstructions.push({
          index,
          instructions: group.map((inner) => {
            const ci = inner.instruction();
            return {
              programIdIndex: ci.programIdIndex(),
              accounts: Array.from(ci.accounts()),
              data: bs58.encode(Buffer.from(ci.data())),
            };
          }),
        });
        for (const inner of group) {
          const ci = inner.instruction();
          if (!keys[ci.programIdIndex()].equals(PROGRAM_ID)) continue;
          // One self-CPI carries a batch of events (flushed at the end of each instruction).
          events.push(...decodeEvents(Buffer.from(ci.data())));
        }
      });
      this.eventLog.push(...events);
      result = { ok: true, cu: Number(meta.computeUnitsConsumed()), logs: meta.logs(), events };
      keys.forEach((k, i) => {
        if (!msg.isAccountWritable(i)) return;
        const a = this.svm.getAccount(k);
        if (a) this.source.writeAccount(k.toBase58(), a.owner.toBase58(), Buffer.from(a.data), slot);
      });
    }
    // getSignaturesForAddress(program) lists only transactions that mention the program.
    if (raw.accountKeys.includes(this.source.programId)) this.source.addTransaction(raw);
    if (this.autoWarp) this.warp(1);
    return result;
  }

  override warp(slots: number) {
    super.warp(slots);
    this.source.setSlot(this.svm.getClock().slot);
  }

  /** Publishes the current bytes of `keys` to the feed (after a test wrote them straight into the SVM). */
  republish(keys: PublicKey[]) {
    const slot = this.svm.getClock().slot;
    for (const k of keys) {
      const a = this.svm.getAccount(k);
      if (a) this.source.writeAccount(k.toBase58(), a.owner.toBase58(), Buffer.from(a.data), slot);
    }
    // The write happened in its own slot, before whatever comes next.
    if (this.autoWarp) this.warp(1);
  }

  /** Writes arbitrary bytes to an account (as a program upgrade or corruption could), notifying subscribers. */
  inject(key: PublicKey, data: Buffer, owner = PROGRAM_ID) {
    this.svm.setAccount(key, { lamports: 10_000_000, data, owner, executable: false });
    this.source.writeAccount(key.toBase58(), owner.toBase58(), data, this.svm.getClock().slot);
  }
}
