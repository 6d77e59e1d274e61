import type { Tx } from "../db/client";

/** The latest ingestion errors (what was malformed and why). */
export function recentErrors(tx: Tx, limit = 50) {
  return tx.ingestionError.findMany({
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, kind: true, subject: true, slot: true, message: true, createdAt: true },
  });
}
