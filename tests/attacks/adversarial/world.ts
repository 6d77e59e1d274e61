/**
 * The cast and the moves of the adversarial run. Two cross-margin markets (1.00 and 20.00 per lot,
 * test defaults: 10% order band = initial margin, 3% liquidation band), an insurance fund that a
 * cascade can exhaust, two market makers quoting ladders, honest traders levering up 1–12× in both
 * markets, an attacker owning two margin accounts (sub-accounts 0 and 1) that rests orders at the
 * band edges and trades them against itself, a registered backstop committing capacity for both
 * markets, the real keeper (`client/src/keeper`) running passes, and "anyone" sending every
 * waterfall instruction directly at random accounts. Oracles move a little, gap up to ±50% either
 * way, go stale and go wide.
 */
import { createTransferInstruction } from "@solana/spl-token";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import {
  defaultMarketParams,
  math,
  NO_MARKET,
  OrderType,
  PerpExchange,
  Side,
  type MarginAccountState,
} from "@perp-margin/client";
import { Keeper } from "@perp-margin/client/src/keeper";
import type { Trader, Venue } from "../../harness/venue";
import { adlQueue } from "../lib";
import { marketTable, withdrawable } from "./checks";
import { CheckedChain, Run, rng } from "./run";

export const USDC = 1_000_000n;
const BPS = 10_000n;

export interface World {
  v: Venue;
  run: Run;
  rand: () => number;
  /** Reference prices (where the end phase brings every market back). */
  ref: bigint[];
  makers: Trader[];
  honest: Trader[];
  /** The attacker's two margin accounts (one owner). */
  attacker: [Trader, Trader];
  backstop: Trader;
  keeperT: Trader;
  donor: Trader;
  keeper: Keeper;
  keeperLog: string[];
  /** Per market: slot until which the feed is left unpublished (stale window). */
  staleUntil: bigint[];
  /** Per market: slot until which the published confidence stays wide. */
  wideUntil: bigint[];
  /** Per market: the confidence currently published. */
  conf: bigint[];
  all: Trader[];
}

export async function createWorld(v: Venue, seed: bigint): Promise<World> {
  const rand = rng(seed);
  v.initExchange({ insurance: 3_000n * USDC });
  const ref = [1_000_000n, 20_000_000n];
  for (const p of ref) v.createMarket(p, defaultMarketParams({ fundingPeriodSlots: 50n }));
  const makers = [v.createTrader(1_000_000n * USDC), v.createTrader(1_000_000n * USDC)];
  const honest: Trader[] = [];
  for (let i = 0; i < 6; i++) honest.push(v.createTrader(BigInt(300 + 500 * i) * USDC));
  const a0 = v.createTrader(2_000n * USDC, 0);
  const a1 = v.createTrader(2_000n * USDC, 1, a0.kp);
  const backstop = v.createTrader(20_000n * USDC);
  const keeperT = v.createKeeper();
  const donor = v.createTrader(0n);
  v.mintTo(donor.token, 1_000n);
  const all = [...makers, ...honest, a0, a1, backstop, keeperT, donor];
  const run = new Run(
    v,
    all.map((t) => t.account),
    all.map((t) => t.token),
    seed,
  );
  const keeperLog: string[] = [];
  const ex = new PerpExchange(new CheckedChain(run), v.exchangeId);
  for (const [i, f] of v.markets) ex.markets.set(i, f);
  const keeper = new Keeper(ex, keeperT.kp, keeperT.account, {
    log: (l) => keeperLog.push(l),
    maxRounds: 20,
  });
  const w: World = {
    v,
    run,
    rand,
    ref,
    makers,
    honest,
    attacker: [a0, a1],
    backstop,
    keeperT,
    donor,
    keeper,
    keeperLog,
    staleUntil: ref.map(() => 0n),
    wideUntil: ref.map(() => 0n),
    conf: ref.map(() => 0n),
    all,
  };
  run.where = "setup";
  const reg = run.send(
    [await v.client.registerBackstopIx(backstop.kp.publicKey, backstop.account, 0b11n, 10_000n * USDC)],
    [backstop.kp],
  );
  if (!reg.ok) throw new Error(`register_backstop: ${reg.error?.name ?? reg.rawError}`);
  for (let m = 0; m < ref.length; m++) for (const mk of makers) await quote(w, mk, m);
  return w;
}

// ------------------------------------------------------------------------------------------ util

