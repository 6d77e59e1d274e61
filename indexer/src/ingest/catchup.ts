/**
 * Catch-up: every program transaction since the `program` checkpoint, oldest first. This is the
 * authority on completeness — the logs subscription only makes ingestion faster. The checkpoint
 * only moves past a signature once it and everything older is ingested; a transaction the node
 * cannot return stops it there (fail closed), and the next pass resumes from it.
 */
import { getCheckpoint, saveCheckpoint } from "../queries/checkpoint";
import type { Ctx } from "./context";
import { listSignatures } from "./transactions";

export interface CatchUpResult {
  listed: number;
  ingested: number;
  missing: number;
  checkpoint: string | null;
}

export async function catchUp(ctx: Ctx): Promise<CatchUpResult> {
  const cp = await getCheckpoint(ctx.db, "program");
  const sigs = await listSignatures(ctx.source, { until: cp?.signature ?? undefined });
  let checkpoint = cp?.signature ?? null;
  let ingested = 0;
  let missing = 0;
  for (let i = 0; i < sigs.length; i += 500) {
    const part = sigs.slice(i, i + 500);
    const r = await ctx.txs.ingest(part);
    ingested += r.ingested;
    const firstMissing = r.missing.length
      ? part.findIndex((s) => s.signature === r.missing[0].signature)
      : -1;
    const upto = firstMissing >= 0 ? firstMissing - 1 : part.length - 1;
    if (upto >= 0) {
      const last = part[upto];
      checkpoint = last.signature;
      await ctx.writer.run("checkpoint", (tx) =>
        saveCheckpoint(tx, { name: "program", signature: last.signature, slot: last.slot }),
      );
    }
    if (firstMissing >= 0) {
      missing = r.missing.length;
      ctx.log(
        `catch-up: ${r.missing.length} transaction(s) not available yet (first ${r.missing[0].signature}); checkpoint held`,
      );
      break;
    }
  }
  ctx.stats.catchUps++;
  return { listed: sigs.length, ingested, missing, checkpoint };
}
