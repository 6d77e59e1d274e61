import { livePositions, type PositionState } from "@perp-margin/client";
import type { Tx } from "../db/client";
import type { AccountRow } from "../decode/accounts";
import { col, insertIgnore, SLOT_GUARD, upsert } from "./bulk";
import { baseCols, type CommitmentOf, pk } from "./accountCols";
import { latestPer } from "./dedupe";

type R = Extract<AccountRow, { kind: "MarginAccount" }>;
interface PositionRow {
  acct: R;
  p: PositionState;
}

/** The position fields the history keeps (what health and the ADL score need). */
export const positionJson = (p: PositionState) => ({
  marketIndex: p.marketIndex,
  baseLots: p.baseLots.toString(),
  entryNotionalNative: p.entryNotionalNative.toString(),
  fundingSnapshot: p.fundingSnapshot.toString(),
  socialLossSnapshot: p.socialLossSnapshot.toString(),
  bidsLots: p.bidsLots.toString(),
  asksLots: p.asksLots.toString(),
});

/**
 * Margin accounts, in three statements: (1) slot-guarded upsert of the account rows, (2) their
 * positions replaced for exactly the accounts written, (3) every observed state appended to
 * `margin_account_version` (keyed by account and slot). Returns the keys written.
 */
export async function upsertMarginAccounts(
  tx: Tx,
  observed: R[],
  commitmentOf: CommitmentOf,
): Promise<string[]> {
  const rows = latestPer(observed, (r) => r.pubkey);
  const history = latestPer(observed, (r) => `${r.pubkey}:${r.slot}`);
  const written = await upsert<R>(
    tx,
    {
      table: "margin_account",
      conflict: ["pubkey"],
      guard: SLOT_GUARD,
      returning: "pubkey",
      touchUpdatedAt: true,
      cols: [
        ...baseCols<R>(commitmentOf),
        col("exchange", "varchar", (r) => pk(r.state.exchange)),
        col("owner", "varchar", (r) => pk(r.state.owner)),
        col("sub_account_id", "int4", (r) => r.state.subAccountId),
        col("status", "int4", (r) => r.state.status),
        col("cash_native", "numeric", (r) => r.state.cashNative),
        col("deficit_native", "numeric", (r) => r.state.deficitNative),
        col("deficit_market_index", "int4", (r) => r.state.deficitMarketIndex),
        col("deficit_side", "int4", (r) => r.state.deficitSide),
        col("total_deposits_native", "numeric", (r) => r.state.totalDepositsNative),
        col("total_withdrawals_native", "numeric", (r) => r.state.totalWithdrawalsNative),
        col("total_debt_repaid_native", "numeric", (r) => r.state.totalDebtRepaidNative),
        col("last_liquidation_slot", "int8", (r) => r.state.lastLiquidationSlot),
        col("liquidation_count", "int4", (r) => r.state.liquidationCount),
        col("bankruptcy_count", "int4", (r) => r.state.bankruptcyCount),
        col("order_count", "int8", (r) => r.state.orderCount),
        col("insurance_reserved_native", "numeric", (r) => r.state.insuranceReservedNative),
        col("insurance_reserved_market", "int4", (r) => r.state.insuranceReservedMarket),
        col("underwater_native", "numeric", (r) => r.state.underwaterNative),
        col("underwater_slot", "int8", (r) => r.state.underwaterSlot),
      ],
    },
    rows,
  );
  if (written.length > 0) {
    const set = new Set(written);
    await tx.$executeRawUnsafe(`DELETE FROM "position" WHERE "margin_account" = ANY($1::text[])`, written);
    const positions: PositionRow[] = [];
    for (const acct of rows)
      if (set.has(acct.pubkey)) for (const p of livePositions(acct.state)) positions.push({ acct, p });
    await insertIgnore<PositionRow>(
      tx,
      "position",
      [
        col("margin_account", "varchar", (r) => r.acct.pubkey),
        col("market_index", "int4", (r) => r.p.marketIndex),
        col("exchange", "varchar", (r) => pk(r.acct.state.exchange)),
        col("open_orders", "int4", (r) => r.p.openOrders),
        col("base_lots", "numeric", (r) => r.p.baseLots),
        col("entry_notional_native", "numeric", (r) => r.p.entryNotionalNative),
        col("funding_snapshot", "numeric", (r) => r.p.fundingSnapshot),
        col("social_loss_snapshot", "numeric", (r) => r.p.socialLossSnapshot),
        col("bids_lots", "numeric", (r) => r.p.bidsLots),
        col("asks_lots", "numeric", (r) => r.p.asksLots),
        col("bids_quote_native", "numeric", (r) => r.p.bidsQuoteNative),
        col("asks_quote_native", "numeric", (r) => r.p.asksQuoteNative),
        col("realized_pnl_native", "numeric", (r) => r.p.realizedPnlNative),
        col("funding_paid_native", "numeric", (r) => r.p.fundingPaidNative),
        col("slot", "int8", (r) => r.acct.slot),
      ],
      positions,
    );
  }
  await upsert<R>(
    tx,
    {
      table: "margin_account_version",
      conflict: ["pubkey", "slot"],
      guard: `t."data_hash" <> EXCLUDED."data_hash"`,
      cols: [
        col("pubkey", "varchar", (r) => r.pubkey),
        col("slot", "int8", (r) => r.slot),
        col("exchange", "varchar", (r) => pk(r.state.exchange)),
        col("status", "int4", (r) => r.state.status),
        col("cash_native", "numeric", (r) => r.state.cashNative),
        col("deficit_native", "numeric", (r) => r.state.deficitNative),
        col("positions", "jsonb", (r) => livePositions(r.state).map(positionJson)),
        col("data_hash", "bytea", (r) => r.hash),
      ],
    },
    history,
  );
  return written;
}
