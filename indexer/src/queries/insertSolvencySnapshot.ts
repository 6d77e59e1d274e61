import type { Tx } from "../db/client";
import type { SolvencyRow } from "./solvencySummary";

/** Stores the solvency headline of one exchange at `slot` (one row per exchange and slot). */
export async function insertSolvencySnapshot(
  tx: Tx,
  s: SolvencyRow,
  slot: bigint,
  commitment: "confirmed" | "finalized",
): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO "solvency_snapshot" ("exchange", "slot", "vault_native", "insurance_vault_native", "liabilities_native",
        "insurance_native", "bad_debt_native", "socialized_loss_native", "total_deficit_native", "positive_equity_native",
        "negative_equity_native", "withdrawable_native", "mark_value_native", "open_interest_lots", "solvency_ratio", "commitment")
     VALUES ($1, $2::bigint, $3::numeric, $4::numeric, $5::numeric, $6::numeric, $7::numeric, $8::numeric, $9::numeric,
        $10::numeric, $11::numeric, $12::numeric, $13::numeric, $14::numeric, $15::numeric, $16::commitment)
     ON CONFLICT ("exchange", "slot") DO UPDATE SET
        "vault_native" = EXCLUDED."vault_native", "insurance_vault_native" = EXCLUDED."insurance_vault_native",
        "liabilities_native" = EXCLUDED."liabilities_native", "insurance_native" = EXCLUDED."insurance_native",
        "bad_debt_native" = EXCLUDED."bad_debt_native", "socialized_loss_native" = EXCLUDED."socialized_loss_native",
        "total_deficit_native" = EXCLUDED."total_deficit_native", "positive_equity_native" = EXCLUDED."positive_equity_native",
        "negative_equity_native" = EXCLUDED."negative_equity_native", "withdrawable_native" = EXCLUDED."withdrawable_native",
        "mark_value_native" = EXCLUDED."mark_value_native", "open_interest_lots" = EXCLUDED."open_interest_lots",
        "solvency_ratio" = EXCLUDED."solvency_ratio"`,
    s.exchange,
    slot.toString(),
    s.vaultNative ?? "0",
    s.insuranceVaultNative ?? "0",
    s.liabilitiesNative,
    s.insuranceNative,
    s.badDebtNative,
    s.socializedLossNative,
    s.totalDeficitNative,
    s.positiveEquityNative,
    s.negativeEquityNative,
    s.withdrawableNative,
    s.markValueNative,
    s.openInterestLots,
    s.solvencyRatio,
    commitment,
  );
}
