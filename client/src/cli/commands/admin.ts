/**
 * Admin and localnet setup: `init-exchange`, `create-feed`, `create-market`, `set-price`,
 * `faucet` (mint collateral when the signer is the mint authority) and `airdrop` (SOL).
 */
import type { Command } from "commander";
import { Keypair, LAMPORTS_PER_SOL, type PublicKey } from "@solana/web3.js";
import {
  DEFAULT_DECIMALS,
  DepositPolicy,
  InputError,
  ata,
  createMintIxs,
  decodePriceFeed,
  eventsNamed,
  marketName,
  type MarketParamsState,
  type MarketUnits,
  formatPrice,
  marketUnits,
  mintToIx,
  parseInteger,
  parsePrice,
  parseUi,
} from "../..";
import { action } from "../command";
import { type CliContext, parsePubkey } from "../context";
import { addParamOptions, paramsFromOptions } from "../params";

const POLICIES: Record<string, DepositPolicy> = {
  "credit-first": DepositPolicy.CreditFirst,
  "repay-debt-first": DepositPolicy.RepayDebtFirst,
};

export function policyName(p: number): string {
  return Object.entries(POLICIES).find(([, v]) => v === p)?.[0] ?? `unknown(${p})`;
}

async function initExchange(ctx: CliContext, o: Record<string, string>) {
  const admin = ctx.keypair();
  const policy = POLICIES[o.depositPolicy ?? "credit-first"];
  if (policy === undefined)
    throw new InputError(
      `--deposit-policy "${o.depositPolicy}" is not one of ${Object.keys(POLICIES).join(", ")}`,
    );
  const delay = parseInteger(o.insuranceDelaySlots ?? "216000", "--insurance-delay-slots");
  const [existing] = await ctx.chain.getAccounts([ctx.ex.exchange]);
  if (existing)
    throw new InputError(`exchange id ${ctx.exchangeId} already exists at ${ctx.ex.exchange.toBase58()}`);
  const decimals = Number(parseInteger(o.decimals ?? String(DEFAULT_DECIMALS), "--decimals"));
  const ixs = [];
  const signers = [admin];
  let mint: PublicKey;
  if (o.mint) mint = parsePubkey(o.mint, "--mint");
  else {
    const kp = Keypair.generate();
    ixs.push(...(await createMintIxs(ctx.connection, admin.publicKey, kp, admin.publicKey, decimals)));
    signers.push(kp);
    mint = kp.publicKey;
  }
  ixs.push(ctx.ex.initializeExchangeIx(admin.publicKey, mint, policy, delay));
  const r = await ctx.send(ixs, signers);
  ctx.decimals = decimals;
  let insurance = 0n;
  if (o.insurance) insurance = ctx.amount(o.insurance, "--insurance");
  if (insurance > 0n) {
    const token = ata(admin.publicKey, admin.publicKey, mint);
    await ctx.send([
      token.createIx,
      mintToIx(mint, token.address, admin.publicKey, insurance),
      ctx.ex.depositInsuranceIx(admin.publicKey, token.address, insurance),
    ]);
  }
  ctx.print(
    [
      `exchange ${ctx.exchangeId} initialized: ${ctx.ex.exchange.toBase58()}`,
      `  collateral mint ${mint.toBase58()}${o.mint ? "" : " (new, mint authority = signer)"}`,
      `  vault ${ctx.ex.vault.toBase58()}  insurance vault ${ctx.ex.insuranceVault.toBase58()}`,
      `  deposit policy ${policyName(policy)}  insurance fund ${ctx.fmt(insurance)}`,
      `  signature ${r.signature}`,
    ],
    {
      exchangeId: ctx.exchangeId,
      exchange: ctx.ex.exchange,
      collateralMint: mint,
      vault: ctx.ex.vault,
      insuranceVault: ctx.ex.insuranceVault,
      depositPolicy: policyName(policy),
      insurance: ctx.amountJson(insurance),
      signature: r.signature,
    },
  );
}

/** Next unused price-feed id of the exchange (feeds are PDAs by id). */
async function nextFeedId(ctx: CliContext): Promise<number> {
  const feeds = (await ctx.chain.getProgramAccountsOf("PriceFeed"))
    .map((f) => decodePriceFeed(f.data))
    .filter((f) => f.exchange.equals(ctx.ex.exchange));
  return feeds.reduce((m, f) => Math.max(m, f.feedId + 1), 0);
}

/**
 * Units for a feed's price: the market that will read it. `create-feed` and `create-market` have no
 * market account yet, so they take its lot size and base decimals from the options (the same
 * defaults `create-market` uses).
 */
