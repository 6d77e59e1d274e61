/**
 * Mainnet-shaped transactions on a real solana-test-validator, through the SDK's one send path
 * (`RpcChain.send` → `sendAndConfirm`, which the CLI, keeper and page use): every transaction is a
 * v0 message with a compute-unit limit taken from simulation (× 1.2 + 10,000) and the configured
 * priority fee; an instruction with many accounts goes through the payer's address lookup table;
 * an expired blockhash is retried with a fresh one. Checked on the transactions as the validator
 * stored them (`getTransaction`).
 */
import { strict as assert } from "node:assert";
import {
  ComputeBudgetProgram,
  Keypair,
  type PublicKey,
  type VersionedTransactionResponse,
} from "@solana/web3.js";
import {
  PerpExchange,
  RpcChain,
  Side,
  cuLimitFromSimulation,
  eventData,
  keypairSigner,
  sendAndConfirm,
  PROGRAM_ID,
} from "@perp-margin/client";
import { useLocalnet } from "../harness/localnet";
import { createCollateralMint, fundSol, fundTokenAccounts, usdc } from "@perp-margin/client/src/demo/mint";
import {
  type DemoMarketSpec,
  createMarkets,
  initExchange,
  openMarginAccount,
  usdToPrice,
} from "@perp-margin/client/src/demo/seed";

const SOL: DemoMarketSpec = {
  name: "SOL-PERP",
  baseDecimals: 9,
  baseLotSize: 10_000_000n,
  priceUsd: 150,
  tickUsd: 0.01,
  params: { priceBandBps: 1000, maxStalenessSlots: 2_000n },
  quote: { levels: 0, stepBps: 0, lotsPerLevel: 0n },
};
const PRIORITY_FEE = 12_345;

/** The compute-budget instructions of a stored transaction: [limit, price | undefined]. */
function budget(t: VersionedTransactionResponse) {
  const msg = t.transaction.message;
  const keys = msg.staticAccountKeys;
  let limit: number | undefined;
  let price: bigint | undefined;
  for (const ix of msg.compiledInstructions) {
    if (!keys[ix.programIdIndex].equals(ComputeBudgetProgram.programId)) continue;
    const d = Buffer.from(ix.data);
    if (d[0] === 2) limit = d.readUInt32LE(1);
    if (d[0] === 3) price = d.readBigUInt64LE(1);
  }
  return { limit, price };
}

