/**
 * Tools for the attack suites: equity of an account as the program values it (TS mirror of the
 * health code over the venue's live markets and feeds), an attacker's net worth across accounts,
 * the largest order the program accepts, plain SPL donations into a vault, and the invariants every
 * attack test checks after each step.
 */
import { strict as assert } from "assert";
import { createTransferInstruction } from "@solana/spl-token";
import type { PublicKey } from "@solana/web3.js";
import {
  AccountStatus,
  accountKind,
  math,
  NO_MARKET,
  type OrderOptions,
  type Side,
} from "@perp-margin/client";
import { expectOk } from "../harness/expect";
import type { Trader, Venue } from "../harness/venue";

/** The venue's markets as the math mirror's table (oracle guards evaluated at the current slot). */
export function table(v: Venue): math.MarketTable {
  const quotes = [...v.markets.keys()].map((i) =>
    math.quoteFromFeed(v.marketState(i), v.feedState(i), v.slot()),
  );
  return math.marketTable(quotes);
}

/** Equity at the oracle, charges not yet settled included (bad oracles at their worst case). */
export function equity(v: Venue, t: Trader | PublicKey): bigint {
  return math.accountHealth(v.account(t), table(v), "conservative").equityNative;
}

/** Σ equity of the accounts plus what they withdrew, minus what they deposited: an owner's profit. */
export function netWorth(v: Venue, ts: Trader[]): bigint {
  let s = 0n;
  for (const t of ts) {
    const a = v.account(t);
    s += equity(v, t) + a.totalWithdrawalsNative - a.totalDepositsNative - a.deficitNative;
  }
  return s;
}

/** The largest `lots` (≤ cap) of this order the program accepts right now (sends nothing). */
export async function maxLots(
  v: Venue,
  t: Trader,
  market: number,
  side: Side,
  price: bigint,
  cap: bigint,
  opts: OrderOptions = {},
): Promise<bigint> {
  let lo = 0n;
  let hi = cap;
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    const ix = await v.orderIx(t, market, side, price, mid, opts);
    if (v.simulate([ix], [t.kp]).ok) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}

/** The ADL queue of one side of a market over every margin account the venue created (mirror). */
export function adlQueue(v: Venue, marketIndex: number, side: "long" | "short"): PublicKey[] {
  const accounts = v.known
    .filter((k) => {
      const d = v.raw(k);
      return d !== null && accountKind(d) === "MarginAccount";
    })
    .map((k) => ({ address: k, account: v.account(k) }));
  return math.adlRanking(accounts, table(v), marketIndex, side).map((c) => c.marginAccount);
}

/** A plain SPL transfer of `amount` into `vault` (no program instruction), from a fresh funder. */
export function donate(v: Venue, vault: PublicKey, amount: bigint) {
  const funder = v.createTrader(0n);
  v.mintTo(funder.token, amount);
  expectOk(
    v.send([createTransferInstruction(funder.token, vault, funder.kp.publicKey, amount)], [funder.kp]),
    "donation",
  );
  v.expectDonation(vault, amount);
}

/**
 * Invariants after every step of an attack: the exact solvency rule (surplus included), no account
 * without positions holding negative cash outside a recorded deficit, Σ deficits on the exchange
 * equal to the accounts' deficits, and what every account could withdraw fits in the vault (plus
 * the insurance already reserved for deficits, which resolution moves into it).
 */
export function checkInvariants(v: Venue, accounts: (Trader | PublicKey)[], when = "") {
  const c = v.conservation();
  assert.ok(
    c.holds,
    `solvency rule broken ${when}: vault ${c.vault} vs required ${c.required} + surplus ${c.expectedVaultSurplus}, ` +
      `insurance vault ${c.insuranceVault} vs fund ${c.insurance} + surplus ${c.expectedInsuranceSurplus}`,
  );
  const ex = v.exchangeState();
  let withdrawable = 0n;
  let deficits = 0n;
  const t = table(v);
  for (const a of accounts) {
    const s = v.account(a);
    const flat = s.positions.every((p) => p.marketIndex === NO_MARKET || p.baseLots === 0n);
    assert.ok(!(flat && s.cashNative < 0n), `flat account with negative cash ${s.cashNative} ${when}`);
    if (s.deficitNative > 0n)
      assert.equal(s.status, AccountStatus.Bankrupt, `deficit without BANKRUPT ${when}`);
    deficits += s.deficitNative;
    try {
      const free = math.accountHealth(s, t, "strict").withdrawable();
      if (free > 0n && s.deficitNative === 0n) withdrawable += free;
    } catch {
      // a held market's oracle is stale or wide: nothing is withdrawable from this account now
    }
  }
  assert.ok(
    deficits <= ex.totalDeficitNative,
    `Σ deficits of accounts ${deficits} > exchange ${ex.totalDeficitNative}`,
  );
  // Reserved insurance is promised to deficits already closed against it (paid in by resolution).
  const backing = c.vault + ex.insuranceReservedNative;
  assert.ok(
    withdrawable <= backing,
    `withdrawable ${withdrawable} > vault + reserved insurance ${backing} ${when}`,
  );
}
