import type { Tx } from "../db/client";

export async function recordReconciliation(
  tx: Tx,
  r: { slot: bigint; accountsChecked: number; rowsRepaired: number; durationMs: number },
): Promise<void> {
  await tx.reconciliationRun.create({ data: r });
}
