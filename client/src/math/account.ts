/**
 * Account-level health, mirroring `engine/risk.rs` on top of `margin.ts`, plus the views the keeper
 * and the trading page need: per-position liquidation price, unrealized PnL, ADL score, ranking and
 * rank quantile, and the bankruptcy price of a liquidatee.
 *
 * The program settles funding and social loss into cash before it computes health
 * (`settle_account` then `account_health`), so everything here starts from `settleAccount`: the
 * decoded account with each position's `funding_owed` + `social_loss_owed` against the market's
 * current indices moved out of cash, exactly as the next instruction touching it would. Equity then
 * matches what the program sees, even though the decoded account has not been settled yet.
 *
 * Markets come as a table keyed by market index, each with an oracle price that passed (or
 * failed) the program's oracle guard. As on-chain, a failed guard only matters for accounts that
 * hold the market, and settlement needs every market the account has a slot in.
 */
import type { PublicKey } from "@solana/web3.js";
import type { MarketParamsState, MarketState, PositionState, PriceFeedState } from "../accounts";
import { NO_MARKET } from "../constants";
import { adlClosePrice, adlScore, bankruptcyPrice, positionLoss, rankQuantile } from "./adl";
import { BPS, MAX_PRICE } from "./constants";
import { MathError, type MathErrorName } from "./error";
import { fundingOwed, socialLossOwed } from "./funding";
import {
  conservativeValue,
  Health,
  liquidationPrice,
  marginRatioBps,
  positionAtPrice,
  type PositionRisk,
} from "./margin";
import { unrealizedPnl } from "./trade";
import { add, maxBig, minBig, mul, mulDivCeil, saturatingSubU, sub, toI64, unsignedAbs } from "./wide";

/** The market fields health reads (a decoded `MarketState` has them all). */
export type MarketRisk = Pick<
  MarketState,
  "marketIndex" | "cumulativeFunding" | "socialLossLongIndex" | "socialLossShortIndex"
> & {
  params: Pick<MarketParamsState, "initialMarginBps" | "maintenanceMarginBps">;
};

/** The position fields health reads. */
export type PositionRiskState = Pick<
  PositionState,
  | "marketIndex"
  | "baseLots"
  | "entryNotionalNative"
  | "fundingSnapshot"
  | "socialLossSnapshot"
  | "bidsLots"
  | "asksLots"
  | "bidsQuoteNative"
  | "asksQuoteNative"
  | "fundingPaidNative"
>;

/** The account fields health reads. */
export interface AccountRiskState {
  cashNative: bigint;
  positions: PositionRiskState[];
}

/** One market of the table: the market and its oracle price (or the guard's error). */
export interface MarketQuote {
  market: MarketRisk;
  /** Oracle price, quote native per lot (the last published one, even if it failed its guard). */
  oraclePrice: bigint;
  /** Oracle confidence (±), quote native per lot (used to value a bad-oracle market pessimistically). */
  confidence?: bigint;
  /** Set when the oracle failed its guard: raised only for accounts holding this market. */
  oracleError?: MathErrorName;
}

/**
 * How a held market whose oracle failed its guard is valued (`engine::risk::Valuation`): `strict`
 * raises the guard's error (withdrawals, new risk); `conservative` values it at its worst case
 * (liquidation, the maker check, backstops, ADL).
 */
export type Valuation = "strict" | "conservative";

/** Markets by market index. */
export type MarketTable = ReadonlyMap<number, MarketQuote>;

/** Builds a table keyed by each market's index (the first quote of an index wins, as on-chain). */
export function marketTable(quotes: Iterable<MarketQuote>): Map<number, MarketQuote> {
  const t = new Map<number, MarketQuote>();
  for (const q of quotes) if (!t.has(q.market.marketIndex)) t.set(q.market.marketIndex, q);
  return t;
}

/**
 * The program's oracle guard (`guarded_price`): price in 1..=MAX_PRICE, published at most
 * `maxStalenessSlots` before `slot`, confidence × 10 000 ≤ price × maxConfidenceBps.
 */
export function guardedPrice(
  market: { params: Pick<MarketParamsState, "maxStalenessSlots" | "maxConfidenceBps"> },
  feed: Pick<PriceFeedState, "price" | "confidence" | "publishSlot">,
  slot: bigint,
): bigint {
  if (feed.price === 0n || feed.price > MAX_PRICE) throw new MathError("InvalidOracle");
  if (slot > feed.publishSlot && slot - feed.publishSlot > market.params.maxStalenessSlots)
    throw new MathError("OracleStale");
  let lhs: bigint;
  try {
    lhs = mul(feed.confidence, BPS);
  } catch {
    throw new MathError("OracleConfidenceTooWide");
  }
  if (lhs > mul(feed.price, BigInt(market.params.maxConfidenceBps)))
    throw new MathError("OracleConfidenceTooWide");
  return feed.price;
}

