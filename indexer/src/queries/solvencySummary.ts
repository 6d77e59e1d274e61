/**
 * The solvency headline per exchange, in one statement over the mirror:
 * - vault (token balance read from chain) vs liabilities per the Exchange account
 *   (Σcash − Σdeficit + fee pool + pending settlement − bad debt) — the program's own identity;
 * - the insurance vault vs the insurance fund;
 * - mark-to-oracle aggregates from `account_health`: Σ positive equity (what users could claim if
 *   every position closed at the oracle), Σ negative equity (owed to the system), Σ withdrawable
 *   now, and Σ position value at one price (zero-sum: must be 0 when every market's Σbase is 0);
 * - the mirror's own Σcash / Σdeficit against the Exchange account's totals (drift = missed data);
 * - solvency ratio = vault / (Σ positive equity + fee pool).
 * The equity aggregates read the materialized risk snapshot (`account_risk`, `market_exposure`),
 * stamped `riskSlot`; the vault, the ledger totals and the insurance fund are always live.
 * Amounts are returned as decimal strings.
 */
import type { Tx } from "../db/client";

export interface SolvencyRow {
  exchange: string;
  exchangeId: number;
  slot: string;
  commitment: string;
  vaultNative: string | null;
  vaultSlot: string | null;
  insuranceVaultNative: string | null;
  liabilitiesNative: string;
  surplusNative: string | null;
  totalCashNative: string;
  totalDeficitNative: string;
  feePoolNative: string;
  pendingSettlementNative: string;
  insuranceNative: string;
  badDebtNative: string;
  socializedLossNative: string;
  insurancePaidNative: string;
  mirrorCashNative: string;
  mirrorDeficitNative: string;
  accounts: number;
  negativeEquityAccounts: number;
  positiveEquityNative: string;
  negativeEquityNative: string;
  withdrawableNative: string;
  markValueNative: string;
  unrealizedPnlNative: string;
  openInterestLots: string;
  solvencyRatio: string | null;
  depositPolicy: number;
  /** Slot of the mirror when the risk snapshot was computed. */
  riskSlot: string | null;
}

export async function solvencySummary(tx: Tx, exchange?: string): Promise<SolvencyRow[]> {
  return tx.$queryRawUnsafe<SolvencyRow[]>(
    `WITH h AS (
        SELECT "exchange",
               count(*)::int                                             AS "accounts",
               (count(*) FILTER (WHERE "equity_native" < 0))::int        AS "negative",
               sum(greatest("equity_native", 0))                         AS "pos",
               sum(greatest(-"equity_native", 0))                        AS "neg",
               sum("withdrawable_native")                                AS "wd",
               sum("cash_native")                                        AS "cash",
               sum("deficit_native")                                     AS "deficit",
               sum("upnl_native")                                        AS "upnl"
          FROM "account_risk" GROUP BY "exchange"),
     pv AS (SELECT "exchange", sum("mark_value_native") AS "mark" FROM "market_exposure" GROUP BY "exchange"),
     oi AS (SELECT "exchange", sum("open_interest_lots") AS "oi" FROM "market" GROUP BY "exchange")
     SELECT e."pubkey" AS "exchange", e."exchange_id" AS "exchangeId", e."slot"::text AS "slot", e."commitment"::text AS "commitment",
            e."deposit_policy" AS "depositPolicy",
            v."amount"::text AS "vaultNative", v."slot"::text AS "vaultSlot", iv."amount"::text AS "insuranceVaultNative",
            (e."total_cash_native" - e."total_deficit_native" + e."fee_pool_native" + e."pending_settlement_native" - e."bad_debt_native")::text AS "liabilitiesNative",
            (v."amount" - (e."total_cash_native" - e."total_deficit_native" + e."fee_pool_native" + e."pending_settlement_native" - e."bad_debt_native"))::text AS "surplusNative",
            e."total_cash_native"::text AS "totalCashNative", e."total_deficit_native"::text AS "totalDeficitNative",
            e."fee_pool_native"::text AS "feePoolNative", e."pending_settlement_native"::text AS "pendingSettlementNative",
            e."insurance_native"::text AS "insuranceNative", e."bad_debt_native"::text AS "badDebtNative",
            e."socialized_loss_native"::text AS "socializedLossNative", e."insurance_paid_native"::text AS "insurancePaidNative",
            coalesce(h."cash", 0)::text AS "mirrorCashNative", coalesce(h."deficit", 0)::text AS "mirrorDeficitNative",
            coalesce(h."accounts", 0) AS "accounts", coalesce(h."negative", 0) AS "negativeEquityAccounts",
            coalesce(h."pos", 0)::text AS "positiveEquityNative", coalesce(h."neg", 0)::text AS "negativeEquityNative",
            coalesce(h."wd", 0)::text AS "withdrawableNative", coalesce(pv."mark", 0)::text AS "markValueNative",
            coalesce(h."upnl", 0)::text AS "unrealizedPnlNative", coalesce(oi."oi", 0)::text AS "openInterestLots",
            CASE WHEN coalesce(h."pos", 0) + e."fee_pool_native" > 0
                 THEN round(v."amount" / (coalesce(h."pos", 0) + e."fee_pool_native"), 6)::text END AS "solvencyRatio",
            (SELECT c."slot"::text FROM "checkpoint" c WHERE c."name" = 'risk') AS "riskSlot"
       FROM "exchange" e
       LEFT JOIN "token_vault" v  ON v."exchange" = e."pubkey" AND v."kind" = 'vault'
       LEFT JOIN "token_vault" iv ON iv."exchange" = e."pubkey" AND iv."kind" = 'insurance'
       LEFT JOIN h  ON h."exchange" = e."pubkey"
       LEFT JOIN pv ON pv."exchange" = e."pubkey"
       LEFT JOIN oi ON oi."exchange" = e."pubkey"
      WHERE ($1::text IS NULL OR e."pubkey" = $1)
      ORDER BY e."exchange_id"`,
    exchange ?? null,
  );
}
