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