/** A table entry from a price feed at `slot`, recording (not throwing) a failed guard. */
export function quoteFromFeed(
  market: MarketState,
  feed: Pick<PriceFeedState, "price" | "confidence" | "publishSlot">,
  slot: bigint,
): MarketQuote {
  try {
    return { market, oraclePrice: guardedPrice(market, feed, slot), confidence: feed.confidence };
  } catch (e) {
    if (e instanceof MathError) {
      const usable = feed.price > 0n && feed.price <= MAX_PRICE;
      return {
        market,
        oraclePrice: usable ? feed.price : 0n,
        confidence: feed.confidence,
        oracleError: e.code,
      };
    }
    throw e;
  }
}

function quoteOf(table: MarketTable, marketIndex: number): MarketQuote {
  const q = table.get(marketIndex);
  if (!q) throw new MathError("MissingMarketAccounts", `market ${marketIndex} is not in the table`);
  return q;
}

/** `MarketSnap::checked_price`: the oracle price, or the guard's error. */
function checkedPrice(q: MarketQuote): bigint {
  if (q.oracleError) throw new MathError(q.oracleError);
  if (q.oraclePrice === 0n || q.oraclePrice > MAX_PRICE) throw new MathError("InvalidOracle");
  return q.oraclePrice;
}

/** Social-loss index of the side `baseLots` is on (flat counts as long, as on-chain). */
const socialIndex = (m: MarketRisk, baseLots: bigint) =>
  baseLots >= 0n ? m.socialLossLongIndex : m.socialLossShortIndex;

const isLive = (p: PositionRiskState) => p.marketIndex !== NO_MARKET;

/** What settling one position moved out of cash. */
export interface PositionSettlement {
  marketIndex: number;
  /** Funding paid (> 0) or received (< 0), native. */
  fundingNative: bigint;
  /** Social loss paid, native. */
  socialLossNative: bigint;
}

/**
 * `settle_account`: settles funding and social loss of every live position into cash and moves the
 * snapshots to the market's indices. Returns a settled copy; the input is not changed.
 */
export function settleAccount<A extends AccountRiskState>(
  acct: A,
  table: MarketTable,
): { account: A; settlements: PositionSettlement[] } {
  let cash = acct.cashNative;
  const settlements: PositionSettlement[] = [];
  const positions = acct.positions.map((p) => {
    if (!isLive(p)) return p;
    const m = quoteOf(table, p.marketIndex).market;
    const funding = fundingOwed(p.baseLots, m.cumulativeFunding, p.fundingSnapshot);
    const social = socialLossOwed(p.baseLots, socialIndex(m, p.baseLots), p.socialLossSnapshot);
    const moved = {
      ...p,
      fundingSnapshot: m.cumulativeFunding,
      socialLossSnapshot: socialIndex(m, p.baseLots),
    };
    if (funding === 0n && social === 0n) return moved;
    moved.fundingPaidNative = add(p.fundingPaidNative, funding);
    cash = sub(cash, add(funding, toI64(social)));
    settlements.push({ marketIndex: p.marketIndex, fundingNative: funding, socialLossNative: social });
    return moved;
  });
  // Each position is a spread copy of the original, so it keeps every field of A's positions.
  return { account: { ...acct, cashNative: cash, positions } as A, settlements };
}

/**
 * `position_risk` of a *settled* position (unsettled charges 0): at the oracle, or — for a bad oracle
 * under `conservative` valuation — at its worst case (`conservativeValue`).
 */
export function positionRisk(p: PositionRiskState, q: MarketQuote, mode: Valuation = "strict"): PositionRisk {
  const imfBps = BigInt(q.market.params.initialMarginBps);
  const mmfBps = BigInt(q.market.params.maintenanceMarginBps);
  const orders = {
    bidsLots: p.bidsLots,
    asksLots: p.asksLots,
    bidsQuoteNative: p.bidsQuoteNative,
    asksQuoteNative: p.asksQuoteNative,
    entryNotionalNative: p.entryNotionalNative,
  };
  if (q.oracleError && mode === "conservative" && q.oracleError !== "InvalidOracle" && q.oraclePrice > 0n) {
    const [valueNative, price] = conservativeValue(
      p.baseLots,
      p.entryNotionalNative,
      q.oraclePrice,
      q.confidence ?? 0n,
    );
    return { baseLots: p.baseLots, ...orders, unsettledNative: 0n, valueNative, price, imfBps, mmfBps };
  }
  return positionAtPrice({
    baseLots: p.baseLots,
    ...orders,
    unsettledNative: 0n,
    price: checkedPrice(q),
    imfBps,
    mmfBps,
  });
}

