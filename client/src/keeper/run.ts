/**
 * Runs the keeper against an RPC endpoint until stopped:
 *
 *   npx tsx client/src/keeper/run.ts --url http://127.0.0.1:8899 --keypair ~/.config/solana/id.json \
 *     [--priority-fee <micro-lamports per CU>] [--exchange-id N] [--interval-ms MS]
 *
 * `--url` takes a URL or a moniker (localhost, devnet, testnet, mainnet-beta). Transactions go
 * through the SDK's send path: v0 with a lookup table when many accounts are needed (ADL,
 * multi-maker liquidations), compute-unit limit from simulation, the priority fee.
 * It creates the keeper's margin account on first run (liquidation fees are paid there), then every
 * `--interval-ms` runs passes until quiet, logging each step and a per-stage tally.
 */
import * as fs from "node:fs";
import { Keypair } from "@solana/web3.js";
import { RpcChain } from "../chain";
import { parsePriorityFee, resolveClusterUrl } from "../cluster";
import { PerpExchange } from "../exchange";
import { Keeper } from "./keeper";

function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1]) return process.argv[i + 1];
  return process.env[`KEEPER_${name.toUpperCase().replace(/-/g, "_")}`] ?? fallback;
}

export async function main() {
  const given = arg("url", "http://127.0.0.1:8899")!;
  const url = resolveClusterUrl(given);
  if (!url)
    throw new Error(
      `--url "${given}" is not an http(s) URL or a moniker (localhost, devnet, testnet, mainnet-beta)`,
    );
  const priorityFeeMicroLamports = parsePriorityFee(arg("priority-fee", "0")!);
  if (priorityFeeMicroLamports === null)
    throw new Error("--priority-fee must be a whole number of micro-lamports per CU");
  const keypairPath = arg("keypair");
  if (!keypairPath)
    throw new Error("--keypair <file> is required (a Solana JSON keypair that pays for keeper transactions)");
  if (!fs.existsSync(keypairPath)) throw new Error(`keypair file not found: ${keypairPath}`);
  const signer = Keypair.fromSecretKey(Uint8Array.from(JSON.parse(fs.readFileSync(keypairPath, "utf8"))));
  const exchangeId = Number(arg("exchange-id", "0"));
  const interval = Number(arg("interval-ms", "400"));
  const ex = new PerpExchange(RpcChain.fromUrl(url, "confirmed", { priorityFeeMicroLamports }), exchangeId);
  await ex.refresh();
  const { ix, marginAccount } = ex.createMarginAccountIx(signer.publicKey, 0);
  if (!(await ex.marginAccount(marginAccount))) {
    const r = await ex.chain.send([ix], [signer]);
    if (!r.ok)
      throw new Error(`could not create the keeper's margin account: ${r.error?.name ?? r.rawError}`);
  }
  const keeper = new Keeper(ex, signer, marginAccount, { log: (s) => console.log(`[keeper] ${s}`) });
  console.log(
    `[keeper] watching exchange ${ex.exchange.toBase58()} on ${url} as ${signer.publicKey.toBase58()}`,
  );
  let stopping = false;
  // Stop after the current step; if a pass is still sending 2 s later, exit anyway (a transaction
  // in flight either lands or not: nothing is half-done), so Ctrl-C of npm start is quick.
  const stop = () => {
    stopping = true;
    setTimeout(() => {
      console.log("[keeper] stopped (pass in progress abandoned)");
      process.exit(0);
    }, 2_000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  let lastTx = 0;
  while (!stopping) {
    try {
      await keeper.runUntilQuiet();
    } catch (e) {
      console.error(`[keeper] pass failed: ${(e as Error).message}`);
    }
    const r = keeper.report;
    if (r.transactions !== lastTx) {
      lastTx = r.transactions;
      console.log(
        `[keeper] tally: book ${r.book.count}, backstop ${r.backstop.count}, insurance ${r.insurance.count}, adl ${r.adl.count}, socialized ${r.socialized.count}, transactions ${r.transactions}`,
      );
    }
    await new Promise((res) => setTimeout(res, interval));
  }
  console.log("[keeper] stopped");
}

if (require.main === module) {
  main().catch((e) => {
    console.error(`[keeper] ${(e as Error).message}`);
    process.exit(1);
  });
}
