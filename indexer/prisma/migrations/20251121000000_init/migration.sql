-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "commitment" AS ENUM ('confirmed', 'finalized');

-- CreateTable
CREATE TABLE "exchange" (
    "pubkey" VARCHAR(44) NOT NULL,
    "exchange_id" INTEGER NOT NULL,
    "admin" VARCHAR(44) NOT NULL,
    "collateral_mint" VARCHAR(44) NOT NULL,
    "vault" VARCHAR(44) NOT NULL,
    "insurance_vault" VARCHAR(44) NOT NULL,
    "deposit_policy" INTEGER NOT NULL,
    "paused" INTEGER NOT NULL,
    "collateral_decimals" INTEGER NOT NULL,
    "market_count" INTEGER NOT NULL,
    "total_cash_native" DECIMAL(39,0) NOT NULL,
    "total_deficit_native" DECIMAL(39,0) NOT NULL,
    "fee_pool_native" DECIMAL(39,0) NOT NULL,
    "pending_settlement_native" DECIMAL(39,0) NOT NULL,
    "insurance_native" DECIMAL(39,0) NOT NULL,
    "bad_debt_native" DECIMAL(39,0) NOT NULL,
    "socialized_loss_native" DECIMAL(39,0) NOT NULL,
    "insurance_paid_native" DECIMAL(39,0) NOT NULL,
    "insurance_withdraw_delay_slots" BIGINT NOT NULL,
    "insurance_withdraw_request_native" DECIMAL(39,0) NOT NULL,
    "insurance_withdraw_request_slot" BIGINT NOT NULL,
    "event_seq" BIGINT NOT NULL,
    "margin_account_count" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "data_hash" BYTEA NOT NULL,
    "commitment" "commitment" NOT NULL DEFAULT 'confirmed',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "exchange_pkey" PRIMARY KEY ("pubkey")
);

-- CreateTable
CREATE TABLE "token_vault" (
    "pubkey" VARCHAR(44) NOT NULL,
    "exchange" VARCHAR(44) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "mint" VARCHAR(44) NOT NULL,
    "amount" DECIMAL(39,0) NOT NULL,
    "slot" BIGINT NOT NULL,
    "data_hash" BYTEA NOT NULL,
    "commitment" "commitment" NOT NULL DEFAULT 'confirmed',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "token_vault_pkey" PRIMARY KEY ("pubkey")
);

-- CreateTable
CREATE TABLE "market" (
    "pubkey" VARCHAR(44) NOT NULL,
    "exchange" VARCHAR(44) NOT NULL,
    "market_index" INTEGER NOT NULL,
    "name" VARCHAR(32) NOT NULL,
    "oracle" VARCHAR(44) NOT NULL,
    "order_book" VARCHAR(44) NOT NULL,
    "status" INTEGER NOT NULL,
    "base_lot_size" DECIMAL(39,0) NOT NULL,
    "initial_margin_bps" INTEGER NOT NULL,
    "maintenance_margin_bps" INTEGER NOT NULL,
    "insurance_cap_native" DECIMAL(39,0) NOT NULL,
    "max_adl_counterparties" INTEGER NOT NULL,
    "params" JSONB NOT NULL,
    "cumulative_funding" DECIMAL(39,0) NOT NULL,
    "social_loss_long_index" DECIMAL(39,0) NOT NULL,
    "social_loss_short_index" DECIMAL(39,0) NOT NULL,
    "last_funding_slot" BIGINT NOT NULL,
    "last_premium_bps" BIGINT NOT NULL,
    "open_interest_lots" DECIMAL(39,0) NOT NULL,
    "insurance_drawn_native" DECIMAL(39,0) NOT NULL,
    "fill_count" BIGINT NOT NULL,
    "volume_native" DECIMAL(39,0) NOT NULL,
    "liquidation_count" BIGINT NOT NULL,
    "adl_fill_count" BIGINT NOT NULL,
    "socialized_loss_native" DECIMAL(39,0) NOT NULL,
    "slot" BIGINT NOT NULL,
    "data_hash" BYTEA NOT NULL,
    "commitment" "commitment" NOT NULL DEFAULT 'confirmed',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "market_pkey" PRIMARY KEY ("pubkey")
);

