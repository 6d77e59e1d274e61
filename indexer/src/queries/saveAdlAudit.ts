import type { Tx } from "../db/client";
import type { AdlAuditResult } from "../audit/adl";
import { toJson } from "../decode/json";

/** Stores (or replaces) the audit of one ADL event. */
export async function saveAdlAudit(tx: Tx, a: AdlAuditResult): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO "adl_audit" ("exchange", "seq", "slot", "fair", "note", "min_score_used", "candidates_checked", "skipped_count", "skipped", "fill_score_mismatches")
     VALUES ($1, $2::bigint, $3::bigint, $4, $10, $5::numeric, $6, $7, $8::jsonb, $9)
     ON CONFLICT ("exchange", "seq") DO UPDATE SET "fair" = EXCLUDED."fair", "note" = EXCLUDED."note", "min_score_used" = EXCLUDED."min_score_used",
       "candidates_checked" = EXCLUDED."candidates_checked", "skipped_count" = EXCLUDED."skipped_count",
       "skipped" = EXCLUDED."skipped", "fill_score_mismatches" = EXCLUDED."fill_score_mismatches", "audited_at" = now()`,
    a.exchange,
    a.seq.toString(),
    a.slot.toString(),
    a.fair,
    a.minScoreUsed.toString(),
    a.candidatesChecked,
    a.skipped.length,
    JSON.stringify(toJson(a.skipped)),
    a.fillScoreMismatches,
    a.note,
  );
}
