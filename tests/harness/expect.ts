/** Assertions shared by the program suites. */
import { strict as assert } from "assert";
import { Keypair, PublicKey, TransactionInstruction } from "@solana/web3.js";
import { Venue, TxResult, snapshot } from "./venue";

/**
 * Sends `ixs`, expects the program error `name`, and checks that none of `watch` changed
 * (failed transactions must leave state untouched).
 */
export function expectError(v: Venue, ixs: TransactionInstruction[], signers: Keypair[], name: string, watch: PublicKey[] = []): TxResult {
  const before = snapshot(v, watch);
  const r = v.send(ixs, signers);
  assert.equal(r.ok, false, `expected ${name}, but the transaction succeeded`);
  assert.equal(r.error?.name, name, `expected ${name}, got ${r.error?.name ?? r.rawError}\n${r.logs.slice(-6).join("\n")}`);
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
  assert.ok(c.holds, `conservation broken ${when}: vault ${c.vault} vs required ${c.required}, insurance vault ${c.insuranceVault} vs fund ${c.insurance}`);
}
