/**
 * Trader commands: `create-account`, `deposit` (with the policy preview before signing),
 * `withdraw`, `order`, `cancel`, `cancel-all`. The signer is the margin account owner.
 */
import type { Command } from "commander";
import type { PublicKey } from "@solana/web3.js";
import {
  InputError,
  type MarketUnits,
  checkPriceBand,
  OrderType,
  Side,
  ata,
  depositPreview,
  describePreview,
  eventsNamed,
  marketName,
  parseInteger,
} from "../..";
import { action } from "../command";
import { type CliContext, parsePubkey } from "../context";

const SIDES: Record<string, Side> = {
  buy: Side.Bid,
  bid: Side.Bid,
  long: Side.Bid,
  sell: Side.Ask,
  ask: Side.Ask,
  short: Side.Ask,
};
const TYPES: Record<string, OrderType> = {
  limit: OrderType.Limit,
  "post-only": OrderType.PostOnly,
  ioc: OrderType.ImmediateOrCancel,
};

export const subAccount = (o: Record<string, string>) => {
  const v = parseInteger(o.subAccount ?? "0", "--sub-account");
  if (v > 0xffffn) throw new InputError(`--sub-account ${v} is not in 0..65535`);
  return Number(v);
};

/** The signer's margin account, which must exist. */
export async function ownMarginAccount(ctx: CliContext, o: Record<string, string>) {
  const owner = ctx.keypair().publicKey;
  const key = ctx.ex.marginPda(owner, subAccount(o));
  const state = await ctx.ex.marginAccount(key);
  if (!state)
    throw new InputError(
      `no margin account for ${owner.toBase58()} (sub-account ${subAccount(o)}) on exchange ${ctx.exchangeId}: run perp create-account`,
    );
  return { owner, key, state };
}

function tokenAccount(o: Record<string, string>, owner: PublicKey, mint: PublicKey) {
  return o.token ? parsePubkey(o.token, "--token") : ata(owner, owner, mint).address;
}

async function createAccount(ctx: CliContext, o: Record<string, string>) {
  const state = await ctx.load();
  const owner = ctx.keypair().publicKey;
  const { ix, marginAccount } = ctx.ex.createMarginAccountIx(owner, subAccount(o));
  if (await ctx.ex.marginAccount(marginAccount))
    throw new InputError(`margin account ${marginAccount.toBase58()} already exists`);
  const token = ata(owner, owner, state.collateralMint);
  const r = await ctx.send([ix, token.createIx]);
  ctx.print(
    `margin account ${marginAccount.toBase58()} (owner ${owner.toBase58()}, collateral token ${token.address.toBase58()})`,
    {
      marginAccount,
      owner,
      subAccountId: subAccount(o),
      tokenAccount: token.address,
      signature: r.signature,
    },
  );
}

async function deposit(ctx: CliContext, o: Record<string, string>) {
  const ex = await ctx.load();
  const { owner, key, state } = await ownMarginAccount(ctx, o);
  const amount = ctx.amount(o.amount);
  if (amount === 0n) throw new InputError("--amount must be greater than zero");
  const maxDebt = o.maxDebtRepayment ? ctx.amount(o.maxDebtRepayment, "--max-debt-repayment") : 0n;
  const preview = depositPreview(ex.depositPolicy, state.deficitNative, amount, maxDebt);
  const previewLines = describePreview(preview, state.deficitNative, (v) => ctx.fmt(v));
  const previewJson = {
    deficit: ctx.amountJson(state.deficitNative),
    ...(preview.ok
      ? { toDebt: ctx.amountJson(preview.toDebt), credited: ctx.amountJson(preview.credited) }
      : { rejected: preview.error }),
  };
  // Shown before anything is signed: where this deposit will go under the exchange's policy.
  if (!ctx.json && state.deficitNative > 0n)
    process.stdout.write(`${previewLines.map((l) => `preview: ${l}`).join("\n")}\n`);
  if (o.dryRun) return ctx.print(previewLines, { dryRun: true, preview: previewJson });
  if (!preview.ok) throw new InputError(`deposit refused before signing: ${previewLines.join("; ")}`);
  const token = tokenAccount(o, owner, ex.collateralMint);
  const r = await ctx.send([ctx.ex.depositIx(owner, key, token, amount, maxDebt)]);
  const ev = eventsNamed(r.events, "Deposit")[0];
  ctx.print(
    [
      `deposited ${ctx.fmt(amount)} into ${key.toBase58()}: ${ctx.fmt(ev?.creditedNative ?? amount)} credited, ${ctx.fmt(ev?.toDebtNative ?? 0n)} to debt; cash ${ctx.fmt(ev?.cashAfterNative ?? 0n)}`,
    ],
    {
      marginAccount: key,
      amount: ctx.amountJson(amount),
      preview: previewJson,
      credited: ctx.amountJson(ev?.creditedNative ?? 0n),
      toDebt: ctx.amountJson(ev?.toDebtNative ?? 0n),
      cashAfter: ctx.amountJson(ev?.cashAfterNative ?? 0n),
      deficitAfter: ctx.amountJson(ev?.deficitAfterNative ?? 0n),
      signature: r.signature,
    },
  );
}

