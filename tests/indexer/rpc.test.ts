/**
 * The indexer against a real solana-test-validator over JSON-RPC and websockets: live ingestion of
 * the whole crash scenario (every waterfall stage) with the websocket cut twice on the way, a
 * malformed program account preloaded at genesis, then an indexer process killed with SIGKILL in
 * the middle of its backfill and restarted. Every check reads the chain directly.
 */
import { strict as assert } from "node:assert";
import { type ChildProcess, spawn } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { type Connection, Keypair, type PublicKey } from "@solana/web3.js";
import {
  accountKind,
  decodeExchange,
  DepositPolicy,
  PerpExchange,
  PROGRAM_ID,
  RpcChain,
} from "@perp-margin/client";
import { rpcCrashEnv, runCrash } from "@perp-margin/client/src/scenario";
import { createCollateralMint, fundSol, fundTokenAccounts, usdc } from "@perp-margin/client/src/demo/mint";
import { initExchange } from "@perp-margin/client/src/demo/seed";
import { startLocalnet, type Localnet, REPO_ROOT } from "../harness/localnet";
import { Indexer } from "../../indexer/src/ingest/indexer";
import { RpcSource } from "../../indexer/src/source/rpc";
import { createApiServer, listen } from "../../indexer/src/api/server";
import type { Db } from "../../indexer/src/db/client";
import { resetDb, sql, testDb, TEST_DB_URL } from "./harness/db";
import { tcpProxy, type Proxy as TcpProxy } from "./harness/proxy";
import type { Untyped } from "../harness/untyped";

/** Mirror == chain, read over RPC: every program account's bytes, both vaults, every event. */
async function assertMirrorsRpcChain(connection: Connection, ex: PerpExchange, malformed: PublicKey) {
  const all = await connection.getProgramAccounts(PROGRAM_ID, { commitment: "confirmed" });
  const stored = new Map<string, string>();
  for (const t of [
    "exchange",
    "market",
    "order_book",
    "margin_account",
    "price_feed",
    "backstop_registry",
    "token_vault",
  ]) {
    for (const r of await sql(`SELECT pubkey, encode(data_hash,'hex') AS h FROM "${t}"`))
      stored.set(r.pubkey, r.h);
  }
  let n = 0;
  for (const a of all) {
    if (a.pubkey.equals(malformed)) continue;
    assert.ok(accountKind(a.account.data), `unexpected account ${a.pubkey.toBase58()}`);
    assert.equal(
      stored.get(a.pubkey.toBase58()),
      crypto.createHash("sha256").update(a.account.data).digest("hex"),
      `${a.pubkey.toBase58()} differs`,
    );
    n++;
  }
  const [v, iv] = await connection.getMultipleAccountsInfo([ex.vault, ex.insuranceVault], "confirmed");
  assert.equal(stored.get(ex.vault.toBase58()), crypto.createHash("sha256").update(v!.data).digest("hex"));
  assert.equal(
    stored.get(ex.insuranceVault.toBase58()),
    crypto.createHash("sha256").update(iv!.data).digest("hex"),
  );
  const state = decodeExchange((await connection.getAccountInfo(ex.exchange, "confirmed"))!.data);
  const [e] = await sql(
    `SELECT count(*)::text AS n, count(DISTINCT seq)::text AS d, max(seq)::text AS hi FROM event WHERE exchange=$1`,
    [ex.exchange.toBase58()],
  );
  assert.deepEqual(e, {
    n: state.eventSeq.toString(),
    d: state.eventSeq.toString(),
    hi: (state.eventSeq - 1n).toString(),
  });
  return {
    accounts: n,
    events: Number(state.eventSeq),
    state,
    vault: v!.data.readBigUInt64LE(64),
    insuranceVault: iv!.data.readBigUInt64LE(64),
  };
}

const freePort = () =>
  new Promise<number>((r) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => r(p));
    });
  });