-- CreateTable
CREATE TABLE "price_feed" (
    "pubkey" VARCHAR(44) NOT NULL,
    "exchange" VARCHAR(44) NOT NULL,
    "authority" VARCHAR(44) NOT NULL,
    "feed_id" INTEGER NOT NULL,
    "price" DECIMAL(39,0) NOT NULL,
    "confidence" DECIMAL(39,0) NOT NULL,
    "publish_slot" BIGINT NOT NULL,
    "publish_time" BIGINT NOT NULL,
    "update_count" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "data_hash" BYTEA NOT NULL,
    "commitment" "commitment" NOT NULL DEFAULT 'confirmed',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "price_feed_pkey" PRIMARY KEY ("pubkey")
);

-- CreateTable
CREATE TABLE "order_book" (
    "pubkey" VARCHAR(44) NOT NULL,
    "market" VARCHAR(44) NOT NULL,
    "next_order_id" BIGINT NOT NULL,
    "bid_count" INTEGER NOT NULL,
    "ask_count" INTEGER NOT NULL,
    "slot" BIGINT NOT NULL,
    "data_hash" BYTEA NOT NULL,
    "commitment" "commitment" NOT NULL DEFAULT 'confirmed',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "order_book_pkey" PRIMARY KEY ("pubkey")
);

-- CreateTable
CREATE TABLE "book_order" (
    "order_book" VARCHAR(44) NOT NULL,
    "order_id" BIGINT NOT NULL,
    "market" VARCHAR(44) NOT NULL,
    "side" INTEGER NOT NULL,
    "rank" INTEGER NOT NULL,
    "owner" VARCHAR(44) NOT NULL,
    "price" DECIMAL(39,0) NOT NULL,
    "base_lots" DECIMAL(39,0) NOT NULL,
    "client_order_id" DECIMAL(39,0) NOT NULL,
    "flags" INTEGER NOT NULL,
    "slot" BIGINT NOT NULL,

    CONSTRAINT "book_order_pkey" PRIMARY KEY ("order_book","order_id")
);

-- CreateTable
CREATE TABLE "margin_account" (
    "pubkey" VARCHAR(44) NOT NULL,
    "exchange" VARCHAR(44) NOT NULL,
    "owner" VARCHAR(44) NOT NULL,
    "sub_account_id" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "cash_native" DECIMAL(39,0) NOT NULL,
    "deficit_native" DECIMAL(39,0) NOT NULL,
    "deficit_market_index" INTEGER NOT NULL,
    "deficit_side" INTEGER NOT NULL,
    "total_deposits_native" DECIMAL(39,0) NOT NULL,
    "total_withdrawals_native" DECIMAL(39,0) NOT NULL,
    "total_debt_repaid_native" DECIMAL(39,0) NOT NULL,
    "last_liquidation_slot" BIGINT NOT NULL,
    "liquidation_count" INTEGER NOT NULL,
    "bankruptcy_count" INTEGER NOT NULL,
    "order_count" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "data_hash" BYTEA NOT NULL,
    "commitment" "commitment" NOT NULL DEFAULT 'confirmed',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "margin_account_pkey" PRIMARY KEY ("pubkey")
);

-- CreateTable
CREATE TABLE "position" (
    "margin_account" VARCHAR(44) NOT NULL,
    "market_index" INTEGER NOT NULL,
    "exchange" VARCHAR(44) NOT NULL,
    "open_orders" INTEGER NOT NULL,
    "base_lots" DECIMAL(39,0) NOT NULL,
    "entry_notional_native" DECIMAL(39,0) NOT NULL,
    "funding_snapshot" DECIMAL(39,0) NOT NULL,
    "social_loss_snapshot" DECIMAL(39,0) NOT NULL,
    "bids_lots" DECIMAL(39,0) NOT NULL,
    "asks_lots" DECIMAL(39,0) NOT NULL,
    "realized_pnl_native" DECIMAL(39,0) NOT NULL,
    "funding_paid_native" DECIMAL(39,0) NOT NULL,
    "slot" BIGINT NOT NULL,

    CONSTRAINT "position_pkey" PRIMARY KEY ("margin_account","market_index")
);

-- CreateTable
CREATE TABLE "margin_account_version" (
    "pubkey" VARCHAR(44) NOT NULL,
    "slot" BIGINT NOT NULL,
    "exchange" VARCHAR(44) NOT NULL,
    "status" INTEGER NOT NULL,
    "cash_native" DECIMAL(39,0) NOT NULL,
    "deficit_native" DECIMAL(39,0) NOT NULL,
    "positions" JSONB NOT NULL,
    "data_hash" BYTEA NOT NULL,

    CONSTRAINT "margin_account_version_pkey" PRIMARY KEY ("pubkey","slot")
);

