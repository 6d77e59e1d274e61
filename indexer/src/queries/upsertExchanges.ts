import type { Tx } from "../db/client";
import type { AccountRow } from "../decode/accounts";
import { col, SLOT_GUARD, upsert } from "./bulk";
import { baseCols, type CommitmentOf, pk } from "./accountCols";

type R = Extract<AccountRow, { kind: "Exchange" }>;

/** Slot-guarded upsert of `Exchange` accounts; returns the keys written. */
export function upsertExchanges(tx: Tx, rows: R[], commitmentOf: CommitmentOf) {
  return upsert<R>(
    tx,
    {
      table: "exchange",
      conflict: ["pubkey"],
      guard: SLOT_GUARD,
      returning: "pubkey",
      touchUpdatedAt: true,
      cols: [
        ...baseCols<R>(commitmentOf),
        col("exchange_id", "int4", (r) => r.state.exchangeId),
        col("admin", "varchar", (r) => pk(r.state.admin)),
        col("collateral_mint", "varchar", (r) => pk(r.state.collateralMint)),
        col("vault", "varchar", (r) => pk(r.state.vault)),
        col("insurance_vault", "varchar", (r) => pk(r.state.insuranceVault)),
        col("deposit_policy", "int4", (r) => r.state.depositPolicy),
        col("paused", "int4", (r) => r.state.paused),
        col("collateral_decimals", "int4", (r) => r.state.collateralDecimals),
        col("market_count", "int4", (r) => r.state.marketCount),
        col("total_cash_native", "numeric", (r) => r.state.totalCashNative),
        col("total_deficit_native", "numeric", (r) => r.state.totalDeficitNative),
        col("fee_pool_native", "numeric", (r) => r.state.feePoolNative),
        col("pending_settlement_native", "numeric", (r) => r.state.pendingSettlementNative),
        col("insurance_native", "numeric", (r) => r.state.insuranceNative),
        col("bad_debt_native", "numeric", (r) => r.state.badDebtNative),
        col("socialized_loss_native", "numeric", (r) => r.state.socializedLossNative),
        col("insurance_paid_native", "numeric", (r) => r.state.insurancePaidNative),
        col("insurance_withdraw_delay_slots", "int8", (r) => r.state.insuranceWithdrawDelaySlots),
        col("insurance_withdraw_request_native", "numeric", (r) => r.state.insuranceWithdrawRequestNative),
        col("insurance_withdraw_request_slot", "int8", (r) => r.state.insuranceWithdrawRequestSlot),
        col("vault_surplus_native", "numeric", (r) => r.state.vaultSurplusNative),
        col("insurance_surplus_native", "numeric", (r) => r.state.insuranceSurplusNative),
        col("surplus_swept_native", "numeric", (r) => r.state.surplusSweptNative),
        col("insurance_reserved_native", "numeric", (r) => r.state.insuranceReservedNative),
        col("market_insurance_reserved_native", "jsonb", (r) =>
          r.state.marketInsuranceReservedNative.map((x) => x.toString()),
        ),
        col("underwater_native", "numeric", (r) => r.state.underwaterNative),
        col("underwater_count", "int8", (r) => r.state.underwaterCount),
        col("min_backstop_capacity_native", "numeric", (r) => r.state.minBackstopCapacityNative),
        col("event_seq", "int8", (r) => r.state.eventSeq),
        col("margin_account_count", "int8", (r) => r.state.marginAccountCount),
      ],
    },
    rows,
  );
}