async function withdraw(ctx: CliContext, o: Record<string, string>) {
  const ex = await ctx.load();
  const { owner, key } = await ownMarginAccount(ctx, o);
  const amount = ctx.amount(o.amount);
  const token = tokenAccount(o, owner, ex.collateralMint);
  const r = await ctx.send([await ctx.ex.withdrawIx(owner, key, token, amount)]);
  const ev = eventsNamed(r.events, "Withdraw")[0];
  ctx.print(
    `withdrew ${ctx.fmt(amount)} to ${token.toBase58()}; cash ${ctx.fmt(ev?.cashAfterNative ?? 0n)}`,
    {
      marginAccount: key,
      amount: ctx.amountJson(amount),
      cashAfter: ctx.amountJson(ev?.cashAfterNative ?? 0n),
      signature: r.signature,
    },
  );
}

async function order(ctx: CliContext, o: Record<string, string>) {
  await ctx.load();
  const m = ctx.market(o.market);
  const side = SIDES[(o.side ?? "").toLowerCase()];
  if (side === undefined) throw new InputError(`--side "${o.side}" is not buy|sell (or bid|ask, long|short)`);
  const typeName = (o.type ?? "limit").toLowerCase();
  const isMarket = typeName === "market";
  const type = isMarket ? OrderType.ImmediateOrCancel : TYPES[typeName];
  if (type === undefined)
    throw new InputError(`--type "${o.type}" is not one of ${[...Object.keys(TYPES), "market"].join(", ")}`);
  const lots = ctx.size(m, o.size);
  const feed = await ctx.ex.priceFeed(m.marketIndex);
  const u = ctx.units(m);
  const band = m.state.params.priceBandBps;
  let price: bigint;
  if (isMarket) {
    // A market order: IOC at the oracle ± the slippage cap (never beyond the market's band).
    if (o.price) throw new InputError("--type market takes --slippage-bps, not --price");
    const slip = parseInteger(o.slippageBps ?? "100", "--slippage-bps");
    if (slip === 0n || slip > BigInt(band))
      throw new InputError(`--slippage-bps must be between 1 and the market's price band ${band}`);
    price = marketLimitPrice(u, feed.price, side, slip);
  } else price = ctx.price(m, o.price);
  checkPriceBand(u, price, feed.price, band, "--price");
  const { owner, key } = await ownMarginAccount(ctx, o);
  const ix = await ctx.ex.placeOrderIx(owner, key, m.marketIndex, side, price, lots, {
    type,
    reduceOnly: !!o.reduceOnly,
    clientOrderId: o.clientOrderId ? parseInteger(o.clientOrderId, "--client-order-id") : 0n,
  });
  const r = await ctx.send([ix]);
  const placed = eventsNamed(r.events, "OrderPlaced")[0];
  const fills = eventsNamed(r.events, "Fill");
  const sideName = side === Side.Bid ? "buy" : "sell";
  const filled = placed?.filledLots ?? fills.reduce((a, f) => a + f.lots, 0n);
  const notional = fills.reduce((a, f) => a + f.lots * f.price, 0n);
  const avg = filled > 0n ? notional / filled : 0n;
  const ioc = type === OrderType.ImmediateOrCancel;
  const head =
    ioc && filled === 0n
      ? `${sideName} ${ctx.fmtSize(m, lots)} ${marketName(m.state)} (${isMarket ? "market" : "ioc"}, limit ${ctx.fmtPrice(m, price)}): nothing filled — no resting order at that price or better; nothing rests (IOC)`
      : `${sideName} ${ctx.fmtSize(m, lots)} ${marketName(m.state)} @ ${ctx.fmtPrice(m, price)}: order ${placed?.orderId ?? "?"}, filled ${ctx.fmtSize(m, filled)}${filled > 0n ? ` at avg ${ctx.fmtPrice(m, avg)} (notional ${ctx.fmtNotional(m, notional)})` : ""}, resting ${ctx.fmtSize(m, placed?.restingLots ?? 0n)}`;
  ctx.print(
    [
      head,
      ...fills.map(
        (f) =>
          `  fill ${ctx.fmtSize(m, f.lots)} @ ${ctx.fmtPrice(m, f.price)} vs maker order ${f.makerOrderId} (taker fee ${ctx.fmt(f.takerFeeNative)})`,
      ),
      `  signature ${r.signature}  (${r.cu} CU)`,
    ],
    {
      market: m.marketIndex,
      side: sideName,
      type: isMarket ? "market" : typeName,
      price: ctx.priceJson(m, price),
      size: ctx.sizeJson(m, lots),
      lots,
      orderId: placed?.orderId,
      filled: filled > 0n,
      filledLots: filled,
      restingLots: placed?.restingLots ?? 0n,
      averagePrice: filled > 0n ? ctx.priceJson(m, avg) : null,
      notional: ctx.amountJson(notional),
      fills: fills.map((f) => ({
        makerOrderId: f.makerOrderId,
        maker: f.maker,
        price: ctx.priceJson(m, f.price),
        lots: f.lots,
        size: ctx.sizeJson(m, f.lots),
        takerFee: ctx.amountJson(f.takerFeeNative),
      })),
      computeUnits: r.cu,
      signature: r.signature,
    },
  );
  // An IOC that filled nothing did nothing: say so with a non-zero status, so scripts notice.
  if (ioc && filled === 0n) process.exitCode = 3;
}

