import type { Tx } from "../db/client";

/** Every insurance-fund movement of one exchange, in event order (the last `limit`). */
export function insuranceHistory(tx: Tx, exchange: string, limit = 1000) {
  return tx.$queryRawUnsafe<Record<string, string | number>[]>(
    `SELECT * FROM (
       SELECT "seq"::text AS "seq", "slot"::text AS "slot", "kind", "amount_native"::text AS "amountNative",
              "balance_after_native"::text AS "balanceAfterNative", "signature"
         FROM "insurance_flow" i WHERE i."exchange" = $1 ORDER BY i."seq" DESC LIMIT $2) f
     ORDER BY f."seq"::bigint`,
    exchange,
    limit,
  );
}