-- CreateTable
CREATE TABLE "backstop_registry" (
    "pubkey" VARCHAR(44) NOT NULL,
    "exchange" VARCHAR(44) NOT NULL,
    "count" INTEGER NOT NULL,
    "entries" JSONB NOT NULL,
    "slot" BIGINT NOT NULL,
    "data_hash" BYTEA NOT NULL,
    "commitment" "commitment" NOT NULL DEFAULT 'confirmed',
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "backstop_registry_pkey" PRIMARY KEY ("pubkey")
);

-- CreateTable
CREATE TABLE "program_tx" (
    "signature" VARCHAR(88) NOT NULL,
    "slot" BIGINT NOT NULL,
    "block_time" BIGINT,
    "failed" BOOLEAN NOT NULL,
    "event_count" INTEGER NOT NULL,
    "commitment" "commitment" NOT NULL DEFAULT 'confirmed',
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "program_tx_pkey" PRIMARY KEY ("signature")
);

-- CreateTable
CREATE TABLE "event" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "unix_time" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "ix_index" INTEGER NOT NULL,
    "event_index" INTEGER NOT NULL,
    "name" VARCHAR(40) NOT NULL,
    "payload" JSONB NOT NULL,
    "commitment" "commitment" NOT NULL DEFAULT 'confirmed',

    CONSTRAINT "event_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "liquidation" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "market" VARCHAR(44) NOT NULL,
    "margin_account" VARCHAR(44) NOT NULL,
    "liquidator" VARCHAR(44) NOT NULL,
    "stage" INTEGER NOT NULL,
    "base_before_lots" DECIMAL(39,0) NOT NULL,
    "closed_lots" DECIMAL(39,0) NOT NULL,
    "quote_native" DECIMAL(39,0) NOT NULL,
    "oracle_price" DECIMAL(39,0) NOT NULL,
    "keeper_fee_native" DECIMAL(39,0) NOT NULL,
    "insurance_fee_native" DECIMAL(39,0) NOT NULL,
    "equity_before_native" DECIMAL(39,0) NOT NULL,
    "maint_before_native" DECIMAL(39,0) NOT NULL,
    "equity_after_native" DECIMAL(39,0) NOT NULL,
    "maint_after_native" DECIMAL(39,0) NOT NULL,
    "orders_cancelled" INTEGER NOT NULL,
    "status_after" INTEGER NOT NULL,
    "deficit_native" DECIMAL(39,0) NOT NULL,

    CONSTRAINT "liquidation_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "bankruptcy" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "margin_account" VARCHAR(44) NOT NULL,
    "market_index" INTEGER NOT NULL,
    "keeper" VARCHAR(44) NOT NULL,
    "deficit_before_native" DECIMAL(39,0) NOT NULL,
    "insurance_paid_native" DECIMAL(39,0) NOT NULL,
    "deficit_after_native" DECIMAL(39,0) NOT NULL,
    "insurance_balance_after_native" DECIMAL(39,0) NOT NULL,
    "market_insurance_drawn_native" DECIMAL(39,0) NOT NULL,

    CONSTRAINT "bankruptcy_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "adl_event" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "market" VARCHAR(44) NOT NULL,
    "margin_account" VARCHAR(44) NOT NULL,
    "keeper" VARCHAR(44) NOT NULL,
    "base_before_lots" DECIMAL(39,0) NOT NULL,
    "bankruptcy_price" DECIMAL(39,0) NOT NULL,
    "oracle_price" DECIMAL(39,0) NOT NULL,
    "insurance_available_native" DECIMAL(39,0) NOT NULL,
    "equity_before_native" DECIMAL(39,0) NOT NULL,
    "equity_after_native" DECIMAL(39,0) NOT NULL,
    "closed_lots" DECIMAL(39,0) NOT NULL,
    "fill_count" INTEGER NOT NULL,

    CONSTRAINT "adl_event_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "adl_fill" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "fill_index" INTEGER NOT NULL,
    "account" VARCHAR(44) NOT NULL,
    "lots" DECIMAL(39,0) NOT NULL,
    "score" DECIMAL(39,0) NOT NULL,
    "upnl_native" DECIMAL(39,0) NOT NULL,

    CONSTRAINT "adl_fill_pkey" PRIMARY KEY ("exchange","seq","fill_index")
);

