import type { Tx } from "../db/client";
import type { AccountRow } from "../decode/accounts";
import { col, SLOT_GUARD, upsert } from "./bulk";
import { baseCols, type CommitmentOf, pk } from "./accountCols";

type R = Extract<AccountRow, { kind: "PriceFeed" }>;

/** Slot-guarded upsert of `PriceFeed` accounts; returns the keys written. */
export function upsertPriceFeeds(tx: Tx, rows: R[], commitmentOf: CommitmentOf) {
  return upsert<R>(
    tx,
    {
      table: "price_feed",
      conflict: ["pubkey"],
      guard: SLOT_GUARD,
      returning: "pubkey",
      touchUpdatedAt: true,
      cols: [
        ...baseCols<R>(commitmentOf),
        col("exchange", "varchar", (r) => pk(r.state.exchange)),
        col("authority", "varchar", (r) => pk(r.state.authority)),
        col("feed_id", "int4", (r) => r.state.feedId),
        col("price", "numeric", (r) => r.state.price),
        col("confidence", "numeric", (r) => r.state.confidence),
        col("publish_slot", "int8", (r) => r.state.publishSlot),
        col("publish_time", "int8", (r) => r.state.publishTime),
        col("update_count", "int8", (r) => r.state.updateCount),
      ],
    },
    rows,
  );
}
