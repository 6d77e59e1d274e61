/**
 * A market's oracle as the program reads it (engine/oracle.rs): this program's \`PriceFeed\` or a
 * fully verified Pyth \`PriceUpdateV2\`, in quote native per lot.
 */
import { decodePriceFeed, type MarketState } from "./accounts";
import { externalToLotPrice, parsePriceUpdateV2 } from "./math/oracle";
import { MathError } from "./math/error";

export enum OracleKind {
  ProgramFeed = 0,
  PythPriceUpdateV2 = 1,
}

export interface OracleReading {
  /** Quote native per lot. */
  price: bigint;
  /** ± quote native per lot. */
  confidence: bigint;
  /** Published (program feed) or posted (Pyth) slot. */
  publishSlot: bigint;
}

export function readOracle(market: MarketState, data: Buffer): OracleReading {
  if (market.oracleKind === OracleKind.ProgramFeed) {
    const f = decodePriceFeed(data);
    return { price: f.price, confidence: f.confidence, publishSlot: f.publishSlot };
  }
  if (market.oracleKind === OracleKind.PythPriceUpdateV2) {
    const p = parsePriceUpdateV2(data);
    if (!p.feedId.equals(Buffer.from(market.pythFeedId))) throw new MathError("OracleFeedMismatch");
    const lp = externalToLotPrice(
      p.price,
      p.confidence,
      p.exponent,
      market.params.baseLotSize,
      market.oracleBaseDecimals,
      market.oracleQuoteDecimals,
    );
    return { price: lp.price, confidence: lp.confidence, publishSlot: p.postedSlot };
  }
  throw new MathError("InvalidOracle");
}
