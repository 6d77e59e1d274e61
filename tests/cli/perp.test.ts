/**
 * The `perp` CLI as a person or a script runs it: a child process per command against a real
 * local validator. Setup, trading and views through the CLI alone; the waterfall's backstop and
 * insurance steps and the deposit preview after a liquidation; `verify-solvency` within its RPC
 * budget; and bad input ending with status 1 and one clear line (or the program's error name).
 */
import { strict as assert } from "node:assert";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Keypair, PublicKey } from "@solana/web3.js";
import { RpcChain, ata, exchangePda, mintToIx, vaultPda } from "@perp-margin/client";
import { REPO_ROOT, useLocalnet } from "../harness/localnet";
import type { Untyped } from "../harness/untyped";

const BIN = path.join(REPO_ROOT, "client/bin/perp.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: Untyped;
}

function exec(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<Omit<Run, "json">> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: REPO_ROOT, env, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({
        code: err ? Number((err as { code?: number }).code ?? 1) : 0,
        stdout: String(stdout),
        stderr: String(stderr),
      });
    });
  });
}

/** create-market options of the test markets: 1 lot = 0.01 SOL, tick $0.01 per SOL. */
const LOT = ["--base-lot-size", "10000000", "--base-decimals", "9", "--tick", "0.01"];

/** UI amounts as native integers (6 decimals). */
const n = (ui: string) => {
  const [i, f = ""] = ui.split(".");
  return BigInt(i) * 1_000_000n + BigInt(`${f}000000`.slice(0, 6));
};

