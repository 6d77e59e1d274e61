import type { Tx } from "../db/client";

/** A row served as JSON as it comes from Postgres (amounts as text). */
type Row = Record<string, unknown>;

/** One margin account: health at the oracle (what it could withdraw now) and its positions. */
export async function accountDetail(tx: Tx, pubkey: string) {
  const [h] = await tx.$queryRawUnsafe<Row[]>(
    `SELECT h."pubkey", h."exchange", h."owner", h."status", h."cash_native"::text AS "cashNative", h."deficit_native"::text AS "deficitNative",
            h."equity_native"::text AS "equityNative", h."maint_req_native"::text AS "maintReqNative", h."init_req_native"::text AS "initReqNative",
            h."notional_native"::text AS "notionalNative", h."withdrawable_native"::text AS "withdrawableNative", h."leverage"::text AS "leverage",
            h."slot"::text AS "slot", h."commitment"::text AS "commitment", a."total_debt_repaid_native"::text AS "debtRepaidNative"
       FROM "account_health" h JOIN "margin_account" a ON a."pubkey" = h."pubkey" WHERE h."pubkey" = $1`,
    pubkey,
  );
  if (!h) return null;
  const positions = await tx.$queryRawUnsafe<Row[]>(
    `SELECT "market_index" AS "marketIndex", "base_lots"::text AS "baseLots", "entry_notional_native"::text AS "entryNotionalNative",
            "oracle_price"::text AS "oraclePrice", "notional_native"::text AS "notionalNative", "upnl_native"::text AS "upnlNative",
            "maint_req_native"::text AS "maintReqNative", "init_req_native"::text AS "initReqNative",
            ("funding_owed_native" + "social_loss_owed_native")::text AS "unsettledNative"
       FROM "position_risk" WHERE "margin_account" = $1 ORDER BY "market_index"`,
    pubkey,
  );
  return { ...h, positions };
}
