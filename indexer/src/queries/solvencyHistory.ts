import type { Tx } from "../db/client";

/** Solvency snapshots of one exchange, oldest first (the last `limit`). */
export function solvencyHistory(tx: Tx, exchange: string, limit = 500, finalizedOnly = false) {
  return tx.$queryRawUnsafe<Record<string, string>[]>(
    `SELECT * FROM (
       SELECT "slot"::text AS "slot", "vault_native"::text AS "vaultNative", "liabilities_native"::text AS "liabilitiesNative",
              "insurance_vault_native"::text AS "insuranceVaultNative", "insurance_native"::text AS "insuranceNative",
              "bad_debt_native"::text AS "badDebtNative", "socialized_loss_native"::text AS "socializedLossNative",
              "total_deficit_native"::text AS "totalDeficitNative", "positive_equity_native"::text AS "positiveEquityNative",
              "negative_equity_native"::text AS "negativeEquityNative", "withdrawable_native"::text AS "withdrawableNative",
              "open_interest_lots"::text AS "openInterestLots", "solvency_ratio"::text AS "solvencyRatio", "commitment"::text AS "commitment"
         FROM ${finalizedOnly ? `"solvency_snapshot_finalized"` : `"solvency_snapshot"`} x
        WHERE x."exchange" = $1 ORDER BY x."slot" DESC LIMIT $2) s
     ORDER BY s."slot"::bigint`,
    exchange,
    limit,
  );
}
