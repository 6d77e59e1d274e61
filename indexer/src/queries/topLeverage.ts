import type { Tx } from "../db/client";

/** The most leveraged accounts (notional / equity at the oracle, from the risk snapshot), with their largest position. */
export function topLeverage(tx: Tx, exchange: string, limit = 25) {
  return tx.$queryRawUnsafe<Record<string, string | number>[]>(
    `SELECT h."pubkey", h."owner", h."leverage"::text AS "leverage", h."equity_native"::text AS "equityNative",
            h."notional_native"::text AS "notionalNative", h."maint_req_native"::text AS "maintReqNative",
            h."withdrawable_native"::text AS "withdrawableNative", h."status",
            (SELECT json_build_object('marketIndex', r."market_index", 'baseLots', r."base_lots"::text, 'notionalNative', r."notional_native"::text,
                                      'upnlNative', r."upnl_native"::text)
               FROM "position_risk" r WHERE r."margin_account" = h."pubkey" ORDER BY r."notional_native" DESC LIMIT 1) AS "largestPosition"
       FROM "account_risk" h
      WHERE h."exchange" = $1 AND h."leverage" IS NOT NULL
      ORDER BY h."leverage" DESC NULLS LAST LIMIT $2`,
    exchange,
    limit,
  );
}
