/**
 * The numbers a person sees before acting — health, margin ratio, liquidation price, ADL rank,
 * deposit split — computed by the client math mirror (`client/src/math`, proven against the Rust
 * core by shared vectors) from one consistent read of chain state. Shared by the CLI and the
 * trading page, so both show the same figures.
 */
import { PublicKey } from "@solana/web3.js";
import {
  Chain,
  DepositPolicy,
  ExchangeState,
  MarginAccountState,
  MarketInfo,
  NO_MARKET,
  PerpExchange,
  PriceFeedState,
  readOracle,
} from "..";

/** What the risk views read from an oracle. */
type Feed = Pick<PriceFeedState, "price" | "confidence" | "publishSlot">;
import {
  AccountRiskView,
  AdlCandidate,
  MarketTable,
  MathError,
  accountRiskView,
  adlRanking,
  depositPreview as mathDepositPreview,
  marketTable,
  quoteFromFeed,
} from "../math";

/** Exchange, markets and their oracle prices at one slot. */
export interface Snapshot {
  slot: bigint;
  exchange: ExchangeState;
  markets: Map<number, MarketInfo>;
  /** Each market's oracle as the program reads it (program feed or Pyth). */
  feeds: Map<number, Feed>;
  table: MarketTable;
}

/** Reloads the exchange and markets, reads every oracle, and builds the guarded price table. */
export async function loadSnapshot(ex: PerpExchange, chain: Chain = ex.chain): Promise<Snapshot> {
  const exchange = await ex.refresh();
  const markets = new Map(ex.markets);
  const list = [...markets.values()];
  const [raw, slot] = await Promise.all([chain.getAccounts(list.map((m) => m.oracle)), chain.slot()]);
  const feeds = new Map<number, Feed>();
  raw.forEach((d, i) => d && feeds.set(list[i].marketIndex, readOracle(list[i].state, d)));
  return { slot, exchange, markets, feeds, table: tableOf(markets, feeds, slot) };
}

/** The math mirror's market table (oracle guards applied at `slot`). */
export function tableOf(
  markets: Map<number, MarketInfo>,
  feeds: Map<number, Feed>,
  slot: bigint,
): MarketTable {
  return marketTable(
    [...markets.values()]
      .filter((m) => feeds.has(m.marketIndex))
      .map((m) => quoteFromFeed(m.state, feeds.get(m.marketIndex)!, slot)),
  );
}

/** All margin accounts of the exchange (one getProgramAccounts). */
export async function allAccounts(
  ex: PerpExchange,
): Promise<{ address: PublicKey; account: MarginAccountState }[]> {
  return (await ex.allMarginAccounts()).map((a) => ({ address: a.pubkey, account: a.state }));
}

/** A position with its ADL rank among the positions on its own side of the market. */
export interface PositionView {
  marketIndex: number;
  risk: AccountRiskView["positions"][number];
  /** 1 (last fifth) … 5 (first in line); 0 when not eligible (uPnL ≤ 0). */
  adlQuantile: number;
  adlRank?: number;
  adlQueueLength: number;
}

export interface AccountView {
  risk: AccountRiskView;
  positions: PositionView[];
  /**
   * Set when a held market's oracle fails the program's guard (stale, too wide): the figures are
   * then computed at the last published price, and the program would refuse orders and
   * withdrawals until the feed is updated.
   */
  oracleWarning?: string;
}

/** The table with every feed's last price, guards ignored (for display when a guard fails). */
function unguardedTable(snap: Snapshot): MarketTable {
  return marketTable(
    [...snap.markets.values()]
      .filter((m) => snap.feeds.has(m.marketIndex))
      .map((m) => ({ market: m.state, oraclePrice: snap.feeds.get(m.marketIndex)!.price })),
  );
}

