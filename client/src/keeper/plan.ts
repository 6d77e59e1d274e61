/**
 * Which waterfall step, if any, an account needs — decided off-chain with the TypeScript mirror of
 * the program's math, so the keeper sends only transactions the program should accept. The program
 * re-checks everything; the keeper falls through stages on its refusals.
 */
import type { PublicKey } from "@solana/web3.js";
import type { MarginAccountState, OrderBookState } from "../accounts";
import { AccountStatus, NO_MARKET } from "../constants";
import { type AccountRiskView, accountRiskView, insuranceAvailable } from "../math/account";
import { bandLimitPrice } from "../math/liquidation";
import { liquidationTarget } from "../math/margin";
import { type KeeperSnapshot, adlCandidateCap, adlCandidates } from "../snapshot";

export type Action =
  | { kind: "liquidate"; account: PublicKey; marketIndex: number }
  | { kind: "backstop"; account: PublicKey; marketIndex: number }
  | { kind: "adl"; account: PublicKey; marketIndex: number; candidates: PublicKey[] }
  | { kind: "resolve"; account: PublicKey }
  | { kind: "socialize"; account: PublicKey };

/** Whether resting orders inside the liquidation band can absorb closing a long (or short). */
export function bookHasLiquidity(
  book: OrderBookState,
  oraclePrice: bigint,
  bandBps: bigint,
  closingLong: boolean,
): boolean {
  const limit = bandLimitPrice(oraclePrice, bandBps, closingLong);
  if (closingLong) return book.bids.length > 0 && book.bids[0].price >= limit;
  return book.asks.length > 0 && book.asks[0].price <= limit;
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

/** Equity after settlement (for the stage-2/4 choice), or undefined if an oracle guard fails. */
export function equityOf(s: KeeperSnapshot, a: MarginAccountState): bigint | undefined {
  try {
    return accountRiskView(a, s.table).equityNative;
  } catch {
    return undefined;
  }
}

/** The next step for one account, or null. Markets with the largest notional go first. */
export function planAccount(s: KeeperSnapshot, pubkey: PublicKey, a: MarginAccountState): Action | null {
  if (a.deficitNative > 0n && !a.positions.some((p) => p.marketIndex !== NO_MARKET && p.baseLots !== 0n)) {
    const m = s.markets.get(a.deficitMarketIndex);
    if (!m) return null;
    return insuranceAvailable(m.state, s.exchange.insuranceNative) > 0n
      ? { kind: "resolve", account: pubkey }
      : { kind: "socialize", account: pubkey };
  }
  if (!needsLiquidation(s, a)) return null;
  const live = a.positions
    .filter((p) => p.marketIndex !== NO_MARKET && (p.baseLots !== 0n || p.openOrders > 0))
    .map((p) => ({ p, price: s.table.get(p.marketIndex)?.oraclePrice ?? 0n }))
    .sort((x, y) => {
      const nx = (x.p.baseLots < 0n ? -x.p.baseLots : x.p.baseLots) * x.price;
      const ny = (y.p.baseLots < 0n ? -y.p.baseLots : y.p.baseLots) * y.price;
      return nx > ny ? -1 : nx < ny ? 1 : 0;
    });
  for (const { p, price } of live) {
    const m = s.markets.get(p.marketIndex)!;
    const book = s.books.get(p.marketIndex)!;
    if (p.baseLots === 0n) return { kind: "liquidate", account: pubkey, marketIndex: p.marketIndex }; // orders only: cancel them
    const closingLong = p.baseLots > 0n;
    const ownFree = {
      ...book,
      bids: book.bids.filter((o) => !o.owner.equals(pubkey)),
      asks: book.asks.filter((o) => !o.owner.equals(pubkey)),
    };
    if (bookHasLiquidity(ownFree, price, BigInt(m.state.params.liquidationBandBps), closingLong)) {
      return { kind: "liquidate", account: pubkey, marketIndex: p.marketIndex };
    }
    const equity = equityOf(s, a) ?? 0n;
    const insurance = insuranceAvailable(m.state, s.exchange.insuranceNative);
    const covered =
      p.marketIndex < 64 &&
      s.registry.entries.some((e) => (e.marketMask & (1n << BigInt(p.marketIndex))) !== 0n);
    if (equity >= 0n && equity + insurance >= 0n && covered)
      return { kind: "backstop", account: pubkey, marketIndex: p.marketIndex };
    const cands = adlCandidates(s, s.accounts, pubkey, p.marketIndex, p.baseLots, adlCandidateCap(m));
    if (cands.length)
      return {
        kind: "adl",
        account: pubkey,
        marketIndex: p.marketIndex,
        candidates: cands.map((c) => c.marginAccount),
      };
  }
  return null;
}