/**
 * `health_excluding`: health of a *settled* account leaving out the position in `skipMarket`
 * (NO_MARKET for none). Flat slots without orders are skipped; every other held market's oracle
 * guard applies (`strict`), or bad oracles are valued at their worst case (`conservative`).
 */
export function healthExcluding(
  settled: AccountRiskState,
  table: MarketTable,
  skipMarket: number,
  mode: Valuation = "strict",
): Health {
  const h = Health.fromCash(settled.cashNative);
  for (const p of settled.positions) {
    if (!isLive(p) || p.marketIndex === skipMarket) continue;
    if (p.baseLots === 0n && p.bidsLots === 0n && p.asksLots === 0n) continue;
    h.add(positionRisk(p, quoteOf(table, p.marketIndex), mode));
  }
  return h;
}

/** `account_health` of a settled account. */
export const settledHealth = (
  settled: AccountRiskState,
  table: MarketTable,
  mode: Valuation = "strict",
): Health => healthExcluding(settled, table, NO_MARKET, mode);

/** Health as the program will see it: settles first, then `account_health`. */
export const accountHealth = (
  acct: AccountRiskState,
  table: MarketTable,
  mode: Valuation = "strict",
): Health => settledHealth(settleAccount(acct, table).account, table, mode);

function settledPosition(settled: AccountRiskState, marketIndex: number): PositionRiskState {
  const p = settled.positions.find((x) => x.marketIndex === marketIndex);
  if (!p || p.baseLots === 0n) throw new MathError("NoPosition", `no position in market ${marketIndex}`);
  return p;
}

/**
 * Liquidation price of the position in `marketIndex`, other positions held at their oracle value
 * (`liquidation_price` against the settled rest of the account). 0 when no positive price
 * liquidates it (or the account is flat there).
 */
export function positionLiquidationPrice(
  acct: AccountRiskState,
  table: MarketTable,
  marketIndex: number,
): bigint {
  const settled = settleAccount(acct, table).account;
  const p = settled.positions.find((x) => x.marketIndex === marketIndex);
  if (!p || p.baseLots === 0n) return 0n;
  const others = healthExcluding(settled, table, marketIndex);
  const mmf = BigInt(quoteOf(table, marketIndex).market.params.maintenanceMarginBps);
  return liquidationPrice(others.equityNative, others.maintReqNative, p.baseLots, mmf);
}

/**
 * Insurance still free to count for a market (`Market::insurance_available`): min(fund − every ADL
 * reservation, cap − drawn − this market's reservations).
 */
export function insuranceAvailable(
  market: Pick<MarketState, "insuranceDrawnNative" | "marketIndex"> & {
    params: Pick<MarketParamsState, "insuranceCapNative">;
  },
  exchange: {
    insuranceNative: bigint;
    insuranceReservedNative: bigint;
    marketInsuranceReservedNative: bigint[];
  },
): bigint {
  const room = saturatingSubU(
    saturatingSubU(market.params.insuranceCapNative, market.insuranceDrawnNative),
    exchange.marketInsuranceReservedNative[market.marketIndex] ?? 0n,
  );
  const unreserved = saturatingSubU(exchange.insuranceNative, exchange.insuranceReservedNative);
  return room < unreserved ? room : unreserved;
}

/**
 * Capacity a backstop account holds now (`register_backstop::free_capacity`): its withdrawable
 * free collateral (equity − initial margin − unrealized gains), ≥ 0. Registering checks it with
 * `strict` valuation; `evict_backstop` evicts an entry whose `conservative` value is below what it
 * committed.
 */
export function backstopHeldCapacity(
  acct: AccountRiskState,
  table: MarketTable,
  mode: Valuation = "conservative",
): bigint {
  const w = accountHealth(acct, table, mode).withdrawable();
  return w > 0n ? w : 0n;
}

/** Initial margin of `lots` at the oracle, ⌈|lots| × price × imf / BPS⌉ (the ADL gate's need). */
export const initialMarginAtOracle = (lots: bigint, oraclePrice: bigint, imfBps: bigint): bigint =>
  mulDivCeil(mul(unsignedAbs(lots), oraclePrice), imfBps, BPS);

/**
 * `BackstopRegistry::capable`: a registered backstop covers `marketIndex` with at least
 * `neededNative` committed — while one does, `auto_deleverage` refuses an account with equity ≥ 0
 * (`BackstopStageFirst`).
 */
