/**
 * The single Prisma client module. Prisma runs with its query compiler over node-postgres
 * (`@prisma/adapter-pg`): no native engine. Bulk writes go through `$executeRawUnsafe` with
 * column arrays (`unnest`), one statement per batch, never past the bind-parameter ceiling.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { Pool } from "pg";
import { PrismaClient, Prisma } from "../../generated/client";

export type Db = PrismaClient;
/** A client or an interactive transaction: what queries take. */
export type Tx = Prisma.TransactionClient | PrismaClient;
export { Prisma };

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/perp_margin";

export interface DbOptions {
  /** Pool size (the writer uses one connection at a time; the API and the auditors share the rest). */
  max?: number;
  /** Postgres `application_name`, so tests can find (and terminate) this client's backends. */
  applicationName?: string;
}

const settings = new WeakMap<Db, { url: string; opts: DbOptions }>();

/** Opens a client. Callers own it and must `$disconnect()` it. */
export function createDb(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, opts: DbOptions = {}): Db {
  const db = open(url, opts);
  settings.set(db, { url, opts });
  return db;
}

/**
 * A fresh client with the same settings as `db`. Needed after a backend dies inside an
 * interactive transaction: @prisma/adapter-pg 6.19 then never returns that connection to its
 * pool (the ROLLBACK fails before the release), so a few such losses exhaust the pool for good.
 */
export function reopenDb(db: Db): Db {
  const s = settings.get(db);
  if (!s) throw new Error("reopenDb: client was not created by createDb");
  return createDb(s.url, s.opts);
}

function open(url: string, opts: DbOptions): Db {
  const pool = new Pool({
    connectionString: url,
    max: opts.max ?? 6,
    application_name: opts.applicationName ?? "perp-indexer",
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A backend that dies while its connection is checked out makes node-postgres emit 'error' on
  // that client; unhandled, it would take the whole process down. The query in flight (if any)
  // fails on its own and is retried by its caller.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return new PrismaClient({ adapter: new PrismaPg(pool), errorFormat: "minimal" });
}

/** Whether an error means the database connection was lost (the operation can be retried). */
export function isConnectionError(e: unknown): boolean {
  const msg = String((e as Error)?.message ?? e);
  const any = e as { code?: string; meta?: { code?: string }; cause?: { code?: string } };
  const codes = [any?.code, any?.meta?.code, any?.cause?.code];
  if (
    codes.some(
      (code) =>
        code &&
        [
          "57P01",
          "57P02",
          "57P03",
          "08000",
          "08003",
          "08006",
          "08001",
          "08004",
          "ECONNRESET",
          "ECONNREFUSED",
          "EPIPE",
          "P1001",
          "P1017",
        ].includes(code),
    )
  ) {
    return true;
  }
  return /terminat|Connection terminated|ECONNRESET|ECONNREFUSED|connection.*(closed|lost|ended)|Client has encountered a connection error|server closed the connection|timeout exceeded when trying to connect|Can't reach database|not queryable/i.test(
    msg,
  );
}
