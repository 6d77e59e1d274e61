/**
 * The keeper: finds liquidatable and bankrupt accounts and runs each waterfall step as the
 * permissionless instruction it is. Decisions come from `plan.ts` (the math mirror); the program
 * re-checks, and a refusal moves the keeper to the next stage (book exhausted → backstop → ADL,
 * insurance empty → socialize). Every step's events are tallied by stage for the report.
 */
import type { Keypair, PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { PerpExchange } from "../exchange";
import type { SendResult } from "../send";
import type { PerpEvent } from "../idl-types";
import { type Action, equityOf, planAccount } from "./plan";
import {
  type KeeperSnapshot,
  adlCandidateCap,
  adlCandidates,
  loadKeeperSnapshot,
  refreshKeeperSnapshot,
} from "../snapshot";
import type { BackstopEntryState } from "../accounts";
import { AccountStatus, NO_MARKET } from "../constants";
import { backstopHeldCapacity } from "../math/account";

export interface StageTally {
  /** Successful steps. */
  count: number;
  /** Native amount moved by the stage (closed notional, insurance paid, socialized). */
  amountNative: bigint;
  /** Compute units spent. */
  cu: number;
}

export interface KeeperReport {
  book: StageTally;
  backstop: StageTally;
  insurance: StageTally;
  adl: StageTally;
  socialized: StageTally;
  badDebtNative: bigint;
  /** Backstop entries evicted for no longer holding their committed capacity. */
  evictions: number;
  transactions: number;
  refusals: Record<string, number>;
}

const tally = (): StageTally => ({ count: 0, amountNative: 0n, cu: 0 });
export const emptyReport = (): KeeperReport => ({
  book: tally(),
  backstop: tally(),
  insurance: tally(),
  adl: tally(),
  socialized: tally(),
  badDebtNative: 0n,
  evictions: 0,
  transactions: 0,
  refusals: {},
});

export interface KeeperOptions {
  /** Called after every transaction (tests check conservation here). */
  afterSend?: (r: SendResult, action: Action) => void | Promise<void>;
  /** Log lines (default: silent). */
  log?: (line: string) => void;
  /** Most rounds per `runUntilQuiet`. */
  maxRounds?: number;
  /** Actions to leave alone for now (e.g. a scenario holding back one resolution). */
  skip?: (action: Action) => boolean;
  /**
   * Re-read every margin account (`getProgramAccounts`) before each step, as the keeper did before
   * its snapshot was refreshed incrementally. Off by default; `npm run bench` measures both.
   */
  rescanEveryStep?: boolean;
}

export class Keeper {
  readonly report: KeeperReport = emptyReport();

  constructor(
    readonly ex: PerpExchange,
    readonly signer: Keypair,
    /** The keeper's own margin account (receives its share of liquidation fees). */
    readonly keeperAccount: PublicKey,
    readonly opts: KeeperOptions = {},
  ) {}

  private log(s: string) {
    this.opts.log?.(s);
  }

  /** Writable accounts of the transactions sent since the snapshot was last read. */
  private touched: PublicKey[] = [];

  private async send(ixs: TransactionInstruction[], action: Action): Promise<SendResult> {
    for (const ix of ixs) for (const k of ix.keys) if (k.isWritable) this.touched.push(k.pubkey);
    const r = await this.ex.chain.send(ixs, [this.signer]);
    this.report.transactions++;
    if (!r.ok) {
      const name = r.error?.name ?? "TransactionFailed";
      this.report.refusals[name] = (this.report.refusals[name] ?? 0) + 1;
    } else {
      this.count(r.events, r.cu);
    }
    await this.opts.afterSend?.(r, action);
    return r;
  }

  private count(events: PerpEvent[], cu: number) {
    let first = true;
    for (const e of events) {
      const { name, data: d } = e;
      const charge = (t: StageTally, amount: bigint) => {
        t.count++;
        t.amountNative += amount;
        if (first) t.cu += cu;
        first = false;
      };
      if (name === "Liquidation")
        charge(Number(d.stage) === 1 ? this.report.book : this.report.backstop, d.quoteNative);
      else if (name === "BankruptcyResolved") charge(this.report.insurance, d.insurancePaidNative);
      else if (name === "AutoDeleverage")
        charge(this.report.adl, BigInt(d.closedLots) * BigInt(d.bankruptcyPrice));
      else if (name === "SocializedLoss") {
        charge(this.report.socialized, BigInt(d.amountNative) - BigInt(d.badDebtNative));
        this.report.badDebtNative += d.badDebtNative;
      }
    }
  }

  /** Runs one action, falling through stages on the program's refusals. Returns true on progress. */
  async execute(s: KeeperSnapshot, action: Action): Promise<boolean> {
    const k = this.signer.publicKey;
    switch (action.kind) {
      case "liquidate": {
        const r = await this.send(
          [await this.ex.liquidateIx(k, this.keeperAccount, action.account, action.marketIndex)],
          action,
        );
        if (r.ok) return true;
        if (r.error?.name === "BookLiquidityExhausted")
          return this.execute(s, {
            kind: "backstop",
            account: action.account,
            marketIndex: action.marketIndex,
          });
        if (r.error?.name === "LossBeyondInsurance")
          return this.deleverage(s, action.account, action.marketIndex);
        return false;
      }
      case "backstop": {
        const entries = s.registry.entries.filter(
          (e) => action.marketIndex < 64 && (e.marketMask & (1n << BigInt(action.marketIndex))) !== 0n,
        );
        // Most free collateral first, valued as the program values a backstop (bad oracles at
        // their worst case, so a stale market elsewhere does not hide a capable backstop).
        const ranked = entries
          .map((e) => {
            const st = s.accounts.find((a) => a.pubkey.equals(e.marginAccount))?.state;
            let free = -1n;
            try {
              if (st) free = backstopHeldCapacity(st, s.table);
            } catch {
              /* a market missing from the snapshot: leave it to the program */
            }
            return { key: e.marginAccount, free };
          })
          .filter((x) => x.free > 0n)
          .sort((a, b) => (a.free > b.free ? -1 : 1));
        const acct = s.accounts.find((a) => a.pubkey.equals(action.account))!.state;
        const base = acct.positions.find((p) => p.marketIndex === action.marketIndex)?.baseLots ?? 0n;
        let lots = base < 0n ? -base : base;
        for (const b of ranked) {
          for (let tries = 0; tries < 6 && lots > 0n; tries++) {
            const r = await this.send(
              [await this.ex.backstopLiquidateIx(k, b.key, action.account, action.marketIndex, lots)],
              action,
            );
            if (r.ok) return true;
            if (r.error?.name === "LossBeyondInsurance")
              return this.deleverage(s, action.account, action.marketIndex);
            if (r.error?.name !== "BackstopBelowInitialMargin") break;
            lots = lots / 2n; // take what this backstop can carry
          }
        }
        // No backstop took it: evict the entries that no longer hold what they committed or have
        // no position slot for this market (the program decides), so the ADL gate stops counting
        // them, then deleverage.
        const evicted = await this.evictIncapable(s, entries, action.marketIndex);
        if (await this.deleverage(s, action.account, action.marketIndex)) return true;
        this.log(
          `cannot progress ${action.account.toBase58().slice(0, 8)} in market ${action.marketIndex}: no backstop took it (${evicted} evicted), ADL refused; waiting`,
        );
        return evicted > 0;
      }
      case "adl": {
        const r = await this.send(
          [await this.ex.autoDeleverageIx(k, action.account, action.marketIndex, action.candidates)],
          action,
        );
        if (r.ok) return true;
        // Say so, and record an under-water loss no stage took (e.g. a bid above the oracle in the
        // band makes the program refuse ADL while the hole exceeds what insurance may cover).
        const reason = `auto_deleverage refused (${r.error?.name ?? r.rawError})`;
        this.log(
          `cannot progress ${action.account.toBase58().slice(0, 8)} in market ${action.marketIndex}: ${reason}`,
        );
        const st = s.accounts.find((a) => a.pubkey.equals(action.account))?.state;
        const eq = st ? equityOf(s, st) : undefined;
        if (st && eq !== undefined && eq < 0n && st.underwaterNative === 0n)
          return this.execute(s, { kind: "mark", account: action.account, reason });
        return false;
      }
      case "resolve": {
        const r = await this.send([await this.ex.resolveBankruptcyIx(k, action.account)], action);
        if (r.ok) return true;
        if (r.error?.name === "InsufficientInsurance")
          return this.execute(s, { kind: "socialize", account: action.account });
        return false;
      }
      case "socialize": {
        const r = await this.send([await this.ex.socializeLossIx(k, action.account)], action);
        return r.ok;
      }
      case "evict": {
        const r = await this.send([await this.ex.evictBackstopIx(k, action.account)], action);
        return r.ok;
      }
      case "mark": {
        // Nothing can act on this account now: record its loss where everyone sees it.
        this.log(
          `cannot progress ${action.account.toBase58().slice(0, 8)}: ${action.reason}; marking it underwater`,
        );
        const r = await this.send([await this.ex.markUnderwaterIx(k, action.account)], action);
        return r.ok;
      }
    }
  }

  /**
   * Sends `evict_backstop` for every entry whose account holds less free collateral than it
   * committed (valued as the program does, bad oracles at their worst case) or is bankrupt.
   * Returns how many the program evicted.
   */
  private async evictIncapable(
    s: KeeperSnapshot,
    entries: BackstopEntryState[],
    marketIndex: number,
  ): Promise<number> {
    let evicted = 0;
    for (const e of entries) {
      const st = s.accounts.find((a) => a.pubkey.equals(e.marginAccount))?.state;
      let short = st === undefined;
      let noSlot = false;
      if (st) {
        noSlot =
          !st.positions.some((p) => p.marketIndex === marketIndex) &&
          !st.positions.some((p) => p.marketIndex === NO_MARKET);
        try {
          short =
            st.status === AccountStatus.Bankrupt ||
            st.deficitNative > 0n ||
            backstopHeldCapacity(st, s.table) < e.capacityNative;
        } catch {
          short = false; // a market missing from the snapshot: let the next pass decide
        }
      }
      if (!short && !noSlot) continue;
      const why = short ? "below its committed capacity" : `no position slot for market ${marketIndex}`;
      this.log(`evict backstop ${e.marginAccount.toBase58().slice(0, 8)}: ${why}`);
      const ix = await this.ex.evictBackstopIx(
        this.signer.publicKey,
        e.marginAccount,
        short ? NO_MARKET : marketIndex,
      );
      const r = await this.send([ix], { kind: "evict", account: e.marginAccount });
      if (r.ok) evicted++;
    }
    this.report.evictions += evicted;
    return evicted;
  }

  /** ADL against the published ranking (stage 4), or false when no candidate is left. */
  private async deleverage(s: KeeperSnapshot, account: PublicKey, marketIndex: number): Promise<boolean> {
    const acct = s.accounts.find((a) => a.pubkey.equals(account))?.state;
    const base = acct?.positions.find((p) => p.marketIndex === marketIndex)?.baseLots ?? 0n;
    if (base === 0n) return false;
    const max = adlCandidateCap(s.markets.get(marketIndex)!);
    const cands = adlCandidates(s, s.accounts, account, marketIndex, base, max).map((c) => c.marginAccount);
    if (!cands.length) {
      this.log(
        `cannot progress ${account.toBase58().slice(0, 8)} in market ${marketIndex}: no ADL counterparty`,
      );
      return false;
    }
    return this.execute(s, { kind: "adl", account, marketIndex, candidates: cands });
  }

  /** One pass over every account: at most one step each, most urgent first. Returns steps taken. */
  async runOnce(): Promise<number> {
    this.touched = [];
    let s = await loadKeeperSnapshot(this.ex);
    const plans: { action: Action; urgency: bigint }[] = [];
    for (const { pubkey, state } of s.accounts) {
      if (pubkey.equals(this.keeperAccount)) continue;
      const action = planAccount(s, pubkey, state);
      if (!action || this.opts.skip?.(action)) continue;
      plans.push({ action, urgency: -(equityOf(s, state) ?? 0n) });
    }
    plans.sort((a, b) => (a.urgency > b.urgency ? -1 : a.urgency < b.urgency ? 1 : 0));
    let progress = 0;
    for (const p of plans) {
      // After a step, re-read what it may have changed: markets, books, registry and the accounts
      // its transactions wrote (one full account scan per pass, not per step).
      if (this.touched.length) {
        s = this.opts.rescanEveryStep
          ? await loadKeeperSnapshot(this.ex)
          : await refreshKeeperSnapshot(this.ex, s, this.touched);
        this.touched = [];
      }
      const fresh = s;
      const acct = fresh.accounts.find((a) => a.pubkey.equals(p.action.account));
      if (!acct) continue;
      const action = planAccount(fresh, acct.pubkey, acct.state);
      if (!action || this.opts.skip?.(action)) continue;
      this.log(
        `${action.kind} ${action.account.toBase58().slice(0, 8)}${"marketIndex" in action ? ` m${action.marketIndex}` : ""}`,
      );
      if (await this.execute(fresh, action)) {
        progress++;
        // Resolve a deficit an ADL step just left before the next ADL step counts insurance.
        if (action.kind === "adl") await this.resolveNow(action.account);
      }
    }
    return progress;
  }

  /** Resolves (or socializes) an account's deficit right away, if it has one now. */
  private async resolveNow(account: PublicKey) {
    const s = await loadKeeperSnapshot(this.ex);
    const acct = s.accounts.find((a) => a.pubkey.equals(account));
    if (!acct) return;
    const next = planAccount(s, acct.pubkey, acct.state);
    if (next && (next.kind === "resolve" || next.kind === "socialize") && !this.opts.skip?.(next)) {
      this.log(`${next.kind} ${account.toBase58().slice(0, 8)}`);
      await this.execute(s, next);
    }
  }

  /** Runs passes until one makes no progress (or `maxRounds`). Returns the number of passes. */
  async runUntilQuiet(): Promise<number> {
    const max = this.opts.maxRounds ?? 50;
    for (let i = 0; i < max; i++) {
      if ((await this.runOnce()) === 0) return i + 1;
    }
    return max;
  }
}
