/**
 * Typed views of the program accounts. Anchor's coder decodes the raw bytes (laid out as the IDL
 * says); `normalize` turns every 64-bit integer into a `bigint`, snake_case into camelCase, and
 * keeps public keys. The interfaces are checked field by field against the IDL in tests.
 */
import { BorshAccountsCoder } from "@coral-xyz/anchor";
import { PublicKey } from "@solana/web3.js";
import BN from "bn.js";
import { IDL } from "./idl";
import { NO_MARKET } from "./constants";

export const accountsCoder = new BorshAccountsCoder(IDL as any);

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** BN → bigint, snake_case → camelCase, recursively; reserved `_pad…` fields are dropped. */
export function normalize(v: unknown): any {
  if (BN.isBN(v)) return BigInt((v as BN).toString());
  if (v instanceof PublicKey) return v;
  if (Array.isArray(v)) return v.map(normalize);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!k.startsWith("_")) out[camel(k)] = normalize(x);
    return out;
  }
  return v;
}

export interface PositionState {
  marketIndex: number;
  openOrders: number;
  baseLots: bigint;
  entryNotionalNative: bigint;
  fundingSnapshot: bigint;
  socialLossSnapshot: bigint;
  bidsLots: bigint;
  asksLots: bigint;
  bidsQuoteNative: bigint;
  asksQuoteNative: bigint;
  realizedPnlNative: bigint;
  fundingPaidNative: bigint;
}

export interface MarginAccountState {
  exchange: PublicKey;
  owner: PublicKey;
  cashNative: bigint;
  deficitNative: bigint;
  subAccountId: number;
  bump: number;
  status: number;
  deficitMarketIndex: number;
  deficitSide: number;
  totalDepositsNative: bigint;
  totalWithdrawalsNative: bigint;
  totalDebtRepaidNative: bigint;
  lastLiquidationSlot: bigint;
  liquidationCount: number;
  bankruptcyCount: number;
  orderCount: bigint;
  insuranceReservedNative: bigint;
  underwaterNative: bigint;
  underwaterSlot: bigint;
  insuranceReservedMarket: number;
  positions: PositionState[];
}

export interface MarketParamsState {
  baseLotSize: bigint;
  tickSize: bigint;
  minOrderLots: bigint;
  initialMarginBps: number;
  maintenanceMarginBps: number;
  takerFeeBps: number;
  makerFeeBps: number;
  liquidationFeeBps: number;
  liquidationKeeperShareBps: number;
  liquidationBandBps: number;
  liquidationBufferBps: number;
  liquidationChunkBps: number;
  backstopDiscountBps: number;
  minLiquidationLots: bigint;
  liquidationPaceSlots: bigint;
  priceBandBps: number;
  maxConfidenceBps: number;
  maxStalenessSlots: bigint;
  fundingPeriodSlots: bigint;
  maxFundingRateBps: number;
  maxAdlCounterparties: number;
  insuranceCapNative: bigint;
}

export interface MarketState {
  exchange: PublicKey;
  oracle: PublicKey;
  orderBook: PublicKey;
  name: number[];
  marketIndex: number;
  bump: number;
  bookBump: number;
  status: number;
  /** 0 program PriceFeed, 1 Pyth PriceUpdateV2. */
  oracleKind: number;
  oracleBaseDecimals: number;
  oracleQuoteDecimals: number;
  params: MarketParamsState;
  cumulativeFunding: bigint;
  socialLossLongIndex: bigint;
  socialLossShortIndex: bigint;
  lastFundingSlot: bigint;
  lastPremiumBps: bigint;
  openInterestLots: bigint;
  insuranceDrawnNative: bigint;
  insuranceReservedNative: bigint;
  fillCount: bigint;
  volumeNative: bigint;
  liquidationCount: bigint;
  adlFillCount: bigint;
  socializedLossNative: bigint;
  pythFeedId: number[];
}