describe("indexer over RPC on a real validator", function () {
  this.timeout(900_000);
  let net_: Localnet;
  let proxy: TcpProxy;
  let db: Db;
  let ex: PerpExchange;
  const malformed = Keypair.generate().publicKey;
  const ledgerTmp = fs.mkdtempSync(path.join(os.tmpdir(), "perp-indexer-rpc-"));

  before(async () => {
    // A program-owned account this IDL cannot decode, present from genesis.
    const file = path.join(ledgerTmp, "malformed.json");
    const data = crypto.randomBytes(120);
    fs.writeFileSync(
      file,
      JSON.stringify({
        pubkey: malformed.toBase58(),
        account: {
          lamports: 10_000_000,
          data: [data.toString("base64"), "base64"],
          owner: PROGRAM_ID.toBase58(),
          executable: false,
          rentEpoch: 0,
          space: data.length,
        },
      }),
    );
    net_ = await startLocalnet({ extraArgs: ["--account", malformed.toBase58(), file] });
    proxy = await tcpProxy(net_.rpcPort + 1);
    db = testDb();
    await resetDb();
  });
  after(async () => {
    await db?.$disconnect();
    await proxy?.close();
    await net_?.stop();
    fs.rmSync(ledgerTmp, { recursive: true, force: true });
  });

  it("ingests the crash scenario live (websocket cut twice), mirror and API equal the chain", async () => {
    const { connection, payer } = net_;
    const source = RpcSource.fromUrls(net_.rpcUrl, proxy.url, PROGRAM_ID);
    const ix = new Indexer(db, source, {
      log: (s) =>
        void (/backfill|catch-up|disconnect|resubscrib|gap/.test(s) && console.log(`      [indexer] ${s}`)),
      catchUpIntervalMs: 1_000,
      maintenanceIntervalMs: 1_000,
    });
    await ix.start();

    const admin = Keypair.generate();
    const mintAuthority = Keypair.generate();
    await fundSol(connection, payer, [admin.publicKey, mintAuthority.publicKey], 100e9);
    const mint = await createCollateralMint(connection, admin, mintAuthority.publicKey);
    const [adminToken] = await fundTokenAccounts(connection, admin, mint, mintAuthority, [
      { owner: admin.publicKey, amount: usdc(1_500) },
    ]);
    ex = new PerpExchange(new RpcChain(connection), 3);
    await initExchange(ex, admin, mint, { insurance: { funderToken: adminToken, amount: usdc(1_500) } });

    let cuts = 0;
    const cutter = setInterval(() => {
      if (cuts < 2 && proxy.cut() > 0) cuts++;
    }, 15_000);
    const t0 = Date.now();
    const report = await runCrash(rpcCrashEnv({ connection, ex, admin, payer: admin, mint, mintAuthority }), {
      depositPolicy: DepositPolicy.RepayDebtFirst,
      params: { maxStalenessSlots: 300n },
    });
    clearInterval(cutter);
    console.log(
      `      crash scenario over RPC: ${report.events.length} events in ${((Date.now() - t0) / 1000).toFixed(1)} s; websocket cut ${cuts}×; reconnects ${ix.stats.reconnects}`,
    );
    await ix.sync();
    const recon = await ix.reconcile();
    await ix.sync();
    const api = createApiServer(db);
    const base = `http://127.0.0.1:${await listen(api, 0)}`;
    const solvency = (await (
      await fetch(`${base}/api/solvency?exchange=${ex.exchange.toBase58()}`)
    ).json()) as Untyped;
    const adl = (await (
      await fetch(`${base}/api/adl?exchange=${ex.exchange.toBase58()}`)
    ).json()) as Untyped[];
    const status = (await (await fetch(`${base}/api/status`)).json()) as Untyped;
    api.close();
    // The CLI's `verify-solvency` (straight from chain, no indexer) must print the dashboard's numbers.
    const cli = JSON.parse(
      require("node:child_process").execFileSync(
        process.execPath,
        [
          path.join(REPO_ROOT, "client/bin/perp.js"),
          "verify-solvency",
          "--url",
          net_.rpcUrl,
          "--exchange-id",
          "3",
          "--json",
        ],
        {
          encoding: "utf8",
          cwd: REPO_ROOT,
        },
      ),
    );
    await ix.stop();
    await source.close();

    assert.ok(cuts >= 1, "the websocket was cut during the scenario");
    assert.ok(ix.stats.reconnects >= 1, "and the indexer recovered from it");
    assert.equal(recon.repaired, 0, "live ingestion + recovery left nothing for reconciliation to repair");
    const chain = await assertMirrorsRpcChain(connection, ex, malformed);
    assert.equal(solvency.vaultNative, chain.vault.toString());
    assert.equal(solvency.insuranceVaultNative, chain.insuranceVault.toString());
    const s = chain.state;
    assert.equal(
      solvency.liabilitiesNative,
      (
        s.totalCashNative -
        s.totalDeficitNative +
        s.feePoolNative +
        s.pendingSettlementNative -
        s.badDebtNative
      ).toString(),
    );
    assert.equal(solvency.surplusNative, "0");
    assert.equal(solvency.badDebtNative, s.badDebtNative.toString());
    assert.equal(solvency.socializedLossNative, s.socializedLossNative.toString());
    assert.equal(cli.holds, true);
    assert.ok(cli.rpcCalls <= 3, `verify-solvency used ${cli.rpcCalls} RPC calls`);
    assert.equal(cli.vault.native, solvency.vaultNative, "CLI vault == dashboard vault");
    assert.equal(
      cli.insuranceVault.native,
      solvency.insuranceVaultNative,
      "CLI insurance vault == dashboard",
    );
    assert.equal(cli.badDebt.native, solvency.badDebtNative);
    assert.equal(cli.socializedLoss.native, solvency.socializedLossNative);
    assert.equal(
      BigInt(cli.rhs.native) - BigInt(cli.badDebt.native),
      BigInt(solvency.liabilitiesNative),
      "ledger liabilities agree",
    );
    assert.equal(cli.negativeEquityAccounts, solvency.negativeEquityAccounts);
    assert.equal(
      BigInt(cli.liabilities.native),
      BigInt(solvency.positiveEquityNative) + BigInt(solvency.feePoolNative),
      "claims: Σ max(equity,0) + fee pool",
    );
    if (solvency.solvencyRatio !== null) {
      assert.equal(
        Math.floor(Number(solvency.solvencyRatio) * 10_000),
        Number(cli.solvencyRatioBps),
        "solvency ratio: dashboard == verify-solvency",
      );
    }
    // The scenario ran ADL; the indexer watched it live, so every ADL has a verdict and the mirror
    // reproduced every score the program recorded.
    assert.ok(adl.length >= 1, "the crash scenario deleverages");
    for (const a of adl) {
      assert.notEqual(a.audit, "unverifiable");
      assert.equal(a.fillScoreMismatches, 0, `ADL seq ${a.seq}: ${JSON.stringify(a)}`);
    }
    // The malformed genesis account: logged once, counted, nothing stored.
    const errs = (status.errors as { kind: string; count: number }[]).map((e) => ({
      kind: e.kind,
      count: e.count,
    }));
    assert.deepEqual(errs, [{ kind: "account_decode", count: 1 }]);
    assert.equal(status.openGaps, 0);
    assert.equal(ix.stats.gapsDetected, 0, "no false holes");
  });

  it("an indexer process killed with SIGKILL mid-backfill, restarted, ends with nothing missing and nothing twice", async () => {
    await resetDb();
    const port = await freePort();
    const env = {
      ...process.env,
      RPC_URL: net_.rpcUrl,
      WS_URL: net_.wsUrl,
      DATABASE_URL: TEST_DB_URL,
      PORT: String(port),
      INDEXER_BATCH_SIZE: "2",
    };
    const run = () => {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", path.join(REPO_ROOT, "indexer/src/main.ts")],
        { env, stdio: ["ignore", "pipe", "pipe"], cwd: REPO_ROOT },
      );
      let out = "";
      child.stdout!.on("data", (d) => (out += d));
      child.stderr!.on("data", (d) => (out += d));
      return { child, log: () => out };
    };
    const waitFor = async (what: string, f: () => Promise<boolean>, ms = 60_000) => {
      const t0 = Date.now();
      while (!(await f())) {
        if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    const count = async () =>
      (
        await sql(
          `SELECT (SELECT count(*) FROM margin_account)::int AS a, (SELECT count(*) FROM event)::int AS e`,
        )
      )[0];
    const first = run();
    await waitFor("first rows", async () => (await count()).a > 0);
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const partial = await count();
    const total = (await net_.connection.getProgramAccounts(PROGRAM_ID, { commitment: "confirmed" })).length;
    console.log(`      killed with ${partial.a} of ~${total} accounts and ${partial.e} events written`);
    assert.ok(partial.e === 0 || partial.a < total - 1, "killed before the backfill finished");

    const second: { child: ChildProcess; log: () => string } = run();
    const eventSeq = decodeExchange(
      (await net_.connection.getAccountInfo(ex.exchange, "confirmed"))!.data,
    ).eventSeq;
    await waitFor(
      "restart to catch up",
      async () => BigInt((await count()).e) >= eventSeq && second.log().includes("live"),
      120_000,
    );
    const res = await fetch(`http://127.0.0.1:${port}/api/status`);
    assert.equal(res.status, 200);
    second.child.kill("SIGTERM");
    await new Promise((r) => second.child.once("exit", r));
    await assertMirrorsRpcChain(net_.connection, ex, malformed);
  });
});
