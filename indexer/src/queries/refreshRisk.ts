import type { Tx } from "../db/client";

/**
 * Recomputes the materialized risk snapshots. CONCURRENTLY: readers keep the previous snapshot
 * until the new one is complete. (Not inside a transaction: Postgres does not allow it there.)
 */
export async function refreshRisk(db: Tx): Promise<void> {
  await db.$executeRawUnsafe(`REFRESH MATERIALIZED VIEW CONCURRENTLY "account_risk"`);
  await db.$executeRawUnsafe(`REFRESH MATERIALIZED VIEW CONCURRENTLY "market_exposure"`);
}
