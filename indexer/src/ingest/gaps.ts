/**
 * Gap detection and repair from event sequence numbers. Each exchange numbers its events 0, 1,
 * 2, … with no holes, and its account says what the next number is. So the mirror knows exactly
 * which events it lacks: holes between stored seqs, events before the first stored one, and
 * events after the last one that the account says exist. Repair lists the program's signatures
 * strictly between the transactions around the hole and ingests those not yet ingested. The
 * `seq:<exchange>` checkpoint (last contiguous seq) never moves past an unrepaired hole.
 */
import { getCheckpoint, saveCheckpoint } from "../queries/checkpoint";
import { knownExchanges } from "../queries/knownExchanges";
import { closeGaps, recordGaps } from "../queries/recordGaps";
import { seqState } from "../queries/seqState";
import type { Ctx } from "./context";
import { listSignatures } from "./transactions";

export interface GapReport {
  exchange: string;
  contiguousTo: bigint;
  open: { fromSeq: bigint; toSeq: bigint }[];
  repaired: number;
}

export async function checkGaps(ctx: Ctx): Promise<GapReport[]> {
  const out: GapReport[] = [];
  // While transactions are being written, a hole may just be a write still in flight.
  if (ctx.txs.inFlight > 0) return out;
  for (const ex of await knownExchanges(ctx.db)) {
    const cpName = `seq:${ex.exchange}`;
    const cp = await getCheckpoint(ctx.db, cpName);
    const from = cp?.seq ?? -1n;
    let st = await seqState(ctx.db, ex.exchange, from);
    const lastExpected = ex.eventSeq - 1n;
    const holes = () => {
      const h = st.gaps.map((g) => ({ ...g, tail: false }));
      if (lastExpected > st.maxSeq)
        h.push({
          fromSeq: st.maxSeq + 1n,
          toSeq: lastExpected,
          beforeSig: st.maxSig,
          afterSig: null as unknown as string,
          tail: true,
        });
      return h;
    };
    let found = holes();
    let repaired = 0;
    if (found.length > 0) {
      const internal = found.filter((g) => !g.tail);
      if (internal.length) {
        ctx.stats.gapsDetected += internal.length;
        ctx.log(
          `gap: ${ex.exchange.slice(0, 8)}… missing seq ${internal.map((g) => `${g.fromSeq}..${g.toSeq}`).join(", ")}; repairing`,
        );
        await ctx.writer.run("gaps", (tx) => recordGaps(tx, ex.exchange, internal));
      }
      for (const g of found) {
        const sigs = await listSignatures(ctx.source, {
          before: g.afterSig ?? undefined,
          until: g.beforeSig ?? undefined,
        });
        await ctx.txs.ingest(sigs);
      }
      st = await seqState(ctx.db, ex.exchange, from);
      const left = holes();
      repaired = found.filter((g) => !g.tail).length - left.filter((g) => !g.tail).length;
      if (repaired > 0) ctx.stats.gapsRepaired += repaired;
      const tailLeft = left.filter((g) => g.tail);
      if (tailLeft.length) {
        // Still missing after a listing that should contain it: now a real gap.
        ctx.stats.gapsDetected += tailLeft.length;
        await ctx.writer.run("gaps", (tx) => recordGaps(tx, ex.exchange, tailLeft));
      }
      found = left;
    }
    const contiguousTo = st.contiguousTo;
    await ctx.writer.run("seq-checkpoint", async (tx) => {
      await saveCheckpoint(tx, { name: cpName, seq: contiguousTo, slot: ex.slot });
      await closeGaps(tx, ex.exchange, contiguousTo);
    });
    out.push({
      exchange: ex.exchange,
      contiguousTo,
      open: found.map((g) => ({ fromSeq: g.fromSeq, toSeq: g.toSeq })),
      repaired,
    });
  }
  return out;
}
