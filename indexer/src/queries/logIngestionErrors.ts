import type { Tx } from "../db/client";
import type { IngestionErrorInput } from "../decode/accounts";

/** Records malformed input (bytes kept, base64, first 4 KiB) so it is counted and inspectable. */
export async function logIngestionErrors(tx: Tx, errors: IngestionErrorInput[]): Promise<void> {
  if (errors.length === 0) return;
  await tx.ingestionError.createMany({
    data: errors.map((e) => ({
      kind: e.kind,
      subject: e.subject.slice(0, 88),
      slot: e.slot ?? null,
      message: e.message.slice(0, 2000),
      raw: e.raw ? e.raw.subarray(0, 4096).toString("base64") : null,
    })),
  });
}