/** Account health and per-position liquidation price and ADL rank quantile, from the math mirror. */
export function accountView(
  snap: Snapshot,
  address: PublicKey,
  account: MarginAccountState,
  everyone: { address: PublicKey; account: MarginAccountState }[],
): AccountView {
  let table = snap.table;
  let oracleWarning: string | undefined;
  let risk: AccountRiskView;
  try {
    risk = accountRiskView(account, table);
  } catch (e) {
    if (
      !(e instanceof MathError) ||
      !["OracleStale", "OracleConfidenceTooWide", "InvalidOracle"].includes(e.code)
    )
      throw e;
    const bad = [...snap.table.values()].filter(
      (q) => q.oracleError && account.positions.some((p) => p.marketIndex === q.market.marketIndex),
    );
    oracleWarning = `${bad.map((q) => `market ${q.market.marketIndex}: ${q.oracleError}`).join(", ") || e.code}; figures at the last published price`;
    table = unguardedTable(snap);
    risk = accountRiskView(account, table);
  }
  const positions = risk.positions.map((p) => {
    const side = p.baseLots > 0n ? "long" : "short";
    let queue: AdlCandidate[] = [];
    try {
      queue = adlRanking(everyone, table, p.marketIndex, side);
    } catch {
      queue = []; // another account's market is unreadable: no ranking rather than a wrong one
    }
    const me = queue.find((c) => c.marginAccount.equals(address));
    return {
      marketIndex: p.marketIndex,
      risk: p,
      adlQuantile: me?.quantile ?? 0,
      adlRank: me?.rank,
      adlQueueLength: queue.length,
    };
  });
  return { risk, positions, oracleWarning };
}

/** ADL counterparties for a liquidatee's position, highest score first, capped per instruction. */
export async function adlCandidates(
  ex: PerpExchange,
  marketIndex: number,
  liquidatee: PublicKey,
): Promise<PublicKey[]> {
  const snap = await loadSnapshot(ex);
  const everyone = await allAccounts(ex);
  const me = everyone.find((a) => a.address.equals(liquidatee));
  const pos = me?.account.positions.find((p) => p.marketIndex === marketIndex && p.marketIndex !== NO_MARKET);
  if (!pos || pos.baseLots === 0n) return [];
  const queue = adlRanking(everyone, snap.table, marketIndex, pos.baseLots > 0n ? "short" : "long");
  const cap = snap.markets.get(marketIndex)!.state.params.maxAdlCounterparties;
  let need = pos.baseLots < 0n ? -pos.baseLots : pos.baseLots;
  const out: PublicKey[] = [];
  for (const c of queue) {
    if (need <= 0n || out.length >= cap) break;
    out.push(c.marginAccount);
    need -= c.baseLots < 0n ? -c.baseLots : c.baseLots;
  }
  return out;
}

/** The deposit split under the exchange's policy, as the program will apply it. */
export type DepositPreviewResult =
  | { ok: true; toDebt: bigint; credited: bigint; deficitAfter: bigint; policy: number }
  | { ok: false; error: string; policy: number };

export function depositPreview(
  policy: number,
  deficit: bigint,
  amount: bigint,
  maxDebt: bigint,
): DepositPreviewResult {
  const p = mathDepositPreview({
    amountNative: amount,
    deficitNative: deficit,
    maxDebtRepaymentNative: maxDebt,
    policy,
  });
  const a = p.active!;
  return a.ok
    ? {
        ok: true,
        toDebt: a.toDebtNative,
        credited: a.creditedNative,
        deficitAfter: a.deficitAfterNative,
        policy,
      }
    : { ok: false, error: a.error, policy };
}

const POLICY_NAME: Record<number, string> = {
  [DepositPolicy.CreditFirst]: "credit-first",
  [DepositPolicy.RepayDebtFirst]: "repay-debt-first",
};

/** Human lines for a preview (the CLI prints them, the page shows them before the wallet signs). */
export function describePreview(
  p: DepositPreviewResult,
  deficit: bigint,
  fmt: (v: bigint) => string,
): string[] {
  const policy = `policy ${POLICY_NAME[p.policy] ?? p.policy}`;
  if (!p.ok) {
    if (p.error === "AccountHasUnresolvedDeficit")
      return [
        `${policy}: account has an unresolved deficit of ${fmt(deficit)}; this deposit would be rejected (AccountHasUnresolvedDeficit) until resolve-bankruptcy runs`,
      ];
    return [`${policy}: this deposit would be rejected (${p.error})`];
  }
  if (deficit === 0n) return [`${policy}: no deficit; ${fmt(p.credited)} credited to cash`];
  return [
    `${policy}: ${fmt(p.toDebt)} applied to debt (deficit ${fmt(deficit)} → ${fmt(p.deficitAfter)}), ${fmt(p.credited)} credited to cash`,
  ];
}