function pendingUnits(ctx: CliContext, o: Record<string, string>, params?: MarketParamsState): MarketUnits {
  const p = params ?? paramsFromOptions(o, ctx.decimals, !!ctx.opts.native);
  return marketUnits({
    name: Array.from(Buffer.from(o.name ?? "")),
    oracleBaseDecimals: baseDecimals(o),
    oracleQuoteDecimals: ctx.decimals,
    params: p,
  });
}

export function baseDecimals(o: Record<string, string>): number {
  const v = parseInteger(o.baseDecimals ?? "9", "--base-decimals");
  if (v > 18n) throw new InputError(`--base-decimals ${v} is not in 0..18`);
  return Number(v);
}

/** A price option in `u`'s units (or native per lot with --native). */
function priceIn(ctx: CliContext, u: MarketUnits, text: string, what: string): bigint {
  if (ctx.opts.native) return parseInteger(text, what);
  return parsePrice({ ...u, tickSize: 1n }, text, what);
}

function feedIxFor(ctx: CliContext, o: Record<string, string>, feedId: number, u: MarketUnits) {
  const admin = ctx.keypair();
  const price = priceIn(ctx, u, o.price, "--price");
  const confidence = o.confidence ? priceIn(ctx, u, o.confidence, "--confidence") : 0n;
  const authority = o.authority ? parsePubkey(o.authority, "--authority") : admin.publicKey;
  return {
    ...ctx.ex.createPriceFeedIx(admin.publicKey, feedId, authority, price, confidence),
    price,
    authority,
  };
}

async function createFeed(ctx: CliContext, o: Record<string, string>) {
  await ctx.load();
  if (!o.price) throw new InputError("--price is required");
  const feedId = o.feedId ? Number(parseInteger(o.feedId, "--feed-id")) : await nextFeedId(ctx);
  const u = pendingUnits(ctx, o);
  const f = feedIxFor(ctx, o, feedId, u);
  const r = await ctx.send([f.ix]);
  ctx.print(
    `price feed ${feedId}: ${f.priceFeed.toBase58()} at ${ctx.opts.native ? `${f.price}/lot` : `${formatPrice(u, f.price)} ${u.quote}`} (${f.price} native per lot; authority ${f.authority.toBase58()})`,
    {
      feedId,
      priceFeed: f.priceFeed,
      price: ctx.amountJson(f.price),
      authority: f.authority,
      signature: r.signature,
    },
  );
}

async function createMarket(ctx: CliContext, o: Record<string, string>) {
  const state = await ctx.load();
  const admin = ctx.keypair();
  const name = o.name ?? "";
  if (!name || Buffer.byteLength(name) > 16) throw new InputError(`--name "${name}" must be 1..16 bytes`);
  if ([...ctx.ex.markets.values()].some((m) => marketName(m.state).toLowerCase() === name.toLowerCase()))
    throw new InputError(`market "${name}" already exists`);
  const params = paramsFromOptions(o, ctx.decimals, !!ctx.opts.native);
  const ixs = [];
  let oracle: PublicKey;
  let feedId: number | undefined;
  if (o.feed) {
    oracle = parsePubkey(o.feed, "--feed");
    const [d] = await ctx.chain.getAccounts([oracle]);
    if (!d) throw new InputError(`--feed ${oracle.toBase58()} does not exist`);
  } else {
    if (!o.price) throw new InputError("pass --feed <pubkey> or --price <p> (creates a feed)");
    feedId = await nextFeedId(ctx);
    const f = feedIxFor(ctx, o, feedId, pendingUnits(ctx, o, params));
    ixs.push(f.ix);
    oracle = f.priceFeed;
  }
  const index = state.marketCount;
  const m = ctx.ex.createMarketIx(admin.publicKey, index, oracle, name, params, {
    baseDecimals: baseDecimals(o),
  });
  ixs.push(...m.ixs);
  const r = await ctx.send(ixs, [admin, ...m.signers]);
  ctx.print(
    [
      `market ${index} ${name}: ${m.market.toBase58()}`,
      `  order book ${m.orderBook.toBase58()}  oracle ${oracle.toBase58()}${feedId !== undefined ? ` (feed ${feedId})` : ""}`,
      `  signature ${r.signature}`,
    ],
    {
      marketIndex: index,
      name,
      market: m.market,
      orderBook: m.orderBook,
      oracle,
      feedId,
      params,
      signature: r.signature,
    },
  );
}

