import type { Tx } from "../db/client";

/** A row served as JSON as it comes from Postgres (slots and seqs as text). */
type Row = Record<string, unknown>;

/** How complete and fresh the mirror is: checkpoints, chain tips, open gaps, errors, reconciliation. */
export async function indexerStatus(tx: Tx) {
  const checkpoints = await tx.$queryRawUnsafe<Row[]>(
    `SELECT "name", "signature", "slot"::text AS "slot", "seq"::text AS "seq", "finalized_slot"::text AS "finalizedSlot", "updated_at" AS "updatedAt"
       FROM "checkpoint" ORDER BY "name"`,
  );
  const [tip] = await tx.$queryRawUnsafe<{ confirmedSlot: string; finalizedSlot: string }[]>(
    `SELECT "confirmed_slot"::text AS "confirmedSlot", "finalized_slot"::text AS "finalizedSlot" FROM "chain_tip"`,
  );
  const [mirror] = await tx.$queryRawUnsafe<{ indexedSlot: string | null }[]>(
    `SELECT greatest((SELECT max("slot") FROM "margin_account"), (SELECT max("slot") FROM "exchange"), (SELECT max("slot") FROM "event"))::text AS "indexedSlot"`,
  );
  const errors = await tx.$queryRawUnsafe<{ kind: string; count: number; last: Date }[]>(
    `SELECT "kind", count(*)::int AS "count", max("created_at") AS "last" FROM "ingestion_error" GROUP BY "kind" ORDER BY "kind"`,
  );
  const gaps = await tx.$queryRawUnsafe<Row[]>(
    `SELECT "exchange", "from_seq"::text AS "fromSeq", "to_seq"::text AS "toSeq", "detected_at" AS "detectedAt", "repaired_at" AS "repairedAt", "attempts"
       FROM "seq_gap" ORDER BY "id" DESC LIMIT 50`,
  );
  const [recon] = await tx.$queryRawUnsafe<Row[]>(
    `SELECT "slot"::text AS "slot", "accounts_checked" AS "accountsChecked", "rows_repaired" AS "rowsRepaired", "duration_ms" AS "durationMs", "created_at" AS "at"
       FROM "reconciliation_run" ORDER BY "id" DESC LIMIT 1`,
  );
  const [counts] = await tx.$queryRawUnsafe<Record<string, number>[]>(
    `SELECT (SELECT count(*) FROM "event")::int AS "events", (SELECT count(*) FROM "margin_account")::int AS "marginAccounts",
            (SELECT count(*) FROM "program_tx")::int AS "transactions"`,
  );
  const confirmed = BigInt(tip?.confirmedSlot ?? "0");
  const indexed = BigInt(mirror?.indexedSlot ?? "0");
  return {
    chain: tip,
    indexedSlot: mirror?.indexedSlot ?? null,
    lagSlots: (confirmed > indexed ? confirmed - indexed : 0n).toString(),
    counts,
    checkpoints,
    errors,
    errorsTotal: errors.reduce((n, e) => n + e.count, 0),
    gaps,
    openGaps: gaps.filter((g) => g.repairedAt === null).length,
    lastReconciliation: recon ?? null,
  };
}
