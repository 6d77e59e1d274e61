/**
 * Events of a batch of transactions, in one transaction: the generic `event` rows, the typed
 * per-stage tables, and the `program_tx` rows that mark the transactions as ingested. Every
 * insert is keyed (exchange, seq) / signature and ignores duplicates, so replays are no-ops.
 */
import type { PublicKey } from "@solana/web3.js";
import type { Tx } from "../db/client";
import type { EventRow } from "../decode/events";
import { col, type Col, insertIgnore, insertIgnoreReturning } from "./bulk";
import { pk } from "./accountCols";

export interface TxRow {
  signature: string;
  slot: bigint;
  blockTime: bigint | null;
  failed: boolean;
  eventCount: number;
}

const head = (): Col<EventRow>[] => [
  col("exchange", "varchar", (e) => e.exchange),
  col("seq", "int8", (e) => e.seq),
  col("slot", "int8", (e) => e.slot),
];
const d = (f: string) => (e: EventRow) => e.data[f];
// Each typed table below names fields of its own event; `key` columns are its PublicKey fields.
const key = (f: string) => (e: EventRow) => pk(e.data[f] as PublicKey);

/** Typed tables filled from events, by event name. */
const TYPED: Record<string, { table: string; cols: Col<EventRow>[] }> = {
  Liquidation: {
    table: "liquidation",
    cols: [
      ...head(),
      col("signature", "varchar", (e) => e.signature),
      col("market", "varchar", key("market")),
      col("margin_account", "varchar", key("marginAccount")),
      col("liquidator", "varchar", key("liquidator")),
      col("stage", "int4", d("stage")),
      col("base_before_lots", "numeric", d("baseBeforeLots")),
      col("closed_lots", "numeric", d("closedLots")),
      col("quote_native", "numeric", d("quoteNative")),
      col("oracle_price", "numeric", d("oraclePrice")),
      col("keeper_fee_native", "numeric", d("keeperFeeNative")),
      col("insurance_fee_native", "numeric", d("insuranceFeeNative")),
      col("equity_before_native", "numeric", d("equityBeforeNative")),
      col("maint_before_native", "numeric", d("maintBeforeNative")),
      col("equity_after_native", "numeric", d("equityAfterNative")),
      col("maint_after_native", "numeric", d("maintAfterNative")),
      col("orders_cancelled", "int4", d("ordersCancelled")),
      col("status_after", "int4", d("statusAfter")),
      col("deficit_native", "numeric", d("deficitNative")),
    ],
  },
  BankruptcyResolved: {
    table: "bankruptcy",
    cols: [
      ...head(),
      col("signature", "varchar", (e) => e.signature),
      col("margin_account", "varchar", key("marginAccount")),
      col("market_index", "int4", d("marketIndex")),
      col("keeper", "varchar", key("keeper")),
      col("deficit_before_native", "numeric", d("deficitBeforeNative")),
      col("insurance_paid_native", "numeric", d("insurancePaidNative")),
      col("deficit_after_native", "numeric", d("deficitAfterNative")),
      col("insurance_balance_after_native", "numeric", d("insuranceBalanceAfterNative")),
      col("market_insurance_drawn_native", "numeric", d("marketInsuranceDrawnNative")),
      col("reserved_released_native", "numeric", d("reservedReleasedNative")),
    ],
  },
  AutoDeleverage: {
    table: "adl_event",
    cols: [
      ...head(),
      col("signature", "varchar", (e) => e.signature),
      col("market", "varchar", key("market")),
      col("margin_account", "varchar", key("marginAccount")),
      col("keeper", "varchar", key("keeper")),
      col("base_before_lots", "numeric", d("baseBeforeLots")),
      col("bankruptcy_price", "numeric", d("bankruptcyPrice")),
      col("oracle_price", "numeric", d("oraclePrice")),
      col("insurance_available_native", "numeric", d("insuranceAvailableNative")),
      col("equity_before_native", "numeric", d("equityBeforeNative")),
      col("equity_after_native", "numeric", d("equityAfterNative")),
      col("closed_lots", "numeric", d("closedLots")),
      col("fill_count", "int4", d("fillCount")),
    ],
  },
  SocializedLoss: {
    table: "socialized_loss",
    cols: [
      ...head(),
      col("signature", "varchar", (e) => e.signature),
      col("margin_account", "varchar", key("marginAccount")),
      col("market_index", "int4", d("marketIndex")),
      col("amount_native", "numeric", d("amountNative")),
      col("charged_side", "int4", d("chargedSide")),
      col("open_interest_lots", "numeric", d("openInterestLots")),
      col("index_delta", "numeric", d("indexDelta")),
      col("index_after", "numeric", d("indexAfter")),
      col("bad_debt_native", "numeric", d("badDebtNative")),
    ],
  },
  InsuranceFlow: {
    table: "insurance_flow",
    cols: [
      ...head(),
      col("signature", "varchar", (e) => e.signature),
      col("kind", "int4", d("kind")),
      col("amount_native", "numeric", d("amountNative")),
      col("balance_after_native", "numeric", d("balanceAfterNative")),
    ],
  },
  Deposit: {
    table: "deposit",
    cols: [
      ...head(),
      col("signature", "varchar", (e) => e.signature),
      col("margin_account", "varchar", key("marginAccount")),
      col("owner", "varchar", key("owner")),
      col("amount_native", "numeric", d("amountNative")),
      col("to_debt_native", "numeric", d("toDebtNative")),
      col("credited_native", "numeric", d("creditedNative")),
      col("max_debt_repayment_native", "numeric", d("maxDebtRepaymentNative")),
      col("deficit_after_native", "numeric", d("deficitAfterNative")),
      col("cash_after_native", "numeric", d("cashAfterNative")),
      col("deposit_policy", "int4", d("depositPolicy")),
    ],
  },
  PriceUpdated: {
    table: "price_update",
    cols: [
      ...head(),
      col("price_feed", "varchar", key("priceFeed")),
      col("price", "numeric", d("price")),
      col("confidence", "numeric", d("confidence")),
      col("publish_slot", "int8", d("publishSlot")),
    ],
  },
  FundingUpdated: {
    table: "funding_update",
    cols: [
      ...head(),
      col("market", "varchar", key("market")),
      col("oracle_price", "numeric", d("oraclePrice")),
      col("premium_bps", "int8", d("premiumBps")),
      col("impact_bid_price", "numeric", d("impactBidPrice")),
      col("impact_ask_price", "numeric", d("impactAskPrice")),
      col("sampled_slots", "int8", d("sampledSlots")),
      col("elapsed_slots", "int8", d("elapsedSlots")),
      col("index_delta", "numeric", d("indexDelta")),
      col("cumulative_funding", "numeric", d("cumulativeFunding")),
    ],
  },
  Withdraw: {
    table: "withdrawal",
    cols: [
      ...head(),
      col("signature", "varchar", (e) => e.signature),
      col("margin_account", "varchar", key("marginAccount")),
      col("owner", "varchar", key("owner")),
      col("amount_native", "numeric", d("amountNative")),
      col("cash_after_native", "numeric", d("cashAfterNative")),
      col("bad_debt_share_native", "numeric", d("badDebtShareNative")),
    ],
  },
  BankruptcyRecorded: {
    table: "bankruptcy_record",
    cols: [
      ...head(),
      col("signature", "varchar", (e) => e.signature),
      col("margin_account", "varchar", key("marginAccount")),
      col("market_index", "int4", d("marketIndex")),
      col("side", "int4", d("side")),
      col("cause", "int4", d("cause")),
      col("deficit_native", "numeric", d("deficitNative")),
      col("total_deficit_native", "numeric", d("totalDeficitNative")),
    ],
  },
  BadDebtRecorded: {
    table: "bad_debt",
    cols: [
      ...head(),
      col("signature", "varchar", (e) => e.signature),
      col("margin_account", "varchar", key("marginAccount")),
      col("market_index", "int4", d("marketIndex")),
      col("reason", "int4", d("reason")),
      col("amount_native", "numeric", d("amountNative")),
      col("bad_debt_total_native", "numeric", d("badDebtTotalNative")),
    ],
  },
  UnderwaterMarked: {
    table: "underwater_mark",
    cols: [
      ...head(),
      col("signature", "varchar", (e) => e.signature),
      col("margin_account", "varchar", key("marginAccount")),
      col("keeper", "varchar", key("keeper")),
      col("equity_native", "numeric", d("equityNative")),
      col("maint_req_native", "numeric", d("maintReqNative")),
      col("marked_native", "numeric", d("markedNative")),
      col("total_underwater_native", "numeric", d("totalUnderwaterNative")),
      col("underwater_count", "int8", d("underwaterCount")),
    ],
  },
  BackstopChanged: {
    table: "backstop_change",
    cols: [
      ...head(),
      col("signature", "varchar", (e) => e.signature),
      col("margin_account", "varchar", key("marginAccount")),
      col("market_mask", "numeric", d("marketMask")),
      col("active", "int4", d("active")),
      col("capacity_native", "numeric", d("capacityNative")),
      col("reason", "int4", d("reason")),
      col("by", "varchar", key("by")),
    ],
  },
};

