/**
 * Mirror of `programs/perp-margin/src/math/oracle.rs` and of the Pyth reader in
 * `engine/oracle.rs`: an external price `price × 10^expo` per whole base unit becomes quote native
 * per lot (price rounded down, confidence up); a positive price below one native per lot reads as
 * 1 ± max(conf, 1).
 */
import { MathError } from "./error";
import { MAX_PRICE } from "./constants";
import { checkU64 } from "./wide";

export interface LotPrice {
  price: bigint;
  confidence: bigint;
}

export function externalToLotPrice(
  price: bigint,
  confidence: bigint,
  expo: number,
  baseLotSize: bigint,
  baseDecimals: number,
  quoteDecimals: number,
): LotPrice {
  checkU64(confidence, "confidence");
  checkU64(baseLotSize, "baseLotSize");
  if (price <= 0n || baseLotSize === 0n) throw new MathError("InvalidOracle");
  const k = expo + quoteDecimals - baseDecimals;
  if (Math.abs(k) > 19) throw new MathError("InvalidOracle");
  const U64 = (1n << 64n) - 1n;
  let p: bigint;
  let c: bigint;
  if (k >= 0) {
    const scale = baseLotSize * 10n ** BigInt(k);
    if (scale > U64) throw new MathError("InvalidOracle");
    p = price * scale;
    c = confidence * scale;
    if (p > U64 || c > U64) throw new MathError("InvalidOracle");
  } else {
    const d = 10n ** BigInt(-k);
    p = (price * baseLotSize) / d;
    c = (confidence * baseLotSize + d - 1n) / d;
    if (p > U64 || c > U64) throw new MathError("InvalidOracle");
  }
  if (p > MAX_PRICE) throw new MathError("InvalidOracle");
  // Below one native per lot: 1 ± max(conf, 1) — the true price lies in [0, 1).
  if (p === 0n) return { price: 1n, confidence: c > 1n ? c : 1n };
  return { price: p, confidence: c };
}

/** Program id of the Pyth Solana Receiver that owns `PriceUpdateV2` accounts. */
export const PYTH_RECEIVER_ID = "rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ";
export const PRICE_UPDATE_V2_LEN = 134;

export interface PythPrice {
  feedId: Buffer;
  price: bigint;
  confidence: bigint;
  exponent: number;
  postedSlot: bigint;
}

/** Parses a fully verified `PriceUpdateV2` (the discriminator is checked by the caller's kind). */
export function parsePriceUpdateV2(d: Buffer): PythPrice {
  if (d.length !== PRICE_UPDATE_V2_LEN) throw new MathError("InvalidOracle");
  if (d[40] !== 1) throw new MathError("OracleNotFullyVerified");
  return {
    feedId: Buffer.from(d.subarray(41, 73)),
    price: d.readBigInt64LE(73),
    confidence: d.readBigUInt64LE(81),
    exponent: d.readInt32LE(89),
    postedSlot: d.readBigUInt64LE(125),
  };
}
