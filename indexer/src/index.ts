/** perp-margin indexer: Postgres mirror of the program's accounts and events, API and dashboard. */
export { Indexer } from "./ingest/indexer";
export type { IndexerOptions } from "./ingest/indexer";
export { MemorySource } from "./source/memory";
export { RpcSource } from "./source/rpc";
export type { Source } from "./source/types";
export { createApiServer, listen } from "./api/server";
export { createDb } from "./db/client";
export { migrate } from "./db/migrate";
