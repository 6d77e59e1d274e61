/**
 * Replays the crash scenario (client/src/scenario/crash.ts) on the running demo exchange, so the
 * dashboard has a story to show. Used by `npm start -- --crash`:
 *
 *   npx tsx client/src/demo/crash.ts --url http://127.0.0.1:8899 --manifest ~/.cache/perp-margin/demo/demo.json
 *
 * It adds a CRASH-PERP market to the demo exchange, its own traders, makers and backstop, and runs
 * the keeper in-process; the report is printed at the end.
 */
import { Connection } from "@solana/web3.js";
import { RpcChain } from "../chain";
import { PerpExchange } from "../exchange";
import type { DepositPolicy } from "../constants";
import { KeyStore } from "./keys";
import { loadDemoManifest } from "./seed";
import { runCrash, formatCrashReport } from "../scenario/crash";
import { rpcCrashEnv } from "../scenario/rpc-env";

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

async function main() {
  const manifest = loadDemoManifest(arg("manifest"));
  const url = arg("url", manifest.rpcUrl ?? "http://127.0.0.1:8899")!;
  const connection = new Connection(url, "confirmed");
  const keys = new KeyStore(manifest.keysDir);
  const admin = keys.get("admin");
  const ex = new PerpExchange(new RpcChain(connection), manifest.exchangeId);
  const state = await ex.refresh();
  const { PublicKey } = await import("@solana/web3.js");
  const env = rpcCrashEnv({
    connection,
    ex,
    admin,
    payer: admin,
    mint: new PublicKey(manifest.collateralMint),
    mintAuthority: keys.get("mint-authority"),
  });
  const started = Date.now();
  const report = await runCrash(env, {
    depositPolicy: state.depositPolicy as DepositPolicy,
    log: (s) => console.log(`[crash] ${s}`),
  });
  console.log(formatCrashReport(report));
  console.log(`[crash] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(`[crash] ${(e as Error).message}`);
  process.exit(1);
});
