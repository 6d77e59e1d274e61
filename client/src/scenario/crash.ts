/**
 * The 2025-10-10 crash, replayed on the program: 30+ accounts at mixed leverage, market makers
 * thinning and then pulling their bids as the price falls, a 15% gap in one slot, oracle confidence
 * widening past the market's limit, then a further 25% fall. The keeper drives every waterfall
 * stage; the scenario checks conservation after every transaction and returns a per-stage report.
 *
 * It runs against `CrashEnv`, so the same script drives LiteSVM (tests/scenario) and a local
 * validator (the RPC end-to-end suite and `npm start`).
 */
import type { PublicKey, Keypair } from "@solana/web3.js";
import type { PerpExchange } from "../exchange";
import { Side, OrderType, AccountStatus, DepositPolicy, NO_MARKET } from "../constants";
import { Keeper, type KeeperReport } from "../keeper/keeper";
import { loadKeeperSnapshot } from "../snapshot";
import { needsLiquidation } from "../keeper/plan";
import type { SendResult } from "../send";
import type { MarketParamsState } from "../accounts";
import { defaultMarketParams } from "../market-params";
import type { PerpEvent } from "../idl-types";

export interface CrashTrader {
  kp: Keypair;
  account: PublicKey;
  token: PublicKey;
}

/** What the scenario needs from the chain it runs on. */
export interface CrashEnv {
  ex: PerpExchange;
  admin: Keypair;
  /** A funded trader with `deposit` native collateral already deposited. */
  newTrader(deposit: bigint): Promise<CrashTrader>;
  /** Mints more collateral to a trader's token account (the "fresh money" of a returning user). */
  fund(t: CrashTrader, amount: bigint): Promise<void>;
  /** Publishes a price (confidence in native) at the current slot. */
  setPrice(marketIndex: number, price: bigint, confidence: bigint): Promise<void>;
  /** Moves time forward. */
  advance(slots: number): Promise<void>;
  /** Sends and returns the result (conservation is checked by `check`). */
  send(ixs: import("@solana/web3.js").TransactionInstruction[], signers: Keypair[]): Promise<SendResult>;
  /** Throws if the solvency identity does not hold. */
  check(when: string): Promise<void>;
  /** Creates the market; returns its index. */
  createMarket(price: bigint, params: MarketParamsState, name: string): Promise<number>;
  /** Creates a keeper with its own margin account. */
  newKeeper(): Promise<CrashTrader>;
}

export interface CrashOptions {
  depositPolicy: DepositPolicy;
  log?: (s: string) => void;
  /** Market parameter overrides (e.g. a wider staleness window over real-time RPC). */
  params?: Partial<MarketParamsState>;
}

export interface CrashReport {
  stages: KeeperReport;
  insuranceStartNative: bigint;
  insuranceEndNative: bigint;
  insurancePaidNative: bigint;
  socializedNative: bigint;
  badDebtNative: bigint;
  accounts: number;
  liquidatedAccounts: number;
  bankruptAccounts: number;
  adlEvents: {
    bankruptcyPrice: bigint;
    oraclePrice: bigint;
    equityAfter: bigint;
    insuranceAvailable: bigint;
    counterparties: number;
    scores: bigint[];
  }[];
  /** Every event of the run, in order. */
  events: PerpEvent[];
  oracleGuardRefusals: number;
  returningUser: {
    policy: DepositPolicy;
    refusedWith?: string;
    toDebtNative?: bigint;
    creditedNative?: bigint;
    deficitBefore: bigint;
    /** What the user deposited. */
    depositNative?: bigint;
  };
  transactions: number;
  conservationChecks: number;
  unresolvedDeficits: number;
  stillLiquidatable: number;
}

export const USDC = 1_000_000n;
const P0 = 1_000_000n; // 1.00 USDC per lot

const tick = (p: bigint) => (p / 100n) * 100n;