export interface ExchangeState {
  admin: PublicKey;
  collateralMint: PublicKey;
  vault: PublicKey;
  insuranceVault: PublicKey;
  exchangeId: number;
  bump: number;
  depositPolicy: number;
  paused: number;
  collateralDecimals: number;
  marketCount: number;
  totalCashNative: bigint;
  totalDeficitNative: bigint;
  feePoolNative: bigint;
  pendingSettlementNative: bigint;
  insuranceNative: bigint;
  badDebtNative: bigint;
  socializedLossNative: bigint;
  insurancePaidNative: bigint;
  vaultSurplusNative: bigint;
  insuranceSurplusNative: bigint;
  surplusSweptNative: bigint;
  insuranceReservedNative: bigint;
  underwaterNative: bigint;
  underwaterCount: bigint;
  insuranceWithdrawDelaySlots: bigint;
  insuranceWithdrawRequestNative: bigint;
  insuranceWithdrawRequestSlot: bigint;
  eventSeq: bigint;
  marginAccountCount: bigint;
}

export interface OrderState {
  owner: PublicKey;
  orderId: bigint;
  clientOrderId: bigint;
  price: bigint;
  baseLots: bigint;
  flags: number;
}

export interface OrderBookState {
  market: PublicKey;
  nextOrderId: bigint;
  /** Live bids, best first. */
  bids: OrderState[];
  /** Live asks, best first. */
  asks: OrderState[];
}

export interface PriceFeedState {
  exchange: PublicKey;
  authority: PublicKey;
  price: bigint;
  confidence: bigint;
  publishSlot: bigint;
  publishTime: bigint;
  feedId: number;
  updateCount: bigint;
}

export interface BackstopEntryState {
  marginAccount: PublicKey;
  marketMask: bigint;
  registeredSlot: bigint;
  takeoverCount: bigint;
  takeoverNotionalNative: bigint;
}

export interface BackstopRegistryState {
  exchange: PublicKey;
  count: number;
  entries: BackstopEntryState[];
}

export type AccountName =
  | "Exchange"
  | "Market"
  | "OrderBook"
  | "MarginAccount"
  | "PriceFeed"
  | "BackstopRegistry";

/** The 8-byte discriminator of an account type. */
export const accountDiscriminator = (name: AccountName): Buffer =>
  Buffer.from(accountsCoder.accountDiscriminator(name));

/** Which account type a buffer holds, by discriminator (undefined if none). */
export function accountKind(data: Buffer | Uint8Array): AccountName | undefined {
  const d = Buffer.from(data.subarray(0, 8));
  for (const n of [
    "Exchange",
    "Market",
    "OrderBook",
    "MarginAccount",
    "PriceFeed",
    "BackstopRegistry",
  ] as AccountName[]) {
    if (accountDiscriminator(n).equals(d)) return n;
  }
  return undefined;
}

const decode = (name: AccountName, data: Buffer | Uint8Array) =>
  normalize(accountsCoder.decode(name, Buffer.from(data)));

export const decodeMarginAccount = (data: Buffer | Uint8Array): MarginAccountState =>
  decode("MarginAccount", data);
export const decodeMarket = (data: Buffer | Uint8Array): MarketState => decode("Market", data);
export const decodeExchange = (data: Buffer | Uint8Array): ExchangeState => decode("Exchange", data);
export const decodePriceFeed = (data: Buffer | Uint8Array): PriceFeedState => decode("PriceFeed", data);
export const decodeBackstopRegistry = (data: Buffer | Uint8Array): BackstopRegistryState => {
  const r = decode("BackstopRegistry", data);
  return { ...r, entries: r.entries.slice(0, r.count) };
};
export function decodeOrderBook(data: Buffer | Uint8Array): OrderBookState {
  const b = decode("OrderBook", data);
  // On-chain each side is sorted with the best order last; present best first.
  return {
    market: b.market,
    nextOrderId: b.nextOrderId,
    bids: b.bids.slice(0, b.bidCount).reverse(),
    asks: b.asks.slice(0, b.askCount).reverse(),
  };
}

/** Live position slots (market assigned) of an account. */
export const livePositions = (a: MarginAccountState) =>
  a.positions.filter((p) => p.marketIndex !== NO_MARKET);

/** Market symbol as text. */
export const marketName = (m: MarketState) => Buffer.from(m.name).toString("utf8").replace(/\0+$/, "");