const pick = <T>(w: World, xs: T[]): T => xs[Math.floor(w.rand() * xs.length)];
const int = (w: World, lo: number, hi: number) => lo + Math.floor(w.rand() * (hi - lo + 1));
export const oracle = (w: World, m: number) => w.v.feedState(m).price;
const scale = (p: bigint, bps: bigint) => (p * bps) / BPS;

function freeOf(w: World, t: Trader): bigint {
  return withdrawable(w.v.account(t), marketTable(w.v));
}

function equityOf(w: World, a: MarginAccountState): bigint {
  return math.accountHealth(a, marketTable(w.v), "conservative").equityNative;
}

export function publish(w: World, m: number, price: bigint, conf = w.conf[m]) {
  const f = w.v.markets.get(m)!;
  w.conf[m] = conf;
  return w.run.send(
    [w.v.client.updatePriceIx(f.feedAuthority.publicKey, f.feed, price, conf)],
    [f.feedAuthority],
  );
}

/**
 * Republishes every feed that is about to go stale, except one inside its stale window, and
 * tightens a wide confidence once its window is over.
 */
export function keepFresh(w: World) {
  const slot = w.v.slot();
  for (let m = 0; m < w.ref.length; m++) {
    if (slot < w.staleUntil[m]) continue;
    if (w.conf[m] !== 0n && slot >= w.wideUntil[m]) publish(w, m, oracle(w, m), 0n);
    else if (slot - w.v.feedState(m).publishSlot > 15n) publish(w, m, oracle(w, m));
  }
}

async function order(
  w: World,
  t: Trader,
  m: number,
  side: Side,
  price: bigint,
  lots: bigint,
  type: OrderType,
  reduceOnly = false,
  label?: string,
) {
  if (lots <= 0n) lots = 1n;
  return w.run.send([await w.v.orderIx(t, m, side, price, lots, { type, reduceOnly })], [t.kp], label);
}

/**
 * A maker pulls its quotes in `m` and posts a 3-level ladder each side, 0.2–1.5% off the oracle, as
 * limit orders: after a gap they trade against whatever stale orders the book still holds.
 */
export async function quote(w: World, mk: Trader, m: number) {
  const p = oracle(w, m);
  const ixs: TransactionInstruction[] = [w.v.cancelAllIx(mk, m)];
  for (let lvl = 1; lvl <= 3; lvl++) {
    const off = BigInt(lvl * int(w, 20, 50));
    const lots = BigInt(int(w, 200, 4_000)) * (m === 0 ? 20n : 1n);
    ixs.push(await w.v.orderIx(mk, m, Side.Bid, scale(p, BPS - off), lots, { type: OrderType.Limit }));
    ixs.push(await w.v.orderIx(mk, m, Side.Ask, scale(p, BPS + off), lots, { type: OrderType.Limit }));
  }
  return w.run.send(ixs, [mk.kp], "maker_quote");
}

// ------------------------------------------------------------------------------------------ moves

/** An honest trader opens, adds or reduces at 1–12× its equity, near the oracle. */
async function honestTrade(w: World) {
  const t = pick(w, w.honest);
  const m = int(w, 0, w.ref.length - 1);
  const p = oracle(w, m);
  const a = w.v.account(t);
  let eq = 0n;
  try {
    eq = equityOf(w, a);
  } catch {
    eq = a.cashNative;
  }
  const lev = BigInt(int(w, 1, 12));
  const lots = eq > 0n ? (eq * lev) / p / BigInt(int(w, 1, 3)) : 1n;
  const side = w.rand() < 0.5 ? Side.Bid : Side.Ask;
  const off = BigInt(int(w, -300, 300));
  const price = scale(p, BPS + (side === Side.Bid ? off : -off));
  const type = pick(w, [
    OrderType.Limit,
    OrderType.ImmediateOrCancel,
    OrderType.ImmediateOrCancel,
    OrderType.PostOnly,
  ]);
  return order(w, t, m, side, price, lots, type, w.rand() < 0.15);
}

/** The attacker rests an order at (or just past) the order band edge, sized to its margin. */
async function attackerEdge(w: World) {
  const t = pick(w, w.attacker);
  const m = int(w, 0, w.ref.length - 1);
  const p = oracle(w, m);
  const band = BigInt(w.v.marketState(m).params.priceBandBps);
  const side = w.rand() < 0.5 ? Side.Bid : Side.Ask;
  // Inside the band by 0–2 bps, or one bps past it (refused).
  const edge = w.rand() < 0.15 ? band + 1n : band - BigInt(int(w, 0, 2));
  const price = scale(p, side === Side.Bid ? BPS + edge : BPS - edge);
  const imf = BigInt(w.v.marketState(m).params.initialMarginBps);
  const free = freeOf(w, t);
  const factor = BigInt(int(w, 50, 115)); // % of the largest size the margin should allow
  const lots = (free * BPS * factor) / (imf * price * 100n);
  // Post-only rests only where the book is empty up to the edge; a limit order first takes the
  // makers' quotes on the way and rests the rest at the edge.
  const type = w.rand() < 0.6 ? OrderType.Limit : OrderType.PostOnly;
  return order(w, t, m, side, price, lots, type, w.rand() < 0.1, "attacker:edge_order");
}

