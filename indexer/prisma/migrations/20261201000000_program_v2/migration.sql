-- Program v2 (batched events, insurance reservations, backstop capacity, 128-bit indices, funding
-- TWAP samples, the admin-created 512-order book): new account fields, new event tables.
-- Columns added to existing tables take a default for rows mirrored before this migration (rewritten
-- on the account's next write or by reconciliation), then lose it so every later write names them.

-- AlterTable
ALTER TABLE "exchange" ADD COLUMN     "insurance_reserved_native" DECIMAL(39,0) NOT NULL DEFAULT 0,
ADD COLUMN     "insurance_surplus_native" DECIMAL(39,0) NOT NULL DEFAULT 0,
ADD COLUMN     "market_insurance_reserved_native" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "min_backstop_capacity_native" DECIMAL(39,0) NOT NULL DEFAULT 0,
ADD COLUMN     "surplus_swept_native" DECIMAL(39,0) NOT NULL DEFAULT 0,
ADD COLUMN     "underwater_count" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "underwater_native" DECIMAL(39,0) NOT NULL DEFAULT 0,
ADD COLUMN     "vault_surplus_native" DECIMAL(39,0) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "market" ADD COLUMN     "last_sample_premium_bps" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "last_sample_slot" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "oracle_base_decimals" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "oracle_kind" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "oracle_quote_decimals" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "premium_accumulator_bps_slots" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "premium_sampled_slots" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "pyth_feed_id" VARCHAR(64) NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "book_order" ADD COLUMN     "owner_epoch" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "margin_account" ADD COLUMN     "insurance_reserved_market" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "insurance_reserved_native" DECIMAL(39,0) NOT NULL DEFAULT 0,
ADD COLUMN     "underwater_native" DECIMAL(39,0) NOT NULL DEFAULT 0,
ADD COLUMN     "underwater_slot" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "position" ADD COLUMN     "asks_quote_native" DECIMAL(39,0) NOT NULL DEFAULT 0,
ADD COLUMN     "bids_quote_native" DECIMAL(39,0) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "backstop_registry" ADD COLUMN     "capacity_native" DECIMAL(39,0) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "bankruptcy" ADD COLUMN     "reserved_released_native" DECIMAL(39,0) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "adl_fill" ADD COLUMN     "haircut_native" DECIMAL(39,0) NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "funding_update" ADD COLUMN     "elapsed_slots" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "impact_ask_price" DECIMAL(39,0) NOT NULL DEFAULT 0,
ADD COLUMN     "impact_bid_price" DECIMAL(39,0) NOT NULL DEFAULT 0,
ADD COLUMN     "sampled_slots" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "withdrawal" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "margin_account" VARCHAR(44) NOT NULL,
    "owner" VARCHAR(44) NOT NULL,
    "amount_native" DECIMAL(39,0) NOT NULL,
    "cash_after_native" DECIMAL(39,0) NOT NULL,
    "bad_debt_share_native" DECIMAL(39,0) NOT NULL,

    CONSTRAINT "withdrawal_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "bankruptcy_record" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "margin_account" VARCHAR(44) NOT NULL,
    "market_index" INTEGER NOT NULL,
    "side" INTEGER NOT NULL,
    "cause" INTEGER NOT NULL,
    "deficit_native" DECIMAL(39,0) NOT NULL,
    "total_deficit_native" DECIMAL(39,0) NOT NULL,

    CONSTRAINT "bankruptcy_record_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "bad_debt" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "margin_account" VARCHAR(44) NOT NULL,
    "market_index" INTEGER NOT NULL,
    "reason" INTEGER NOT NULL,
    "amount_native" DECIMAL(39,0) NOT NULL,
    "bad_debt_total_native" DECIMAL(39,0) NOT NULL,

    CONSTRAINT "bad_debt_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "underwater_mark" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "margin_account" VARCHAR(44) NOT NULL,
    "keeper" VARCHAR(44) NOT NULL,
    "equity_native" DECIMAL(39,0) NOT NULL,
    "maint_req_native" DECIMAL(39,0) NOT NULL,
    "marked_native" DECIMAL(39,0) NOT NULL,
    "total_underwater_native" DECIMAL(39,0) NOT NULL,
    "underwater_count" BIGINT NOT NULL,

    CONSTRAINT "underwater_mark_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateTable
CREATE TABLE "backstop_change" (
    "exchange" VARCHAR(44) NOT NULL,
    "seq" BIGINT NOT NULL,
    "slot" BIGINT NOT NULL,
    "signature" VARCHAR(88) NOT NULL,
    "margin_account" VARCHAR(44) NOT NULL,
    "market_mask" DECIMAL(39,0) NOT NULL,
    "active" INTEGER NOT NULL,
    "capacity_native" DECIMAL(39,0) NOT NULL,
    "reason" INTEGER NOT NULL,
    "by" VARCHAR(44) NOT NULL,

    CONSTRAINT "backstop_change_pkey" PRIMARY KEY ("exchange","seq")
);

-- CreateIndex
CREATE INDEX "withdrawal_margin_account_idx" ON "withdrawal"("margin_account");

-- CreateIndex
CREATE INDEX "bankruptcy_record_margin_account_idx" ON "bankruptcy_record"("margin_account");

-- CreateIndex
CREATE INDEX "bad_debt_margin_account_idx" ON "bad_debt"("margin_account");

-- CreateIndex
CREATE INDEX "underwater_mark_margin_account_idx" ON "underwater_mark"("margin_account");

-- CreateIndex
CREATE INDEX "backstop_change_margin_account_idx" ON "backstop_change"("margin_account");

-- Later writes always name these columns.
ALTER TABLE "exchange" ALTER COLUMN "insurance_reserved_native" DROP DEFAULT;
ALTER TABLE "exchange" ALTER COLUMN "insurance_surplus_native" DROP DEFAULT;
ALTER TABLE "exchange" ALTER COLUMN "market_insurance_reserved_native" DROP DEFAULT;
ALTER TABLE "exchange" ALTER COLUMN "min_backstop_capacity_native" DROP DEFAULT;
ALTER TABLE "exchange" ALTER COLUMN "surplus_swept_native" DROP DEFAULT;
ALTER TABLE "exchange" ALTER COLUMN "underwater_count" DROP DEFAULT;
ALTER TABLE "exchange" ALTER COLUMN "underwater_native" DROP DEFAULT;
ALTER TABLE "exchange" ALTER COLUMN "vault_surplus_native" DROP DEFAULT;
ALTER TABLE "market" ALTER COLUMN "last_sample_premium_bps" DROP DEFAULT;
ALTER TABLE "market" ALTER COLUMN "last_sample_slot" DROP DEFAULT;
ALTER TABLE "market" ALTER COLUMN "oracle_base_decimals" DROP DEFAULT;
ALTER TABLE "market" ALTER COLUMN "oracle_kind" DROP DEFAULT;
ALTER TABLE "market" ALTER COLUMN "oracle_quote_decimals" DROP DEFAULT;
ALTER TABLE "market" ALTER COLUMN "premium_accumulator_bps_slots" DROP DEFAULT;
ALTER TABLE "market" ALTER COLUMN "premium_sampled_slots" DROP DEFAULT;
ALTER TABLE "market" ALTER COLUMN "pyth_feed_id" DROP DEFAULT;
ALTER TABLE "book_order" ALTER COLUMN "owner_epoch" DROP DEFAULT;
ALTER TABLE "margin_account" ALTER COLUMN "insurance_reserved_market" DROP DEFAULT;
ALTER TABLE "margin_account" ALTER COLUMN "insurance_reserved_native" DROP DEFAULT;
ALTER TABLE "margin_account" ALTER COLUMN "underwater_native" DROP DEFAULT;
ALTER TABLE "margin_account" ALTER COLUMN "underwater_slot" DROP DEFAULT;
ALTER TABLE "position" ALTER COLUMN "asks_quote_native" DROP DEFAULT;
ALTER TABLE "position" ALTER COLUMN "bids_quote_native" DROP DEFAULT;
ALTER TABLE "backstop_registry" ALTER COLUMN "capacity_native" DROP DEFAULT;
ALTER TABLE "bankruptcy" ALTER COLUMN "reserved_released_native" DROP DEFAULT;
ALTER TABLE "adl_fill" ALTER COLUMN "haircut_native" DROP DEFAULT;
ALTER TABLE "funding_update" ALTER COLUMN "elapsed_slots" DROP DEFAULT;
ALTER TABLE "funding_update" ALTER COLUMN "impact_ask_price" DROP DEFAULT;
ALTER TABLE "funding_update" ALTER COLUMN "impact_bid_price" DROP DEFAULT;
ALTER TABLE "funding_update" ALTER COLUMN "sampled_slots" DROP DEFAULT;
