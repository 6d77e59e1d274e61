/**
 * Mirror of `math/trade.rs`: what one fill does to one side — cash, position, cost basis, realized
 * PnL, open interest.
 *
 * Cash model: a fill of q lots at price p moves exactly p × q native from the buyer's cash to the
 * seller's (zero-sum, no rounding). A position is only a base amount; its value is base × oracle.
 * `entryNotionalNative` (cost basis of the open lots, ≥ 0) is bookkeeping for display, PnL% in the
 * ADL ranking and realized PnL: closed lots take ⌊entry × closed / |base|⌋ of it with them.
 */
import { MAX_LOTS } from "./constants";
import { MathError } from "./error";
import { add, addU, checkI64, checkU64, mul, mulDivFloor, mulSigned, sub, toI64, unsignedAbs } from "./wide";

/** A position's size and cost basis. */
export interface PositionBook {
  /** Long > 0, lots. */
  baseLots: bigint;
  /** Cost basis of the open lots, native, ≥ 0. */
  entryNotionalNative: bigint;
}

/** The result of applying a fill to one side. */
export interface FillEffect {
  /** The position after the fill. */
  position: PositionBook;
  /** Change of cash: −p × q for a buy, +p × q for a sell, native. */
  cashDeltaNative: bigint;
  /** PnL realized on the closed part against the cost basis (bookkeeping only), native. */
  realizedPnlNative: bigint;
  /** Change of this side's long open interest: max(new, 0) − max(old, 0), lots. */
  longOiDeltaLots: bigint;
}

/** Applies a fill of `lots` (buy > 0, sell < 0) at `price` to a position. */
export function applyFill(before: PositionBook, lots: bigint, price: bigint): FillEffect {
  if (checkI64(lots, "lots") === 0n) {
    return { position: { ...before }, cashDeltaNative: 0n, realizedPnlNative: 0n, longOiDeltaLots: 0n };
  }
  const quote = mul(unsignedAbs(lots), price); // p × |q|
  const cashDeltaNative = lots > 0n ? -toI64(quote) : toI64(quote);
  const old = before.baseLots;
  const next = add(old, lots);
  if (unsignedAbs(next) > MAX_LOTS) throw new MathError("AmountTooLarge");

  let entry = checkU64(before.entryNotionalNative, "entryNotionalNative");
  let realized = 0n;
  const sameDirection = old === 0n || old > 0n === lots > 0n;
  if (sameDirection) {
    entry = addU(entry, quote);
  } else {
    const closed = unsignedAbs(lots) < unsignedAbs(old) ? unsignedAbs(lots) : unsignedAbs(old);
    const basisClosed = mulDivFloor(entry, closed, unsignedAbs(old));
    const exitValue = toI64(mul(closed, price));
    const basis = toI64(basisClosed);
    // Long closed by selling: exit − basis. Short closed by buying: basis − exit.
    realized = old > 0n ? sub(exitValue, basis) : sub(basis, exitValue);
    entry -= basisClosed; // basisClosed ≤ entry since closed ≤ |old|
    // Flipped: the remainder opens a fresh position at this price.
    if (next !== 0n && next > 0n !== old > 0n) entry = mul(unsignedAbs(next), price);
    if (next === 0n) entry = 0n;
  }
  const longOiDeltaLots = sub(next > 0n ? next : 0n, old > 0n ? old : 0n);
  return {
    position: { baseLots: next, entryNotionalNative: entry },
    cashDeltaNative,
    realizedPnlNative: realized,
    longOiDeltaLots,
  };
}

/** Unrealized PnL of a position at `price` against its cost basis, native (bookkeeping view). */
export function unrealizedPnl(p: PositionBook, price: bigint): bigint {
  const value = mulSigned(p.baseLots, price); // signed mark value
  const basis = toI64(p.entryNotionalNative);
  return p.baseLots >= 0n ? sub(value, basis) : add(value, basis); // short: basis − |value|
}

/**
 * Lots a reduce-only order may take without flipping: min(requested, |base|) if the order reduces
 * the position, else 0.
 */
export function reduceOnlyCap(baseLots: bigint, buy: boolean, requestedLots: bigint): bigint {
  checkI64(baseLots, "baseLots");
  checkU64(requestedLots, "requestedLots");
  const reduces = (buy && baseLots < 0n) || (!buy && baseLots > 0n);
  if (!reduces) return 0n;
  const open = unsignedAbs(baseLots);
  return requestedLots < open ? requestedLots : open;
}