export function backstopCapable(
  entries: readonly { marketMask: bigint; capacityNative: bigint }[],
  marketIndex: number,
  neededNative: bigint,
): boolean {
  const need = neededNative > 1n ? neededNative : 1n;
  return (
    marketIndex < 64 &&
    entries.some((e) => (e.marketMask & (1n << BigInt(marketIndex))) !== 0n && e.capacityNative >= need)
  );
}

/**
 * Bankruptcy price at which `auto_deleverage` would close a liquidatee's position in `marketIndex`:
 * the settled rest of the account plus `insuranceAvailableNative` pays for it
 * (`bankruptcy_price(health_excluding(...).equity, insurance, base, oracle)`).
 */
export function liquidateeBankruptcyPrice(
  acct: AccountRiskState,
  table: MarketTable,
  marketIndex: number,
  insuranceAvailableNative: bigint,
): bigint {
  const settled = settleAccount(acct, table).account;
  const p = settledPosition(settled, marketIndex);
  const q = quoteOf(table, marketIndex);
  const oracle = checkedPrice(q);
  const others = healthExcluding(settled, table, marketIndex);
  const textbook = bankruptcyPrice(others.equityNative, insuranceAvailableNative, p.baseLots, oracle);
  // Counterparties pay at most what the position lost in this market (`position_loss`).
  const bound = adlClosePrice(positionLoss(p.baseLots, p.entryNotionalNative, oracle), p.baseLots, oracle);
  return p.baseLots > 0n ? minBig(textbook, bound) : maxBig(textbook, bound);
}

/** A position's ADL standing, as `auto_deleverage` recomputes it. */
export interface AdlStanding {
  /** uPnL > 0 and account equity > 0. */
  eligible: boolean;
  /** PnL% × leverage, `SCORE_SCALE` = 1.0; 0 when not eligible. */
  score: bigint;
  /** Unrealized PnL against the cost basis at the oracle, native. */
  upnlNative: bigint;
  /** Settled account equity, native. */
  equityNative: bigint;
}

/** ADL standing of the position in `marketIndex` given the settled account and its health. */
function standing(p: PositionRiskState, oracle: bigint, h: Health): AdlStanding {
  const upnlNative = unrealizedPnl(
    { baseLots: p.baseLots, entryNotionalNative: p.entryNotionalNative },
    oracle,
  );
  // Eligible with a score: a profitable position on an account with equity; a position without
  // profit on such an account is still a candidate, with score 0 (ranked last, closed at the oracle).
  const eligible = p.baseLots !== 0n && upnlNative > 0n && h.equityNative > 0n;
  const score = eligible
    ? adlScore(upnlNative, p.entryNotionalNative, mul(unsignedAbs(p.baseLots), oracle), h.equityNative)
    : 0n;
  return { eligible, score, upnlNative, equityNative: h.equityNative };
}

/** ADL standing of an account's position in `marketIndex` (settles first, like the program). */
export function adlStanding(acct: AccountRiskState, table: MarketTable, marketIndex: number): AdlStanding {
  const settled = settleAccount(acct, table).account;
  const p = settledPosition(settled, marketIndex);
  return standing(p, checkedPrice(quoteOf(table, marketIndex)), settledHealth(settled, table));
}

/** One eligible ADL counterparty. */
export interface AdlCandidate extends AdlStanding {
  marginAccount: PublicKey;
  baseLots: bigint;
  /** 1 = first in line. */
  rank: number;
  /** Rank indicator 1 (last fifth) … 5 (first in line), or 0 (a zero score). */
  quantile: number;
}

/**
 * The ADL queue of one side of a market: every eligible position of `side` among `accounts`,
 * sorted as `auto_deleverage` requires — score descending, ties by margin account address
 * ascending (raw bytes). Accounts without a position on that side are left out; an account whose
 * health cannot be computed (a market missing from the table) throws, as it would on-chain.
 */
export function adlRanking(
  accounts: readonly { address: PublicKey; account: AccountRiskState }[],
  table: MarketTable,
  marketIndex: number,
  side: "long" | "short",
  opts: { withoutProfit?: boolean } = {},
): AdlCandidate[] {
  const oracle = checkedPrice(quoteOf(table, marketIndex));
  const out: Omit<AdlCandidate, "rank" | "quantile">[] = [];
  for (const { address, account } of accounts) {
    const p = account.positions.find((x) => x.marketIndex === marketIndex);
    if (!p || p.baseLots === 0n || p.baseLots > 0n !== (side === "long")) continue;
    const settled = settleAccount(account, table).account;
    const sp = settledPosition(settled, marketIndex);
    const s = standing(sp, oracle, settledHealth(settled, table, "conservative"));
    if (s.eligible || (opts.withoutProfit && s.equityNative > 0n))
      out.push({ ...s, marginAccount: address, baseLots: sp.baseLots });
  }
  out.sort((a, b) =>
    a.score !== b.score
      ? a.score > b.score
        ? -1
        : 1
      : Buffer.compare(a.marginAccount.toBuffer(), b.marginAccount.toBuffer()),
  );
  const scores = out.map((c) => c.score);
  return out.map((c, i) => ({ ...c, rank: i + 1, quantile: rankQuantile(c.score, scores) }));
}

