/**
 * A demo oracle publisher: keeps the demo's program-owned price feeds fresh (markets reject orders
 * on a stale oracle) with a small random walk that starts from whatever price is on chain, so a
 * crash replay that moves a feed is not pulled back.
 */
import type { Keypair, PublicKey } from "@solana/web3.js";
import type { PerpExchange } from "../exchange";
import { pushPrices } from "./seed";

export interface PricePusherOptions {
  /** Milliseconds between updates (default 2 000). */
  intervalMs?: number;
  /** Standard deviation of each step, bps of the price (default 3). */
  volBps?: number;
  log?: (msg: string) => void;
  /** Resolves when the pusher should stop. */
  stop?: Promise<void>;
}

/** Gaussian via Box–Muller. */
const gauss = () => Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());

/** One update of every market's feed: price × (1 + N(0, vol)), rounded to the market's tick. */
export async function stepPrices(ex: PerpExchange, authority: Keypair, volBps = 3) {
  await ex.refresh();
  const updates: { feed: PublicKey; price: bigint }[] = [];
  for (const m of ex.markets.values()) {
    const feed = await ex.priceFeed(m.marketIndex);
    if (!feed.authority.equals(authority.publicKey)) continue;
    const tick = m.state.params.tickSize;
    const bps = BigInt(Math.round(gauss() * volBps * 100)); // hundredths of a bp
    let price = feed.price + (feed.price * bps) / 1_000_000n;
    price = (price / tick) * tick;
    if (price <= 0n) price = tick;
    updates.push({ feed: m.oracle, price });
  }
  if (updates.length === 0) return null;
  return pushPrices(ex, authority, updates);
}

/** Runs `stepPrices` every `intervalMs` until `stop` resolves. Errors are logged, not fatal. */
export async function runPricePusher(ex: PerpExchange, authority: Keypair, o: PricePusherOptions = {}) {
  let stopped = false;
  o.stop?.then(() => (stopped = true));
  const log = o.log ?? (() => {});
  let n = 0;
  while (!stopped) {
    const t = Date.now();
    try {
      await stepPrices(ex, authority, o.volBps ?? 3);
      if (++n % 30 === 1) log(`pushed ${n} price updates`);
    } catch (e) {
      log(`price update failed: ${(e as Error).message.split("\n")[0]}`);
    }
    await new Promise((r) => setTimeout(r, Math.max(0, (o.intervalMs ?? 2000) - (Date.now() - t))));
  }
}
