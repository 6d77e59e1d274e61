/**
 * Tools for the attack suites: equity of an account as the program values it (TS mirror of the
 * health code over the venue's live markets and feeds), an attacker's net worth across accounts,
 * the largest order the program accepts, plain SPL donations into a vault, and the invariants every
 * attack test checks after each step.
 */
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { createTransferInstruction } from "@solana/spl-token";
import { PublicKey } from "@solana/web3.js";
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
  // With uncovered bad debt a withdrawal pays out only its share: free × held / liabilities.
  if (ex.badDebtNative > 0n) {
    const held = c.required;
    withdrawable = held > 0n ? (withdrawable * held) / (held + ex.badDebtNative) : 0n;
  }
  // Reserved insurance is promised to deficits already closed against it (paid in by resolution).
  const backing = c.vault + ex.insuranceReservedNative;
  assert.ok(
    withdrawable <= backing,
    `withdrawable ${withdrawable} > vault + reserved insurance ${backing} ${when}`,
  );
}

// ------------------------------------------------------------------------------------------------
// Crafted states, for defensive paths the program's own instructions no longer reach (ADL with
// exact haircuts and insurance reservations leaves no deficit beyond what insurance pays, so
// socialized loss and bad debt only follow states like these). Every craft keeps the solvency
// identity exact: it moves amounts between ledger terms the way the program would.

const LAYOUTS: Record<string, { fields: Record<string, [number, number]> }> = JSON.parse(
  readFileSync(resolvePath(__dirname, "../../programs/perp-margin/idl/layouts.json"), "utf8"),
);

/** Overwrites one integer field of a program account in place (after its 8-byte discriminator). */
export function patchField(v: Venue, key: PublicKey, type: string, field: string, value: bigint) {
  const acct = v.svm.getAccount(key);
  if (!acct) throw new Error(`no account ${key.toBase58()}`);
  const [offset, size] = LAYOUTS[type].fields[field];
  const data = Buffer.from(acct.data);
  const at = 8 + offset;
  if (size === 8) data.writeBigInt64LE(BigInt.asIntN(64, value), at);
  else if (size === 4) data.writeUInt32LE(Number(value), at);
  else if (size === 2) data.writeUInt16LE(Number(value), at);
  else if (size === 1) data.writeUInt8(Number(value), at);
  else throw new Error(`${type}.${field}: ${size}-byte field`);
  v.svm.setAccount(key, { ...acct, data });
}

/**
 * Gives a flat account with cash 0 an unresolved deficit of `amount` from market `marketIndex`
 * (side long): Σ deficits and Σ cash both grow by it, as `crystallize_deficit` books one.
 */
export function craftDeficit(v: Venue, t: Trader | PublicKey, marketIndex: number, amount: bigint) {
  const key = t instanceof PublicKey ? t : t.account;
  const a = v.account(key);
  assert.equal(a.cashNative, 0n, "craft a deficit on a flat account with no cash");
  const ex = v.exchangeState();
  patchField(v, key, "MarginAccount", "deficit_native", a.deficitNative + amount);
  patchField(v, key, "MarginAccount", "status", BigInt(AccountStatus.Bankrupt));
  patchField(v, key, "MarginAccount", "deficit_market_index", BigInt(marketIndex));
  patchField(v, key, "MarginAccount", "deficit_side", 0n);
  patchField(v, v.exchange, "Exchange", "total_deficit_native", ex.totalDeficitNative + amount);
  patchField(v, v.exchange, "Exchange", "total_cash_native", ex.totalCashNative + amount);
}

/** Books `amount` of exchange bad debt the way `socialize_loss` does with no open interest. */
export function craftBadDebt(v: Venue, holder: Trader, amount: bigint) {
  // A deficit written off: Σ cash +amount (the account's negative cash zeroed) and bad debt +amount.
  const ex = v.exchangeState();
  patchField(v, v.exchange, "Exchange", "bad_debt_native", ex.badDebtNative + amount);
  patchField(v, v.exchange, "Exchange", "total_cash_native", ex.totalCashNative + amount);
  patchField(v, holder.account, "MarginAccount", "cash_native", v.account(holder).cashNative + amount);
}
