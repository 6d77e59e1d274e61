/**
 * The numbers a person sees before acting — health, margin ratio, liquidation price, ADL rank,
 * deposit split — computed by the client math mirror (`client/src/math`, proven against the Rust
 * core by shared vectors) from one consistent read of chain state. Shared by the CLI and the
 * trading page, so both show the same figures.
 */
import type { PublicKey } from "@solana/web3.js";
import type { MarginAccountState } from "./accounts";
import { DepositPolicy } from "./constants";
import {
  type AccountRiskView,
  type AdlCandidate,
  type MarketTable,
  MathError,
  accountRiskView,
  adlRanking,
  depositPreview as mathDepositPreview,
  marketTable,
} from "./math";
import type { MarginAccountEntry, MarketSnapshot } from "./snapshot";

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
function unguardedTable(snap: MarketSnapshot): MarketTable {
  return marketTable(
    [...snap.markets.values()]
      .filter((m) => snap.feeds.has(m.marketIndex))
      .map((m) => ({ market: m.state, oraclePrice: snap.feeds.get(m.marketIndex)!.price })),
  );
}

/** Account health and per-position liquidation price and ADL rank quantile, from the math mirror. */
export function accountView(
  snap: MarketSnapshot,
  address: PublicKey,
  account: MarginAccountState,
  everyone: readonly MarginAccountEntry[],
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
  const ranked = everyone.map((a) => ({ address: a.pubkey, account: a.state }));
  const positions = risk.positions.map((p) => {
    const side = p.baseLots > 0n ? "long" : "short";
    let queue: AdlCandidate[] = [];
    try {
      queue = adlRanking(ranked, table, p.marketIndex, side);
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
