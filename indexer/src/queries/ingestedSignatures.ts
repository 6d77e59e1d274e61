import type { Tx } from "../db/client";

/** Which of `signatures` are already ingested. */
export async function ingestedSignatures(tx: Tx, signatures: string[]): Promise<Set<string>> {
  if (signatures.length === 0) return new Set();
  const rows = await tx.$queryRawUnsafe<{ signature: string }[]>(
    `SELECT "signature" FROM "program_tx" WHERE "signature" = ANY($1::text[])`,
    signatures,
  );
  return new Set(rows.map((r) => r.signature));
}
