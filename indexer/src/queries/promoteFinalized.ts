import type { Tx } from "../db/client";

/** Tables whose rows carry the commitment they were read at. */
const TABLES = [
  "exchange",
  "market",
  "price_feed",
  "order_book",
  "margin_account",
  "backstop_registry",
  "token_vault",
  "event",
  "program_tx",
  "solvency_snapshot",
];

/** Marks rows at or below the finalized slot as finalized. Returns rows promoted. */
export async function promoteFinalized(tx: Tx, finalizedSlot: bigint): Promise<number> {
  let n = 0;
  for (const t of TABLES) {
    n += await tx.$executeRawUnsafe(
      `UPDATE "${t}" SET "commitment" = 'finalized' WHERE "commitment" = 'confirmed' AND "slot" <= $1`,
      finalizedSlot.toString(),
    );
  }
  return n;
}
