import type { Tx } from "../db/client";

/** The waterfall per stage: steps, lots, amounts, deficits (1 book, 2 backstop, 3 insurance, 4 ADL, 5 socialized). */
export function liquidationsByStage(tx: Tx, exchange: string) {
  return tx.$queryRawUnsafe<
    {
      stage: number;
      steps: number;
      accounts: number;
      lots: string;
      amountNative: string;
      deficitNative: string;
      lastSlot: string;
    }[]
  >(
    `SELECT "stage", count(*)::int AS "steps", count(DISTINCT "margin_account")::int AS "accounts",
            sum("lots")::text AS "lots", sum("amount_native")::text AS "amountNative", sum("deficit_native")::text AS "deficitNative",
            max("slot")::text AS "lastSlot"
       FROM "waterfall_step" WHERE "exchange" = $1 GROUP BY "stage" ORDER BY "stage"`,
    exchange,
  );
}

/** The most recent waterfall steps. */
export function recentWaterfallSteps(tx: Tx, exchange: string, limit = 50) {
  return tx.$queryRawUnsafe<Record<string, string | number>[]>(
    `SELECT "seq"::text AS "seq", "slot"::text AS "slot", "stage", "margin_account" AS "marginAccount", "lots"::text AS "lots",
            "amount_native"::text AS "amountNative", "deficit_native"::text AS "deficitNative", "signature"
       FROM "waterfall_step" w WHERE w."exchange" = $1 ORDER BY w."seq" DESC LIMIT $2`,
    exchange,
    limit,
  );
}
