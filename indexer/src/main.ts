/**
 * Indexer entry point: applies pending migrations, indexes the program from RPC into Postgres and
 * serves the API and dashboard.
 *
 *   RPC_URL       JSON-RPC endpoint            (default $PERP_RPC_URL, else http://127.0.0.1:8899)
 *   WS_URL        websocket endpoint           (default $PERP_WS_URL, else derived from RPC_URL)
 *   DATABASE_URL  Postgres                     (default postgresql://postgres@127.0.0.1:5432/perp_margin)
 *   PORT          HTTP port of API + dashboard (default 8787)
 *   PROGRAM_ID    program to index             (default: the IDL's address)
 *   HOST          bind address                 (default 127.0.0.1)
 *   INDEXER_BATCH_SIZE  accounts per database transaction (default 2000)
 */
import { PublicKey } from "@solana/web3.js";
import { PROGRAM_ID } from "@perp-margin/client";
import { createApiServer, listen } from "./api/server";
import { createDb, DEFAULT_DATABASE_URL } from "./db/client";
import { migrate } from "./db/migrate";
import { Indexer } from "./ingest/indexer";
import { RpcSource } from "./source/rpc";

async function main() {
  // RPC_URL / WS_URL, else what scripts/start.sh exports (PERP_RPC_URL / PERP_WS_URL).
  const rpcUrl = process.env.RPC_URL ?? process.env.PERP_RPC_URL ?? "http://127.0.0.1:8899";
  const wsUrl = process.env.WS_URL || process.env.PERP_WS_URL || undefined;
  const dbUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const port = Number(process.env.PORT ?? 8787);
  const programId = process.env.PROGRAM_ID ? new PublicKey(process.env.PROGRAM_ID) : PROGRAM_ID;
  const log = (s: string) => console.log(`[indexer ${new Date().toISOString()}] ${s}`);

  const m = await migrate(dbUrl);
  if (m.applied.length) log(`migrations applied: ${m.applied.join(", ")}`);
  const db = createDb(dbUrl, { applicationName: "perp-indexer" });
  const source = RpcSource.fromUrls(rpcUrl, wsUrl, programId);
  const batchSize = process.env.INDEXER_BATCH_SIZE ? Number(process.env.INDEXER_BATCH_SIZE) : undefined;
  const indexer = new Indexer(db, source, { log, batchSize });
  const server = createApiServer(db, { live: () => indexer.stats, log });
  const bound = await listen(server, port, process.env.HOST ?? "127.0.0.1");
  log(
    `API and dashboard on http://${process.env.HOST ?? "127.0.0.1"}:${bound}/ (program ${programId.toBase58()}, RPC ${rpcUrl})`,
  );

  let stopping = false;
  const stop = async (sig: string) => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: stopping`);
    server.close();
    await indexer.stop().catch(() => {});
    await source.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  // The node may not be up yet (npm start launches both): retry the start until it answers.
  for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      await indexer.start();
      break;
    } catch (e) {
      if (stopping) return;
      log(`start failed (${(e as Error).message.split("\n")[0]}); retrying in ${delay} ms`);
      await indexer.crash();
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  log("live");
}

main().catch((e) => {
  console.error(`[indexer] fatal: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
