/**
 * `npm start` as a person runs it, twice in a row on the same demo keys (a fresh ledger each time),
 * the second time with `--crash`: the demo comes up, exactly one keeper runs, the makers re-quote
 * after a sweep took every ask, and SIGINT to the `npm start` process (not its process group) stops
 * every child within seconds. The indexer is left out (PERP_INDEXER=0) so the suite never touches a
 * developer's database; everything else is the real script (scripts/start.sh) and validator.
 */
import { strict as assert } from "node:assert";
import { type ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { Connection, Keypair, LAMPORTS_PER_SOL } from "@solana/web3.js";
import { OrderType, PerpExchange, RpcChain, Side } from "@perp-margin/client";
import { KeyStore } from "@perp-margin/client/src/demo/keys";
import { fundSol, fundTokenAccounts, usdc } from "@perp-margin/client/src/demo/mint";
import { loadDemoManifest, openMarginAccount } from "@perp-margin/client/src/demo/seed";
import { REPO_ROOT, VALIDATOR_BIN } from "../harness/localnet";

const free = (port: number) =>
  new Promise<boolean>((r) => {
    const s = net.createServer();
    s.once("error", () => r(false));
    s.listen(port, "127.0.0.1", () => s.close(() => r(true)));
  });

async function freeBase(): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 2_000) * 10;
    const ports = [base, base + 1, base + 2, base + 3, base + 4];
    if ((await Promise.all(ports.map(free))).every(Boolean)) return base;
  }
}

/** Every live descendant of `pid` (from /proc), with its process group and command line. */
function descendants(pid: number): { pid: number; pgid: number; cmd: string }[] {
  const procs = fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, "utf8");
        const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        if (f[0] === "Z") return [];
        const cmd = fs.readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ").trim();
        return [{ pid: Number(d), ppid: Number(f[1]), pgid: Number(f[2]), cmd }];
      } catch {
        return [];
      }
    });
  const out: { pid: number; pgid: number; cmd: string }[] = [];
  const walk = (p: number) => {
    for (const c of procs.filter((x) => x.ppid === p)) {
      out.push({ pid: c.pid, pgid: c.pgid, cmd: c.cmd });
      walk(c.pid);
    }
  };
  walk(pid);
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
};

interface Run {
  child: ChildProcess;
  output: () => string;
  upMs: number;
}