async function setPrice(ctx: CliContext, o: Record<string, string>) {
  await ctx.load();
  const m = ctx.market(o.market);
  if (!o.price) throw new InputError("--price is required");
  const u = ctx.units(m);
  const price = ctx.price(m, o.price);
  const confidence = o.confidence ? priceIn(ctx, u, o.confidence, "--confidence") : 0n;
  const signer = ctx.keypair();
  const [d] = await ctx.chain.getAccounts([m.oracle]);
  const feed = decodePriceFeed(d!);
  if (!feed.authority.equals(signer.publicKey))
    throw new InputError(
      `signer ${signer.publicKey.toBase58()} is not the price feed authority (${feed.authority.toBase58()})`,
    );
  const r = await ctx.send([ctx.ex.updatePriceIx(signer.publicKey, m.oracle, price, confidence)]);
  const ev = eventsNamed(r.events, "PriceUpdated")[0];
  ctx.print(`${marketName(m.state)} oracle price ${ctx.fmtPrice(m, price)} (slot ${ev?.slot ?? "?"})`, {
    market: m.marketIndex,
    price: ctx.priceJson(m, price),
    confidence: ctx.priceJson(m, confidence),
    signature: r.signature,
  });
}

async function faucet(ctx: CliContext, o: Record<string, string>) {
  const state = await ctx.load();
  const signer = ctx.keypair();
  const owner = o.to ? parsePubkey(o.to, "--to") : signer.publicKey;
  if (!o.amount) throw new InputError("--amount is required");
  const amount = ctx.amount(o.amount);
  const token = ata(signer.publicKey, owner, state.collateralMint);
  const r = await ctx.send([
    token.createIx,
    mintToIx(state.collateralMint, token.address, signer.publicKey, amount),
  ]);
  ctx.print(`minted ${ctx.fmt(amount)} to ${token.address.toBase58()} (owner ${owner.toBase58()})`, {
    owner,
    tokenAccount: token.address,
    amount: ctx.amountJson(amount),
    signature: r.signature,
  });
}

async function airdrop(ctx: CliContext, o: Record<string, string>) {
  const to = o.to ? parsePubkey(o.to, "--to") : ctx.keypair().publicKey;
  const sol = parseUi(o.sol ?? "10", 9, "--sol");
  const sig = await ctx.connection.requestAirdrop(to, Number(sol));
  const bh = await ctx.connection.getLatestBlockhash("confirmed");
  await ctx.connection.confirmTransaction({ signature: sig, ...bh }, "confirmed");
  ctx.print(`airdropped ${Number(sol) / LAMPORTS_PER_SOL} SOL to ${to.toBase58()}`, {
    to,
    lamports: sol,
    signature: sig,
  });
}

export function registerAdmin(program: Command) {
  program
    .command("init-exchange")
    .description("create the exchange (and a fresh collateral mint unless --mint)")
    .option("--mint <pubkey>", "existing collateral mint")
    .option("--decimals <n>", "decimals of a new mint", "6")
    .option("--deposit-policy <policy>", "credit-first | repay-debt-first", "credit-first")
    .option("--insurance-delay-slots <n>", "insurance withdrawal delay, slots", "216000")
    .option("--insurance <amount>", "mint and deposit this much into the insurance fund (new mint only)")
    .action(action(initExchange));
  program
    .command("create-feed")
    .description("create a program-owned price feed")
    .requiredOption("--price <price>", "initial price, USD per base unit of the market that will use it")
    .option("--confidence <price>", "confidence interval, USD per base unit")
    .option("--authority <pubkey>", "price authority (default: signer)")
    .option("--feed-id <n>", "feed id (default: next free)")
    .option("--base-lot-size <n>", "that market's base atoms per lot (converts the price)", "1000000")
    .option("--base-decimals <n>", "that market's base asset decimals (converts the price)", "9")
    .action(action(createFeed));
  addParamOptions(
    program
      .command("create-market")
      .description("create a perp market (with a new price feed unless --feed)")
      .requiredOption("--name <symbol>", "market symbol, up to 16 bytes")
      .option("--feed <pubkey>", "existing price feed")
      .option("--price <price>", "initial price of a new feed, USD per base unit")
      .option("--confidence <price>", "new feed's confidence interval, USD per base unit")
      .option("--base-decimals <n>", "decimals of the base asset (SOL 9, BTC 8, ETH 18)", "9")
      .option("--authority <pubkey>", "new feed's price authority (default: signer)"),
  ).action(action(createMarket));
  program
    .command("set-price")
    .description("publish a price to a market's feed (signer = feed authority)")
    .requiredOption("--market <index|name>", "market")
    .requiredOption("--price <price>", "price, USD per base unit (per lot with --native)")
    .option("--confidence <price>", "confidence interval, USD per base unit")
    .action(action(setPrice));
  program
    .command("faucet")
    .description("mint collateral to an owner's associated token account (signer = mint authority)")
    .requiredOption("--amount <amount>", "amount")
    .option("--to <owner>", "owner wallet (default: signer)")
    .action(action(faucet));
  program
    .command("airdrop")
    .description("request SOL from the validator faucet (localnet)")
    .option("--to <pubkey>", "recipient (default: signer)")
    .option("--sol <n>", "SOL", "10")
    .action(action(airdrop));
}