describe("e2e: mainnet-shaped transactions (v0, lookup table, CU limit from simulation, priority fee)", function () {
  this.timeout(180_000);
  const net = useLocalnet();
  const admin = Keypair.generate();
  const oracle = Keypair.generate();
  const makers = [Keypair.generate(), Keypair.generate(), Keypair.generate()];
  const taker = Keypair.generate();
  let chain: RpcChain;
  let ex: PerpExchange;
  const accounts = new Map<string, { account: PublicKey; token: PublicKey }>();
  const price = usdToPrice(SOL, SOL.priceUsd);

  const stored = async (sig: string) => {
    const t = await net().connection.getTransaction(sig, {
      commitment: "confirmed",
      maxSupportedTransactionVersion: 0,
    });
    assert.ok(t, `transaction ${sig} not stored`);
    return t;
  };

  before(async () => {
    const c = net().connection;
    // Lookup tables from 8 non-signer accounts (default 32), so a 3-maker order already uses one.
    chain = new RpcChain(c, PROGRAM_ID, "confirmed", {
      priorityFeeMicroLamports: PRIORITY_FEE,
      lookupTableMinAccounts: 8,
    });
    ex = new PerpExchange(chain, 11);
    await fundSol(
      c,
      net().payer,
      [admin, oracle, taker, ...makers].map((k) => k.publicKey),
      10e9,
    );
    const mint = await createCollateralMint(c, admin, admin.publicKey);
    const owners = [taker, ...makers];
    const tokens = await fundTokenAccounts(
      c,
      admin,
      mint,
      admin,
      owners.map((k) => ({ owner: k.publicKey, amount: usdc(100_000) })),
    );
    await initExchange(ex, admin, mint, { feeds: [{ feedId: 0, authority: oracle.publicKey, price }] });
    await createMarkets(ex, admin, [SOL], [0]);
    for (const [i, kp] of owners.entries()) {
      const { marginAccount } = await openMarginAccount(ex, kp, tokens[i], usdc(10_000));
      accounts.set(kp.publicKey.toBase58(), { account: marginAccount, token: tokens[i] });
    }
  });
  const acct = (kp: Keypair) => accounts.get(kp.publicKey.toBase58())!.account;

  it("a small transaction: v0, no lookup table, limit = simulated units × 1.2 + 10k, the priority fee", async () => {
    const r = await chain.send([ex.updatePriceIx(oracle.publicKey, ex.market(0).oracle, price)], [oracle]);
    assert.ok(r.ok, r.rawError);
    const t = await stored(r.signature!);
    assert.equal(t.version, 0);
    assert.equal(t.transaction.message.addressTableLookups.length, 0);
    const b = budget(t);
    assert.equal(b.limit, r.cuLimit);
    assert.equal(b.price, BigInt(PRIORITY_FEE));
    const consumed = t.meta!.computeUnitsConsumed!;
    // The simulation ran the same instructions: the limit covers what was consumed, with the margin.
    assert.ok(
      b.limit! >= consumed && b.limit! <= cuLimitFromSimulation(consumed) + 1_000,
      `${b.limit} vs ${consumed}`,
    );
    assert.ok(b.limit! < 1_400_000, "not the 1.4M maximum");
    assert.equal(eventData(r.events[0], "PriceUpdated").price, price);
  });

  it("an order crossing three makers: v0 through the payer's lookup table, events decoded", async () => {
    for (const [i, m] of makers.entries()) {
      const rest = await chain.send(
        [await ex.placeOrderIx(m.publicKey, acct(m), 0, Side.Ask, price + BigInt(i + 1) * 100n, 100n)],
        [m],
      );
      assert.ok(rest.ok, rest.rawError);
    }
    const ix = await ex.placeOrderIx(taker.publicKey, acct(taker), 0, Side.Bid, price + 1_000n, 300n);
    assert.ok(ix.keys.filter((k) => !k.isSigner).length >= 8);
    const r = await chain.send([ix], [taker]);
    assert.ok(r.ok, r.rawError);
    assert.equal(r.lookupTables?.length, 1);
    const t = await stored(r.signature!);
    assert.equal(t.version, 0);
    const lookups = t.transaction.message.addressTableLookups;
    assert.equal(lookups.length, 1);
    assert.ok(lookups[0].accountKey.equals(r.lookupTables![0]));
    const loaded = t.meta!.loadedAddresses!;
    assert.ok(loaded.writable.length + loaded.readonly.length >= 6, "the accounts came from the table");
    const b = budget(t);
    assert.equal(b.limit, r.cuLimit);
    assert.equal(b.price, BigInt(PRIORITY_FEE));
    assert.ok(b.limit! >= t.meta!.computeUnitsConsumed!);
    const fills = r.events.filter((e) => e.name === "Fill");
    assert.equal(fills.length, 3, "three makers filled");
    assert.deepEqual(
      fills.map((f) => eventData(f, "Fill").maker.toBase58()).sort(),
      makers.map((m) => acct(m).toBase58()).sort(),
    );
    // A second many-account transaction reuses the same table (extended, not recreated).
    const cancel = await chain.send(
      [await ex.placeOrderIx(taker.publicKey, acct(taker), 0, Side.Ask, price + 50_000n, 1n)],
      [taker],
    );
    assert.ok(cancel.ok, cancel.rawError);
    if (cancel.lookupTables?.length) assert.ok(cancel.lookupTables[0].equals(r.lookupTables![0]));
  });

  it("a failing simulation returns the program error without sending", async () => {
    const stranger = Keypair.generate();
    await fundSol(net().connection, net().payer, [stranger.publicKey], 1e9);
    const r = await chain.send(
      [ex.updatePriceIx(stranger.publicKey, ex.market(0).oracle, price)],
      [stranger],
    );
    assert.equal(r.ok, false);
    assert.equal(r.signature, undefined, "never submitted");
    assert.ok(r.error, `a program error, got ${r.rawError}`);
    assert.equal(r.error.name, "NotOracleAuthority");
  });

  it("retries with a fresh blockhash when the first submission finds its blockhash expired", async () => {
    const real = keypairSigner([oracle]);
    const seen: string[] = [];
    const flaky = {
      feePayer: real.feePayer,
      signAndSubmit: async (...a: Parameters<typeof real.signAndSubmit>) => {
        seen.push(a[0].message.recentBlockhash);
        if (seen.length === 1) throw new Error("Transaction simulation failed: Blockhash not found");
        return real.signAndSubmit(...a);
      },
    };
    const r = await sendAndConfirm(
      net().connection,
      [ex.updatePriceIx(oracle.publicKey, ex.market(0).oracle, price + 1n)],
      flaky,
      { programId: PROGRAM_ID, priorityFeeMicroLamports: PRIORITY_FEE },
    );
    assert.ok(r.ok, r.rawError);
    assert.equal(seen.length, 2, "sent twice");
    assert.equal(eventData(r.events[0], "PriceUpdated").price, price + 1n);
  });
});
