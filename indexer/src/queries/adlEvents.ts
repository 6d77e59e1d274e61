import type { Tx } from "../db/client";

/** ADL events with their counterparties and the fairness audit, newest first. */
export async function adlEvents(tx: Tx, exchange: string, limit = 100) {
  const events = await tx.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT e."seq"::text AS "seq", e."slot"::text AS "slot", e."signature", e."market", m."name" AS "marketName",
            e."margin_account" AS "marginAccount", e."keeper", e."base_before_lots"::text AS "baseBeforeLots",
            e."bankruptcy_price"::text AS "bankruptcyPrice", e."oracle_price"::text AS "oraclePrice",
            e."insurance_available_native"::text AS "insuranceAvailableNative", e."equity_before_native"::text AS "equityBeforeNative",
            e."equity_after_native"::text AS "equityAfterNative", e."closed_lots"::text AS "closedLots",
            a."fair", a."note", a."min_score_used"::text AS "minScoreUsed", a."candidates_checked" AS "candidatesChecked",
            a."skipped_count" AS "skippedCount", a."skipped", a."fill_score_mismatches" AS "fillScoreMismatches",
            (SELECT coalesce(json_agg(json_build_object('account', f."account", 'lots', f."lots"::text, 'score', f."score"::text,
                                                        'upnlNative', f."upnl_native"::text) ORDER BY f."fill_index"), '[]'::json)
               FROM "adl_fill" f WHERE f."exchange" = e."exchange" AND f."seq" = e."seq") AS "fills"
       FROM "adl_event" e
       LEFT JOIN "market" m ON m."pubkey" = e."market"
       LEFT JOIN "adl_audit" a ON a."exchange" = e."exchange" AND a."seq" = e."seq"
      WHERE e."exchange" = $1 ORDER BY e."seq" DESC LIMIT $2`,
    exchange,
    limit,
  );
  return events.map((e) => ({
    ...e,
    audit:
      e.fair === null && e.note === null && e.candidatesChecked === null
        ? "pending"
        : e.fair === null
          ? "unverifiable"
          : e.fair
            ? "fair"
            : "unfair",
  }));
}
