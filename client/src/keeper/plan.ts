/**
 * Which waterfall step, if any, an account needs — decided off-chain with the TypeScript mirror of
 * the program's math, so the keeper sends only transactions the program should accept. The program
 * re-checks everything; the keeper falls through stages on its refusals.
 */
import type { PublicKey } from "@solana/web3.js";
import type { MarginAccountState, OrderBookState } from "../accounts";
import { AccountStatus, NO_MARKET } from "../constants";
import {
  type AccountRiskView,
  accountHealth,
  accountRiskView,
  backstopCapable,
  initialMarginAtOracle,
  insuranceAvailable,
} from "../math/account";
import { saturatingSubU } from "../math/wide";
import { bandLimitPrice } from "../math/liquidation";
import { liquidationTarget } from "../math/margin";
import { type KeeperSnapshot, adlCandidateCap, adlCandidates } from "../snapshot";

export type Action =
  | { kind: "liquidate"; account: PublicKey; marketIndex: number }
  | { kind: "backstop"; account: PublicKey; marketIndex: number }
  | { kind: "adl"; account: PublicKey; marketIndex: number; candidates: PublicKey[] }
  | { kind: "resolve"; account: PublicKey }
  | { kind: "socialize"; account: PublicKey }
  | { kind: "mark"; account: PublicKey; reason: string }
  /** `evict_backstop` of a registered backstop that no longer holds its committed capacity. */
  | { kind: "evict"; account: PublicKey };

/**
 * `engine::waterfall::book_has_liquidity`: the best opposite order is inside the liquidation band
 * and one lot at its price would not cost more than `equityBudget` against the oracle — exactly
 * when `liquidate` can fill.
 */
export function bookHasLiquidity(
  book: OrderBookState,
  oraclePrice: bigint,
  bandBps: bigint,
  closingLong: boolean,
  equityBudget: bigint = 1n << 63n,
): boolean {
  const limit = bandLimitPrice(oraclePrice, bandBps, closingLong);
  if (closingLong) {
    const b = book.bids[0];
    return b !== undefined && b.price >= limit && saturatingSubU(oraclePrice, b.price) <= equityBudget;
  }
  const a = book.asks[0];
  return a !== undefined && a.price <= limit && saturatingSubU(a.price, oraclePrice) <= equityBudget;
}

/** Liquidatable now, or still inside a liquidation below the hysteresis target. */
export function needsLiquidation(s: KeeperSnapshot, a: MarginAccountState): boolean {
  if (a.status === AccountStatus.Bankrupt) return false;
  const held = a.positions.some((p) => p.marketIndex !== NO_MARKET);
  if (!held) return false;
  let view: AccountRiskView;
  try {
    view = accountRiskView(a, s.table);
  } catch {
    return false; // an oracle guard fails for a held market: the program would refuse too
  }
  if (view.isLiquidatable) return true;
  if (a.status !== AccountStatus.BeingLiquidated) return false;
  const buffers = a.positions
    .filter((p) => p.marketIndex !== NO_MARKET)
    .map((p) => BigInt(s.markets.get(p.marketIndex)!.state.params.liquidationBufferBps));
  const buffer = buffers.length ? buffers.reduce((x, y) => (x > y ? x : y)) : 0n;
  return view.equityNative < 0n || view.equityNative < liquidationTarget(view.maintReqNative, buffer);
}

/** Equity after settlement as liquidation sees it (bad oracles at their worst case), if computable. */
export function equityOf(s: KeeperSnapshot, a: MarginAccountState): bigint | undefined {
  try {
    return accountHealth(a, s.table, "conservative").equityNative;
  } catch {
    return undefined;
  }
}

/** Unrealized PnL of a position at the table's oracle (negative: the loss it is carrying). */
function positionPnl(
  s: KeeperSnapshot,
  p: { marketIndex: number; baseLots: bigint; entryNotionalNative: bigint },
): bigint {
  const price = s.table.get(p.marketIndex)?.oraclePrice ?? 0n;
  const value = p.baseLots * price;
  return p.baseLots >= 0n ? value - p.entryNotionalNative : value + p.entryNotionalNative;
}