/** Runs the crash. */
export async function runCrash(env: CrashEnv, opts: CrashOptions): Promise<CrashReport> {
  const log = opts.log ?? (() => {});
  const ex = env.ex;
  let checks = 0;
  let txs = 0;
  const events: PerpEvent[] = [];
  const send = async (
    ixs: import("@solana/web3.js").TransactionInstruction[],
    signers: Keypair[],
    what: string,
  ) => {
    const r = await env.send(ixs, signers);
    txs++;
    if (r.ok) events.push(...r.events);
    await env.check(what);
    checks++;
    return r;
  };
  let fresh = async () => {};
  const must = async (
    ixs: import("@solana/web3.js").TransactionInstruction[],
    signers: Keypair[],
    what: string,
  ) => {
    await fresh();
    const r = await send(ixs, signers, what);
    if (!r.ok) throw new Error(`${what}: ${r.error?.name ?? r.rawError}\n${r.logs.slice(-6).join("\n")}`);
    return r;
  };

  // ---------------------------------------------------------------- cast
  // The crash market differs from the defaults: larger lots and tick, a 1 bps maker fee, 30% keeper
  // share, a 3% liquidation band closing half a position (≥ 50 lots) per step, a 25% order band and a
  // 1 200 USDC insurance cap.
  const params = defaultMarketParams({
    baseLotSize: 10_000_000n,
    tickSize: 100n,
    makerFeeBps: 1,
    liquidationKeeperShareBps: 3000,
    liquidationBandBps: 300,
    liquidationChunkBps: 5000,
    minLiquidationLots: 50n,
    priceBandBps: 1000,
    insuranceCapNative: 1_200n * USDC,
    ...opts.params,
  });
  const m = await env.createMarket(P0, params, "SOL-PERP");
  // The oracle publishes whenever it has been quiet for 10 slots (on a real validator slots pass
  // while the scenario sets up; on LiteSVM time only moves when the scenario says so).
  let published = await ex.chain.slot();
  let current = { price: P0, confidence: 0n };
  const publish = async (price: bigint, confidence: bigint) => {
    await env.setPrice(m, price, confidence);
    current = { price, confidence };
    published = await ex.chain.slot();
  };
  fresh = async () => {
    if ((await ex.chain.slot()) - published > 10n) await publish(current.price, current.confidence);
  };
  await ex.refresh();
  const insuranceStart = ex.state!.insuranceNative;
  const makers: CrashTrader[] = [];
  for (let i = 0; i < 3; i++) makers.push(await env.newTrader(200_000n * USDC));
  const backstop = await env.newTrader(4_000n * USDC);
  await must(
    [await ex.registerBackstopIx(backstop.kp.publicKey, backstop.account, 1n << BigInt(m), 3_000n * USDC)],
    [backstop.kp],
    "register backstop",
  );
  const keeperT = await env.newKeeper();

  // Longs: 20 accounts from 3× to 9× leverage; shorts: 12 accounts from 1× to 8×.
  const longs: { t: CrashTrader; lev: number }[] = [];
  const shorts: { t: CrashTrader; lev: number }[] = [];
  for (let i = 0; i < 20; i++)
    longs.push({ t: await env.newTrader(BigInt(400 + 80 * i) * USDC), lev: 3 + (6 * i) / 19 });
  await fresh();
  for (let i = 0; i < 12; i++)
    shorts.push({ t: await env.newTrader(BigInt(600 + 150 * i) * USDC), lev: 1 + (7 * i) / 11 });

  /** Each maker pulls its quotes and posts a 5-level ladder (0.2% steps) in one transaction. */
  const quote = async (price: bigint, depth: number, bids: boolean, asks: boolean, what: string) => {
    for (const mk of makers)
      await must([ex.cancelAllOrdersIx(mk.kp.publicKey, mk.account, m)], [mk.kp], `${what}: pull`);
    if (depth <= 0) return;
    for (const mk of makers) {
      const ixs = [];
      for (let lvl = 1; lvl <= 5; lvl++) {
        const size = BigInt(Math.floor(12_000 * depth));
        const off = BigInt(lvl) * 20n;
        if (bids)
          ixs.push(
            await ex.placeOrderIx(
              mk.kp.publicKey,
              mk.account,
              m,
              Side.Bid,
              tick((price * (10_000n - off)) / 10_000n),
              size,
              { type: OrderType.PostOnly },
            ),
          );
        if (asks)
          ixs.push(
            await ex.placeOrderIx(
              mk.kp.publicKey,
              mk.account,
              m,
              Side.Ask,
              tick((price * (10_000n + off)) / 10_000n),
              size,
              { type: OrderType.PostOnly },
            ),
          );
      }
      for (let i = 0; i < ixs.length; i += 5) await must(ixs.slice(i, i + 5), [mk.kp], `${what}: quotes`);
    }
  };

  // ---------------------------------------------------------------- phase 0: positions open
  log("phase 0: makers quote, 32 traders open positions");
  await quote(P0, 1, true, true, "open");
  const notional = (deposit: bigint, lev: number) => (deposit * BigInt(Math.round(lev * 100))) / 100n;
  for (const { t, lev } of longs) {
    const acct = (await ex.marginAccount(t.account))!;
    const lots = notional(acct.cashNative, lev) / P0;
    await must(
      [
        await ex.placeOrderIx(t.kp.publicKey, t.account, m, Side.Bid, tick((P0 * 10_200n) / 10_000n), lots, {
          type: OrderType.ImmediateOrCancel,
        }),
      ],
      [t.kp],
      "long opens",
    );
  }
  for (const { t, lev } of shorts) {
    const acct = (await ex.marginAccount(t.account))!;
    const lots = notional(acct.cashNative, lev) / P0;
    await must(
      [
        await ex.placeOrderIx(t.kp.publicKey, t.account, m, Side.Ask, tick((P0 * 9_800n) / 10_000n), lots, {
          type: OrderType.ImmediateOrCancel,
        }),
      ],
      [t.kp],
      "short opens",
    );
  }

  // The returning user races the keeper: between its liquidation and the keeper's resolution of
  // its deficit, it deposits. `holdBack` keeps the keeper off resolutions during the gap; the
  // returning user is then the trader left with the largest deficit. (ADL reserves the insurance
  // each close counts on, so holding resolutions back never makes a later step count it twice.)
  let holdBack = true;
  const keeper = new Keeper(ex, keeperT.kp, keeperT.account, {
    skip: (a) => holdBack && (a.kind === "resolve" || a.kind === "socialize"),
    afterSend: async (r) => {
      txs++;
      if (r.ok) events.push(...r.events);
      await env.check(`keeper ${r.ok ? "step" : r.error?.name}`);
      checks++;
    },
    log: (s) => log(`  keeper: ${s}`),
  });
  let oracleGuardRefusals = 0;
  const keep = async () => {
    await keeper.runUntilQuiet();
  };

  // ---------------------------------------------------------------- phase 1: the slide
  log("phase 1: −1.5% per slot for 5 slots; makers thin their quotes");
  let price = P0;
  for (let step = 1; step <= 5; step++) {
    price = (price * 985n) / 1000n;
    await env.advance(1);
    await publish(tick(price), 0n);
    await quote(tick(price), 1 - step * 0.15, true, true, `slide ${step}`);
    await keep();
  }

  // ---------------------------------------------------------------- phase 2: the gap
  log("phase 2: makers pull every bid; a 15% gap in one slot; confidence widens to 1%");
  await quote(tick(price), 0.3, false, true, "pull bids");
  price = (price * 85n) / 100n;
  await env.advance(1);
  await publish(tick(price), tick(price) / 100n);
  await keep();

  // The returning user is bankrupt with a deficit: it comes back with fresh money right now.
  let returning = longs[0];
  let before = (await ex.marginAccount(returning.t.account))!;
  for (const l of [...longs, ...shorts]) {
    const a = (await ex.marginAccount(l.t.account))!;
    if (a.deficitNative > before.deficitNative) [returning, before] = [l, a];
  }
  const returningUser: CrashReport["returningUser"] = {
    policy: opts.depositPolicy,
    deficitBefore: before.deficitNative,
  };
  if (before.deficitNative > 0n) {
    // Fresh money: half the deficit plus 500 USDC; the user signs at most half the deficit.
    const amount = before.deficitNative / 2n + 500n * USDC;
    returningUser.depositNative = amount;
    await env.fund(returning.t, amount);
    const dep = ex.depositIx(
      returning.t.kp.publicKey,
      returning.t.account,
      returning.t.token,
      amount,
      before.deficitNative / 2n,
    );
    const r = await send([dep], [returning.t.kp], "returning user deposits");
    if (!r.ok) returningUser.refusedWith = r.error?.name;
    else {
      const e = r.events.find((x) => x.name === "Deposit")!.data;
      returningUser.toDebtNative = e.toDebtNative;
      returningUser.creditedNative = e.creditedNative;
    }
  }
  holdBack = false;

  // ---------------------------------------------------------------- phase 3: confidence blows out, then −25%
  log("phase 3: confidence widens to 3% (over the 2% limit): the program refuses liquidations");
  await env.advance(1);
  await publish(tick(price), (tick(price) * 3n) / 100n);
  {
    // a keeper that tries anyway is refused by the oracle guard
    const s = await ex.allMarginAccounts();
    const victim = s.find(
      (a) =>
        a.state.positions.some((p) => p.marketIndex === m && p.baseLots > 0n) &&
        a.state.status !== AccountStatus.Bankrupt,
    );
    if (victim) {
      const r = await send(
        [await ex.liquidateIx(keeperT.kp.publicKey, keeperT.account, victim.pubkey, m)],
        [keeperT.kp],
        "liquidate under a wide oracle",
      );
      if (!r.ok && r.error?.name === "OracleConfidenceTooWide") oracleGuardRefusals++;
    }
  }
  log("phase 3b: a further 25% fall with confidence back at 1.5%");
  price = (price * 75n) / 100n;
  await env.advance(1);
  await publish(tick(price), (tick(price) * 15n) / 1000n);
  await keep();
  // makers come back slowly two slots later
  await env.advance(2);
  await publish(tick(price), 0n);
  await quote(tick(price), 0.5, true, true, "makers return");
  await keep();

  // ---------------------------------------------------------------- the end state
  await ex.refresh();
  const all = await ex.allMarginAccounts();
  const adlEvents = events
    .filter((e) => e.name === "AutoDeleverage")
    .map((e) => ({
      bankruptcyPrice: e.data.bankruptcyPrice as bigint,
      oraclePrice: e.data.oraclePrice as bigint,
      equityAfter: e.data.equityAfterNative as bigint,
      insuranceAvailable: e.data.insuranceAvailableNative as bigint,
      counterparties: Number(e.data.fillCount),
      scores: (e.data.fills as { score: bigint }[]).slice(0, Number(e.data.fillCount)).map((f) => f.score),
    }));
  const exState = ex.state!;
  const traders = [...longs, ...shorts].map((x) => x.t.account);
  const states = all.filter((a) => traders.some((t) => t.equals(a.pubkey)));
  const report: CrashReport = {
    stages: keeper.report,
    insuranceStartNative: insuranceStart,
    insuranceEndNative: exState.insuranceNative,
    insurancePaidNative: exState.insurancePaidNative,
    socializedNative: exState.socializedLossNative,
    badDebtNative: exState.badDebtNative,
    accounts: traders.length,
    liquidatedAccounts: states.filter((a) => a.state.liquidationCount > 0).length,
    bankruptAccounts: states.filter((a) => a.state.bankruptcyCount > 0).length,
    adlEvents,
    events,
    oracleGuardRefusals,
    returningUser,
    transactions: txs,
    conservationChecks: checks,
    unresolvedDeficits: all.filter((a) => a.state.deficitNative > 0n).length,
    stillLiquidatable: 0,
  };
  const snap = await loadKeeperSnapshot(ex);
  report.stillLiquidatable = snap.accounts.filter(
    (a) => a.state.positions.some((p) => p.marketIndex !== NO_MARKET) && needsLiquidation(snap, a.state),
  ).length;
  return report;
}

