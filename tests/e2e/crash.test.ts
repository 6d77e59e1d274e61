/**
 * The crash scenario over JSON-RPC on a real solana-test-validator, driven by the keeper through
 * `RpcChain`: the same script and the same checks as the LiteSVM run, conservation read from chain
 * after every transaction.
 */
import { strict as assert } from "node:assert";
import { Keypair } from "@solana/web3.js";
import { DepositPolicy, PerpExchange, RpcChain } from "@perp-margin/client";
import { runCrash, formatCrashReport, rpcCrashEnv } from "@perp-margin/client/src/scenario";
import { useLocalnet } from "../harness/localnet";
import { createCollateralMint, fundSol, fundTokenAccounts, usdc } from "@perp-margin/client/src/demo/mint";
import { initExchange } from "@perp-margin/client/src/demo/seed";
import { checkReport } from "../scenario/checks";

describe("e2e over RPC: the crash scenario through the keeper", function () {
  this.timeout(900_000);
  const net = useLocalnet();

  it("fires every stage on a real validator and leaves no unresolved deficit", async () => {
    const { connection, payer } = net();
    const admin = Keypair.generate();
    const mintAuthority = Keypair.generate();
    await fundSol(connection, payer, [admin.publicKey, mintAuthority.publicKey], 100e9);
    const mint = await createCollateralMint(connection, admin, mintAuthority.publicKey);
    const [adminToken] = await fundTokenAccounts(connection, admin, mint, mintAuthority, [
      { owner: admin.publicKey, amount: usdc(1_500) },
    ]);
    const ex = new PerpExchange(new RpcChain(connection), 7);
    await initExchange(ex, admin, mint, { insurance: { funderToken: adminToken, amount: usdc(1_500) } });
    const started = Date.now();
    const report = await runCrash(rpcCrashEnv({ connection, ex, admin, payer: admin, mint, mintAuthority }), {
      depositPolicy: DepositPolicy.CreditFirst,
      // keeper passes take real seconds here: a 2-minute staleness window (LiteSVM runs use 25 slots)
      params: { maxStalenessSlots: 300n },
    });
    console.log(
      formatCrashReport(report)
        .split("\n")
        .map((l) => `      ${l}`)
        .join("\n"),
    );
    console.log(`      over RPC in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    checkReport(report);
    assert.equal(report.returningUser.refusedWith, "AccountHasUnresolvedDeficit");
    // events seen by the scenario carry a contiguous sequence (nothing lost between RPC calls)
    const seqs = report.events.map((e) => e.data.seq as bigint).sort((a, b) => (a < b ? -1 : 1));
    for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] > seqs[i - 1], "no duplicated event seq");
  });
});
