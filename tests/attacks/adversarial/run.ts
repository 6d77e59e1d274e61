/**
 * The checked transaction path of the adversarial run: every transaction — a trader's, the
 * attacker's, the oracle's or the keeper's (through `CheckedChain`) — goes through `Run.send`,
 * which counts it by instruction name, spot-checks that a refused transaction changed no byte of
 * any program account or token account, and then checks the venue's invariants (`checks.ts`).
 */
import { strict as assert } from "node:assert";
import type { Keypair, PublicKey, TransactionInstruction } from "@solana/web3.js";
import { IDL, PROGRAM_ID, type AccountName, type Chain, type SendResult } from "@perp-margin/client";
import { LiteSvmChain, type TxResult, type Venue } from "../../harness/venue";
import { checkAll } from "./checks";

/** xorshift64*: deterministic, seedable (as in tests/program/conservation.test.ts). */
export function rng(seed: bigint) {
  let s = seed;
  return () => {
    s ^= s >> 12n;
    s ^= (s << 25n) & 0xffffffffffffffffn;
    s ^= s >> 27n;
    return Number(((s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) >> 11n) / 2 ** 53;
  };
}

const IX_NAMES = new Map<string, string>(
  IDL.instructions.map((i: { name: string; discriminator: number[] }) => [
    Buffer.from(i.discriminator).toString("hex"),
    i.name,
  ]),
);

/** The instruction name of a transaction (its last instruction of this program), or `label`. */
export function ixName(ixs: TransactionInstruction[]): string {
  for (let i = ixs.length - 1; i >= 0; i--) {
    if (!ixs[i].programId.equals(PROGRAM_ID)) continue;
    return IX_NAMES.get(Buffer.from(ixs[i].data.subarray(0, 8)).toString("hex")) ?? "unknown";
  }
  return "other";
}

export interface Count {
  ok: number;
  refused: number;
  /** Refusals by program error name. */
  errors: Record<string, number>;
}

export class Run {
  readonly counts: Record<string, Count> = {};
  /** Transactions sent / program instructions in them. */
  txs = 0;
  instructions = 0;
  /** Refused transactions whose every watched account was compared byte for byte. */
  refusedCompared = 0;
  /** Set by the driver: where in the sequence we are, for failure messages. */
  where = "";
  private sample: () => number;

  constructor(
    readonly v: Venue,
    /** Every margin account of the run (checked after every transaction). */
    readonly accounts: PublicKey[],
    /** Token accounts whose balances a refused transaction must not change. */
    readonly tokens: PublicKey[],
    seed: bigint,
    /** Fraction of transactions snapshotted before sending (every refused one of those is compared). */
    readonly sampleRate = 0.5,
  ) {
    this.sample = rng(seed ^ 0x9e3779b97f4a7c15n);
  }

  private watched(): PublicKey[] {
    return [...this.v.known, this.v.vault, this.v.insuranceVault, ...this.tokens];
  }

  /** Sends, counts, compares (refused, sampled) and checks every invariant. */
  send(
    ixs: TransactionInstruction[],
    signers: Keypair[],
    label?: string,
    cuLimit?: number,
    /** Runs on success before the checks (a test's own bookkeeping, e.g. a donation). */
    onOk?: () => void,
  ): TxResult {
    const kind = label ?? ixName(ixs);
    const keys = this.sample() < this.sampleRate ? this.watched() : [];
    const before = keys.map((k) => this.v.svm.getAccount(k));
    const r = this.v.send(ixs, signers, cuLimit);
    this.txs++;
    this.instructions += ixs.filter((ix) => ix.programId.equals(PROGRAM_ID)).length;
    this.counts[kind] ??= { ok: 0, refused: 0, errors: {} };
    const c = this.counts[kind];
    const when = `${this.where} tx #${this.txs} ${kind} (${r.ok ? "ok" : (r.error?.name ?? r.rawError)})`;
    if (r.ok) {
      c.ok++;
      onOk?.();
    } else {
      c.refused++;
      const name = r.error?.name ?? `raw:${r.rawError}`;
      c.errors[name] = (c.errors[name] ?? 0) + 1;
      if (keys.length) {
        this.refusedCompared++;
        keys.forEach((k, i) => {
          const a = this.v.svm.getAccount(k);
          const b = before[i];
          const same =
            (a === null && b === null) ||
            (a !== null &&
              b !== null &&
              a.lamports === b.lamports &&
              Buffer.from(a.data).equals(Buffer.from(b.data)));
          assert.ok(same, `refused transaction changed ${k.toBase58()}: ${when}`);
        });
      }
    }
    checkAll(this.v, this.accounts, when);
    return r;
  }
}

/** The venue's chain with every `send` routed through `Run.send` (the keeper's transactions too). */
export class CheckedChain implements Chain {
  private readonly inner: LiteSvmChain;
  constructor(
    readonly run: Run,
    readonly prefix = "keeper:",
  ) {
    this.inner = new LiteSvmChain(run.v);
  }
  getAccounts(keys: PublicKey[]) {
    return this.inner.getAccounts(keys);
  }
  getProgramAccountsOf(name: AccountName) {
    return this.inner.getProgramAccountsOf(name);
  }
  slot() {
    return this.inner.slot();
  }
  async send(ixs: TransactionInstruction[], signers: Keypair[], cuLimit?: number): Promise<SendResult> {
    return this.run.send(ixs, signers, `${this.prefix}${ixName(ixs)}`, cuLimit);
  }
}
