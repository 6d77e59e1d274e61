import type { Tx } from "../db/client";

/** Per market: open interest (the account's counter and Σ positions from the risk snapshot), oracle, funding, zero-sum check. */
export function openInterest(tx: Tx, exchange: string) {
  return tx.$queryRawUnsafe<Record<string, string | number>[]>(
    `SELECT m."pubkey" AS "market", m."market_index" AS "marketIndex", m."name", m."open_interest_lots"::text AS "openInterestLots",
            coalesce(x."long_lots", 0)::text AS "longLots", coalesce(x."short_lots", 0)::text AS "shortLots",
            coalesce(x."net_lots", 0)::text AS "netLots", f."price"::text AS "oraclePrice",
            (coalesce(x."long_lots", 0) * f."price")::text AS "openInterestNative", coalesce(x."positions", 0) AS "positions",
            m."cumulative_funding"::text AS "cumulativeFunding", m."last_premium_bps"::text AS "lastPremiumBps",
            m."insurance_drawn_native"::text AS "insuranceDrawnNative", m."insurance_cap_native"::text AS "insuranceCapNative",
            m."socialized_loss_native"::text AS "socializedLossNative", m."volume_native"::text AS "volumeNative"
       FROM "market" m
       JOIN "price_feed" f ON f."pubkey" = m."oracle"
       LEFT JOIN "market_exposure" x ON x."exchange" = m."exchange" AND x."market_index" = m."market_index"
      WHERE m."exchange" = $1
      ORDER BY m."market_index"`,
    exchange,
  );
}
