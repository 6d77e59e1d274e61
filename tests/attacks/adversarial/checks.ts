/**
 * What the adversarial run checks after every transaction, succeeded or refused:
 *
 * (a) the exact solvency identity (`Venue.conservation`, donations tracked as surplus);
 * (b) no margin account without positions holds negative cash — a loss is always a recorded
 *     deficit (cash 0, `deficit_native` = the loss, status BANKRUPT), and Σ deficits of the
 *     accounts equals the exchange's total;
 * (c) Σ of what every account could withdraw now (SDK math mirror: equity − unrealized gains −
 *     initial margin; a held market with a bad oracle valued at its worst case) fits in the vault
 *     plus the insurance already reserved for deficits (resolution pays that into the vault), with
 *     the pro-rata haircut of uncovered bad debt.
 */
import { strict as assert } from "node:assert";
import type { PublicKey } from "@solana/web3.js";
import { AccountStatus, type MarginAccountState, math, NO_MARKET } from "@perp-margin/client";
import type { Venue } from "../../harness/venue";

/** The venue's markets as the math mirror's table (oracle guards at the current slot). */
export function marketTable(v: Venue): math.MarketTable {
  return math.marketTable(
    [...v.markets.keys()].map((i) => math.quoteFromFeed(v.marketState(i), v.feedState(i), v.slot())),
  );
}

export const isFlat = (a: MarginAccountState) =>
  a.positions.every((p) => p.marketIndex === NO_MARKET || p.baseLots === 0n);

/** Free collateral: strict valuation, or the worst case when a held oracle fails its guard. */
export function withdrawable(a: MarginAccountState, t: math.MarketTable): bigint {
  let w: bigint;
  try {
    w = math.accountHealth(a, t, "strict").withdrawable();
  } catch {
    w = math.accountHealth(a, t, "conservative").withdrawable();
  }
  return w > 0n ? w : 0n;
}

/** Largest excess of Σ withdrawable over the bare vault seen (covered by reserved insurance). */
export const stats = { checks: 0, maxExcessOverVault: 0n, excessOverVaultSeen: 0 };

export function checkAll(v: Venue, accounts: PublicKey[], when: string) {
  stats.checks++;
  const c = v.conservation();
  assert.ok(
    c.holds,
    `(a) solvency identity broken ${when}: vault ${c.vault} vs required ${c.required} + surplus ` +
      `${c.expectedVaultSurplus}; insurance vault ${c.insuranceVault} vs fund ${c.insurance} + surplus ` +
      `${c.expectedInsuranceSurplus}`,
  );
  const ex = v.exchangeState();
  const t = marketTable(v);
  let deficits = 0n;
  let free = 0n;
  for (const k of accounts) {
    const a = v.account(k);
    assert.ok(
      !(isFlat(a) && a.cashNative < 0n),
      `(b) ${k.toBase58().slice(0, 8)} has no position and cash ${a.cashNative} (deficit ${a.deficitNative}, status ${a.status}) ${when}`,
    );
    if (a.deficitNative > 0n)
      assert.equal(
        a.status,
        AccountStatus.Bankrupt,
        `(b) deficit without BANKRUPT on ${k.toBase58()} ${when}`,
      );
    deficits += a.deficitNative;
    if (a.deficitNative === 0n) free += withdrawable(a, t);
  }
  assert.equal(deficits, ex.totalDeficitNative, `(b) Σ account deficits vs exchange total ${when}`);
  if (ex.badDebtNative > 0n) {
    const held = c.required;
    free = held > 0n ? (free * held) / (held + ex.badDebtNative) : 0n;
  }
  const backing = c.vault + ex.insuranceReservedNative;
  assert.ok(
    free <= backing,
    `(c) Σ withdrawable ${free} > vault ${c.vault} + reserved insurance ${ex.insuranceReservedNative} ${when}`,
  );
  if (free > c.vault) {
    stats.excessOverVaultSeen++;
    if (free - c.vault > stats.maxExcessOverVault) stats.maxExcessOverVault = free - c.vault;
  }
}
