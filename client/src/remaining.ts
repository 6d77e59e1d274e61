/**
 * Remaining accounts the program expects after an instruction's fixed accounts:
 * 1. `(market, oracle)` pairs for every market an account holds (health needs their prices),
 * 2. then, for orders and book liquidations, the margin accounts of the makers the order will
 *    cross (direct maker settlement), or, for ADL, the ranked candidates.
 */
import type { AccountMeta, PublicKey } from "@solana/web3.js";
import type { MarginAccountState, OrderBookState } from "./accounts";
import { NO_MARKET, Side } from "./constants";
import { ro, rw } from "./instructions";

export interface MarketRef {
  marketIndex: number;
  market: PublicKey;
  oracle: PublicKey;
  orderBook: PublicKey;
}

/** Market indices held by any of the accounts (positions or open orders). */
export function heldMarkets(accounts: MarginAccountState[]): number[] {
  const s = new Set<number>();
  for (const a of accounts)
    for (const p of a.positions) if (p.marketIndex !== NO_MARKET) s.add(p.marketIndex);
  return [...s].sort((x, y) => x - y);
}

/** `(market, oracle)` metas for `indices`, skipping `exclude` (the instruction's own market). */
export function marketPairs(
  indices: number[],
  markets: Map<number, MarketRef>,
  exclude?: number,
): AccountMeta[] {
  const out: AccountMeta[] = [];
  for (const i of indices) {
    if (i === exclude) continue;
    const m = markets.get(i);
    if (!m) throw new Error(`market ${i} is not known to the client`);
    out.push(ro(m.market), ro(m.oracle));
  }
  return out;
}

/**
 * Owners of the resting orders a taker on `side` up to `limitPrice` for `lots` would fill, in
 * book order, deduplicated, excluding the taker (whose own orders are cancelled by self-trade
 * prevention, not filled).
 */
export function makersFor(
  book: OrderBookState,
  side: Side,
  limitPrice: bigint,
  lots: bigint,
  taker: PublicKey,
): PublicKey[] {
  const opposite = side === Side.Bid ? book.asks : book.bids;
  const out: PublicKey[] = [];
  let left = lots;
  for (const o of opposite) {
    if (left <= 0n) break;
    const crosses = side === Side.Bid ? o.price <= limitPrice : o.price >= limitPrice;
    if (!crosses) break;
    if (o.owner.equals(taker)) continue;
    if (!out.some((k) => k.equals(o.owner))) out.push(o.owner);
    left -= o.baseLots;
  }
  return out;
}

/** Writable metas for maker or candidate margin accounts. */
export const writableAccounts = (keys: PublicKey[]): AccountMeta[] => keys.map(rw);
