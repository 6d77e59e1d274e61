/**
 * Backfill: a snapshot of every program account (one `getProgramAccounts` per account type, so
 * no single response holds the whole program), written in batches, then the exchanges' token
 * vaults. Subscriptions are opened before this runs, so nothing written meanwhile is missed, and
 * slot guards make the order in which snapshot and notifications land irrelevant.
 */
import { accountDiscriminator, type AccountName } from "@perp-margin/client";
import { knownExchanges } from "../queries/knownExchanges";
import type { Ctx } from "./context";

const KINDS: AccountName[] = [
  "Exchange",
  "Market",
  "PriceFeed",
  "OrderBook",
  "BackstopRegistry",
  "MarginAccount",
];

export interface BackfillResult {
  accounts: number;
  slot: bigint;
  ms: number;
}

export async function backfill(ctx: Ctx): Promise<BackfillResult> {
  const t0 = Date.now();
  let n = 0;
  let slot = 0n;
  for (const kind of KINDS) {
    const snap = await ctx.source.programAccounts(accountDiscriminator(kind));
    if (snap.slot > slot) slot = snap.slot;
    for (const a of snap.accounts) {
      ctx.accounts.push({ ...a, slot: snap.slot });
      if (ctx.accounts.pending >= ctx.accounts.batchSize) await ctx.accounts.flush();
    }
    n += snap.accounts.length;
    await ctx.accounts.flush();
  }
  // Accounts of the program with a discriminator no known type has (a newer program version,
  // corruption) still go through the decoder, which logs them.
  const all = await ctx.source.programAccounts();
  const known = new Set(KINDS.map((k) => accountDiscriminator(k).toString("hex")));
  for (const a of all.accounts)
    if (!known.has(a.data.subarray(0, 8).toString("hex"))) ctx.accounts.push({ ...a, slot: all.slot });
  await ctx.accounts.flush();
  n += await refreshVaults(ctx);
  ctx.stats.backfills++;
  return { accounts: n, slot, ms: Date.now() - t0 };
}

/** Reads every exchange's two token vaults from chain into the pipeline. */
export async function refreshVaults(ctx: Ctx): Promise<number> {
  const exchanges = await knownExchanges(ctx.db);
  for (const e of exchanges) {
    ctx.accounts.vaults.set(e.vault, { exchange: e.exchange, kind: "vault" });
    ctx.accounts.vaults.set(e.insuranceVault, { exchange: e.exchange, kind: "insurance" });
  }
  const keys = [...ctx.accounts.vaults.keys()];
  if (keys.length === 0) return 0;
  const snap = await ctx.source.accounts(keys);
  let n = 0;
  snap.accounts.forEach((a) => {
    if (a) {
      ctx.accounts.push({ ...a, slot: snap.slot });
      n++;
    }
  });
  await ctx.accounts.flush();
  return n;
}