async function cancel(ctx: CliContext, o: Record<string, string>) {
  await ctx.load();
  const m = ctx.market(o.market);
  const { owner, key } = await ownMarginAccount(ctx, o);
  const id = parseInteger(o.orderId, "--order-id");
  const r = await ctx.send([await ctx.ex.cancelOrderByIdIx(owner, key, m.marketIndex, id)]);
  const ev = eventsNamed(r.events, "OrderCancelled");
  ctx.print(
    `cancelled order ${id} (${ev[0] ? `${ctx.fmtSize(m, ev[0].lots)} @ ${ctx.fmtPrice(m, ev[0].price)}` : "?"})`,
    {
      market: m.marketIndex,
      orderId: id,
      cancelled: ev.length,
      signature: r.signature,
    },
  );
}

async function cancelAll(ctx: CliContext, o: Record<string, string>) {
  await ctx.load();
  const m = ctx.market(o.market);
  const { owner, key } = await ownMarginAccount(ctx, o);
  const r = await ctx.send([ctx.ex.cancelAllOrdersIx(owner, key, m.marketIndex)]);
  const ev = eventsNamed(r.events, "OrderCancelled");
  ctx.print(`cancelled ${ev.length} order(s) in ${marketName(m.state)}`, {
    market: m.marketIndex,
    cancelled: ev.length,
    orderIds: ev.map((e) => e.orderId),
    signature: r.signature,
  });
}