interface FillRow {
  e: EventRow;
  i: number;
  f: {
    account: { toBase58(): string };
    lots: bigint;
    score: bigint;
    upnlNative: bigint;
    haircutNative: bigint;
  };
}

/**
 * Marks transactions ingested and writes the events of those not ingested before (a transaction
 * fetched twice — live and catch-up overlap — is written once). Returns the number of new events
 * and the signatures that were new.
 */
export async function insertEvents(
  tx: Tx,
  allEvents: EventRow[],
  txs: TxRow[],
  commitmentOf: (slot: bigint) => string,
): Promise<{ inserted: number; fresh: Set<string> }> {
  const fresh = await insertIgnoreReturning<TxRow>(
    tx,
    "program_tx",
    [
      col("signature", "varchar", (t) => t.signature),
      col("slot", "int8", (t) => t.slot),
      col("block_time", "int8", (t) => t.blockTime),
      col("failed", "bool", (t) => t.failed),
      col("event_count", "int4", (t) => t.eventCount),
      col("commitment", "commitment", (t) => commitmentOf(t.slot)),
    ],
    txs,
    "signature",
  );
  const freshSet = new Set(fresh);
  const events = allEvents.filter((e) => freshSet.has(e.signature));
  const inserted = await insertIgnore<EventRow>(
    tx,
    "event",
    [
      ...head(),
      col("unix_time", "int8", (e) => e.unixTime),
      col("signature", "varchar", (e) => e.signature),
      col("ix_index", "int4", (e) => e.ixIndex),
      col("event_index", "int4", (e) => e.eventIndex),
      col("name", "varchar", (e) => e.name),
      col("payload", "jsonb", (e) => e.payload),
      col("commitment", "commitment", (e) => commitmentOf(e.slot)),
    ],
    events,
  );
  for (const [name, spec] of Object.entries(TYPED)) {
    const rows = events.filter((e) => e.name === name);
    if (rows.length) await insertIgnore(tx, spec.table, spec.cols, rows);
  }
  // A feed's first price is set by create_price_feed (in its arguments, not its event).
  const created = events.filter((e) => e.name === "PriceFeedCreated" && e.initialPrice);
  await insertIgnore<EventRow>(
    tx,
    "price_update",
    [
      ...head(),
      col("price_feed", "varchar", key("priceFeed")),
      col("price", "numeric", (e) => e.initialPrice!.price),
      col("confidence", "numeric", (e) => e.initialPrice!.confidence),
      col("publish_slot", "int8", (e) => e.slot),
    ],
    created,
  );
  const fills: FillRow[] = [];
  for (const e of events)
    if (e.name === "AutoDeleverage")
      for (const [i, f] of (e.data.fills as FillRow["f"][]).entries()) fills.push({ e, i, f });
  await insertIgnore<FillRow>(
    tx,
    "adl_fill",
    [
      col("exchange", "varchar", (r) => r.e.exchange),
      col("seq", "int8", (r) => r.e.seq),
      col("fill_index", "int4", (r) => r.i),
      col("account", "varchar", (r) => pk(r.f.account)),
      col("lots", "numeric", (r) => r.f.lots),
      col("score", "numeric", (r) => r.f.score),
      col("upnl_native", "numeric", (r) => r.f.upnlNative),
      col("haircut_native", "numeric", (r) => r.f.haircutNative),
    ],
    fills,
  );
  return { inserted, fresh: freshSet };
}
