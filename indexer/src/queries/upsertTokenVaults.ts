import type { Tx } from "../db/client";
import type { AccountRow } from "../decode/accounts";
import { col, SLOT_GUARD, upsert } from "./bulk";
import { baseCols, type CommitmentOf } from "./accountCols";

type R = Extract<AccountRow, { kind: "TokenVault" }>;

/** Slot-guarded upsert of the exchange's collateral token accounts; returns the keys written. */
export function upsertTokenVaults(tx: Tx, rows: R[], commitmentOf: CommitmentOf) {
  return upsert<R>(
    tx,
    {
      table: "token_vault",
      conflict: ["pubkey"],
      guard: SLOT_GUARD,
      returning: "pubkey",
      touchUpdatedAt: true,
      cols: [
        ...baseCols<R>(commitmentOf),
        col("exchange", "varchar", (r) => r.exchange),
        col("kind", "varchar", (r) => r.vaultKind),
        col("mint", "varchar", (r) => r.mint),
        col("amount", "numeric", (r) => r.amount),
      ],
    },
    rows,
  );
}
