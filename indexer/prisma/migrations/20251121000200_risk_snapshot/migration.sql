-- Hand-written: the mark-to-oracle risk of every account and market, materialized. Computing
-- equity for every account at the oracle is a full pass over positions (hundreds of ms at 100k
-- accounts); the dashboard's aggregates read these snapshots instead, each stamped with the
-- slot it reflects (checkpoint "risk"). The indexer refreshes them CONCURRENTLY (readers never
-- block) whenever accounts or prices changed. Single-account reads still use the live views.

CREATE MATERIALIZED VIEW "account_risk" AS
SELECT "pubkey", "exchange", "owner", "status", "cash_native", "deficit_native", "equity_native",
       "maint_req_native", "init_req_native", "notional_native", "upnl_native", "position_count",
       "withdrawable_native", "leverage", "slot"
FROM "account_health"
WITH DATA;

CREATE UNIQUE INDEX "account_risk_pubkey_key" ON "account_risk" ("pubkey");
CREATE INDEX "account_risk_exchange_leverage_idx" ON "account_risk" ("exchange", "leverage" DESC NULLS LAST);
CREATE INDEX "account_risk_exchange_equity_idx" ON "account_risk" ("exchange", "equity_native");

-- Per market: long / short / net lots, value at the oracle (Σ base × price, zero-sum), uPnL.
CREATE MATERIALIZED VIEW "market_exposure" AS
SELECT m."exchange",
       m."market_index",
       coalesce(sum(greatest(r."base_lots", 0)), 0)  AS "long_lots",
       coalesce(sum(greatest(-r."base_lots", 0)), 0) AS "short_lots",
       coalesce(sum(r."base_lots"), 0)               AS "net_lots",
       coalesce(sum(r."value_native"), 0)            AS "mark_value_native",
       coalesce(sum(r."upnl_native"), 0)             AS "upnl_native",
       count(r."margin_account")::int                AS "positions"
FROM "market" m
LEFT JOIN "position_risk" r ON r."exchange" = m."exchange" AND r."market_index" = m."market_index"
GROUP BY m."exchange", m."market_index"
WITH DATA;

CREATE UNIQUE INDEX "market_exposure_exchange_market_index_key" ON "market_exposure" ("exchange", "market_index");
