/**
 * Read-only views: `account` (alias `positions`), `book`, `markets`. Risk figures come from the
 * math mirror (`risk.ts`), over one snapshot of exchange, markets and oracles.
 */
import type { Command } from "commander";
import type { PublicKey } from "@solana/web3.js";
import {
  AccountStatus,
  InputError,
  type MarketInfo,
  type MarketSnapshot,
  accountView,
  decodeOrderBook,
  formatBps,
  formatLeverage,
  levels,
  marketName,
  parseInteger,
} from "../..";
import { U64_MAX } from "../../math";
import { action } from "../command";
import { type CliContext, parsePubkey } from "../context";
import { subAccount } from "./trader";
import { policyName } from "./admin";

const ratioText = (bps: bigint) => (bps === U64_MAX ? "∞ (equity ≤ 0)" : formatBps(bps));
const abs = (v: bigint) => (v < 0n ? -v : v);
const leverage = formatLeverage;

async function account(ctx: CliContext, o: Record<string, string>) {
  const snap = await ctx.snapshot();
  let key: PublicKey;
  if (o.account) key = parsePubkey(o.account, "--account");
  else
    key = ctx.ex.marginPda(
      o.owner ? parsePubkey(o.owner, "--owner") : ctx.keypair().publicKey,
      subAccount(o),
    );
  const everyone = await ctx.ex.allMarginAccounts();
  const found = everyone.find((a) => a.pubkey.equals(key));
  if (!found) throw new InputError(`no margin account ${key.toBase58()} on exchange ${ctx.exchangeId}`);
  const st = found.state;
  const view = accountView(snap, key, st, everyone);
  const r = view.risk;
  const name = (i: number) => marketName(snap.markets.get(i)!.state);
  const lines = [
    `margin account ${key.toBase58()} (owner ${st.owner.toBase58()}, ${AccountStatus[st.status] ?? st.status})`,
    `  cash ${ctx.fmt(st.cashNative)}  deficit ${ctx.fmt(st.deficitNative)}  equity ${ctx.fmt(r.equityNative)}  free collateral ${ctx.fmt(r.freeCollateralNative)}`,
    `  maintenance ${ctx.fmt(r.maintReqNative)}  initial ${ctx.fmt(r.initReqNative)}  margin ratio ${ratioText(r.marginRatioBps)}${r.isLiquidatable ? "  LIQUIDATABLE" : ""}`,
  ];
  if (view.oracleWarning) lines.push(`  warning: ${view.oracleWarning}`);
  if (view.positions.length === 0) lines.push("  no positions");
  for (const p of view.positions) {
    const mk = snap.markets.get(p.marketIndex)!;
    const size = abs(p.risk.baseLots);
    const entry = size !== 0n ? p.risk.entryNotionalNative / size : 0n;
    const notional = size * p.risk.oraclePrice;
    const lev = leverage(notional, r.equityNative);
    lines.push(
      `  ${name(p.marketIndex)} ${p.risk.baseLots > 0n ? "long" : "short"} ${ctx.fmtSize(mk, size)} (notional ${ctx.fmtNotional(mk, notional)}, ${lev})  entry ${ctx.fmtPrice(mk, entry)}  oracle ${ctx.fmtPrice(mk, p.risk.oraclePrice)}  uPnL ${ctx.fmt(p.risk.unrealizedPnlNative)}  liq. price ${p.risk.liquidationPrice === 0n ? "none" : ctx.fmtPrice(mk, p.risk.liquidationPrice)}  ADL ${p.adlQuantile}/5`,
    );
  }
  const orders = await openOrders(
    ctx,
    snap,
    key,
    st.positions.filter((p) => p.openOrders > 0).map((p) => p.marketIndex),
  );
  for (const od of orders) {
    const mk = snap.markets.get(od.marketIndex)!;
    lines.push(
      `  order ${od.orderId} ${name(od.marketIndex)} ${od.side} ${ctx.fmtSize(mk, od.lots)} @ ${ctx.fmtPrice(mk, od.price)}`,
    );
  }
  ctx.print(lines, {
    marginAccount: key,
    owner: st.owner,
    status: AccountStatus[st.status] ?? st.status,
    slot: snap.slot,
    cash: ctx.amountJson(st.cashNative),
    deficit: ctx.amountJson(st.deficitNative),
    equity: ctx.amountJson(r.equityNative),
    maintenanceRequirement: ctx.amountJson(r.maintReqNative),
    initialRequirement: ctx.amountJson(r.initReqNative),
    freeCollateral: ctx.amountJson(r.freeCollateralNative),
    marginRatioBps: r.marginRatioBps,
    liquidatable: r.isLiquidatable,
    oracleWarning: view.oracleWarning ?? null,
    positions: view.positions.map((p) => ({
      market: p.marketIndex,
      name: name(p.marketIndex),
      baseLots: p.risk.baseLots,
      size: ctx.sizeJson(snap.markets.get(p.marketIndex)!, p.risk.baseLots),
      entryPrice: ctx.priceJson(
        snap.markets.get(p.marketIndex)!,
        p.risk.baseLots !== 0n ? p.risk.entryNotionalNative / abs(p.risk.baseLots) : 0n,
      ),
      leverage: leverage(abs(p.risk.baseLots) * p.risk.oraclePrice, r.equityNative),
      entryNotional: ctx.amountJson(p.risk.entryNotionalNative),
      oraclePrice: ctx.priceJson(snap.markets.get(p.marketIndex)!, p.risk.oraclePrice),
      unrealizedPnl: ctx.amountJson(p.risk.unrealizedPnlNative),
      liquidationPrice: ctx.priceJson(snap.markets.get(p.marketIndex)!, p.risk.liquidationPrice),
      adlScore: p.risk.adl.score,
      adlQuantile: p.adlQuantile,
      adlRank: p.adlRank ?? null,
      adlQueueLength: p.adlQueueLength,
    })),
    orders: orders.map((od) => ({
      ...od,
      price: ctx.priceJson(snap.markets.get(od.marketIndex)!, od.price),
      size: ctx.sizeJson(snap.markets.get(od.marketIndex)!, od.lots),
    })),
  });
}

