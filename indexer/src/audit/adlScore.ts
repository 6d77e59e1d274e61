/**
 * The ADL ranking inputs, from the SDK's bigint mirror of the program's math core
 * (`client/src/math`, checked against the Rust code by shared test vectors): the score
 * (`math/adl.rs`), unrealized PnL (`math/trade.rs`), and the unsettled funding and social loss
 * (`math/funding.rs`) that the program settles into cash before it computes equity.
 */
import { math } from "@perp-margin/client";

export const adlScore = math.adlScore;

/** `math::trade::unrealized_pnl`: the position marked at `price` against its cost basis. */
export const unrealizedPnl = (baseLots: bigint, entryNotionalNative: bigint, price: bigint) =>
  math.unrealizedPnl({ baseLots, entryNotionalNative }, price);

export interface MarketAt {
  price: bigint;
  cumulativeFunding: bigint;
  socialLong: bigint;
  socialShort: bigint;
}

export interface PositionAt {
  marketIndex: number;
  baseLots: bigint;
  entryNotionalNative: bigint;
  fundingSnapshot: bigint;
  socialLossSnapshot: bigint;
}

/**
 * Equity as the program computes it after settling: cash + Σ base × price − Σ (funding owed +
 * social loss owed). Undefined if the account holds a market missing from `markets`.
 */
export function equityAt(
  cashNative: bigint,
  positions: PositionAt[],
  markets: Map<number, MarketAt>,
): bigint | undefined {
  let eq = cashNative;
  for (const p of positions) {
    if (p.baseLots === 0n) continue;
    const m = markets.get(p.marketIndex);
    if (!m) return undefined;
    const side = p.baseLots >= 0n ? m.socialLong : m.socialShort;
    eq +=
      p.baseLots * m.price -
      math.fundingOwed(p.baseLots, m.cumulativeFunding, p.fundingSnapshot) -
      math.socialLossOwed(p.baseLots, side, p.socialLossSnapshot);
  }
  return eq;
}