describe("cli: perp against a local validator", function () {
  this.timeout(600_000); // generous: a shared 2-core machine can be far slower than its usual ~1 s per command
  const net = useLocalnet();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "perp-cli-"));
  const keys: Record<string, Keypair> = {};
  const keyfile = (who: string) => path.join(dir, `${who}.json`);

  /** Runs `perp --url … --keypair <who> [--json] args`; parses JSON when asked for it. */
  async function perp(
    who: string,
    args: string[],
    opts: { json?: boolean; exchange?: number } = {},
  ): Promise<Run> {
    const json = opts.json ?? true;
    const argv = [
      BIN,
      "--url",
      net().rpcUrl,
      "--keypair",
      keyfile(who),
      "--exchange-id",
      String(opts.exchange ?? 0),
      ...(json ? ["--json"] : []),
      ...args,
    ];
    const r = await exec(process.execPath, argv);
    let parsed: Untyped;
    if (json && r.stdout.trim()) parsed = JSON.parse(r.stdout);
    return { ...r, json: parsed };
  }
  /** Same, asserting success. */
  async function ok(who: string, args: string[], opts: { json?: boolean; exchange?: number } = {}) {
    const r = await perp(who, args, opts);
    assert.equal(r.code, 0, `perp ${args.join(" ")} failed: ${r.stderr}${r.stdout}`);
    return r;
  }
  /** Asserts status 1 and exactly one line on stderr; returns that line. */
  async function fails(who: string, args: string[], opts: { json?: boolean; exchange?: number } = {}) {
    const r = await perp(who, args, { json: false, ...opts });
    assert.equal(r.code, 1, `expected failure: perp ${args.join(" ")}\n${r.stdout}`);
    const lines = r.stderr.trim().split("\n");
    assert.equal(lines.length, 1, `one line on stderr, got:\n${r.stderr}`);
    assert.match(lines[0], /^error: /);
    return { line: lines[0], run: r };
  }

  before(async () => {
    keys.admin = net().payer;
    for (const who of ["alice", "bob", "long", "short", "backstop"]) keys[who] = Keypair.generate();
    for (const [who, kp] of Object.entries(keys))
      fs.writeFileSync(keyfile(who), JSON.stringify(Array.from(kp.secretKey)));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is the `perp` bin of the client package (npx perp --help)", async () => {
    const r = await exec("npx", ["--no-install", "perp", "--help"]);
    assert.equal(r.code, 0, r.stderr);
    for (const c of [
      "init-exchange",
      "create-market",
      "deposit",
      "order",
      "positions",
      "verify-solvency",
      "liquidate",
      "adl",
      "socialize",
    ])
      assert.match(r.stdout, new RegExp(`\\b${c}\\b`));
  });

  it("sets up an exchange and a market, funds traders, deposits, trades, and shows positions and the book", async () => {
    const init = await ok("admin", ["init-exchange", "--insurance", "1000"]);
    assert.equal(init.json.insurance.native, n("1000").toString());
    // 1 lot = 0.01 SOL, tick $0.01 per SOL; prices in USD per SOL, sizes in SOL
    const mkt = await ok("admin", [
      "create-market",
      "--name",
      "SOL-PERP",
      ...LOT,
      "--price",
      "100",
      "--max-staleness-slots",
      "1000000",
      "--max-funding-bps",
      "0",
    ]);
    assert.equal(mkt.json.marketIndex, 0);
    const markets = await ok("admin", ["markets"]);
    assert.deepEqual(
      markets.json.markets.map((m: Untyped) => [
        m.name,
        m.oraclePrice.perUnit,
        m.oraclePrice.nativePerLot,
        m.status,
      ]),
      [["SOL-PERP", "100.00", n("1").toString(), "active"]],
    );
    // independent traders set up side by side (each one's steps in order)
    await Promise.all(
      ["alice", "bob"].map(async (who) => {
        await ok(who, ["airdrop", "--sol", "5"]);
        await ok("admin", ["faucet", "--to", keys[who].publicKey.toBase58(), "--amount", "10000"]);
        const acct = await ok(who, ["create-account"]);
        const dep = await ok(who, ["deposit", "--amount", "5000"]);
        assert.equal(dep.json.credited.native, n("5000").toString());
        assert.equal(dep.json.toDebt.native, "0");
        assert.equal(dep.json.marginAccount, acct.json.marginAccount);
      }),
    );
    const maker = await ok("alice", [
      "order",
      "--market",
      "SOL-PERP",
      "--side",
      "sell",
      "--price",
      "101",
      "--size",
      "0.10",
    ]);
    assert.equal(maker.json.restingLots, "10");
    assert.equal(maker.json.price.nativePerLot, n("1.01").toString());
    const taker = await ok("bob", [
      "order",
      "--market",
      "0",
      "--side",
      "buy",
      "--price",
      "101",
      "--size",
      "0.04",
    ]);
    assert.equal(taker.json.filledLots, "4");
    assert.equal(taker.json.averagePrice.perUnit, "101.00");
    assert.equal(taker.json.fills[0].makerOrderId, maker.json.orderId);

    const bob = (await ok("bob", ["positions"])).json;
    assert.equal(bob.positions.length, 1);
    assert.equal(bob.positions[0].baseLots, "4");
    // equity = cash + base × oracle (funding capped at 0 here); maintenance = ⌈4 lots × 1.00 × 5%⌉
    assert.equal(BigInt(bob.equity.native), BigInt(bob.cash.native) + 4n * n("1"));
    assert.equal(bob.maintenanceRequirement.ui, "0.200000");
    assert.equal(bob.positions[0].unrealizedPnl.ui, "-0.040000");
    assert.deepEqual(bob.positions[0].size, { base: "0.04", lots: "4" });
    assert.equal(bob.positions[0].entryPrice.perUnit, "101.00");
    const alice = (await ok("alice", ["account"])).json;
    assert.equal(alice.positions[0].baseLots, "-4");
    assert.equal(alice.positions[0].adlQuantile, 5, "the only profitable short is first in the ADL queue");
    assert.deepEqual(
      alice.orders.map((o: Untyped) => [o.side, o.price.perUnit, o.size.base, o.lots]),
      [["sell", "101.00", "0.06", "6"]],
    );
    const human = await ok("alice", ["positions"], { json: false });
    assert.match(
      human.stdout,
      /SOL-PERP short 0\.04 SOL \(notional 4\.00 USD, [\d.]+×\) +entry 101\.00 USD +oracle 100\.00 USD +uPnL 0\.040000 +liq\. price [\d.]+ USD +ADL 5\/5/,
    );

    const book = await ok("bob", ["book", "--market", "SOL-PERP"]);
    assert.deepEqual(
      book.json.asks.map((l: Untyped) => [l.price.perUnit, l.size.base, l.lots]),
      [["101.00", "0.06", "6"]],
    );
    assert.equal(book.json.bids.length, 0);
    const cancel = await ok("alice", ["cancel-all", "--market", "SOL-PERP"]);
    assert.equal(cancel.json.cancelled, 1);
  });

  it("verify-solvency recomputes the identity from chain in at most 3 RPC calls", async () => {
    const r = await ok("bob", ["verify-solvency"]);
    const j = r.json;
    console.log(
      `      verify-solvency: ${j.rpcCalls} RPC calls (${j.rpcMethods.join(", ")}), ${j.elapsedMs} ms`,
    );
    assert.ok(j.rpcCalls <= 3, `${j.rpcCalls} RPC calls`);
    assert.equal(j.holds, true);
    assert.equal(j.marginAccounts, 2);
    // the identity, re-added from the printed parts
    assert.equal(
      BigInt(j.vault.native) + BigInt(j.badDebt.native),
      BigInt(j.sumCash.native) -
        BigInt(j.sumDeficit.native) +
        BigInt(j.feePool.native) +
        BigInt(j.pendingSettlement.native),
    );
    // and the vault figure is the token account's real balance
    const vault = await net().connection.getTokenAccountBalance(vaultPda(exchangePda(0)), "confirmed");
    assert.equal(j.vault.native, vault.value.amount);
    assert.equal(j.vault.native, n("10000").toString(), "two deposits of 5000");
    assert.equal(j.insuranceVault.native, n("1000").toString());
    assert.equal(j.solvencyRatioBps, "10000");
    const human = await ok("bob", ["verify-solvency"], { json: false });
    assert.match(human.stdout, /vault \+ bad_debt == Σcash − Σdeficit \+ fee_pool \+ pending: HOLDS/);
    assert.match(human.stdout, /: 2 RPC calls/);
  });

  it("runs the backstop and insurance steps, then previews and applies a deposit against the remaining deficit", async () => {
    const X = { exchange: 1 };
    const init = await ok(
      "admin",
      ["init-exchange", "--deposit-policy", "repay-debt-first", "--insurance", "100"],
      X,
    );
    await ok(
      "admin",
      [
        "create-market",
        "--name",
        "SOL-PERP",
        ...LOT,
        "--price",
        "100",
        "--liquidation-band-bps",
        "300",
        "--max-staleness-slots",
        "1000000",
        "--max-funding-bps",
        "0",
      ],
      X,
    );
    // SOL and collateral in-process (the CLI's airdrop and faucet ran above), accounts via the CLI
    const mint = new PublicKey(init.json.collateralMint);
    const chain = new RpcChain(net().connection);
    await Promise.all(
      [
        ["long", "1000"],
        ["short", "100000"],
        ["backstop", "100000"],
      ].map(async ([who, amount]) => {
        await net().airdrop(keys[who].publicKey, 5);
        const t = ata(keys.admin.publicKey, keys[who].publicKey, mint);
        const r = await chain.send(
          [t.createIx, mintToIx(mint, t.address, keys.admin.publicKey, n(amount) * 2n)],
          [keys.admin],
        );
        assert.ok(r.ok, r.rawError);
        await ok(who, ["create-account"], X);
        await ok(who, ["deposit", "--amount", amount], X);
      }),
    );
    // registration commits capacity (program rule): the backstop holds 50,000 for takeovers
    await ok("backstop", ["register-backstop", "--markets", "SOL-PERP", "--capacity", "50000"], X);
    await ok("short", ["order", "--market", "0", "--side", "sell", "--price", "100", "--size", "90"], X);
    await ok("long", ["order", "--market", "0", "--side", "buy", "--price", "100", "--size", "90"], X);
    const liquidatee = (await ok("long", ["account"], X)).json.marginAccount;

    // a healthy account cannot be touched: the program's error, by name
    const healthy = await perp("backstop", ["liquidate", "--market", "0", "--account", liquidatee], X);
    assert.equal(healthy.code, 1);
    assert.equal(healthy.json.error.name, "NotLiquidatable");

    // Equity at 88.38 is about −50: a close of negative equity must be covered by insurance
    // (program rule: beyond it the close is refused with LossBeyondInsurance and ADL closes the
    // position), and the fund holds 100, so the backstop takes the position over and the account
    // is left with a deficit the fund has reserved.
    await ok("admin", ["set-price", "--market", "0", "--price", "88.38"], X);
    const before = (await ok("long", ["account"], X)).json;
    assert.equal(before.liquidatable, true);
    assert.ok(BigInt(before.equity.native) < 0n, "negative equity at the oracle");
    const step = await ok("backstop", ["backstop", "--market", "0", "--account", liquidatee], X);
    const liq = step.json.events.find((e: Untyped) => e.name === "Liquidation").data;
    assert.equal(liq.stage, 2);
    const bankrupt = (await ok("long", ["account"], X)).json;
    assert.equal(bankrupt.status, "Bankrupt");
    const deficit = BigInt(bankrupt.deficit.native);
    assert.ok(deficit > 0n && deficit <= n("100"), `a deficit the fund can cover: ${deficit}`);
    assert.equal(deficit.toString(), liq.deficitNative);

    // the preview (a dry run for scripts; printed before signing for people), then the chain's
    // split: the user repays part of the deficit from a deposit, at most what they signed for
    const repay = deficit / 2n;
    const ui = (v: bigint) => `${v / 1_000_000n}.${(v % 1_000_000n).toString().padStart(6, "0")}`;
    const dry = await ok(
      "long",
      ["deposit", "--amount", "500", "--max-debt-repayment", ui(repay), "--dry-run"],
      X,
    );
    assert.equal(dry.json.preview.toDebt.native, repay.toString());
    assert.equal(dry.json.preview.credited.native, (n("500") - repay).toString());
    const dep = await ok("long", ["deposit", "--amount", "500", "--max-debt-repayment", ui(repay)], {
      ...X,
      json: false,
    });
    const [preview, done] = dep.stdout.trim().split("\n");
    const left = deficit - repay;
    assert.equal(
      preview,
      `preview: policy repay-debt-first: ${ui(repay)} applied to debt (deficit ${ui(deficit)} → ${ui(left)}), ${ui(n("500") - repay)} credited to cash`,
    );
    assert.match(
      done,
      new RegExp(
        `^deposited 500\\.000000 into ${liquidatee}: ${ui(n("500") - repay).replace(".", "\\.")} credited, ${ui(repay).replace(".", "\\.")} to debt`,
      ),
    );
    const mid = (await ok("long", ["account"], X)).json;
    assert.equal(mid.deficit.native, left.toString(), "the chain applied what the preview showed");
    assert.equal(mid.cash.native, (n("500") - repay).toString());

    // the insurance step pays what is left
    const resolved = await ok("short", ["resolve-bankruptcy", "--account", liquidatee], X);
    const br = resolved.json.events.find((e: Untyped) => e.name === "BankruptcyResolved").data;
    assert.equal(br.insurancePaidNative, left.toString());
    assert.equal(br.deficitAfterNative, "0");
    const after = (await ok("long", ["account"], X)).json;
    assert.equal(after.status, "Healthy", "the deficit is cleared");
    assert.equal(after.deficit.native, "0");

    const solv = (await ok("long", ["verify-solvency"], X)).json;
    assert.ok(solv.rpcCalls <= 3);
    assert.equal(solv.holds, true);
    assert.equal(BigInt(solv.insuranceFund.native), n("100") - left);
  });

  describe("bad input: status 1 and one clear line", () => {
    it("a bad public key", async () => {
      const { line } = await fails("bob", ["account", "--owner", "not-a-key"]);
      assert.equal(line, 'error: --owner "not-a-key" is not a valid base58 public key');
    });

    it("an unknown market", async () => {
      const { line } = await fails("bob", [
        "order",
        "--market",
        "ETH-PERP",
        "--side",
        "buy",
        "--price",
        "100",
        "--size",
        "1",
      ]);
      assert.equal(line, 'error: unknown market "ETH-PERP" (markets: 0 SOL-PERP)');
    });

    it("a price outside the band names the allowed range in USD per SOL", async () => {
      const args = ["order", "--market", "SOL-PERP", "--side", "buy", "--price", "150", "--size", "0.01"];
      const { line } = await fails("bob", args);
      assert.equal(
        line,
        "error: --price must be between 90.00 and 110.00 USD (oracle 100.00 ± 10.00%); got 150.00",
      );
      const j = await perp("bob", args);
      assert.equal(j.code, 1);
      assert.deepEqual([j.json.ok, j.json.error.kind], [false, "input"]);
    });

    it("a price off the tick, a size that is not whole lots, and --native (per lot, lots)", async () => {
      const order = (price: string, size: string, native = false) => [
        ...(native ? ["--native"] : []),
        "order",
        "--market",
        "0",
        "--side",
        "buy",
        "--price",
        price,
        "--size",
        size,
      ];
      assert.equal(
        (await fails("bob", order("100.005", "0.01"))).line,
        "error: --price 100.005 USD is not on the tick of 0.01 USD (nearest: 100.00 or 100.01)",
      );
      assert.equal(
        (await fails("bob", order("100", "0.015"))).line,
        "error: --size 0.015 SOL is not a whole number of lots (1 lot = 0.01 SOL)",
      );
      // --native: the same order as 1 lot at 1.00 quote per lot = 100 USD per SOL, resting
      const r = await ok("bob", order(n("0.99").toString(), "1", true));
      assert.equal(r.json.restingLots, "1");
      assert.deepEqual(r.json.price, { perUnit: "99.00", nativePerLot: n("0.99").toString() });
      const human = await ok("bob", ["--native", "book", "--market", "0"], { json: false });
      assert.match(human.stdout, new RegExp(`bid +${n("0.99")}/lot +1 lots`));
      await ok("bob", ["cancel-all", "--market", "0"]);
    });

    it("an IOC that fills nothing says so and exits 3", async () => {
      const r = await perp("bob", [
        "order",
        "--market",
        "0",
        "--side",
        "buy",
        "--type",
        "ioc",
        "--price",
        "95",
        "--size",
        "0.01",
      ]);
      assert.equal(r.code, 3, r.stderr);
      assert.equal(r.json.filled, false);
      const t = await perp(
        "bob",
        ["order", "--market", "0", "--side", "buy", "--type", "ioc", "--price", "95", "--size", "0.01"],
        {
          json: false,
        },
      );
      assert.match(
        t.stdout,
        /nothing filled — no resting order at that price or better; nothing rests \(IOC\)/,
      );
    });

    it("a missing keypair file, a bad amount, an unknown exchange, a missing option, an unreachable RPC", async () => {
      const [keypair, amount, exchange, option, rpc] = await Promise.all([
        fails("nobody", ["deposit", "--amount", "1"]),
        fails("bob", ["deposit", "--amount", "1.0000001"]),
        fails("bob", ["markets"], { exchange: 9 }),
        fails("bob", ["order", "--market", "0", "--side", "buy", "--size", "1"]),
        exec(process.execPath, [BIN, "--url", "http://127.0.0.1:9", "markets"]),
      ]);
      assert.match(keypair.line, /^error: keypair file not found: .*nobody\.json/);
      assert.equal(amount.line, 'error: amount "1.0000001" has more than 6 decimals');
      assert.match(exchange.line, /^error: exchange id 9 \(\w+\) does not exist on http/);
      assert.equal(option.line, "error: --price is required");
      assert.equal(rpc.code, 1);
      assert.equal(rpc.stderr.trim(), "error: cannot reach http://127.0.0.1:9: fetch failed");
    });
  });
});
