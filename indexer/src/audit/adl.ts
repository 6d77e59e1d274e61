/**
 * ADL fairness audit. The program ranks counterparties by a published score and only checks that
 * the candidates the keeper passed are sorted; it cannot see the ones the keeper left out. The
 * indexer can: for every ADL event it rebuilds, from the mirror as of that slot, every
 * opposite-side position in the market, recomputes each score exactly as the program does, and
 * flags the event if an eligible position (uPnL > 0, equity > 0) ranked above the lowest-ranked
 * counterparty used was skipped. Ranking is by score descending, ties by account address
 * ascending (bytewise), as on-chain.
 *
 * It also recomputes the scores of the counterparties actually used from their pre-ADL states and
 * counts disagreements with the scores the program recorded: zero means the mirror reproduces the
 * program, so the "skipped" verdicts rest on the same inputs.
 *
 * Resolution is one slot: account states come from `margin_account_version` (one per account and
 * slot). A position changed by another transaction earlier in the ADL's own slot is seen as it
 * was at the end of the previous slot.
 */
import { PublicKey } from "@solana/web3.js";
import type { Tx } from "../db/client";
import { accountsAt, adlEventIn, marketsAtSeq } from "../queries/adlAuditInputs";
import { saveAdlAudit } from "../queries/saveAdlAudit";
import { adlScore, equityAt, type MarketAt, unrealizedPnl } from "./adlScore";

export interface SkippedPosition {
  account: string;
  score: bigint;
  baseLots: bigint;
  upnlNative: bigint;
  equityNative: bigint;
}

export interface AdlAuditResult {
  exchange: string;
  seq: bigint;
  slot: bigint;
  /** null: the mirror has no account history from before the event (it began indexing later). */
  fair: boolean | null;
  note: string | null;
  minScoreUsed: bigint;
  candidatesChecked: number;
  skipped: SkippedPosition[];
  fillScoreMismatches: number;
}

const keyBytes = (k: string) => new PublicKey(k).toBuffer();

/** Ranks `a` above `b`: higher score first, then lower address. */
export const ranksAbove = (a: { score: bigint; account: string }, b: { score: bigint; account: string }) =>
  a.score > b.score || (a.score === b.score && Buffer.compare(keyBytes(a.account), keyBytes(b.account)) < 0);

export async function auditAdlEvent(
  db: Tx,
  exchange: string,
  seq: bigint,
  coverageSlot: bigint,
): Promise<AdlAuditResult | null> {
  const ev = await adlEventIn(db, exchange, seq);
  if (!ev || ev.fills.length === 0) return null;
  if (ev.slot <= coverageSlot) {
    // Account states from before the event were never observed: no verdict rather than a guess.
    const r: AdlAuditResult = {
      exchange,
      seq,
      slot: ev.slot,
      fair: null,
      note: `ADL at slot ${ev.slot} precedes the mirror's continuous account history (from slot ${coverageSlot})`,
      minScoreUsed: ev.fills.reduce((lo, f) => (ranksAbove(lo, f) ? f : lo)).score,
      candidatesChecked: 0,
      skipped: [],
      fillScoreMismatches: 0,
    };
    await saveAdlAudit(db, r);
    return r;
  }
  const markets = await marketsAtSeq(db, exchange, seq);
  const m = markets.get(ev.marketIndex);
  if (!m) return null;
  // The ADL market's price is the one the program used, recorded in the event.
  // Markets whose price is unknown as of the event are left out: an account holding one cannot be
  // scored (equityAt returns undefined) and is reported, never guessed.
  const table = new Map<number, MarketAt>();
  for (const [i, x] of markets) {
    if (i === ev.marketIndex) table.set(i, { ...x, price: ev.oraclePrice });
    else if (x.known) table.set(i, x);
  }
  const used = new Set(ev.fills.map((f) => f.account));
  const accounts = await accountsAt(db, exchange, ev.slot, ev.marketIndex, [ev.marginAccount, ...used]);
  const closingLong = ev.baseBeforeLots > 0n;
  const unscorable: string[] = [];

  const scored = accounts
    .filter((a) => a.pubkey !== ev.marginAccount)
    .map((a) => {
      const p = a.positions.find((x) => x.marketIndex === ev.marketIndex)!;
      const upnl = unrealizedPnl(p.baseLots, p.entryNotionalNative, ev.oraclePrice);
      const equity = equityAt(a.cashNative, a.positions, table);
      if (equity === undefined) unscorable.push(a.pubkey);
      const notional = (p.baseLots < 0n ? -p.baseLots : p.baseLots) * ev.oraclePrice;
      const eq = equity ?? 0n;
      return {
        account: a.pubkey,
        baseLots: p.baseLots,
        upnl,
        equity: eq,
        score: adlScore(upnl, p.entryNotionalNative, notional, eq),
      };
    })
    .filter((c) => c.baseLots > 0n !== closingLong); // opposite side only

  // An unscorable account counts as a disagreement: the audit cannot vouch for it.
  let mismatches = unscorable.length;
  for (const f of ev.fills) {
    const c = scored.find((x) => x.account === f.account);
    if (!c || c.score !== f.score) mismatches++;
  }
  const lowest = ev.fills.reduce((lo, f) => (ranksAbove(lo, f) ? f : lo));
  const skipped = scored
    .filter((c) => !used.has(c.account) && c.upnl > 0n && c.equity > 0n && ranksAbove(c, lowest))
    .sort((a, b) => (ranksAbove(a, b) ? -1 : 1))
    .map((c) => ({
      account: c.account,
      score: c.score,
      baseLots: c.baseLots,
      upnlNative: c.upnl,
      equityNative: c.equity,
    }));

  const result: AdlAuditResult = {
    exchange,
    seq,
    slot: ev.slot,
    fair: skipped.length === 0,
    note: unscorable.length
      ? `${unscorable.length} account(s) hold a market with no known price at this seq`
      : null,
    minScoreUsed: lowest.score,
    candidatesChecked: scored.length,
    skipped,
    fillScoreMismatches: mismatches,
  };
  await saveAdlAudit(db, result);
  return result;
}
