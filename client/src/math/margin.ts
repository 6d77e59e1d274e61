/**
 * Mirror of `math/margin.rs`: account health — equity, maintenance and initial requirements,
 * liquidation price, margin ratio.
 *
 * Equity = cash + Σ baseLots × oraclePrice − Σ unsettled charges (funding and social loss owed since
 * the position's index snapshots). A long's cash is what it paid (negative), so the value term is
 * the whole position marked at the oracle.
 *
 * Maintenance requirement = Σ ⌈|base| × price × mmf⌉. Initial, per market: the worst of "nothing
 * fills", "every bid fills", "every ask fills", each ⌈|position after| × price × imf⌉ plus what those
 * fills lose against the oracle at the orders' own prices. All round up. An account is liquidatable
 * when equity < maintenance requirement. Bad-oracle markets are valued by `conservativeValue`.
 */
import { BPS } from "./constants";
import {
  add,
  addU,
  mul,
  mulDivCeil,
  mulDivFloor,
  mulSigned,
  negToI64,
  saturatingSubU,
  sub,
  toI64,
  unsignedAbs,
  U64_MAX,
} from "./wide";

/** One position's inputs to health. */
export interface PositionRisk {
  /** Position size, lots, long > 0. */
  baseLots: bigint;
  /** Base lots of this account's resting bids in the market. */
  bidsLots: bigint;
  /** Base lots of this account's resting asks in the market. */
  asksLots: bigint;
  /** Σ price × lots of those bids, native. */
  bidsQuoteNative: bigint;
  /** Σ price × lots of those asks, native. */
  asksQuoteNative: bigint;
  /** Charges owed and not yet settled (funding + social loss; negative = owed to the account), native. */
  unsettledNative: bigint;
  /** Cost basis of the open lots, native: separates unrealized gains from collateral. */
  entryNotionalNative: bigint;
  /** Value counted in equity, native (`base × price` at a good oracle, else `conservativeValue`). */
  valueNative: bigint;
  /** Price the requirements are computed at, quote native per lot. */
  price: bigint;
  /** Initial margin fraction, bps. */
  imfBps: bigint;
  /** Maintenance margin fraction, bps. */
  mmfBps: bigint;
}

/** `PositionRisk::at_price`: a position valued at a good oracle price. */
export function positionAtPrice(
  p: Omit<PositionRisk, "valueNative" | "bidsQuoteNative" | "asksQuoteNative" | "entryNotionalNative"> &
    Partial<Pick<PositionRisk, "bidsQuoteNative" | "asksQuoteNative" | "entryNotionalNative">>,
): PositionRisk {
  return {
    ...p,
    bidsQuoteNative: p.bidsQuoteNative ?? 0n,
    asksQuoteNative: p.asksQuoteNative ?? 0n,
    entryNotionalNative: p.entryNotionalNative ?? 0n,
    valueNative: mulSigned(p.baseLots, p.price),
  };
}

/** Health totals of one account (the Rust `Health` struct and its methods). */
export class Health {
  constructor(
    /** cash + Σ position value − Σ unsettled charges, native. */
    public equityNative = 0n,
    /** Σ ⌈|base| × price × mmf / 10 000⌉, native. */
    public maintReqNative = 0n,
    /** Σ worst-scenario initial requirement (`initialRequirement`), native. */
    public initReqNative = 0n,
    /** Σ |base| × price, native (leverage and the ADL score). */
    public notionalNative = 0n,
    /** Σ positive unrealized PnL against the cost basis, native: margin, not withdrawable. */
    public unrealizedGainNative = 0n,
  ) {}

  /** Health of an account with `cashNative` and no positions yet. */
  static fromCash(cashNative: bigint): Health {
    return new Health(cashNative);
  }

  /**
   * Adds one position, with the Rust code's checks in the Rust code's order. On error nothing is
   * changed here (the Rust struct may be half-updated, but its callers discard it with `?`).
   */
  add(p: PositionRisk): void {
    const equity = sub(add(this.equityNative, p.valueNative), p.unsettledNative);
    const notional = mul(unsignedAbs(p.baseLots), p.price);
    const notionalTotal = addU(this.notionalNative, notional);
    const maint = addU(this.maintReqNative, maintRequirement(notional, p.mmfBps));
    const init = addU(this.initReqNative, initialRequirement(p));
    const basis = toI64(p.entryNotionalNative);
    const upnl = p.baseLots >= 0n ? sub(p.valueNative, basis) : add(p.valueNative, basis);
    const gain = upnl > 0n ? addU(this.unrealizedGainNative, upnl) : this.unrealizedGainNative;
    this.unrealizedGainNative = gain;
    this.equityNative = equity;
    this.notionalNative = notionalTotal;
    this.maintReqNative = maint;
    this.initReqNative = init;
  }

  /** equity < maintenance requirement. */
  isLiquidatable(): boolean {
    return this.equityNative < 0n || this.equityNative < this.maintReqNative;
  }

  /** equity ≥ initial requirement. */
  meetsInitial(): boolean {
    return this.equityNative >= 0n && this.equityNative >= this.initReqNative;
  }

  /** equity − initial requirement (may be negative): free collateral, native. */
  freeCollateral(): bigint {
    return sub(this.equityNative, toI64(this.initReqNative));
  }

