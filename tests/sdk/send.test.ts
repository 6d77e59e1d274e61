/**
 * The SDK's transaction shaping without a network: the compute-unit limit from a simulation, the
 * compute-budget instructions, when a lookup table is needed, the CLI's `-u` monikers and
 * `--priority-fee`. The same path over a real validator: tests/e2e/send.test.ts.
 */
import { strict as assert } from "node:assert";
import { ComputeBudgetProgram, Keypair, type PublicKey, TransactionInstruction } from "@solana/web3.js";
import {
  CLUSTER_URLS,
  MAX_CU_LIMIT,
  PACKET_DATA_SIZE,
  PROGRAM_ID,
  computeBudgetIxs,
  cuLimitFromSimulation,
  lookupCandidates,
  needsLookupTable,
  parsePriorityFee,
  resolveClusterUrl,
  v0Size,
} from "@perp-margin/client";
import { CliContext } from "@perp-margin/client/src/cli/context";

const keys = (n: number) => Array.from({ length: n }, () => Keypair.generate().publicKey);
const ixWith = (accounts: PublicKey[], signer?: PublicKey) =>
  new TransactionInstruction({
    programId: PROGRAM_ID,
    keys: [
      ...(signer ? [{ pubkey: signer, isSigner: true, isWritable: true }] : []),
      ...accounts.map((pubkey) => ({ pubkey, isSigner: false, isWritable: true })),
    ],
    data: Buffer.alloc(8),
  });

describe("SDK send path: transaction shaping", () => {
  it("sets the compute-unit limit to simulated units × 1.2 + 10,000, capped at 1.4M", () => {
    assert.equal(cuLimitFromSimulation(0), 10_000);
    assert.equal(cuLimitFromSimulation(37_004), 54_405); // ceil(44,404.8) + 10,000
    assert.equal(cuLimitFromSimulation(1_200_000), MAX_CU_LIMIT);
  });

  it("adds setComputeUnitPrice only with a priority fee", () => {
    const plain = computeBudgetIxs(54_405);
    assert.equal(plain.length, 1);
    assert.ok(plain[0].programId.equals(ComputeBudgetProgram.programId));
    assert.equal(plain[0].data[0], 2, "SetComputeUnitLimit");
    assert.equal(plain[0].data.readUInt32LE(1), 54_405);
    const priced = computeBudgetIxs(54_405, 25_000);
    assert.equal(priced.length, 2);
    assert.equal(priced[1].data[0], 3, "SetComputeUnitPrice");
    assert.equal(priced[1].data.readBigUInt64LE(1), 25_000n);
  });

  it("uses a lookup table when the transaction would not fit, or from a configured account count", () => {
    const payer = Keypair.generate().publicKey;
    const few = [...computeBudgetIxs(MAX_CU_LIMIT), ixWith(keys(12), payer)];
    assert.equal(needsLookupTable(few, payer, 32), false);
    assert.ok(v0Size(few, payer) < PACKET_DATA_SIZE);
    const many = [...computeBudgetIxs(MAX_CU_LIMIT), ixWith(keys(40), payer)];
    assert.ok(v0Size(many, payer) > PACKET_DATA_SIZE, "40 accounts do not fit as static keys");
    assert.equal(needsLookupTable(many, payer, 1_000), true, "too large: a table whatever the threshold");
    assert.equal(needsLookupTable(few, payer, 8), true, "a lower threshold puts 12 accounts in a table");
    // Signers and invoked programs stay static keys; the table holds the other accounts once.
    const repeated = keys(5);
    const cands = lookupCandidates([ixWith(repeated, payer), ixWith(repeated)], payer);
    assert.equal(cands.length, 5);
    assert.ok(!cands.some((k) => k.equals(payer) || k.equals(PROGRAM_ID)));
  });

  it("-u/--url takes the solana CLI's monikers; --priority-fee a whole number", () => {
    assert.equal(resolveClusterUrl("localhost"), "http://127.0.0.1:8899");
    assert.equal(resolveClusterUrl("devnet"), "https://api.devnet.solana.com");
    assert.equal(resolveClusterUrl("m"), CLUSTER_URLS["mainnet-beta"]);
    assert.equal(resolveClusterUrl("testnet"), "https://api.testnet.solana.com");
    assert.equal(resolveClusterUrl("http://10.0.0.1:8899"), "http://10.0.0.1:8899");
    assert.equal(resolveClusterUrl("mainnet"), null);
    assert.equal(parsePriorityFee("25000"), 25_000);
    assert.equal(parsePriorityFee("-1"), null);
    assert.equal(parsePriorityFee("1.5"), null);
    const ctx = new CliContext({ url: "mainnet-beta", exchangeId: "0", priorityFee: "5000" });
    assert.equal(ctx.url, "https://api.mainnet-beta.solana.com");
    assert.equal(ctx.chain.tx.priorityFeeMicroLamports, 5_000);
    assert.ok(ctx.chain.tx.lookupTables, "the CLI's chain keeps a lookup-table set");
    assert.throws(() => new CliContext({ url: "mainnet", exchangeId: "0" }), /moniker/);
    assert.throws(() => new CliContext({ url: "devnet", exchangeId: "0", priorityFee: "x" }), /priority-fee/);
  });
});
