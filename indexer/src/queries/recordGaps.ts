import type { Tx } from "../db/client";

/** Opens gaps not yet recorded (keyed by exchange and first missing seq). */
export async function recordGaps(
  tx: Tx,
  exchange: string,
  gaps: { fromSeq: bigint; toSeq: bigint }[],
): Promise<void> {
  for (const g of gaps) {
    await tx.seqGap.upsert({
      where: { exchange_fromSeq: { exchange, fromSeq: g.fromSeq } },
      create: { exchange, fromSeq: g.fromSeq, toSeq: g.toSeq },
      update: { toSeq: g.toSeq, attempts: { increment: 1 } },
    });
  }
}

/** Closes every open gap of `exchange` that lies at or below `contiguousTo`. */
export async function closeGaps(tx: Tx, exchange: string, contiguousTo: bigint): Promise<number> {
  const r = await tx.seqGap.updateMany({
    where: { exchange, repairedAt: null, toSeq: { lte: contiguousTo } },
    data: { repairedAt: new Date() },
  });
  return r.count;
}