describe("e2e: npm start, twice in a row (then with --crash), one keeper, makers re-quote, SIGINT stops all", function () {
  this.timeout(1_800_000);
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "perp-start-"));
  let base = 0;
  const running: ChildProcess[] = [];

  before(async () => {
    if (!fs.existsSync(VALIDATOR_BIN)) throw new Error(`${VALIDATOR_BIN} missing: run npm run setup`);
    base = await freeBase();
  });
  after(() => {
    for (const c of running) if (c.pid && alive(c.pid)) c.kill("SIGKILL");
    fs.rmSync(cache, { recursive: true, force: true });
  });

  async function start(args: string[] = []): Promise<Run> {
    const t0 = Date.now();
    let out = "";
    const child = spawn("npm", ["start", "--", "--skip-setup", ...args], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PM_CACHE: cache,
        PERP_TEST_VALIDATOR: VALIDATOR_BIN,
        PERP_RPC_PORT: String(base),
        PERP_FAUCET_PORT: String(base + 2),
        PERP_WEB_PORT: String(base + 3),
        PERP_DASHBOARD_PORT: String(base + 4),
        PERP_INDEXER: "0",
        PERP_MAKER_INTERVAL_MS: "1500",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.push(child);
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const iv = setInterval(() => {
        if (out.includes("perp-margin local demo is up")) {
          clearInterval(iv);
          resolve();
        }
      }, 200);
      child.once("exit", (code) => {
        clearInterval(iv);
        reject(new Error(`npm start exited (${code}) before the demo was up:\n${out.slice(-4000)}`));
      });
    });
    return { child, output: () => out, upMs: Date.now() - t0 };
  }

  /** SIGINT to the npm process only; returns how long until it and every descendant were gone. */
  async function interrupt(run: Run): Promise<{ npmMs: number; allMs: number; left: string[] }> {
    const pid = run.child.pid!;
    const tree = descendants(pid);
    assert.ok(tree.length > 5, "npm start has its components running");
    const t0 = Date.now();
    const exited = new Promise<void>((r) => run.child.once("exit", () => r()));
    process.kill(pid, "SIGINT");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
    const npmMs = Date.now() - t0;
    let left = tree.filter((p) => alive(p.pid));
    while (left.length && Date.now() - t0 < 30_000) {
      await new Promise((r) => setTimeout(r, 100));
      left = left.filter((p) => alive(p.pid));
    }
    return { npmMs, allMs: Date.now() - t0, left: left.map((p) => `${p.pid} ${p.cmd}`) };
  }

  const keepers = (run: Run) =>
    new Set(
      descendants(run.child.pid!)
        .filter((p) => p.cmd.includes("client/src/keeper/run.ts"))
        .map((p) => p.pgid),
    ).size;

  it("starts, runs one keeper, and the makers re-quote after a sweep of every ask", async () => {
    const run = await start();
    console.log(`      npm start: demo up in ${(run.upMs / 1000).toFixed(1)} s`);
    assert.equal(keepers(run), 1, "exactly one keeper process group");

    const manifest = loadDemoManifest(path.join(cache, "demo", "demo.json"));
    const connection = new Connection(`http://127.0.0.1:${base}`, "confirmed");
    const ex = new PerpExchange(new RpcChain(connection), manifest.exchangeId);
    await ex.refresh();
    const keys = new KeyStore(path.join(cache, "demo"));
    const payer = keys.get("admin");
    const whale = Keypair.generate();
    await fundSol(connection, payer, [whale.publicKey], 10 * LAMPORTS_PER_SOL);
    const mint = ex.state!.collateralMint;
    const [token] = await fundTokenAccounts(connection, payer, mint, keys.get("mint-authority"), [
      { owner: whale.publicKey, amount: usdc(500_000) },
    ]);
    const { marginAccount } = await openMarginAccount(ex, whale, token, usdc(500_000));
    // the makers' first pass replaces the ladders the takers' opening trades ate into
    let before = await ex.book(0);
    for (let i = 0; i < 120 && before.asks.length !== 10; i++) {
      await new Promise((res) => setTimeout(res, 500));
      before = await ex.book(0);
    }
    assert.equal(before.asks.length, 10, "two makers × five ask levels");
    const oracle = (await ex.priceFeed(0)).price;
    const tick = ex.market(0).state.params.tickSize;
    const limit = ((oracle * 10_500n) / 10_000n / tick) * tick;
    const lots = before.asks.reduce((a, o) => a + o.baseLots, 0n) + 1_000n;
    const r = await ex.chain.send(
      [
        await ex.placeOrderIx(whale.publicKey, marginAccount, 0, Side.Bid, limit, lots, {
          type: OrderType.ImmediateOrCancel,
        }),
      ],
      [whale],
    );
    assert.ok(r.ok, r.rawError);
    assert.equal((await ex.book(0)).asks.length, 0, "the IOC took every ask");
    const t0 = Date.now();
    let asks = 0;
    while (Date.now() - t0 < 60_000) {
      asks = (await ex.book(0)).asks.length;
      if (asks === 10) break;
      await new Promise((res) => setTimeout(res, 500));
    }
    console.log(
      `      makers re-quoted ${asks} asks ${((Date.now() - t0) / 1000).toFixed(1)} s after the sweep`,
    );
    assert.equal(asks, 10, "both makers quote five asks again");
    assert.match(run.output(), /\[makers[^\]]*\] market 0 re-quoted/);

    const stop = await interrupt(run);
    console.log(`      SIGINT: npm exited in ${stop.npmMs} ms, every child gone in ${stop.allMs} ms`);
    assert.deepEqual(stop.left, [], "no child left running");
    assert.ok(stop.allMs < 10_000, `stopped in ${stop.allMs} ms`);
  });

  it("starts again on the same demo keys with --crash: the replay runs, one keeper throughout, SIGINT stops all", async () => {
    const run = await start(["--crash"]);
    console.log(
      `      npm start -- --crash: demo up and crash replayed in ${(run.upMs / 1000).toFixed(1)} s`,
    );
    const out = run.output();
    assert.match(out, /replaying the crash/);
    assert.match(out, /Crash replay +replayed/);
    assert.match(out, /stage 4 ADL/);
    assert.doesNotMatch(out, /crash replay exited with an error/);
    assert.equal(keepers(run), 1, "the keeper is back, alone");
    const stop = await interrupt(run);
    console.log(`      SIGINT: npm exited in ${stop.npmMs} ms, every child gone in ${stop.allMs} ms`);
    assert.deepEqual(stop.left, []);
    assert.ok(stop.allMs < 10_000, `stopped in ${stop.allMs} ms`);
  });
});