async function registerBackstop(ctx: CliContext, o: Record<string, string>) {
  await ctx.load();
  const { owner, key } = await ownMarginAccount(ctx, o);
  const indices = String(o.markets ?? "")
    .split(",")
    .filter(Boolean)
    .map((m) => ctx.market(m.trim()).marketIndex);
  if (indices.length === 0) throw new InputError("--markets needs at least one market");
  const mask = indices.reduce((m, i) => m | (1n << BigInt(i)), 0n);
  const capacity = ctx.amount(o.capacity, "--capacity");
  const min = ctx.ex.state!.minBackstopCapacityNative;
  if (capacity < min)
    throw new InputError(`--capacity must be at least the exchange minimum ${ctx.fmt(min)}`);
  const r = await ctx.send([await ctx.ex.registerBackstopIx(owner, key, mask, capacity)]);
  ctx.print(
    `registered ${key.toBase58()} as backstop for markets ${indices.join(", ")} committing ${ctx.fmt(capacity)}`,
    {
      marginAccount: key,
      markets: indices,
      marketMask: mask,
      capacity: ctx.amountJson(capacity),
      signature: r.signature,
    },
  );
}

/** A market order's limit: oracle ± slippage, rounded to the tick towards the oracle (inside the cap). */
export function marketLimitPrice(u: MarketUnits, oracle: bigint, side: Side, slippageBps: bigint): bigint {
  const off = (oracle * slippageBps) / 10_000n;
  const t = u.tickSize;
  return side === Side.Bid ? ((oracle + off) / t) * t : ((oracle - off + t - 1n) / t) * t;
}

const sub = (c: Command) => c.option("--sub-account <n>", "sub-account id", "0");

export function registerTrader(program: Command) {
  sub(
    program
      .command("register-backstop")
      .description("opt the signer's margin account in as a backstop liquidator")
      .requiredOption("--markets <list>", "comma-separated market indices or names")
      .requiredOption(
        "--capacity <amount>",
        "free collateral committed for takeovers (held now; anyone may evict the entry once it is not)",
      ),
  ).action(action(registerBackstop));
  sub(
    program
      .command("create-account")
      .description("create the signer's margin account (and collateral token account)"),
  ).action(action(createAccount));
  sub(
    program
      .command("deposit")
      .description("deposit collateral; previews the split under the exchange's deposit policy first")
      .requiredOption("--amount <amount>", "amount")
      .option(
        "--max-debt-repayment <amount>",
        "most of this deposit that may repay a deficit (repay-debt-first exchanges)",
      )
      .option("--token <pubkey>", "source token account (default: associated token account)")
      .option("--dry-run", "only show the preview"),
  ).action(action(deposit));
  sub(
    program
      .command("withdraw")
      .description("withdraw collateral")
      .requiredOption("--amount <amount>", "amount")
      .option("--token <pubkey>", "destination token account (default: associated token account)"),
  ).action(action(withdraw));
  sub(
    program
      .command("order")
      .description("place an order")
      .requiredOption("--market <index|name>", "market")
      .requiredOption("--side <side>", "buy | sell")
      .option("--price <price>", "limit price, USD per base unit (per lot with --native)")
      .requiredOption("--size <size>", "size in base units, e.g. 1.5 (SOL); lots with --native")
      .option(
        "--type <type>",
        "limit | post-only | ioc | market (an ioc or market order that fills nothing exits 3)",
        "limit",
      )
      .option("--slippage-bps <bps>", "market orders: worst price as bps from the oracle (default 100)")
      .option("--reduce-only", "only reduce the position")
      .option("--client-order-id <n>", "client order id"),
  ).action(action(order));
  sub(
    program
      .command("cancel")
      .description("cancel one order")
      .requiredOption("--market <index|name>", "market")
      .requiredOption("--order-id <id>", "order id"),
  ).action(action(cancel));
  sub(
    program
      .command("cancel-all")
      .description("cancel all of the signer's orders in a market")
      .requiredOption("--market <index|name>", "market"),
  ).action(action(cancelAll));
}