/** One position's risk view. */
export interface PositionRiskView {
  slot: number;
  marketIndex: number;
  baseLots: bigint;
  entryNotionalNative: bigint;
  oraclePrice: bigint;
  /** |base| × oracle, native. */
  notionalNative: bigint;
  /** Against the cost basis at the oracle, native (funding not included). */
  unrealizedPnlNative: bigint;
  /** Funding not yet settled (paid > 0), native. */
  unsettledFundingNative: bigint;
  /** Social loss not yet settled, native. */
  unsettledSocialLossNative: bigint;
  /** This position's share of the maintenance / initial requirement, native. */
  maintReqNative: bigint;
  initReqNative: bigint;
  /** Last oracle price at which the account is not liquidatable (0: none liquidates it). */
  liquidationPrice: bigint;
  adl: AdlStanding;
}

/** The whole account as the risk engine sees it after settlement. */
export interface AccountRiskView {
  /** Cash as stored, and after settling funding and social loss, native. */
  cashNative: bigint;
  settledCashNative: bigint;
  equityNative: bigint;
  maintReqNative: bigint;
  initReqNative: bigint;
  notionalNative: bigint;
  isLiquidatable: boolean;
  meetsInitial: boolean;
  /** equity − initial requirement, native (may be negative). */
  freeCollateralNative: bigint;
  /** maintenance / equity in bps; ≥ 10 000 is liquidatable; u64::MAX when equity ≤ 0. */
  marginRatioBps: bigint;
  positions: PositionRiskView[];
}

/** Health, requirements, margin ratio and every position's liquidation price, PnL and ADL standing. */
export function accountRiskView(acct: AccountRiskState, table: MarketTable): AccountRiskView {
  const { account: settled, settlements } = settleAccount(acct, table);
  const h = settledHealth(settled, table);
  const positions: PositionRiskView[] = [];
  settled.positions.forEach((p, slot) => {
    if (!isLive(p) || p.baseLots === 0n) return;
    const q = quoteOf(table, p.marketIndex);
    const oracle = checkedPrice(q);
    const own = Health.fromCash(0n);
    own.add(
      positionAtPrice({
        baseLots: p.baseLots,
        bidsLots: p.bidsLots,
        asksLots: p.asksLots,
        bidsQuoteNative: p.bidsQuoteNative,
        asksQuoteNative: p.asksQuoteNative,
        unsettledNative: 0n,
        price: oracle,
        imfBps: BigInt(q.market.params.initialMarginBps),
        mmfBps: BigInt(q.market.params.maintenanceMarginBps),
      }),
    );
    const others = healthExcluding(settled, table, p.marketIndex);
    const s = settlements.find((x) => x.marketIndex === p.marketIndex);
    positions.push({
      slot,
      marketIndex: p.marketIndex,
      baseLots: p.baseLots,
      entryNotionalNative: p.entryNotionalNative,
      oraclePrice: oracle,
      notionalNative: own.notionalNative,
      unrealizedPnlNative: unrealizedPnl(p, oracle),
      unsettledFundingNative: s?.fundingNative ?? 0n,
      unsettledSocialLossNative: s?.socialLossNative ?? 0n,
      maintReqNative: own.maintReqNative,
      initReqNative: own.initReqNative,
      liquidationPrice: liquidationPrice(
        others.equityNative,
        others.maintReqNative,
        p.baseLots,
        BigInt(q.market.params.maintenanceMarginBps),
      ),
      adl: standing(p, oracle, h),
    });
  });
  return {
    cashNative: acct.cashNative,
    settledCashNative: settled.cashNative,
    equityNative: h.equityNative,
    maintReqNative: h.maintReqNative,
    initReqNative: h.initReqNative,
    notionalNative: h.notionalNative,
    isLiquidatable: h.isLiquidatable(),
    meetsInitial: h.meetsInitial(),
    freeCollateralNative: h.freeCollateral(),
    marginRatioBps: marginRatioBps(h),
    positions,
  };
}