-- CreateTable
CREATE TABLE "adl_audit" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "fair" BOOLEAN,
    "note" TEXT,
    "min_score_used" DECIMAL(39,0) NOT NULL,
    "candidates_checked" INTEGER NOT NULL,
    "skipped_count" INTEGER NOT NULL,
    "skipped" JSONB NOT NULL,
    "fill_score_mismatches" INTEGER NOT NULL,
    "audited_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "adl_audit_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "socialized_loss" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "margin_account" VARCHAR(44) NOT NULL,
    "market_index" INTEGER NOT NULL,
    "amount_native" DECIMAL(39,0) NOT NULL,
    "charged_side" INTEGER NOT NULL,
    "open_interest_lots" DECIMAL(39,0) NOT NULL,
    "index_delta" DECIMAL(39,0) NOT NULL,
    "index_after" DECIMAL(39,0) NOT NULL,
    "bad_debt_native" DECIMAL(39,0) NOT NULL,

    CONSTRAINT "socialized_loss_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "insurance_flow" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "kind" INTEGER NOT NULL,
    "amount_native" DECIMAL(39,0) NOT NULL,
    "balance_after_native" DECIMAL(39,0) NOT NULL,

    CONSTRAINT "insurance_flow_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "deposit" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "margin_account" VARCHAR(44) NOT NULL,
    "owner" VARCHAR(44) NOT NULL,
    "amount_native" DECIMAL(39,0) NOT NULL,
    "to_debt_native" DECIMAL(39,0) NOT NULL,
    "credited_native" DECIMAL(39,0) NOT NULL,
    "max_debt_repayment_native" DECIMAL(39,0) NOT NULL,
    "deficit_after_native" DECIMAL(39,0) NOT NULL,
    "cash_after_native" DECIMAL(39,0) NOT NULL,
    "deposit_policy" INTEGER NOT NULL,

    CONSTRAINT "deposit_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "price_update" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "price_feed" VARCHAR(44) NOT NULL,
    "price" DECIMAL(39,0) NOT NULL,
    "confidence" DECIMAL(39,0) NOT NULL,
    "publish_slot" BIGINT NOT NULL,

    CONSTRAINT "price_update_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "funding_update" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "market" VARCHAR(44) NOT NULL,
    "oracle_price" DECIMAL(39,0) NOT NULL,
    "premium_bps" BIGINT NOT NULL,
    "index_delta" DECIMAL(39,0) NOT NULL,
    "cumulative_funding" DECIMAL(39,0) NOT NULL,

    CONSTRAINT "funding_update_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "checkpoint" (
    "name" VARCHAR(80) NOT NULL,
    "signature" VARCHAR(88),
    "slot" BIGINT NOT NULL DEFAULT 0,
    "seq" BIGINT,
    "finalized_slot" BIGINT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checkpoint_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "seq_gap" (
    "id" SERIAL NOT NULL,
    "exchange" VARCHAR(44) NOT NULL,
    "from_seq" BIGINT NOT NULL,
    "to_seq" BIGINT NOT NULL,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "repaired_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "seq_gap_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "solvency_snapshot" (
    "exchange" VARCHAR(44) NOT NULL,
    "slot" BIGINT NOT NULL,
    "vault_native" DECIMAL(39,0) NOT NULL,
    "insurance_vault_native" DECIMAL(39,0) NOT NULL,
    "liabilities_native" DECIMAL(39,0) NOT NULL,
    "insurance_native" DECIMAL(39,0) NOT NULL,
    "bad_debt_native" DECIMAL(39,0) NOT NULL,
    "socialized_loss_native" DECIMAL(39,0) NOT NULL,
    "total_deficit_native" DECIMAL(39,0) NOT NULL,
    "positive_equity_native" DECIMAL(39,0) NOT NULL,
    "negative_equity_native" DECIMAL(39,0) NOT NULL,
    "withdrawable_native" DECIMAL(39,0) NOT NULL,
    "mark_value_native" DECIMAL(39,0) NOT NULL,
    "open_interest_lots" DECIMAL(39,0) NOT NULL,
    "solvency_ratio" DECIMAL(20,6),
    "commitment" "commitment" NOT NULL DEFAULT 'confirmed',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "solvency_snapshot_pkey" PRIMARY KEY ("exchange","slot")
);

-- CreateTable
CREATE TABLE "ingestion_error" (
    "id" SERIAL NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "subject" VARCHAR(88) NOT NULL,
    "slot" BIGINT,
    "message" TEXT NOT NULL,
    "raw" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingestion_error_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconciliation_run" (
    "id" SERIAL NOT NULL,
    "slot" BIGINT NOT NULL,
    "accounts_checked" INTEGER NOT NULL,
    "rows_repaired" INTEGER NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reconciliation_run_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "exchange_slot_idx" ON "exchange"("slot");

-- CreateIndex
CREATE UNIQUE INDEX "exchange_exchange_id_key" ON "exchange"("exchange_id");

-- CreateIndex
CREATE UNIQUE INDEX "token_vault_exchange_kind_key" ON "token_vault"("exchange", "kind");

-- CreateIndex
CREATE INDEX "market_oracle_idx" ON "market"("oracle");

-- CreateIndex
CREATE UNIQUE INDEX "market_exchange_market_index_key" ON "market"("exchange", "market_index");

-- CreateIndex
CREATE INDEX "price_feed_exchange_idx" ON "price_feed"("exchange");

-- CreateIndex
CREATE INDEX "order_book_market_idx" ON "order_book"("market");

-- CreateIndex
CREATE INDEX "book_order_owner_idx" ON "book_order"("owner");

-- CreateIndex
CREATE INDEX "book_order_market_side_rank_idx" ON "book_order"("market", "side", "rank");

-- CreateIndex
CREATE INDEX "margin_account_exchange_idx" ON "margin_account"("exchange");

-- CreateIndex
CREATE INDEX "margin_account_owner_idx" ON "margin_account"("owner");

-- CreateIndex
CREATE INDEX "margin_account_deficit_native_idx" ON "margin_account"("deficit_native");

-- CreateIndex
CREATE INDEX "margin_account_slot_idx" ON "margin_account"("slot");

-- CreateIndex
CREATE INDEX "position_exchange_market_index_idx" ON "position"("exchange", "market_index");

-- CreateIndex
CREATE INDEX "margin_account_version_exchange_slot_idx" ON "margin_account_version"("exchange", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "backstop_registry_exchange_key" ON "backstop_registry"("exchange");

-- CreateIndex
CREATE INDEX "program_tx_slot_idx" ON "program_tx"("slot");

-- CreateIndex
CREATE INDEX "event_name_slot_idx" ON "event"("name", "slot");

-- CreateIndex
CREATE INDEX "event_slot_idx" ON "event"("slot");

-- CreateIndex
CREATE UNIQUE INDEX "event_signature_event_index_key" ON "event"("signature", "event_index");

-- CreateIndex
CREATE INDEX "liquidation_margin_account_idx" ON "liquidation"("margin_account");

-- CreateIndex
CREATE INDEX "liquidation_stage_slot_idx" ON "liquidation"("stage", "slot");

-- CreateIndex
CREATE INDEX "bankruptcy_margin_account_idx" ON "bankruptcy"("margin_account");

-- CreateIndex
CREATE INDEX "bankruptcy_slot_idx" ON "bankruptcy"("slot");

-- CreateIndex
CREATE INDEX "adl_event_margin_account_idx" ON "adl_event"("margin_account");

-- CreateIndex
CREATE INDEX "adl_event_slot_idx" ON "adl_event"("slot");

-- CreateIndex
CREATE INDEX "adl_fill_account_idx" ON "adl_fill"("account");

-- CreateIndex
CREATE INDEX "adl_audit_fair_idx" ON "adl_audit"("fair");

-- CreateIndex
CREATE INDEX "socialized_loss_margin_account_idx" ON "socialized_loss"("margin_account");

-- CreateIndex
CREATE INDEX "socialized_loss_slot_idx" ON "socialized_loss"("slot");

-- CreateIndex
CREATE INDEX "insurance_flow_slot_idx" ON "insurance_flow"("slot");

-- CreateIndex
CREATE INDEX "deposit_margin_account_idx" ON "deposit"("margin_account");

-- CreateIndex
CREATE INDEX "deposit_to_debt_native_idx" ON "deposit"("to_debt_native");

-- CreateIndex
CREATE INDEX "price_update_price_feed_seq_idx" ON "price_update"("price_feed", "seq");

-- CreateIndex
CREATE INDEX "funding_update_market_seq_idx" ON "funding_update"("market", "seq");

-- CreateIndex
CREATE INDEX "seq_gap_repaired_at_idx" ON "seq_gap"("repaired_at");

-- CreateIndex
CREATE UNIQUE INDEX "seq_gap_exchange_from_seq_key" ON "seq_gap"("exchange", "from_seq");

-- CreateIndex
CREATE INDEX "solvency_snapshot_slot_idx" ON "solvency_snapshot"("slot");

-- CreateIndex
CREATE INDEX "ingestion_error_kind_idx" ON "ingestion_error"("kind");

-- CreateIndex
CREATE INDEX "ingestion_error_created_at_idx" ON "ingestion_error"("created_at");

-- CreateIndex
CREATE INDEX "reconciliation_run_created_at_idx" ON "reconciliation_run"("created_at");

