/** Assertions shared by the program suites. */
import { strict as assert } from "node:assert";
import { type Keypair, type PublicKey, TransactionInstruction } from "@solana/web3.js";
import { type Venue, type TxResult, snapshot } from "./venue";

/**
 * Sends `ixs`, expects the program error `name`, and checks that none of `watch` changed
 * (failed transactions must leave state untouched).
 */
export function expectError(
  v: Venue,
  ixs: TransactionInstruction[],
  signers: Keypair[],
  name: string,
  watch: PublicKey[] = [],
): TxResult {
  const before = snapshot(v, watch);
  const r = v.send(ixs, signers);
  assert.equal(r.ok, false, `expected ${name}, but the transaction succeeded`);
  assert.equal(
    r.error?.name,
    name,
    `expected ${name}, got ${r.error?.name ?? r.rawError}\n${r.logs.slice(-6).join("\n")}`,
  );
  assert.deepEqual(snapshot(v, watch), before, "state changed by a failed transaction");
  return r;
}

/** Sends and asserts success, printing the program logs on failure. */
export function expectOk(r: TxResult, what = "transaction"): TxResult {
  assert.ok(r.ok, `${what} failed: ${r.error?.name ?? r.rawError}\n${r.logs.slice(-12).join("\n")}`);
  return r;
}

/** The solvency identity holds right now. */
export function assertConserved(v: Venue, when = "") {
  const c = v.conservation();
  assert.ok(
    c.holds,
    `conservation broken ${when}: vault ${c.vault} vs required ${c.required}, insurance vault ${c.insuranceVault} vs fund ${c.insurance}`,
  );
}

/** A copy of `ix` with account `index` changed (signer/writable flag or key). */
export function withMeta(
  ix: TransactionInstruction,
  index: number,
  change: { isSigner?: boolean; isWritable?: boolean; pubkey?: PublicKey },
): TransactionInstruction {
  const keys = ix.keys.map((k, i) => (i === index ? { ...k, ...change } : { ...k }));
  return new TransactionInstruction({ programId: ix.programId, keys, data: Buffer.from(ix.data) });
}

/** A copy of `ix` with different data. */
export function withData(ix: TransactionInstruction, data: Buffer): TransactionInstruction {
  return new TransactionInstruction({ programId: ix.programId, keys: ix.keys.map((k) => ({ ...k })), data });
}

/** Index of a named account in an instruction built from the IDL. */
export function accountIndex(name: string, ixName: string): number {
  const { IDL } = require("@perp-margin/client");
  const def = IDL.instructions.find((i: { name: string }) => i.name === ixName);
  const i = def.accounts.findIndex((a: { name: string }) => a.name === name);
  if (i < 0) throw new Error(`${ixName} has no account ${name}`);
  return i;
}