/** The account's resting orders in the given markets (one read of their books). */
async function openOrders(ctx: CliContext, snap: MarketSnapshot, key: PublicKey, indices: number[]) {
  if (indices.length === 0) return [];
  const books = await ctx.chain.getAccounts(indices.map((i) => snap.markets.get(i)!.orderBook));
  const out: { marketIndex: number; orderId: bigint; side: string; price: bigint; lots: bigint }[] = [];
  books.forEach((d, i) => {
    if (!d) return;
    const b = decodeOrderBook(d);
    for (const [side, list] of [
      ["buy", b.bids],
      ["sell", b.asks],
    ] as const)
      for (const od of list)
        if (od.owner.equals(key))
          out.push({
            marketIndex: indices[i],
            orderId: od.orderId,
            side,
            price: od.price,
            lots: od.baseLots,
          });
  });
  return out;
}

async function book(ctx: CliContext, o: Record<string, string>) {
  const snap = await ctx.snapshot();
  const m = ctx.market(o.market);
  const depth = Number(parseInteger(o.depth ?? "10", "--depth"));
  const b = await ctx.ex.book(m.marketIndex);
  const bids = levels(b.bids, depth);
  const asks = levels(b.asks, depth);
  const oracle = snap.feeds.get(m.marketIndex)?.price ?? 0n;
  const mid = bids[0] && asks[0] ? (bids[0].price + asks[0].price) / 2n : null;
  const lines = [
    `${marketName(m.state)} book  oracle ${ctx.fmtPrice(m, oracle)}  mid ${mid === null ? "-" : ctx.fmtPrice(m, mid)}`,
  ];
  const row = (kind: string, l: { price: bigint; lots: bigint; orders: number }) =>
    `  ${kind} ${ctx.fmtPrice(m, l.price).padStart(18)}  ${ctx.fmtSize(m, l.lots).padStart(16)} (${l.orders})`;
  for (const l of [...asks].reverse()) lines.push(row("ask", l));
  lines.push("  ----");
  for (const l of bids) lines.push(row("bid", l));
  const lj = (l: { price: bigint; lots: bigint; orders: number }) => ({
    price: ctx.priceJson(m, l.price),
    size: ctx.sizeJson(m, l.lots),
    lots: l.lots,
    orders: l.orders,
  });
  ctx.print(lines, {
    market: m.marketIndex,
    name: marketName(m.state),
    oraclePrice: ctx.priceJson(m, oracle),
    mid: mid === null ? null : ctx.priceJson(m, mid),
    bids: bids.map(lj),
    asks: asks.map(lj),
    orders: {
      bids: b.bids.map((x) => ({
        ...x,
        price: ctx.priceJson(m, x.price),
        size: ctx.sizeJson(m, x.baseLots),
      })),
      asks: b.asks.map((x) => ({
        ...x,
        price: ctx.priceJson(m, x.price),
        size: ctx.sizeJson(m, x.baseLots),
      })),
    },
  });
}

