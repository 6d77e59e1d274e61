/**
 * Mirror of `math/liquidation.rs`: sizing and prices of the first two waterfall stages.
 *
 * Stage 1 (book): the position is closed as a taker inside `liquidationBandBps` of the oracle, in
 * chunks of at most max(|base| × chunk, minChunkLots), and no more than what brings equity back
 * to maintenance × (1 + buffer) (hysteresis). Stage 2 (backstop): a registered backstop takes the
 * remainder at the oracle moved against the liquidated account by the backstop discount.
 */
import { BPS } from "./constants";
import { liquidationTarget } from "./margin";
import { addU, mul, mulDivCeil, mulDivFloor, saturatingSubI64, saturatingSubU, toI64 } from "./wide";

/**
 * Worst price a liquidation may trade at: selling a long no lower than ⌈oracle × (1 − band)⌉,
 * buying back a short no higher than ⌊oracle × (1 + band)⌋.
 */
export function bandLimitPrice(oraclePrice: bigint, bandBps: bigint, closingLong: boolean): bigint {
  return closingLong
    ? mulDivCeil(oraclePrice, saturatingSubU(BPS, bandBps), BPS)
    : mulDivFloor(oraclePrice, addU(BPS, bandBps), BPS);
}

/**
 * Price at which the backstop takes over: oracle × (1 ∓ discount), rounded against the liquidated
 * account (a long is bought lower: ⌊⌋; a short is sold to higher: ⌈⌉).
 */
export function backstopPrice(oraclePrice: bigint, discountBps: bigint, closingLong: boolean): bigint {
  return closingLong
    ? mulDivFloor(oraclePrice, saturatingSubU(BPS, discountBps), BPS)
    : mulDivCeil(oraclePrice, addU(BPS, discountBps), BPS);
}

/** Inputs for sizing one liquidation step in one market. */
export interface ChunkInputs {
  /** |position| in the market, lots. */
  positionLots: bigint;
  /** Oracle price, native per lot. */
  price: bigint;
  /** Account equity now, native. */
  equityNative: bigint;
  /** Account maintenance requirement now, native. */
  maintReqNative: bigint;
  /** Market maintenance fraction, bps. */
  mmfBps: bigint;
  /** Hysteresis buffer above maintenance, bps. */
  bufferBps: bigint;
  /** Worst cost of closing one lot as a fraction of notional (fee + band slippage), bps. */
  costBps: bigint;
  /** Largest share of the position one step may close, bps. */
  chunkBps: bigint;
  /** Smallest step, lots. */
  minChunkLots: bigint;
}

/**
 * Lots to close in this step. Closing q lots lowers the requirement by q × p × mmf and costs at
 * most q × p × cost, so the target is met after
 * q ≥ (maint × (1 + buffer) − equity) / (p × (mmf × (1 + buffer) − cost)), rounded up; capped by
 * the chunk limit, which is also the answer when a closed lot costs more than it frees.
 */
export function lotsToClose(i: ChunkInputs): bigint {
  if (i.positionLots === 0n) return 0n;
  let chunkCap = mulDivCeil(i.positionLots, i.chunkBps, BPS);
  if (chunkCap < i.minChunkLots) chunkCap = i.minChunkLots;
  if (chunkCap > i.positionLots) chunkCap = i.positionLots;
  const target = liquidationTarget(i.maintReqNative, i.bufferBps);
  const shortfall = saturatingSubI64(toI64(target), i.equityNative);
  if (shortfall <= 0n) return 0n;
  // freed per lot, native·bps: p × (mmf × (BPS + buffer) / BPS − cost), mmf term rounded down
  const mmfEff = mulDivFloor(i.mmfBps, addU(BPS, i.bufferBps), BPS);
  if (mmfEff <= i.costBps) return chunkCap;
  const perLot = mul(i.price, mmfEff - i.costBps);
  const need = mulDivCeil(shortfall, BPS, perLot);
  return need < chunkCap ? (need === 0n ? 1n : need) : chunkCap;
}

/**
 * Liquidation fee on a closed notional, capped so it never pushes equity below zero:
 * min(⌈notional × feeBps⌉, max(equityAfterClose, 0)).
 */
export function cappedLiquidationFee(
  notionalNative: bigint,
  feeBps: bigint,
  equityAfterNative: bigint,
): bigint {
  const fee = mulDivCeil(notionalNative, feeBps, BPS);
  const room = equityAfterNative > 0n ? equityAfterNative : 0n;
  return fee < room ? fee : room;
}

/** costBps for `ChunkInputs`: liquidation fee + band slippage. */
export function closeCostBps(feeBps: bigint, bandBps: bigint): bigint {
  return addU(feeBps, bandBps);
}
