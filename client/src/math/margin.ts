/**
 * Mirror of `math/margin.rs`: account health — equity, maintenance and initial requirements,
 * liquidation price, margin ratio.
 *
 * Equity = cash + Σ baseLots × oraclePrice − Σ unsettled charges (funding and social loss owed since
 * the position's index snapshots). A long's cash is what it paid (negative), so the value term is
 * the whole position marked at the oracle.
 *
 * Maintenance requirement = Σ ⌈|base| × price × mmf⌉; initial = Σ ⌈worst × price × imf⌉ where
 * `worst = max(|base + open bids|, |base − open asks|)`, the largest position the resting orders
 * could leave. Both round up. An account is liquidatable when equity < maintenance requirement.
 */
import { BPS } from "./constants";
import { add, addU, mul, mulDivCeil, mulDivFloor, mulSigned, sub, toI64, unsignedAbs, U64_MAX } from "./wide";

/** One position's inputs to health. */
export interface PositionRisk {
  /** Position size, lots, long > 0. */
  baseLots: bigint;
  /** Base lots of this account's resting bids in the market. */
  bidsLots: bigint;
  /** Base lots of this account's resting asks in the market. */
  asksLots: bigint;
  /** Charges owed and not yet settled (funding + social loss; negative = owed to the account), native. */
  unsettledNative: bigint;
  /** Oracle price, quote native per lot. */
  price: bigint;
  /** Initial margin fraction, bps. */
  imfBps: bigint;
  /** Maintenance margin fraction, bps. */
  mmfBps: bigint;
}

/** Health totals of one account (the Rust `Health` struct and its methods). */
export class Health {
  constructor(
    /** cash + Σ position value − Σ unsettled charges, native. */
    public equityNative = 0n,
    /** Σ ⌈|base| × price × mmf / 10 000⌉, native. */
    public maintReqNative = 0n,
    /** Σ ⌈worst-case base × price × imf / 10 000⌉, native. */
    public initReqNative = 0n,
    /** Σ |base| × price, native (leverage and the ADL score). */
    public notionalNative = 0n,
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
    const value = mulSigned(p.baseLots, p.price);
    const equity = sub(add(this.equityNative, value), p.unsettledNative);
    const notional = mul(unsignedAbs(p.baseLots), p.price);
    const notionalTotal = addU(this.notionalNative, notional);
    const maint = addU(this.maintReqNative, mulDivCeil(notional, p.mmfBps, BPS));
    const worst = worstCaseLots(p.baseLots, p.bidsLots, p.asksLots);
    const init = addU(this.initReqNative, mulDivCeil(mul(worst, p.price), p.imfBps, BPS));
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

  /** equity ≥ maintenance × (1 + buffer): the hysteresis target that ends a liquidation. */
  aboveLiquidationTarget(bufferBps: bigint): boolean {
    const target = liquidationTarget(this.maintReqNative, bufferBps);
    return this.equityNative >= 0n && this.equityNative >= target;
  }
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
