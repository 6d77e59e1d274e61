/** Order-book presentation shared by the CLI and the page. */
import type { OrderState } from "./accounts";

export interface Level {
  price: bigint;
  lots: bigint;
  orders: number;
}

/** Aggregates one side of the book (best first) into at most `depth` price levels. */
export function levels(orders: OrderState[], depth: number): Level[] {
  const out: Level[] = [];
  for (const od of orders) {
    const last = out[out.length - 1];
    if (last && last.price === od.price) {
      last.lots += od.baseLots;
      last.orders++;
    } else if (out.length < depth) out.push({ price: od.price, lots: od.baseLots, orders: 1 });
    else break;
  }
  return out;
}

/** What a taker order would do against the book as it stands (before fees move anything). */
export interface TakerEstimate {
  /** Lots that would fill, and what they cost (Σ lots × price, quote native). */
  filledLots: bigint;
  notionalNative: bigint;
  /** Average fill price (quote native per lot, floor); 0 when nothing fills. */
  averagePrice: bigint;
  /** Price of the last level touched; 0 when nothing fills. */
  worstPrice: bigint;
  /** Price levels the order would take liquidity from. */
  levelsTouched: number;
  /** True when the order would take every order on the opposite side (the book is left empty). */
  exhaustsSide: boolean;
  /** Lots left after crossing (rest on the book, or are dropped for an IOC). */
  unfilledLots: bigint;
  /** Taker fee on the filled notional, quote native (ceil, as the program charges). */
  takerFeeNative: bigint;
}

/**
 * Walks the opposite side (`asks` for a buy, `bids` for a sell; best first) up to `limitPrice`.
 * Orders of `self` are skipped (they would not trade with their owner's taker order).
 */
export function estimateTakerFill(
  opposite: OrderState[],
  buy: boolean,
  limitPrice: bigint,
  lots: bigint,
  takerFeeBps: number,
  self?: { equals(k: unknown): boolean },
): TakerEstimate {
  let left = lots;
  let notional = 0n;
  let worst = 0n;
  let touched = 0;
  let lastPrice: bigint | null = null;
  for (const o of opposite) {
    if (buy ? o.price > limitPrice : o.price < limitPrice) break;
    if (self && (o.owner as { equals(k: unknown): boolean }).equals(self)) continue;
    if (left === 0n) continue;
    const take = o.baseLots < left ? o.baseLots : left;
    left -= take;
    notional += take * o.price;
    worst = o.price;
    if (lastPrice !== o.price) {
      touched++;
      lastPrice = o.price;
    }
  }
  const filled = lots - left;
  const everything = opposite.reduce((a, o) => a + o.baseLots, 0n);
  return {
    filledLots: filled,
    notionalNative: notional,
    averagePrice: filled > 0n ? notional / filled : 0n,
    worstPrice: worst,
    levelsTouched: touched,
    exhaustsSide: everything > 0n && filled === everything,
    unfilledLots: left,
    takerFeeNative: (notional * BigInt(takerFeeBps) + 9_999n) / 10_000n,
  };
}
