/**
 * `verify-solvency`: recomputes the exchange's headline solvency straight from chain, trusting no
 * indexer, in at most 3 RPC calls:
 *
 *  1. `getMultipleAccounts` [exchange, vault, insurance vault] — one slot, so the identity
 *     `vault + bad_debt == Σcash − Σdeficit + fee_pool + pending` is checked on a consistent view;
 *  2. `getProgramAccounts` filtered on `exchange` at offset 8 — every margin account, market and
 *     price feed of this exchange (all start with the exchange key after the discriminator), to
 *     re-add Σcash and Σdeficit account by account and mark positions at the oracle;
 *  3. only if the sums disagree with the exchange totals and call 2 saw a later slot: call 1 again
 *     at that slot, to tell a transaction landing between the reads from a real mismatch.
 *
 * Solvency ratio = vault / (Σ max(equity, 0) + fee pool): what the vault holds against
 * what every account could withdraw after closing at the oracle. Exits 1 if anything fails.
 */
import type { Command } from "commander";
import type { PublicKey } from "@solana/web3.js";
import {
  type ExchangeState,
  type MarginAccountState,
  type MarketState,
  type PriceFeedState,
  accountKind,
  decodeExchange,
  decodeMarginAccount,
  decodeMarket,
  decodePriceFeed,
  formatBps,
  InputError,
  tokenAmount,
} from "../..";
import { accountHealth, marketTable } from "../../math";
import { action } from "../command";
import type { CliContext } from "../context";

interface Heads {
  slot: number;
  exchange: ExchangeState;
  vault: bigint;
  insuranceVault: bigint;
}

async function readHeads(ctx: CliContext, minContextSlot?: number): Promise<Heads> {
  const keys = [ctx.ex.exchange, ctx.ex.vault, ctx.ex.insuranceVault];
  const r = await ctx.connection.getMultipleAccountsInfoAndContext(keys, {
    commitment: "confirmed",
    minContextSlot,
  });
  const [ex, vault, ins] = r.value;
  if (!ex)
    throw new InputError(
      `exchange id ${ctx.exchangeId} (${ctx.ex.exchange.toBase58()}) does not exist on ${ctx.url}`,
    );
  const v = tokenAmount(vault?.data);
  const iv = tokenAmount(ins?.data);
  if (v === null || iv === null) throw new InputError("vault or insurance vault is not a token account");
  return { slot: r.context.slot, exchange: decodeExchange(ex.data), vault: v, insuranceVault: iv };
}

interface Members {
  slot: number;
  accounts: { pubkey: PublicKey; state: MarginAccountState }[];
  markets: MarketState[];
  feeds: Map<string, PriceFeedState>;
}

async function readMembers(ctx: CliContext, minContextSlot: number): Promise<Members> {
  const r = await ctx.connection.getProgramAccounts(ctx.ex.programId, {
    commitment: "confirmed",
    minContextSlot,
    withContext: true,
    filters: [{ memcmp: { offset: 8, bytes: ctx.ex.exchange.toBase58() } }],
  });
  const out: Members = { slot: r.context.slot, accounts: [], markets: [], feeds: new Map() };
  for (const { pubkey, account } of r.value) {
    const kind = accountKind(account.data);
    if (kind === "MarginAccount") out.accounts.push({ pubkey, state: decodeMarginAccount(account.data) });
    else if (kind === "Market") out.markets.push(decodeMarket(account.data));
    else if (kind === "PriceFeed") out.feeds.set(pubkey.toBase58(), decodePriceFeed(account.data));
  }
  return out;
}

