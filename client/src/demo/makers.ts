/**
 * The demo's market makers, kept alive: `npm start` seeds two makers with post-only ladders, and a
 * sweep (an IOC buying the whole ask side) or the oracle walking away from their quotes would
 * otherwise leave the book empty or stale for good. Every `intervalMs` this loop checks each demo
 * market and, when a maker's ladder is missing levels on either side or its centre has drifted
 * more than `driftSteps` ladder steps from the oracle, cancels the makers' orders in that market
 * and quotes fresh ladders around the oracle (the same `quoteLadder` the seeding uses).
 */
import type { Keypair, PublicKey } from "@solana/web3.js";
import type { PerpExchange } from "../exchange";
import { expectOk, quoteLadder } from "./seed";

export interface DemoMaker {
  name: string;
  kp: Keypair;
  marginAccount: PublicKey;
}

export interface LadderSpec {
  marketIndex: number;
  levels: number;
  stepBps: number;
  lots: bigint;
}

export interface MakerLoopOptions {
  intervalMs?: number;
  /** Re-centre once the ladder's mid is this many steps from the oracle (default 2). */
  driftSteps?: number;
  log?: (msg: string) => void;
  stop?: Promise<void>;
}

/** Why a market needs fresh quotes (null: it does not). */
export async function requoteReason(
  ex: PerpExchange,
  makers: DemoMaker[],
  spec: LadderSpec,
  driftSteps = 2,
): Promise<string | null> {
  const book = await ex.book(spec.marketIndex);
  const oracle = (await ex.priceFeed(spec.marketIndex)).price;
  for (const m of makers) {
    const bids = book.bids.filter((o) => o.owner.equals(m.marginAccount));
    const asks = book.asks.filter((o) => o.owner.equals(m.marginAccount));
    const full = (os: typeof bids) => os.length === spec.levels && os.every((o) => o.baseLots === spec.lots);
    if (!full(bids) || !full(asks))
      return `${m.name} has ${bids.length}/${spec.levels} bids and ${asks.length}/${spec.levels} asks complete`;
    const mid = (bids[0].price + asks[0].price) / 2n;
    const step = (oracle * BigInt(spec.stepBps)) / 10_000n;
    const drift = mid > oracle ? mid - oracle : oracle - mid;
    if (step > 0n && drift > step * BigInt(driftSteps)) return `${m.name}'s quotes drifted from the oracle`;
  }
  return null;
}

/** Cancels every maker's orders in the market, then quotes each maker's ladder around the oracle. */
export async function requote(ex: PerpExchange, makers: DemoMaker[], spec: LadderSpec) {
  const book = await ex.book(spec.marketIndex);
  for (const m of makers) {
    const resting = [...book.bids, ...book.asks].some((o) => o.owner.equals(m.marginAccount));
    if (resting)
      expectOk(
        await ex.chain.send(
          [ex.cancelAllOrdersIx(m.kp.publicKey, m.marginAccount, spec.marketIndex)],
          [m.kp],
        ),
        `cancel ${m.name}'s quotes`,
      );
  }
  const oracle = (await ex.priceFeed(spec.marketIndex)).price;
  for (const [i, m] of makers.entries())
    await quoteLadder(ex, m.kp, m.marginAccount, spec.marketIndex, oracle, {
      levels: spec.levels,
      stepBps: spec.stepBps,
      lots: spec.lots,
      offsetHalfSteps: i,
    });
}

/** One pass over every market; returns the markets re-quoted. */
export async function makerPass(
  ex: PerpExchange,
  makers: DemoMaker[],
  specs: LadderSpec[],
  o: MakerLoopOptions = {},
): Promise<number[]> {
  await ex.refresh();
  const done: number[] = [];
  for (const spec of specs) {
    const why = await requoteReason(ex, makers, spec, o.driftSteps ?? 2);
    if (!why) continue;
    try {
      await requote(ex, makers, spec);
      done.push(spec.marketIndex);
      o.log?.(`market ${spec.marketIndex} re-quoted (${why})`);
    } catch (e) {
      o.log?.(`market ${spec.marketIndex}: re-quote failed: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  return done;
}

/** Runs `makerPass` every `intervalMs` until `stop` resolves. Errors are logged, not fatal. */
export async function runMakers(
  ex: PerpExchange,
  makers: DemoMaker[],
  specs: LadderSpec[],
  o: MakerLoopOptions = {},
) {
  let stopped = false;
  o.stop?.then(() => (stopped = true));
  while (!stopped) {
    const t = Date.now();
    try {
      await makerPass(ex, makers, specs, o);
    } catch (e) {
      o.log?.(`maker pass failed: ${(e as Error).message.split("\n")[0]}`);
    }
    const wait = Math.max(0, (o.intervalMs ?? 2000) - (Date.now() - t));
    await Promise.race([new Promise((r) => setTimeout(r, wait)), o.stop]);
  }
}
