/**
 * Keeper steps, one permissionless instruction each, built by `PerpExchange`: `liquidate` (book),
 * `backstop`, `resolve-bankruptcy` (insurance), `adl`, `socialize`. The keeper bot in
 * `client/src/keeper` loops over these; here a person runs one step and sees its event.
 */
import type { Command } from "commander";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import { InputError, Stage, loadAdlCandidates, parseInteger } from "../..";
import { action } from "../command";
import { type CliContext, parsePubkey } from "../context";
import { subAccount } from "./trader";

const STEP_EVENTS = [
  "Liquidation",
  "BankruptcyResolved",
  "AutoDeleverage",
  "SocializedLoss",
  "InsuranceFlow",
];

async function target(ctx: CliContext, o: Record<string, string>): Promise<PublicKey> {
  const key = parsePubkey(o.account, "--account");
  const st = await ctx.ex.marginAccount(key);
  if (!st)
    throw new InputError(`--account ${key.toBase58()} is not a margin account of exchange ${ctx.exchangeId}`);
  return key;
}

/** The signer's own margin account (keeper fee recipient, backstop). */
function signerAccount(ctx: CliContext, o: Record<string, string>) {
  return ctx.ex.marginPda(ctx.keypair().publicKey, subAccount(o));
}

async function report(ctx: CliContext, step: string, ixPromise: Promise<TransactionInstruction>) {
  const r = await ctx.send([await ixPromise]);
  const events = r.events.filter((e) => STEP_EVENTS.includes(e.name));
  const lines = [`${step}: ok (${r.cu} CU, signature ${r.signature})`];
  const marketOf = (key: PublicKey) => [...ctx.ex.markets.values()].find((m) => m.market.equals(key));
  for (const e of events) {
    const { name, data: d } = e;
    if (name === "Liquidation") {
      const m = marketOf(d.market);
      lines.push(
        `  ${Stage[d.stage] ?? d.stage} liquidation closed ${m ? ctx.fmtSize(m, d.closedLots) : `${d.closedLots} lots`}${m ? ` at oracle ${ctx.fmtPrice(m, d.oraclePrice)}` : ""}; equity ${ctx.fmt(d.equityBeforeNative)} → ${ctx.fmt(d.equityAfterNative)}; deficit ${ctx.fmt(d.deficitNative)}`,
      );
    } else if (name === "BankruptcyResolved")
      lines.push(
        `  insurance paid ${ctx.fmt(d.insurancePaidNative)} of ${ctx.fmt(d.deficitBeforeNative)}; deficit left ${ctx.fmt(d.deficitAfterNative)}`,
      );
    else if (name === "AutoDeleverage") {
      const m = marketOf(d.market);
      lines.push(
        `  ADL closed ${m ? ctx.fmtSize(m, d.closedLots) : `${d.closedLots} lots`} at bankruptcy price ${m ? ctx.fmtPrice(m, d.bankruptcyPrice) : ctx.fmt(d.bankruptcyPrice)} against ${d.fillCount} counterparties`,
      );
    } else if (name === "SocializedLoss")
      lines.push(
        `  socialized ${ctx.fmt(d.amountNative)} over ${d.openInterestLots} lots; bad debt ${ctx.fmt(d.badDebtNative)}`,
      );
    else lines.push(`  ${e.name}`);
  }
  ctx.print(lines, { step, signature: r.signature, computeUnits: r.cu, events });
}

const marketIndex = (ctx: CliContext, o: Record<string, string>) => ctx.market(o.market).marketIndex;
const maxLots = (o: Record<string, string>) => (o.maxLots ? parseInteger(o.maxLots, "--max-lots") : 0n);

async function liquidate(ctx: CliContext, o: Record<string, string>) {
  await ctx.load();
  const liquidatee = await target(ctx, o);
  const keeper = ctx.keypair().publicKey;
  await report(
    ctx,
    "liquidate",
    ctx.ex.liquidateIx(keeper, signerAccount(ctx, o), liquidatee, marketIndex(ctx, o), maxLots(o)),
  );
}

async function backstop(ctx: CliContext, o: Record<string, string>) {
  await ctx.load();
  const liquidatee = await target(ctx, o);
  const bs = o.backstopAccount ? parsePubkey(o.backstopAccount, "--backstop-account") : signerAccount(ctx, o);
  await report(
    ctx,
    "backstop",
    ctx.ex.backstopLiquidateIx(ctx.keypair().publicKey, bs, liquidatee, marketIndex(ctx, o), maxLots(o)),
  );
}

async function resolveBankruptcy(ctx: CliContext, o: Record<string, string>) {
  await ctx.load();
  const liquidatee = await target(ctx, o);
  await report(ctx, "resolve-bankruptcy", ctx.ex.resolveBankruptcyIx(ctx.keypair().publicKey, liquidatee));
}

async function adl(ctx: CliContext, o: Record<string, string>) {
  await ctx.load();
  const liquidatee = await target(ctx, o);
  const idx = marketIndex(ctx, o);
  const candidates = o.candidates
    ? String(o.candidates)
        .split(",")
        .filter(Boolean)
        .map((s, i) => parsePubkey(s.trim(), `--candidates[${i}]`))
    : await loadAdlCandidates(ctx.ex, idx, liquidatee);
  if (candidates.length === 0)
    throw new InputError("no ADL candidates (no profitable opposite-side positions)");
  await report(
    ctx,
    "adl",
    ctx.ex.autoDeleverageIx(ctx.keypair().publicKey, liquidatee, idx, candidates, maxLots(o)),
  );
}

async function socialize(ctx: CliContext, o: Record<string, string>) {
  await ctx.load();
  const liquidatee = await target(ctx, o);
  await report(ctx, "socialize", ctx.ex.socializeLossIx(ctx.keypair().publicKey, liquidatee));
}

export function registerKeeper(program: Command) {
  const common = (c: Command) =>
    c
      .requiredOption("--account <pubkey>", "margin account being liquidated")
      .option("--sub-account <n>", "signer's sub-account (keeper/backstop account)", "0");
  common(
    program
      .command("liquidate")
      .description("waterfall 1: close on the book inside the band")
      .requiredOption("--market <index|name>", "market")
      .option("--max-lots <n>", "cap, lots (0 = program's chunk)"),
  ).action(action(liquidate));
  common(
    program
      .command("backstop")
      .description("waterfall 2: a registered backstop takes the position over")
      .requiredOption("--market <index|name>", "market")
      .option("--backstop-account <pubkey>", "backstop margin account (default: signer's)")
      .option("--max-lots <n>", "cap, lots"),
  ).action(action(backstop));
  common(
    program.command("resolve-bankruptcy").description("waterfall 3: the insurance fund covers the deficit"),
  ).action(action(resolveBankruptcy));
  common(
    program
      .command("adl")
      .description("waterfall 4: auto-deleverage against ranked counterparties")
      .requiredOption("--market <index|name>", "market")
      .option(
        "--candidates <pubkeys>",
        "comma-separated margin accounts, highest score first (default: ranked by the client math)",
      )
      .option("--max-lots <n>", "cap, lots"),
  ).action(action(adl));
  common(
    program.command("socialize").description("waterfall 5: socialize the remaining loss (or book bad debt)"),
  ).action(action(socialize));
}
