import type { Tx } from "../db/client";

const TABLES = [
  "exchange",
  "market",
  "price_feed",
  "order_book",
  "margin_account",
  "backstop_registry",
  "token_vault",
];

/** Stored (slot, bytes hash) of mirrored accounts, by key: what reconciliation compares with chain. */
export async function accountHashes(
  tx: Tx,
  keys: string[],
): Promise<Map<string, { slot: bigint; hash: Buffer }>> {
  const out = new Map<string, { slot: bigint; hash: Buffer }>();
  if (keys.length === 0) return out;
  const union = TABLES.map(
    (t) => `SELECT "pubkey", "slot", "data_hash" FROM "${t}" WHERE "pubkey" = ANY($1::text[])`,
  ).join(" UNION ALL ");
  const rows = await tx.$queryRawUnsafe<{ pubkey: string; slot: string; data_hash: Uint8Array }[]>(
    `SELECT "pubkey", "slot"::text AS "slot", "data_hash" FROM (${union}) u`,
    keys,
  );
  for (const r of rows) out.set(r.pubkey, { slot: BigInt(r.slot), hash: Buffer.from(r.data_hash) });
  return out;
}
