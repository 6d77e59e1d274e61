/**
 * Mirror of `math/fees.rs`: trading and liquidation fees. All fees round up (against the account,
 * into the fee pool).
 */
import { BPS } from "./constants";
import { mulDivCeil, mulDivFloor, subU } from "./wide";

/** Fee on a notional: ⌈notional × feeBps / 10 000⌉ native. */
export function feeOnNotional(notionalNative: bigint, feeBps: bigint): bigint {
  return mulDivCeil(notionalNative, feeBps, BPS);
}

/**
 * Splits a liquidation fee: the keeper gets ⌊fee × keeperShareBps / 10 000⌋, the insurance fund the
 * rest (the rounding remainder goes to the fund). Returns `[keeper, insurance]`.
 *
 * Domain: `keeperShareBps` ≤ 10 000 (`create_market` enforces it). Above it the Rust subtraction
 * is unchecked; here it throws `MathOverflow` instead of wrapping.
 */
export function splitLiquidationFee(
  feeNative: bigint,
  keeperShareBps: bigint,
): [keeper: bigint, insurance: bigint] {
  const keeper = mulDivFloor(feeNative, keeperShareBps, BPS);
  return [keeper, subU(feeNative, keeper)];
}
