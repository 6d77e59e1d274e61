-- Hand-written (Prisma cannot model views): account health at the oracle, solvency per exchange,
-- the waterfall by stage, and finalized-only views. Integer math in NUMERIC is exact; every
-- rounding mirrors the program (programs/perp-margin/src/math/margin.rs, funding.rs):
-- requirements and charges owed round up (ceil), as on-chain.

-- Per position: value and requirements at the current oracle price, plus what lazy settlement
-- would still charge (funding and social loss since the position's snapshots).
CREATE VIEW "position_risk" AS
SELECT
    p."margin_account",
    p."exchange",
    p."market_index",
    m."pubkey"                                   AS "market",
    p."base_lots",
    p."entry_notional_native",
    f."price"                                    AS "oracle_price",
    p."base_lots" * f."price"                    AS "value_native",
    abs(p."base_lots") * f."price"               AS "notional_native",
    ceil(abs(p."base_lots") * f."price" * m."maintenance_margin_bps" / 10000) AS "maint_req_native",
    ceil(greatest(abs(p."base_lots" + p."bids_lots"), abs(p."base_lots" - p."asks_lots"))
         * f."price" * m."initial_margin_bps" / 10000)                       AS "init_req_native",
    ceil(p."base_lots" * (m."cumulative_funding" - p."funding_snapshot") / 1000000) AS "funding_owed_native",
    CASE
        WHEN p."base_lots" = 0 THEN 0
        WHEN (CASE WHEN p."base_lots" >= 0 THEN m."social_loss_long_index" ELSE m."social_loss_short_index" END)
             - p."social_loss_snapshot" <= 0 THEN 0
        ELSE ceil(abs(p."base_lots") * ((CASE WHEN p."base_lots" >= 0 THEN m."social_loss_long_index"
                                               ELSE m."social_loss_short_index" END) - p."social_loss_snapshot") / 1000000)
    END                                          AS "social_loss_owed_native",
    CASE WHEN p."base_lots" >= 0 THEN p."base_lots" * f."price" - p."entry_notional_native"
         ELSE p."base_lots" * f."price" + p."entry_notional_native" END AS "upnl_native"
FROM "position" p
JOIN "market" m ON m."exchange" = p."exchange" AND m."market_index" = p."market_index"
JOIN "price_feed" f ON f."pubkey" = m."oracle";

-- Per account: equity = cash + Σ value − Σ unsettled; requirements; what could be withdrawn now
-- (equity − initial requirement, ≥ 0, and nothing while bankrupt, in debt or being liquidated —
-- the same rule as the `withdraw` instruction).
CREATE VIEW "account_health" AS
SELECT
    a."pubkey",
    a."exchange",
    a."owner",
    a."status",
    a."cash_native",
    a."deficit_native",
    a."slot",
    a."commitment",
    h."equity_native",
    h."maint_req_native",
    h."init_req_native",
    h."notional_native",
    h."upnl_native",
    h."position_count",
    CASE WHEN a."status" <> 0 OR a."deficit_native" > 0 THEN 0
         ELSE greatest(h."equity_native" - h."init_req_native", 0) END AS "withdrawable_native",
    CASE WHEN h."equity_native" > 0 AND h."notional_native" > 0
         THEN round(h."notional_native" / h."equity_native", 4) END    AS "leverage"
FROM "margin_account" a
LEFT JOIN (
    SELECT
        r."margin_account",
        sum(r."value_native" - r."funding_owed_native" - r."social_loss_owed_native") AS "position_equity_native",
        sum(r."maint_req_native")  AS "maint_req_native",
        sum(r."init_req_native")   AS "init_req_native",
        sum(r."notional_native")   AS "notional_native",
        sum(r."upnl_native")       AS "upnl_native",
        count(*)::int              AS "position_count"
    FROM "position_risk" r
    GROUP BY r."margin_account"
) g ON g."margin_account" = a."pubkey"
CROSS JOIN LATERAL (
    SELECT
        a."cash_native" + coalesce(g."position_equity_native", 0) AS "equity_native",
        coalesce(g."maint_req_native", 0)  AS "maint_req_native",
        coalesce(g."init_req_native", 0)   AS "init_req_native",
        coalesce(g."notional_native", 0)   AS "notional_native",
        coalesce(g."upnl_native", 0)       AS "upnl_native",
        coalesce(g."position_count", 0)    AS "position_count"
) h;

-- Liquidation waterfall, one row per step, every stage in one shape.
CREATE VIEW "waterfall_step" AS
SELECT "exchange", "seq", "slot", "signature", "stage", "margin_account",
       "closed_lots" AS "lots", "quote_native" AS "amount_native", "deficit_native"
FROM "liquidation"
UNION ALL
SELECT "exchange", "seq", "slot", "signature", 3, "margin_account",
       0, "insurance_paid_native", "deficit_after_native"
FROM "bankruptcy"
UNION ALL
SELECT "exchange", "seq", "slot", "signature", 4, "margin_account",
       "closed_lots", "closed_lots" * "bankruptcy_price", greatest(-"equity_after_native", 0)
FROM "adl_event"
UNION ALL
SELECT "exchange", "seq", "slot", "signature", 5, "margin_account",
       0, "amount_native", 0
FROM "socialized_loss";

-- The chain tips the indexer has seen (written by the finality tracker).
CREATE VIEW "chain_tip" AS
SELECT coalesce((SELECT "slot" FROM "checkpoint" WHERE "name" = 'chain'), 0)           AS "confirmed_slot",
       coalesce((SELECT "finalized_slot" FROM "checkpoint" WHERE "name" = 'chain'), 0) AS "finalized_slot";

-- Finalized-only views: rows at or below the finalized slot. Account state "as finalized" is the
-- newest version at or below it, not the newest row.
CREATE VIEW "event_finalized" AS
SELECT e.* FROM "event" e, "chain_tip" t WHERE e."slot" <= t."finalized_slot";

CREATE VIEW "margin_account_finalized" AS
SELECT DISTINCT ON (v."pubkey") v.*
FROM "margin_account_version" v, "chain_tip" t
WHERE v."slot" <= t."finalized_slot"
ORDER BY v."pubkey", v."slot" DESC;

CREATE VIEW "solvency_snapshot_finalized" AS
SELECT s.* FROM "solvency_snapshot" s, "chain_tip" t WHERE s."slot" <= t."finalized_slot";
