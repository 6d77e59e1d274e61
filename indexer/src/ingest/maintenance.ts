/**
 * Periodic steps that read the mirror as a whole: commitment tracking (rows at or below the
 * finalized tip are marked finalized), the ADL fairness audit of new ADL events, and a solvency
 * snapshot per exchange at the newest slot the mirror has reached.
 */
import { auditAdlEvent } from "../audit/adl";
import { getCheckpoint, saveChainTip, saveCheckpoint } from "../queries/checkpoint";
import { insertSolvencySnapshot } from "../queries/insertSolvencySnapshot";
import { pendingAdlAudits } from "../queries/pendingAdlAudits";
import { promoteFinalized } from "../queries/promoteFinalized";
import { refreshRisk } from "../queries/refreshRisk";
import { solvencySummary } from "../queries/solvencySummary";
import type { Ctx } from "./context";

export async function trackFinality(
  ctx: Ctx,
): Promise<{ confirmed: bigint; finalized: bigint; promoted: number }> {
  const [confirmed, finalized] = await Promise.all([
    ctx.source.slot("confirmed"),
    ctx.source.slot("finalized"),
  ]);
  if (finalized > ctx.finalizedSlot) ctx.finalizedSlot = finalized;
  const promoted = await ctx.writer.run("finality", async (tx) => {
    await saveChainTip(tx, confirmed, ctx.finalizedSlot);
    return promoteFinalized(tx, ctx.finalizedSlot);
  });
  return { confirmed, finalized: ctx.finalizedSlot, promoted };
}

/** Audits ADL events the account mirror has caught up with. */
export async function runAudits(ctx: Ctx): Promise<number> {
  const pending = await pendingAdlAudits(ctx.db, ctx.accounts.highWaterSlot);
  if (pending.length === 0) return 0;
  const coverage = (await getCheckpoint(ctx.db, "coverage"))?.slot ?? 0n;
  let n = 0;
  for (const p of pending) {
    const r = await ctx.writer.run("adl-audit", (tx) => auditAdlEvent(tx, p.exchange, p.seq, coverage));
    if (r) {
      n++;
      if (r.fair === false)
        ctx.log(`ADL audit: seq ${p.seq} skipped ${r.skipped.length} higher-ranked position(s)`);
    }
  }
  ctx.stats.audits += n;
  return n;
}

/**
 * Refreshes the risk snapshot (every account's equity at the oracle), then stores one solvency
 * snapshot per exchange at the mirror's high-water slot.
 */
export async function snapshotSolvency(ctx: Ctx): Promise<number> {
  const slot = ctx.accounts.highWaterSlot;
  await refreshRisk(ctx.db);
  await ctx.writer.run("risk-checkpoint", (tx) => saveCheckpoint(tx, { name: "risk", slot }));
  const rows = await solvencySummary(ctx.db);
  const commitment = slot <= ctx.finalizedSlot ? "finalized" : "confirmed";
  await ctx.writer.run("solvency-snapshot", async (tx) => {
    for (const r of rows) await insertSolvencySnapshot(tx, r, slot, commitment);
  });
  ctx.stats.snapshots += rows.length;
  return rows.length;
}