/**
 * The next step for one account, or null.
 *
 * - A position-free account with a deficit: `resolve` while insurance (its own ADL reservation, or
 *   what is unreserved) can pay, else `socialize`.
 * - A liquidatable account, market by market — **the position carrying the largest loss first**
 *   (in cross margin that restores health fastest per liquidation fee: it removes the source of
 *   the loss instead of paying fees to close healthy positions), then by notional: the book while
 *   it can fill (under water only if insurance covers the hole); otherwise a backstop while equity
 *   ≥ 0 (or insurance covers the hole) and a registered one has committed the position's initial
 *   margin (`BackstopRegistry::capable`, the ADL gate); otherwise ADL against the published
 *   ranking; and when
 *   nothing can act on an account under water, `mark` it (`mark_underwater`) with the reasons.
 */
export function planAccount(s: KeeperSnapshot, pubkey: PublicKey, a: MarginAccountState): Action | null {
  if (a.deficitNative > 0n && !a.positions.some((p) => p.marketIndex !== NO_MARKET && p.baseLots !== 0n)) {
    const m = s.markets.get(a.deficitMarketIndex);
    if (!m) return null;
    return a.insuranceReservedNative > 0n || insuranceAvailable(m.state, s.exchange) > 0n
      ? { kind: "resolve", account: pubkey }
      : { kind: "socialize", account: pubkey };
  }
  if (!needsLiquidation(s, a)) return null;
  const equity = equityOf(s, a) ?? 0n;
  const live = a.positions
    .filter((p) => p.marketIndex !== NO_MARKET && (p.baseLots !== 0n || p.openOrders > 0))
    .map((p) => ({ p, pnl: positionPnl(s, p), price: s.table.get(p.marketIndex)?.oraclePrice ?? 0n }))
    .sort((x, y) => {
      if (x.pnl !== y.pnl) return x.pnl < y.pnl ? -1 : 1; // the largest loss first
      const nx = (x.p.baseLots < 0n ? -x.p.baseLots : x.p.baseLots) * x.price;
      const ny = (y.p.baseLots < 0n ? -y.p.baseLots : y.p.baseLots) * y.price;
      return nx > ny ? -1 : nx < ny ? 1 : 0;
    });
  const reasons: string[] = [];
  for (const { p, price } of live) {
    const m = s.markets.get(p.marketIndex)!;
    const book = s.books.get(p.marketIndex)!;
    const q = s.table.get(p.marketIndex);
    if (!q || q.oracleError) {
      reasons.push(`m${p.marketIndex}: oracle ${q?.oracleError ?? "missing"}`);
      continue; // no stage acts in a market whose own oracle fails its guards
    }
    if (p.baseLots === 0n) return { kind: "liquidate", account: pubkey, marketIndex: p.marketIndex }; // orders only: cancel them
    const closingLong = p.baseLots > 0n;
    const ownFree = {
      ...book,
      bids: book.bids.filter((o) => !o.owner.equals(pubkey)),
      asks: book.asks.filter((o) => !o.owner.equals(pubkey)),
    };
    const reserved = a.insuranceReservedMarket === p.marketIndex ? a.insuranceReservedNative : 0n;
    const insurance = insuranceAvailable(m.state, s.exchange) + reserved;
    const holeCovered = equity >= 0n || -equity <= insurance;
    const budget = equity > 0n ? equity : 0n;
    if (
      holeCovered &&
      bookHasLiquidity(ownFree, price, BigInt(m.state.params.liquidationBandBps), closingLong, budget)
    ) {
      return { kind: "liquidate", account: pubkey, marketIndex: p.marketIndex };
    }
    const needed = initialMarginAtOracle(p.baseLots, price, BigInt(m.state.params.initialMarginBps));
    const covered = backstopCapable(s.registry.entries, p.marketIndex, needed);
    if (holeCovered && covered) return { kind: "backstop", account: pubkey, marketIndex: p.marketIndex };
    const cands = adlCandidates(s, s.accounts, pubkey, p.marketIndex, p.baseLots, adlCandidateCap(m));
    if (cands.length)
      return {
        kind: "adl",
        account: pubkey,
        marketIndex: p.marketIndex,
        candidates: cands.map((c) => c.marginAccount),
      };
    reasons.push(`m${p.marketIndex}: no bid in the band, no backstop, no ADL counterparty with equity`);
  }
  if (equity < 0n && a.underwaterNative === 0n)
    return { kind: "mark", account: pubkey, reason: reasons.join("; ") || "no stage can act" };
  return null;
}
