import type { Tx } from "../db/client";

export interface SeqState {
  /** Highest seq with every seq from 0 up to it present (−1 if seq 0 is missing). */
  contiguousTo: bigint;
  /** Missing ranges above `contiguousTo`, inclusive, with the signatures of the events around them. */
  gaps: { fromSeq: bigint; toSeq: bigint; beforeSig: string | null; afterSig: string }[];
  maxSeq: bigint;
  maxSig: string | null;
}

/**
 * Gap scan of one exchange's event sequence, starting at the last known contiguous seq (so the
 * scan is incremental). Gaps are found with `lead()` over the index on (exchange, seq).
 */
export async function seqState(tx: Tx, exchange: string, fromContiguous: bigint): Promise<SeqState> {
  const start = fromContiguous < 0n ? 0n : fromContiguous;
  const rows = await tx.$queryRawUnsafe<
    { seq: string; sig: string; nxt: string | null; nsig: string | null }[]
  >(
    `SELECT s."seq"::text AS "seq", s."signature" AS "sig", s."nxt"::text AS "nxt", s."nsig"
       FROM (SELECT "seq", "signature", lead("seq") OVER (ORDER BY "seq") AS "nxt", lead("signature") OVER (ORDER BY "seq") AS "nsig"
               FROM "event" WHERE "exchange" = $1 AND "seq" >= $2) s
      WHERE s."nxt" IS NULL OR s."nxt" > s."seq" + 1
      ORDER BY s."seq"`,
    exchange,
    start.toString(),
  );
  const [first] = await tx.$queryRawUnsafe<{ seq: string; sig: string }[]>(
    `SELECT e."seq"::text AS "seq", e."signature" AS "sig" FROM "event" e WHERE e."exchange" = $1 AND e."seq" >= $2 ORDER BY e."seq" LIMIT 1`,
    exchange,
    start.toString(),
  );
  const out: SeqState = { contiguousTo: fromContiguous, gaps: [], maxSeq: -1n, maxSig: null };
  if (!first) return out;
  const firstSeq = BigInt(first.seq);
  if (firstSeq > start || (fromContiguous < 0n && firstSeq > 0n)) {
    out.gaps.push({
      fromSeq: fromContiguous + 1n,
      toSeq: firstSeq - 1n,
      beforeSig: null,
      afterSig: first.sig,
    });
  }
  for (const r of rows) {
    const seq = BigInt(r.seq);
    if (r.nxt === null) {
      out.maxSeq = seq;
      out.maxSig = r.sig;
    } else {
      out.gaps.push({ fromSeq: seq + 1n, toSeq: BigInt(r.nxt) - 1n, beforeSig: r.sig, afterSig: r.nsig! });
    }
  }
  out.contiguousTo = out.gaps.length ? out.gaps[0].fromSeq - 1n : out.maxSeq;
  return out;
}