/** The attacker's other account takes its sibling's resting order at that order's price. */
async function selfTrade(w: World) {
  const [x, y] = w.rand() < 0.5 ? w.attacker : [w.attacker[1], w.attacker[0]];
  const m = int(w, 0, w.ref.length - 1);
  const book = w.v.bookState(m);
  const bids = book.bids.filter((o) => o.owner.equals(x.account));
  const asks = book.asks.filter((o) => o.owner.equals(x.account));
  const o = w.rand() < 0.5 ? (bids[0] ?? asks[0]) : (asks[0] ?? bids[0]);
  if (!o) return attackerEdge(w);
  const takerSide = bids.includes(o) ? Side.Ask : Side.Bid;
  const taker = w.rand() < 0.85 ? y : pick(w, w.honest); // sometimes an honest taker gets there first
  const label = taker === y ? "attacker:self_trade" : "honest:takes_edge_order";
  return order(
    w,
    taker,
    m,
    takerSide,
    o.price,
    o.baseLots,
    OrderType.ImmediateOrCancel,
    w.rand() < 0.1,
    label,
  );
}

async function cancel(w: World) {
  const t = pick(w, [...w.honest, ...w.attacker, ...w.makers]);
  const m = int(w, 0, w.ref.length - 1);
  const book = w.v.bookState(m);
  const mine = [...book.bids, ...book.asks].filter((o) => o.owner.equals(t.account));
  if (mine.length && w.rand() < 0.6) return w.run.send([w.v.cancelIx(t, m, pick(w, mine).orderId)], [t.kp]);
  return w.run.send([w.v.cancelAllIx(t, m)], [t.kp]);
}

async function deposit(w: World) {
  const t = pick(w, [...w.honest, ...w.attacker]);
  const amt = BigInt(int(w, 1, 800)) * USDC + BigInt(int(w, 0, 999));
  if (w.rand() < 0.85) w.v.mintTo(t.token, amt); // else: more than the wallet holds (refused)
  return w.run.send([w.v.depositIx(t, amt, 0n)], [t.kp]);
}

/** A random amount, exactly everything the mirror says is free, or one unit more than that. */
async function withdraw(w: World) {
  const t = pick(w, [...w.honest, ...w.attacker, ...w.attacker, w.backstop]);
  const free = freeOf(w, t);
  const r = w.rand();
  const amt = r < 0.4 ? free : r < 0.55 ? free + 1n : BigInt(int(w, 1, 600)) * USDC + BigInt(int(w, 0, 999));
  return w.run.send([await w.v.withdrawIx(t, amt > 0n ? amt : 1n)], [t.kp]);
}

/** Small moves, gaps up to ±50%, stale windows, wide confidence; prices stay within 0.3–3× ref. */
function moveOracle(w: World) {
  const m = int(w, 0, w.ref.length - 1);
  const p = oracle(w, m);
  const r = w.rand();
  if (r < 0.07) {
    // stale: nobody publishes this market for 30 slots and then a few more
    w.v.warp(30);
    w.staleUntil[m] = w.v.slot() + BigInt(int(w, 2, 10));
    return publishOthers(w, m);
  }
  if (r < 0.14) {
    // wide: confidence above the 2% limit for a few slots (sometimes just inside it)
    w.wideUntil[m] = w.v.slot() + BigInt(int(w, 2, 10));
    return publish(w, m, p, scale(p, BigInt(int(w, 150, 600))));
  }
  let bps: number;
  if (r < 0.3)
    bps = int(w, 1_000, 5_000) * (w.rand() < 0.5 ? -1 : 1); // a gap, either way
  else bps = int(w, -200, 200);
  let next = scale(p, BPS + BigInt(bps));
  const lo = scale(w.ref[m], 3_000n);
  const hi = w.ref[m] * 3n;
  if (next < lo || next > hi) next = scale(p, BPS - BigInt(bps)); // mean-revert instead
  if (next < 1n) next = 1n;
  w.v.warp(int(w, 0, 2));
  return publish(w, m, next);
}

