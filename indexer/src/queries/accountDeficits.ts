import type { Tx } from "../db/client";

/**
 * Accounts that owe the system: an unresolved deficit (crystallised), or negative equity at the
 * oracle (not yet crystallised; from the risk snapshot), largest first; with what their deposits repaid.
 */
export function accountDeficits(tx: Tx, exchange: string, limit = 100) {
  return tx.$queryRawUnsafe<Record<string, string | number>[]>(
    `SELECT h."pubkey", h."owner", h."status", h."deficit_native"::text AS "deficitNative", h."equity_native"::text AS "equityNative",
            greatest(h."deficit_native", -h."equity_native", 0)::text AS "owedNative",
            a."total_debt_repaid_native"::text AS "debtRepaidNative", a."bankruptcy_count" AS "bankruptcyCount", h."slot"::text AS "slot"
       FROM "account_risk" h JOIN "margin_account" a ON a."pubkey" = h."pubkey"
      WHERE h."exchange" = $1 AND (h."deficit_native" > 0 OR h."equity_native" < 0)
      ORDER BY greatest(h."deficit_native", -h."equity_native") DESC LIMIT $2`,
    exchange,
    limit,
  );
}

/** Deposits of which a part went to an old deficit (RepayDebtFirst), newest first. */
export function depositsAppliedToDebt(tx: Tx, exchange: string, limit = 100) {
  return tx.$queryRawUnsafe<Record<string, string | number>[]>(
    `SELECT "seq"::text AS "seq", "slot"::text AS "slot", "margin_account" AS "marginAccount", "owner", "amount_native"::text AS "amountNative",
            "to_debt_native"::text AS "toDebtNative", "credited_native"::text AS "creditedNative",
            "max_debt_repayment_native"::text AS "maxDebtRepaymentNative", "deficit_after_native"::text AS "deficitAfterNative", "signature"
       FROM "deposit" d WHERE d."exchange" = $1 AND d."to_debt_native" > 0 ORDER BY d."seq" DESC LIMIT $2`,
    exchange,
    limit,
  );
}
