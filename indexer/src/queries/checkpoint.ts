import type { Tx } from "../db/client";

export interface CheckpointRow {
  name: string;
  signature: string | null;
  slot: bigint;
  seq: bigint | null;
  finalizedSlot: bigint | null;
}

/** Reads a named resume point (null if never written). */
export async function getCheckpoint(tx: Tx, name: string): Promise<CheckpointRow | null> {
  const r = await tx.checkpoint.findUnique({ where: { name } });
  return r
    ? { name: r.name, signature: r.signature, slot: r.slot, seq: r.seq, finalizedSlot: r.finalizedSlot }
    : null;
}

/** Writes a named resume point. */
export async function saveCheckpoint(tx: Tx, c: Partial<CheckpointRow> & { name: string }): Promise<void> {
  const data = {
    ...(c.signature !== undefined ? { signature: c.signature } : {}),
    ...(c.slot !== undefined ? { slot: c.slot } : {}),
    ...(c.seq !== undefined ? { seq: c.seq } : {}),
    ...(c.finalizedSlot !== undefined ? { finalizedSlot: c.finalizedSlot } : {}),
    updatedAt: new Date(),
  };
  await tx.checkpoint.upsert({ where: { name: c.name }, create: { name: c.name, ...data }, update: data });
}

/**
 * Advances the `chain` checkpoint (confirmed and finalized tips seen). Monotonic: a pass that
 * read the tips earlier but commits later (periodic and on-demand passes overlap) never moves
 * them back. A cluster whose slots really went backwards is a reset, handled by the cluster
 * check (`ingest/cluster.ts`), which archives the mirror and starts the tips over.
 */
export async function saveChainTip(tx: Tx, confirmed: bigint, finalized: bigint): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO "checkpoint" ("name", "slot", "finalized_slot", "updated_at") VALUES ('chain', $1::int8, $2::int8, now())
     ON CONFLICT ("name") DO UPDATE SET
       "slot" = greatest("checkpoint"."slot", EXCLUDED."slot"),
       "finalized_slot" = greatest(coalesce("checkpoint"."finalized_slot", 0), EXCLUDED."finalized_slot"),
       "updated_at" = now()`,
    confirmed.toString(),
    finalized.toString(),
  );
}