  /** What may be withdrawn: equity − unrealized gains − initial requirement (may be negative). */
  withdrawable(): bigint {
    return sub(sub(this.equityNative, toI64(this.unrealizedGainNative)), toI64(this.initReqNative));
  }

  /** equity ≥ maintenance × (1 + buffer): the hysteresis target that ends a liquidation. */
  aboveLiquidationTarget(bufferBps: bigint): boolean {
    const target = liquidationTarget(this.maintReqNative, bufferBps);
    return this.equityNative >= 0n && this.equityNative >= target;
  }
}

/** ⌈notional × mmf / 10 000⌉. */
export function maintRequirement(notionalNative: bigint, mmfBps: bigint): bigint {
  return mulDivCeil(notionalNative, mmfBps, BPS);
}

/**
 * Initial requirement of one market: the worst of "nothing fills", "every bid fills" and "every ask
 * fills", each ⌈|position after| × price × imf⌉ plus the fills' loss against `price` at the orders'
 * own prices.
 */
export function initialRequirement(p: PositionRisk): bigint {
  const im = (lots: bigint) => mulDivCeil(mul(lots, p.price), p.imfBps, BPS);
  const none = im(unsignedAbs(p.baseLots));
  const bidLoss = saturatingSubU(p.bidsQuoteNative, mul(p.bidsLots, p.price));
  const bids = addU(im(unsignedAbs(add(p.baseLots, toI64(p.bidsLots)))), bidLoss);
  const askLoss = saturatingSubU(mul(p.asksLots, p.price), p.asksQuoteNative);
  const asks = addU(im(unsignedAbs(sub(p.baseLots, toI64(p.asksLots)))), askLoss);
  let worst = none;
  if (bids > worst) worst = bids;
  if (asks > worst) worst = asks;
  return worst;
}

/**
 * Pessimistic value of a position whose oracle is stale or too wide: the last price moved by the
 * confidence against it, and no gain over the cost basis. Returns `[value, requirement price]`.
 */
export function conservativeValue(
  baseLots: bigint,
  entryNotionalNative: bigint,
  price: bigint,
  confidence: bigint,
): [bigint, bigint] {
  const up = addU(price, confidence);
  if (baseLots >= 0n) {
    const down = saturatingSubU(price, confidence);
    const marked = mul(unsignedAbs(baseLots), down);
    return [toI64(marked < entryNotionalNative ? marked : entryNotionalNative), up];
  }
  const marked = mul(unsignedAbs(baseLots), up);
  return [negToI64(marked > entryNotionalNative ? marked : entryNotionalNative), up];
}

/** max(|base + bids|, |base − asks|) in lots. */
export function worstCaseLots(baseLots: bigint, bidsLots: bigint, asksLots: bigint): bigint {
  const long = unsignedAbs(add(baseLots, toI64(bidsLots)));
  const short = unsignedAbs(sub(baseLots, toI64(asksLots)));
  return long > short ? long : short;
}

/**
 * ⌈maint × (10 000 + buffer) / 10 000⌉: the equity a liquidation must restore before it stops.
 * (`BPS + buffer` is unchecked in Rust; buffers are `u32` parameters so it never overflows there.)
 */
export function liquidationTarget(maintReqNative: bigint, bufferBps: bigint): bigint {
  return mulDivCeil(maintReqNative, addU(BPS, bufferBps), BPS);
}

/**
 * Oracle price at which one position's account crosses maintenance, everything else held at its
 * current value. `othersEquity` = settled cash + other positions' value; `othersMaint` = the other
 * positions' maintenance requirement. 0 when no positive price liquidates it.
 *
 * Solves `othersEquity + base × P = othersMaint + |base| × P × mmf`. Longs round up and shorts
 * round down: the result is the last price at which the account is still *not* liquidatable (a
 * long is liquidated at P − 1, a short at P + 1), so it is reached no later than the real one.
 */
export function liquidationPrice(
  othersEquity: bigint,
  othersMaint: bigint,
  baseLots: bigint,
  mmfBps: bigint,
): bigint {
  if (baseLots === 0n) return 0n;
  const gap = sub(toI64(othersMaint), othersEquity); // > 0: the others alone are short of maintenance
  const lots = unsignedAbs(baseLots);
  if (baseLots > 0n) {
    // P × base × (1 − mmf) = gap  →  P = ⌈gap × BPS / (base × (BPS − mmf))⌉, needs gap > 0.
    if (gap <= 0n || mmfBps >= BPS) return 0n;
    return mulDivCeil(gap, BPS, mul(lots, BPS - mmfBps));
  }
  // P × |base| × (1 + mmf) = −gap  →  P = ⌊(−gap) × BPS / (|base| × (BPS + mmf))⌋.
  if (gap >= 0n) return 0n;
  return mulDivFloor(-gap, BPS, mul(lots, addU(BPS, mmfBps)));
}

/**
 * Margin ratio in bps: ⌈maintenance requirement × 10 000 / equity⌉ (≥ 10 000 means liquidatable);
 * 0 without a requirement, `u64::MAX` when equity ≤ 0 and a requirement exists.
 */
export function marginRatioBps(h: Pick<Health, "equityNative" | "maintReqNative">): bigint {
  if (h.maintReqNative === 0n) return 0n;
  if (h.equityNative <= 0n) return U64_MAX;
  return mulDivCeil(h.maintReqNative, BPS, h.equityNative);
}
