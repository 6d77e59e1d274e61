import { marketName } from "@perp-margin/client";
import type { Tx } from "../db/client";
import type { AccountRow } from "../decode/accounts";
import { toJson } from "../decode/json";
import { col, SLOT_GUARD, upsert } from "./bulk";
import { baseCols, type CommitmentOf, pk } from "./accountCols";

type R = Extract<AccountRow, { kind: "Market" }>;

/** Slot-guarded upsert of `Market` accounts; returns the keys written. */
export function upsertMarkets(tx: Tx, rows: R[], commitmentOf: CommitmentOf) {
  return upsert<R>(
    tx,
    {
      table: "market",
      conflict: ["pubkey"],
      guard: SLOT_GUARD,
      returning: "pubkey",
      touchUpdatedAt: true,
      cols: [
        ...baseCols<R>(commitmentOf),
        col("exchange", "varchar", (r) => pk(r.state.exchange)),
        col("market_index", "int4", (r) => r.state.marketIndex),
        col("name", "varchar", (r) => marketName(r.state).replace(/[^\x20-\x7e]/g, "?")),
        col("oracle", "varchar", (r) => pk(r.state.oracle)),
        col("order_book", "varchar", (r) => pk(r.state.orderBook)),
        col("status", "int4", (r) => r.state.status),
        col("base_lot_size", "numeric", (r) => r.state.params.baseLotSize),
        col("initial_margin_bps", "int4", (r) => r.state.params.initialMarginBps),
        col("maintenance_margin_bps", "int4", (r) => r.state.params.maintenanceMarginBps),
        col("insurance_cap_native", "numeric", (r) => r.state.params.insuranceCapNative),
        col("max_adl_counterparties", "int4", (r) => r.state.params.maxAdlCounterparties),
        col("params", "jsonb", (r) => toJson(r.state.params)),
        col("oracle_kind", "int4", (r) => r.state.oracleKind),
        col("oracle_base_decimals", "int4", (r) => r.state.oracleBaseDecimals),
        col("oracle_quote_decimals", "int4", (r) => r.state.oracleQuoteDecimals),
        col("pyth_feed_id", "varchar", (r) => Buffer.from(r.state.pythFeedId).toString("hex")),
        col("premium_accumulator_bps_slots", "int8", (r) => r.state.premiumAccumulatorBpsSlots),
        col("premium_sampled_slots", "int8", (r) => r.state.premiumSampledSlots),
        col("last_sample_slot", "int8", (r) => r.state.lastSampleSlot),
        col("last_sample_premium_bps", "int8", (r) => r.state.lastSamplePremiumBps),
        col("cumulative_funding", "numeric", (r) => r.state.cumulativeFunding),
        col("social_loss_long_index", "numeric", (r) => r.state.socialLossLongIndex),
        col("social_loss_short_index", "numeric", (r) => r.state.socialLossShortIndex),
        col("last_funding_slot", "int8", (r) => r.state.lastFundingSlot),
        col("last_premium_bps", "int8", (r) => r.state.lastPremiumBps),
        col("open_interest_lots", "numeric", (r) => r.state.openInterestLots),
        col("insurance_drawn_native", "numeric", (r) => r.state.insuranceDrawnNative),
        col("fill_count", "int8", (r) => r.state.fillCount),
        col("volume_native", "numeric", (r) => r.state.volumeNative),
        col("liquidation_count", "int8", (r) => r.state.liquidationCount),
        col("adl_fill_count", "int8", (r) => r.state.adlFillCount),
        col("socialized_loss_native", "numeric", (r) => r.state.socializedLossNative),
      ],
    },
    rows,
  );
}
