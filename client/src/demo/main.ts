/**
 * Demo entry point used by `npm start` (scripts/start.sh):
 *
 *   npx tsx client/src/demo/main.ts seed   [--url http://127.0.0.1:8899] [--ws ws://…] [--exchange-id 0]
 *                                           [--wallet ~/.cache/perp-margin/keys/localnet.json] [--keys DIR]
 *   npx tsx client/src/demo/main.ts prices [--url …] [--interval-ms 2000] [--keys DIR]
 *   npx tsx client/src/demo/main.ts makers [--url …] [--interval-ms 3000] [--keys DIR]
 *
 * Options fall back to PERP_RPC_URL, PERP_WS_URL, PERP_EXCHANGE_ID, PERP_WALLET, PERP_DEMO_DIR.
 * `seed` writes `<keys>/demo.json` (see `DemoManifest`); `prices` and `makers` (the demo makers
 * re-quoting after a sweep, client/src/demo/makers.ts) read it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Connection, PublicKey } from "@solana/web3.js";
import { RpcChain } from "../chain";
import { PerpExchange } from "../exchange";
import { DEFAULT_DEMO_DIR, DEFAULT_WALLET, KeyStore, readKeypair } from "./keys";
import { loadDemoManifest, priceToUsd, seedDemo, DEMO_MARKETS } from "./seed";
import { runPricePusher } from "./prices";
import { type LadderSpec, runMakers } from "./makers";

/**
 * Resolves on the first SIGINT/SIGTERM so the current step can finish; later signals are absorbed,
 * and 2 s after the first the process exits anyway (npm start's Ctrl-C must be quick).
 */
const stopSignal = (name: string) =>
  new Promise<void>((resolve) => {
    const stop = () => {
      resolve();
      setTimeout(() => {
        console.log(`[${name}] stopped (step in progress abandoned)`);
        process.exit(0);
      }, 2_000).unref();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });

function arg(name: string, env: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1]) return process.argv[i + 1];
  return process.env[env] ?? fallback;
}

const stamp = () => new Date().toISOString().slice(11, 19);

async function main() {
  const cmd = process.argv[2];
  const url = arg("url", "PERP_RPC_URL", "http://127.0.0.1:8899");
  const ws = arg(
    "ws",
    "PERP_WS_URL",
    url.replace(/^http/, "ws").replace(/:(\d+)(\/?)$/, (_, p: string, s: string) => `:${Number(p) + 1}${s}`),
  );
  const dir = arg("keys", "PERP_DEMO_DIR", DEFAULT_DEMO_DIR);
  const connection = new Connection(url, { commitment: "confirmed", wsEndpoint: ws });

  if (cmd === "seed") {
    const wallet = arg("wallet", "PERP_WALLET", DEFAULT_WALLET);
    if (!fs.existsSync(wallet))
      throw new Error(`wallet ${wallet} not found (scripts/localnet.sh creates it)`);
    const exchangeId = Number(arg("exchange-id", "PERP_EXCHANGE_ID", "0"));
    const d = await seedDemo({
      connection,
      payer: readKeypair(wallet),
      exchangeId,
      keys: new KeyStore(dir),
      rpcUrl: url,
      wsUrl: ws,
      log: (m) => console.log(`[demo ${stamp()}] ${m}`),
    });
    const m = d.manifest;
    console.log(`[demo] exchange ${m.exchangeId}: ${m.exchange}  collateral mint ${m.collateralMint}`);
    for (const mk of m.markets)
      console.log(
        `[demo]   ${mk.name.padEnd(9)} market ${mk.market}  oracle $${priceToUsd(DEMO_MARKETS[mk.index] ?? DEMO_MARKETS[0], BigInt(mk.price))}`,
      );
    for (const a of m.accounts)
      console.log(
        `[demo]   ${a.name.padEnd(9)} ${a.role.padEnd(8)} owner ${a.owner}${a.marginAccount ? `  margin ${a.marginAccount}` : ""}`,
      );
    console.log(`[demo] keys and manifest in ${dir}`);
    return;
  }

  if (cmd === "prices") {
    const manifest = loadDemoManifest(path.join(dir, "demo.json"));
    const ex = new PerpExchange(new RpcChain(connection), manifest.exchangeId);
    const oracle = new KeyStore(dir).get("oracle");
    // `on`, not `once`: a second signal (npm start sends TERM to the group, then --pdeathsig)
    // must not kill the process before it finishes its current update.
    const stop = stopSignal("prices");
    console.log(
      `[prices] publishing ${manifest.markets.map((m) => m.name).join(", ")} every ${arg("interval-ms", "PERP_PRICE_INTERVAL_MS", "2000")} ms`,
    );
    await runPricePusher(ex, oracle, {
      intervalMs: Number(arg("interval-ms", "PERP_PRICE_INTERVAL_MS", "2000")),
      log: (m) => console.log(`[prices ${stamp()}] ${m}`),
      stop,
    });
    console.log("[prices] stopped");
    process.exit(0);
  }

  if (cmd === "makers") {
    const manifest = loadDemoManifest(path.join(dir, "demo.json"));
    const ex = new PerpExchange(new RpcChain(connection), manifest.exchangeId);
    const keys = new KeyStore(dir);
    const makers = manifest.accounts
      .filter((a) => a.role === "maker" && a.marginAccount)
      .map((a) => ({ name: a.name, kp: keys.get(a.name), marginAccount: new PublicKey(a.marginAccount!) }));
    const specs: LadderSpec[] = manifest.markets.flatMap((m) => {
      const q = DEMO_MARKETS.find((d) => d.name === m.name)?.quote;
      return q ? [{ marketIndex: m.index, levels: q.levels, stepBps: q.stepBps, lots: q.lotsPerLevel }] : [];
    });
    const intervalMs = Number(arg("interval-ms", "PERP_MAKER_INTERVAL_MS", "3000"));
    console.log(
      `[makers] ${makers.map((m) => m.name).join(", ")} keep ${specs.length} markets quoted (every ${intervalMs} ms)`,
    );
    await runMakers(ex, makers, specs, {
      intervalMs,
      log: (m) => console.log(`[makers ${stamp()}] ${m}`),
      stop: stopSignal("makers"),
    });
    console.log("[makers] stopped");
    process.exit(0);
  }

  console.error(
    "usage: main.ts seed|prices|makers [--url URL] [--ws URL] [--exchange-id N] [--wallet FILE] [--keys DIR] [--interval-ms N]",
  );
  process.exit(2);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[demo] error: ${(e as Error).message}`);
    process.exit(1);
  },
);