function marketJson(ctx: CliContext, snap: MarketSnapshot, m: MarketInfo) {
  const s = m.state;
  const feed = snap.feeds.get(m.marketIndex);
  const q = snap.table.get(m.marketIndex);
  return {
    index: m.marketIndex,
    name: marketName(s),
    market: m.market,
    oracle: m.oracle,
    orderBook: m.orderBook,
    status: ["active", "reduce-only", "halted"][s.status] ?? s.status,
    oraclePrice: ctx.priceJson(m, feed?.price ?? 0n),
    base: ctx.units(m).base,
    baseDecimals: m.state.oracleBaseDecimals,
    baseLotSize: m.state.params.baseLotSize,
    lotSize: ctx.sizeJson(m, 1n).base,
    oracleSlot: feed?.publishSlot ?? 0n,
    oracleError: q?.oracleError ?? null,
    openInterestLots: s.openInterestLots,
    cumulativeFunding: s.cumulativeFunding,
    lastPremiumBps: s.lastPremiumBps,
    lastFundingSlot: s.lastFundingSlot,
    initialMarginBps: s.params.initialMarginBps,
    maintenanceMarginBps: s.params.maintenanceMarginBps,
    takerFeeBps: s.params.takerFeeBps,
    makerFeeBps: s.params.makerFeeBps,
    priceBandBps: s.params.priceBandBps,
    tick: ctx.priceJson(m, s.params.tickSize),
    volume: ctx.amountJson(s.volumeNative),
    insuranceDrawn: ctx.amountJson(s.insuranceDrawnNative),
  };
}

async function markets(ctx: CliContext) {
  const snap = await ctx.snapshot();
  const list = [...snap.markets.values()].map((m) => marketJson(ctx, snap, m));
  const lines = [
    `exchange ${ctx.exchangeId} ${ctx.ex.exchange.toBase58()}  policy ${policyName(snap.exchange.depositPolicy)}  slot ${snap.slot}`,
  ];
  if (list.length === 0) lines.push("  no markets");
  for (const m of list)
    lines.push(
      `  ${m.index} ${m.name.padEnd(12)} oracle ${ctx.fmtPrice(snap.markets.get(m.index)!, BigInt(m.oraclePrice.nativePerLot))}${m.oracleError ? ` (${m.oracleError})` : ""}  OI ${ctx.fmtSize(snap.markets.get(m.index)!, m.openInterestLots)}  funding premium ${m.lastPremiumBps} bps  IM ${formatBps(BigInt(m.initialMarginBps))} MM ${formatBps(BigInt(m.maintenanceMarginBps))}  ${m.status}`,
    );
  ctx.print(lines, {
    exchange: ctx.ex.exchange,
    exchangeId: ctx.exchangeId,
    slot: snap.slot,
    depositPolicy: policyName(snap.exchange.depositPolicy),
    markets: list,
  });
}

export function registerViews(program: Command) {
  for (const name of ["account", "positions"]) {
    program
      .command(name)
      .description("margin account: positions, equity, margin ratio, liquidation price, ADL indicator")
      .option("--owner <pubkey>", "owner wallet (default: signer)")
      .option("--account <pubkey>", "margin account address")
      .option("--sub-account <n>", "sub-account id", "0")
      .action(action(account));
  }
  program
    .command("book")
    .description("order book of a market")
    .requiredOption("--market <index|name>", "market")
    .option("--depth <n>", "price levels per side", "10")
    .action(action(book));
  program
    .command("markets")
    .description("markets with oracle price, open interest and funding")
    .action(action((ctx) => markets(ctx)));
}
