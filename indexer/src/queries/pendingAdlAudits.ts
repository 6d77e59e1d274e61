import type { Tx } from "../db/client";

/** ADL events not yet audited, at or below `maxSlot` (the slot the account mirror has reached). */
export async function pendingAdlAudits(
  tx: Tx,
  maxSlot: bigint,
): Promise<{ exchange: string; seq: bigint; slot: bigint }[]> {
  const rows = await tx.$queryRawUnsafe<{ exchange: string; seq: string; slot: string }[]>(
    `SELECT e."exchange", e."seq"::text AS "seq", e."slot"::text AS "slot"
       FROM "adl_event" e
       LEFT JOIN "adl_audit" a ON a."exchange" = e."exchange" AND a."seq" = e."seq"
      WHERE a."seq" IS NULL AND e."slot" <= $1
      ORDER BY e."exchange", e."seq"`,
    maxSlot.toString(),
  );
  return rows.map((r) => ({ exchange: r.exchange, seq: BigInt(r.seq), slot: BigInt(r.slot) }));
}