async function verifySolvency(ctx: CliContext) {
  const t0 = Date.now();
  let heads = await readHeads(ctx);
  ctx.decimals = heads.exchange.collateralDecimals || ctx.decimals;
  const members = await readMembers(ctx, heads.slot);
  const sumCash = members.accounts.reduce((s, a) => s + a.state.cashNative, 0n);
  const sumDeficit = members.accounts.reduce((s, a) => s + a.state.deficitNative, 0n);
  const matches = (h: Heads) =>
    h.exchange.totalCashNative === sumCash && h.exchange.totalDeficitNative === sumDeficit;
  if (!matches(heads) && members.slot !== heads.slot) heads = await readHeads(ctx, members.slot);
  const ex = heads.exchange;

  const lhs = heads.vault + ex.badDebtNative;
  const rhs = sumCash - sumDeficit + ex.feePoolNative + ex.pendingSettlementNative;
  const identityHolds = lhs === rhs && matches(heads);
  const insuranceHolds = heads.insuranceVault === ex.insuranceNative;

  // Unrealized PnL at the oracle as published (stale or not: it is still the best mark we have).
  const table = marketTable(
    members.markets.map((m) => ({
      market: m,
      oraclePrice: members.feeds.get(m.oracle.toBase58())?.price ?? 0n,
    })),
  );
  let positiveEquity = 0n;
  let negativeEquity = 0n;
  let negativeCount = 0;
  let unpriced = 0;
  for (const a of members.accounts) {
    try {
      const eq = accountHealth(a.state, table).equityNative;
      if (eq >= 0n) positiveEquity += eq;
      else {
        negativeEquity += -eq;
        negativeCount++;
      }
    } catch {
      unpriced++;
      positiveEquity += a.state.cashNative > 0n ? a.state.cashNative : 0n;
    }
  }
  // Σ equity − Σ cash: unrealized PnL (zero-sum at one price) plus funding and social loss not yet settled into cash.
  const unsettled = positiveEquity - negativeEquity - sumCash;
  // Pending settlement is already inside each account's equity (unsettled funding and social loss),
  // so what users and the protocol could claim is Σ max(equity, 0) + fee pool — the dashboard's definition.
  const liabilities = positiveEquity + ex.feePoolNative;
  const ratioBps = liabilities === 0n ? null : (heads.vault * 10_000n) / liabilities;
  const coverageBps =
    liabilities === 0n ? null : ((heads.vault + heads.insuranceVault) * 10_000n) / liabilities;
  const holds = identityHolds && insuranceHolds;
  const calls = ctx.rpcCalls.length;
  const f = (v: bigint) => ctx.fmt(v).padStart(20);
  const ok = (b: boolean) => (b ? "HOLDS" : "FAILS");
  ctx.print(
    [
      `solvency of exchange ${ctx.exchangeId} (${ctx.ex.exchange.toBase58()}) at slot ${heads.slot}${members.slot !== heads.slot ? `/${members.slot}` : ""}: ${calls} RPC calls, ${Date.now() - t0} ms`,
      `  vault                      ${f(heads.vault)}`,
      `  + bad debt                 ${f(ex.badDebtNative)}`,
      `  = assets side              ${f(lhs)}`,
      `  Σ cash (${String(members.accounts.length).padStart(3)} accounts)     ${f(sumCash)}   exchange total ${ctx.fmt(ex.totalCashNative)}`,
      `  − Σ deficit                ${f(sumDeficit)}   exchange total ${ctx.fmt(ex.totalDeficitNative)}`,
      `  + fee pool                 ${f(ex.feePoolNative)}`,
      `  + pending settlement       ${f(ex.pendingSettlementNative)}`,
      `  = liabilities side         ${f(rhs)}`,
      `  vault + bad_debt == Σcash − Σdeficit + fee_pool + pending: ${ok(identityHolds)}`,
      `  insurance vault ${ctx.fmt(heads.insuranceVault)} == insurance fund ${ctx.fmt(ex.insuranceNative)}: ${ok(insuranceHolds)}`,
      `  bad debt ${ctx.fmt(ex.badDebtNative)}  socialized loss ${ctx.fmt(ex.socializedLossNative)}  insurance paid ${ctx.fmt(ex.insurancePaidNative)}`,
      `  Σ equity − Σ cash at oracle (unrealized PnL + unsettled charges) ${ctx.fmt(unsettled)}  negative equity ${ctx.fmt(negativeEquity)} in ${negativeCount} account(s)${unpriced ? `  (${unpriced} unpriced)` : ""}`,
      `  solvency ratio vault / (Σ max(equity,0) + fee pool) = ${ratioBps === null ? "n/a (no liabilities)" : formatBps(ratioBps)}` +
        `; with insurance ${coverageBps === null ? "n/a" : formatBps(coverageBps)}`,
      holds ? "SOLVENT: identity holds" : "NOT SOLVENT: identity does not hold",
    ],
    {
      holds,
      identityHolds,
      insuranceHolds,
      rpcCalls: calls,
      rpcMethods: ctx.rpcCalls.map((c) => c.methods.join("+")),
      elapsedMs: Date.now() - t0,
      slot: heads.slot,
      accountsSlot: members.slot,
      exchange: ctx.ex.exchange,
      vault: ctx.amountJson(heads.vault),
      badDebt: ctx.amountJson(ex.badDebtNative),
      sumCash: ctx.amountJson(sumCash),
      sumDeficit: ctx.amountJson(sumDeficit),
      exchangeTotalCash: ctx.amountJson(ex.totalCashNative),
      exchangeTotalDeficit: ctx.amountJson(ex.totalDeficitNative),
      feePool: ctx.amountJson(ex.feePoolNative),
      pendingSettlement: ctx.amountJson(ex.pendingSettlementNative),
      lhs: ctx.amountJson(lhs),
      rhs: ctx.amountJson(rhs),
      insuranceVault: ctx.amountJson(heads.insuranceVault),
      insuranceFund: ctx.amountJson(ex.insuranceNative),
      socializedLoss: ctx.amountJson(ex.socializedLossNative),
      marginAccounts: members.accounts.length,
      equityMinusCash: ctx.amountJson(unsettled),
      negativeEquity: ctx.amountJson(negativeEquity),
      negativeEquityAccounts: negativeCount,
      unpricedAccounts: unpriced,
      liabilities: ctx.amountJson(liabilities),
      solvencyRatioBps: ratioBps,
      coverageWithInsuranceBps: coverageBps,
    },
  );
  if (!holds) process.exitCode = 1;
}

export function registerSolvency(program: Command) {
  program
    .command("verify-solvency")
    .description("recompute vault vs liabilities from chain (≤ 3 RPC calls); exit 1 if the identity fails")
    .action(action((ctx) => verifySolvency(ctx)));
}
