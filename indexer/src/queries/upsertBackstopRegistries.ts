import type { Tx } from "../db/client";
import type { AccountRow } from "../decode/accounts";
import { toJson } from "../decode/json";
import { col, SLOT_GUARD, upsert } from "./bulk";
import { baseCols, type CommitmentOf, pk } from "./accountCols";

type R = Extract<AccountRow, { kind: "BackstopRegistry" }>;

/** Slot-guarded upsert of `BackstopRegistry` accounts; returns the keys written. */
export function upsertBackstopRegistries(tx: Tx, rows: R[], commitmentOf: CommitmentOf) {
  return upsert<R>(
    tx,
    {
      table: "backstop_registry",
      conflict: ["pubkey"],
      guard: SLOT_GUARD,
      returning: "pubkey",
      touchUpdatedAt: true,
      cols: [
        ...baseCols<R>(commitmentOf),
        col("exchange", "varchar", (r) => pk(r.state.exchange)),
        col("count", "int4", (r) => r.state.count),
        col("entries", "jsonb", (r) => toJson(r.state.entries)),
        // Σ committed capacity of the live entries (the SDK decoder keeps only those).
        col("capacity_native", "numeric", (r) => r.state.entries.reduce((s, e) => s + e.capacityNative, 0n)),
      ],
    },
    rows,
  );
}