/** Human-readable per-stage report. */
export function formatCrashReport(r: CrashReport): string {
  const usd = (n: bigint) => (Number(n) / 1e6).toLocaleString("en-US", { maximumFractionDigits: 2 });
  const s = r.stages;
  const lines = [
    `accounts: ${r.accounts} traders (20 long 3×–9×, 12 short 1×–8×), ${r.liquidatedAccounts} liquidated, ${r.bankruptAccounts} went bankrupt`,
    `stage 1 book          ${String(s.book.count).padStart(4)} steps   ${usd(s.book.amountNative).padStart(12)} USDC closed`,
    `stage 2 backstop      ${String(s.backstop.count).padStart(4)} steps   ${usd(s.backstop.amountNative).padStart(12)} USDC taken over`,
    `stage 3 insurance     ${String(s.insurance.count).padStart(4)} steps   ${usd(s.insurance.amountNative).padStart(12)} USDC paid   (fund ${usd(r.insuranceStartNative)} → ${usd(r.insuranceEndNative)})`,
    `stage 4 ADL           ${String(s.adl.count).padStart(4)} steps   ${usd(s.adl.amountNative).padStart(12)} USDC closed at bankruptcy prices`,
    `stage 5 socialized    ${String(s.socialized.count).padStart(4)} steps   ${usd(r.socializedNative).padStart(12)} USDC spread   bad debt ${usd(r.badDebtNative)} USDC`,
    `oracle guard refusals ${r.oracleGuardRefusals}; keeper refusals ${JSON.stringify(s.refusals)}`,
    `returning user (${DepositPolicy[r.returningUser.policy]}): deficit ${usd(r.returningUser.deficitBefore)} USDC → ` +
      (r.returningUser.refusedWith
        ? `deposit refused (${r.returningUser.refusedWith})`
        : `deposit split ${usd(r.returningUser.toDebtNative ?? 0n)} to debt / ${usd(r.returningUser.creditedNative ?? 0n)} credited`),
    `end: ${r.unresolvedDeficits} unresolved deficits, ${r.stillLiquidatable} accounts still liquidatable; ${r.transactions} transactions, conservation checked ${r.conservationChecks}×`,
  ];
  return lines.join("\n");
}