function publishOthers(w: World, except: number) {
  let r = publish(w, (except + 1) % w.ref.length, oracle(w, (except + 1) % w.ref.length));
  for (let m = 0; m < w.ref.length; m++)
    if (m !== except && m !== (except + 1) % w.ref.length) r = publish(w, m, oracle(w, m));
  return r;
}

/** Anyone sends a waterfall instruction straight at a random account. */
async function waterfallDirect(w: World) {
  const v = w.v;
  const k = w.keeperT;
  const target = pick(w, [...w.honest, ...w.attacker, ...w.attacker, w.backstop, ...w.makers]);
  const a = v.account(target);
  const held = a.positions.filter((p) => p.marketIndex !== NO_MARKET && p.baseLots !== 0n);
  const m = held.length ? pick(w, held).marketIndex : int(w, 0, w.ref.length - 1);
  const base = a.positions.find((p) => p.marketIndex === m)?.baseLots ?? 0n;
  const r = w.rand();
  if (r < 0.3) {
    // the attacker's other account liquidates (its sibling, mostly), collecting the keeper fee
    const [liq] = w.rand() < 0.5 ? [w.attacker[1]] : [k];
    return w.run.send(
      [await v.client.liquidateIx(liq.kp.publicKey, liq.account, target.account, m)],
      [liq.kp],
    );
  }
  if (r < 0.45) {
    const lots = base < 0n ? -base : base;
    return w.run.send(
      [await v.client.backstopLiquidateIx(k.kp.publicKey, w.backstop.account, target.account, m, lots)],
      [k.kp],
    );
  }
  if (r < 0.65) {
    let cands: PublicKey[] = [];
    try {
      cands = adlQueue(v, m, base >= 0n ? "short" : "long")
        .filter((c) => !c.equals(target.account))
        .slice(0, 8);
    } catch {
      // the market's oracle fails its guard: no ranking (the program refuses the step too)
    }
    return w.run.send([await v.client.autoDeleverageIx(k.kp.publicKey, target.account, m, cands)], [k.kp]);
  }
  if (r < 0.8 && a.deficitMarketIndex !== NO_MARKET) {
    const ix =
      w.rand() < 0.5
        ? await v.client.resolveBankruptcyIx(k.kp.publicKey, target.account)
        : await v.client.socializeLossIx(k.kp.publicKey, target.account);
    return w.run.send([ix], [k.kp]);
  }
  if (r < 0.93) return w.run.send([await v.client.markUnderwaterIx(k.kp.publicKey, target.account)], [k.kp]);
  return w.run.send([await v.client.evictBackstopIx(k.kp.publicKey, w.backstop.account)], [k.kp]);
}

/** Donations of one unit into either vault, sweeps, funding updates. */
function misc(w: World) {
  const v = w.v;
  const r = w.rand();
  if (r < 0.35) {
    const vault = w.rand() < 0.5 ? v.vault : v.insuranceVault;
    return w.run.send(
      [createTransferInstruction(w.donor.token, vault, w.donor.kp.publicKey, 1n)],
      [w.donor.kp],
      "donate",
      undefined,
      () => v.expectDonation(vault, 1n),
    );
  }
  if (r < 0.6) return w.run.send([v.client.sweepSurplusIx(w.donor.kp.publicKey)], [w.donor.kp]);
  return w.run.send([v.client.updateFundingIx(int(w, 0, w.ref.length - 1))], [v.admin]);
}

async function keeperPass(w: World) {
  try {
    await w.keeper.runOnce();
  } catch (e) {
    throw new Error(`${w.run.where}: the keeper threw: ${(e as Error).stack}`);
  }
}

/** One random step of the run. */
export async function step(w: World) {
  const r = w.rand();
  if (r < 0.26) await honestTrade(w);
  else if (r < 0.34) await quote(w, pick(w, w.makers), int(w, 0, w.ref.length - 1));
  else if (r < 0.42) await attackerEdge(w);
  else if (r < 0.49) await selfTrade(w);
  else if (r < 0.53) await cancel(w);
  else if (r < 0.57) await deposit(w);
  else if (r < 0.63) await withdraw(w);
  else if (r < 0.74) moveOracle(w);
  else if (r < 0.84) await keeperPass(w);
  else if (r < 0.95) await waterfallDirect(w);
  else misc(w);
  if (w.rand() < 0.3) w.v.warp(1);
  keepFresh(w);
}
