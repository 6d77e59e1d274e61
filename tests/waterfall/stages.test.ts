/**
 * Each waterfall stage on the SBF program: its happy path, and its refusals when called out of
 * order or on the wrong account — with the specific error and no state change.
 */
import { strict as assert } from "node:assert";
import { Transaction, ComputeBudgetProgram, TransactionInstruction } from "@solana/web3.js";
import { FailedTransactionMetadata } from "litesvm";

/** litesvm's `TransactionErrorFieldless.AlreadyProcessed` (a const enum its index does not re-export). */
const ALREADY_PROCESSED = 6;
import { Venue, type Trader } from "../harness/venue";
import { expectError, expectOk, assertConserved } from "../harness/expect";
import { craftDeficit } from "../attacks/lib";
import {
  Side,
  AccountStatus,
  EVENT_IX_TAG,
  PROGRAM_ID,
  eventAuthorityPda,
  eventData,
  defaultMarketParams,
} from "@perp-margin/client";

const P = 1_000_000n;

/** One market, a 9×-levered long facing a short, a market maker, a backstop and a keeper. */
async function setup(opts: { insurance?: bigint; backstop?: boolean; cap?: bigint } = {}) {
  const v = new Venue();
  v.initExchange({ insurance: opts.insurance ?? 0n });
  v.createMarket(
    P,
    defaultMarketParams({ liquidationBandBps: 300, insuranceCapNative: opts.cap ?? 1_000_000_000_000n }),
  );
  const long = v.createTrader(1_000_000_000n);
  const short = v.createTrader(100_000_000_000n);
  const maker = v.createTrader(100_000_000_000n);
  const backstop = v.createTrader(100_000_000_000n);
  const keeper = v.createKeeper();
  if (opts.backstop !== false)
    expectOk(
      v.send(
        [await v.client.registerBackstopIx(backstop.kp.publicKey, backstop.account, 1n, 50_000_000_000n)],
        [backstop.kp],
      ),
    );
  expectOk(await v.order(short, 0, Side.Ask, P, 9_000n));
  expectOk(await v.order(long, 0, Side.Bid, P, 9_000n));
  return { v, long, short, maker, backstop, keeper };
}

const liq = async (v: Venue, k: Trader, t: Trader, max = 0n) =>
  v.client.liquidateIx(k.kp.publicKey, k.account, t.account, 0, max);
const bstop = async (v: Venue, k: Trader, b: Trader, t: Trader) =>
  v.client.backstopLiquidateIx(k.kp.publicKey, b.account, t.account, 0);
const resolve = async (v: Venue, k: Trader, t: Trader) =>
  v.client.resolveBankruptcyIx(k.kp.publicKey, t.account);
const social = async (v: Venue, k: Trader, t: Trader) => v.client.socializeLossIx(k.kp.publicKey, t.account);
const adl = async (v: Venue, k: Trader, t: Trader, cands: Trader[], max = 0n) =>
  v.client.autoDeleverageIx(
    k.kp.publicKey,
    t.account,
    0,
    cands.map((c) => c.account),
    max,
  );

describe("waterfall stage 1: liquidation on the book", () => {
  it("never touches a healthy account", async () => {
    const { v, long, keeper } = await setup();
    expectError(v, [await liq(v, keeper, long)], [keeper.kp], "NotLiquidatable", [long.account, v.exchange]);
  });

  it("cancels the account's orders, closes a chunk inside the band, splits the fee, stops at the hysteresis target", async () => {
    const { v, long, maker, keeper } = await setup();
    expectOk(await v.order(long, 0, Side.Ask, (P * 110n) / 100n, 5n)); // a resting order to be cancelled
    expectOk(await v.order(maker, 0, Side.Bid, (P * 97n) / 100n, 5_000n));
    expectOk(await v.order(maker, 0, Side.Bid, (P * 90n) / 100n, 5_000n)); // outside the liquidation band: never hit
    v.setPrice(0, (P * 93n) / 100n);
    const fundBefore = v.exchangeState().insuranceNative;
    const r = expectOk(v.send([await liq(v, keeper, long)], [keeper.kp]));
    const names = r.events.map((e) => e.name);
    assert.equal(names[0], "OrderCancelled");
    assert.equal(eventData(r.events[0], "OrderCancelled").reason, 2);
    const l = r.events.find((e) => e.name === "Liquidation")!.data;
    assert.equal(l.stage, 1);
    assert.ok(l.closedLots > 0n && l.closedLots < 9_000n, "a chunk, not the whole position");
    assert.equal(l.statusAfter, AccountStatus.Healthy);
    assert.ok(
      l.equityAfterNative >= (l.maintAfterNative * 11n) / 10n,
      "at or above maintenance × (1 + 10% buffer)",
    );
    const fills = r.events.filter((e) => e.name === "Fill");
    assert.ok(
      fills.every((f) => f.data.price >= (P * 93n * 97n) / 10_000n),
      "fills inside the band",
    );
    assert.ok(fills.every((f) => f.data.kind === 1));
    assert.equal(l.keeperFeeNative + l.insuranceFeeNative, (l.quoteNative * 100n + 9_999n) / 10_000n);
    assert.equal(v.exchangeState().insuranceNative - fundBefore, l.insuranceFeeNative);
    assert.equal(v.account(keeper).cashNative, l.keeperFeeNative);
    assertConserved(v);
    // back above target: another step is refused
    expectError(v, [await liq(v, keeper, long)], [keeper.kp], "NotLiquidatable", [long.account]);
  });

  it("refuses a stale or wide oracle, a self-liquidation, and an empty band", async () => {
    const { v, long, maker, keeper } = await setup();
    v.setPrice(0, (P * 92n) / 100n);
    const w = [long.account, v.exchange, v.markets.get(0)!.market];
    expectError(v, [await liq(v, keeper, long)], [keeper.kp], "BookLiquidityExhausted", w);
    expectOk(await v.order(maker, 0, Side.Bid, (P * 91n) / 100n, 100n));
    v.warp(30);
    expectError(v, [await liq(v, keeper, long)], [keeper.kp], "OracleStale", w);
    v.setPrice(0, (P * 92n) / 100n, (P * 92n) / 1000n); // 10% confidence
    expectError(v, [await liq(v, keeper, long)], [keeper.kp], "OracleConfidenceTooWide", w);
    v.setPrice(0, (P * 92n) / 100n, 0n);
    const self = await v.client.liquidateIx(long.kp.publicKey, long.account, long.account, 0);
    expectError(v, [self], [long.kp], "SelfLiquidation", w);
    expectOk(v.send([await liq(v, keeper, long)], [keeper.kp]));
  });

  it("paces steps on an account still being liquidated", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(
      P,
      defaultMarketParams({ liquidationBandBps: 300, liquidationChunkBps: 1_000, liquidationPaceSlots: 5n }),
    );
    const long = v.createTrader(1_000_000_000n),
      short = v.createTrader(100_000_000_000n),
      maker = v.createTrader(100_000_000_000n),
      keeper = v.createKeeper();
    expectOk(await v.order(short, 0, Side.Ask, P, 9_000n));
    expectOk(await v.order(long, 0, Side.Bid, P, 9_000n));
    expectOk(await v.order(maker, 0, Side.Bid, (P * 92n) / 100n, 9_000n));
    v.setPrice(0, (P * 93n) / 100n);
    const r1 = expectOk(v.send([await liq(v, keeper, long)], [keeper.kp]));
    assert.equal(r1.events.find((e) => e.name === "Liquidation")!.data.closedLots, 900n, "10% chunk");
    assert.equal(v.account(long).status, AccountStatus.BeingLiquidated);
    expectError(v, [await liq(v, keeper, long)], [keeper.kp], "LiquidationPaced", [long.account]);
    v.warp(5);
    v.setPrice(0, (P * 93n) / 100n);
    expectOk(v.send([await liq(v, keeper, long)], [keeper.kp]));
  });
  it("an account that recovers by itself (a deposit) is healthy again at its owner's next instruction", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(
      P,
      defaultMarketParams({ liquidationBandBps: 300, liquidationChunkBps: 1_000, liquidationPaceSlots: 5n }),
    );
    const long = v.createTrader(1_000_000_000n),
      short = v.createTrader(100_000_000_000n),
      maker = v.createTrader(100_000_000_000n),
      keeper = v.createKeeper();
    expectOk(await v.order(short, 0, Side.Ask, P, 9_000n));
    expectOk(await v.order(long, 0, Side.Bid, P, 9_000n));
    expectOk(await v.order(maker, 0, Side.Bid, (P * 92n) / 100n, 9_000n));
    v.setPrice(0, (P * 93n) / 100n);
    expectOk(v.send([await liq(v, keeper, long)], [keeper.kp]));
    assert.equal(v.account(long).status, AccountStatus.BeingLiquidated);
    expectError(
      v,
      [await v.orderIx(long, 0, Side.Bid, (P * 93n) / 100n, 1n)],
      [long.kp],
      "AccountBeingLiquidated",
      [long.account],
    );
    expectError(v, [await v.withdrawIx(long, 1n)], [long.kp], "AccountBeingLiquidated", [long.account]);
    v.mintTo(long.token, 2_000_000_000n);
    expectOk(v.deposit(long, 2_000_000_000n));
    // keepers can no longer touch it, and the owner's next instruction clears the flag
    expectError(v, [await liq(v, keeper, long)], [keeper.kp], "NotLiquidatable", [long.account]);
    expectOk(await v.withdraw(long, 1n));
    assert.equal(v.account(long).status, AccountStatus.Healthy);
    expectOk(await v.order(long, 0, Side.Bid, (P * 93n) / 100n, 1n));
  });
});

describe("waterfall stage 2: backstop", () => {
  it("only once the book inside the band is exhausted, only for registered backstops, never below initial margin", async () => {
    const { v, long, maker, backstop, keeper } = await setup();
    const outsider = v.createTrader(100_000_000_000n);
    expectOk(await v.order(maker, 0, Side.Bid, (P * 90n) / 100n, 100n));
    v.setPrice(0, (P * 92n) / 100n);
    const w = [long.account, backstop.account, v.exchange];
    expectError(v, [await bstop(v, keeper, backstop, long)], [keeper.kp], "BookLiquidityRemains", w);
    expectOk(v.send([await liq(v, keeper, long)], [keeper.kp])); // eats the band's liquidity
    expectError(v, [await bstop(v, keeper, outsider, long)], [keeper.kp], "NotRegisteredBackstop", w);
    const thin = v.createTrader(150_000_000n); // commits the 100 USDC minimum: far below the position's IM
    expectOk(
      v.send(
        [await v.client.registerBackstopIx(thin.kp.publicKey, thin.account, 1n, 100_000_000n)],
        [thin.kp],
      ),
    );
    expectError(v, [await bstop(v, keeper, thin, long)], [keeper.kp], "BackstopBelowInitialMargin", [
      ...w,
      thin.account,
    ]);
    expectError(v, [await bstop(v, keeper, long, long)], [keeper.kp], "SelfLiquidation", w);
    const r = expectOk(v.send([await bstop(v, keeper, backstop, long)], [keeper.kp]));
    const l = r.events.find((e) => e.name === "Liquidation")!.data;
    assert.equal(l.stage, 2);
    const price = (l.quoteNative as bigint) / (l.closedLots as bigint);
    assert.equal(price, (((P * 92n) / 100n) * 9_800n) / 10_000n, "oracle less the 2% backstop discount");
    assert.ok(v.account(backstop).positions[0].baseLots > 0n);
    assertConserved(v);
  });
});

describe("waterfall stage 3: bankruptcy resolved by the insurance fund", () => {
  /**
   * A 9× long under water after a −15% move, closed by ADL against the short with the fund's
   * insurance reserved for it: the account lands at −(reservation) — its deficit — and the
   * counterparties paid exactly the rest (a backstop or book close never leaves a deficit the
   * account could still cover).
   */
  async function bankrupt(insurance: bigint, cap?: bigint) {
    const s = await setup({ insurance, cap, backstop: false });
    s.v.setPrice(0, (P * 85n) / 100n); // equity 1 000 − 1 350 < 0
    expectOk(s.v.send([await adl(s.v, s.keeper, s.long, [s.short])], [s.keeper.kp]));
    return s;
  }

  it("refuses an account that still holds positions, or has no deficit", async () => {
    const { v, long, keeper } = await setup({ insurance: 1_000_000_000n });
    v.setPrice(0, (P * 85n) / 100n);
    const acct = v.account(long);
    assert.equal(acct.deficitNative, 0n);
    // craft the resolve for the long (deficit market unknown yet): use market 0 directly
    const { buildIx } = require("@perp-margin/client");
    const m = v.markets.get(0)!;
    const ix = buildIx(
      "resolve_bankruptcy",
      {
        keeper: keeper.kp.publicKey,
        liquidatee: long.account,
        exchange: v.exchange,
        market: m.market,
        vault: v.vault,
        insuranceVault: v.insuranceVault,
      },
      {},
    );
    expectError(v, [ix], [keeper.kp], "NoDeficit", [long.account]);
    // the same account once bankrupt but before its position is gone (ADL pending): AccountHasPositions
    const u = await setup({ insurance: 0n, backstop: false });
    u.v.setPrice(0, (P * 85n) / 100n);
    const shorts = [u.short];
    expectOk(u.v.send([await adl(u.v, u.keeper, u.long, shorts, 4_000n)], [u.keeper.kp]));
    const m0 = u.v.markets.get(0)!;
    const ix2 = buildIx(
      "resolve_bankruptcy",
      {
        keeper: u.keeper.kp.publicKey,
        liquidatee: u.long.account,
        exchange: u.v.exchange,
        market: m0.market,
        vault: u.v.vault,
        insuranceVault: u.v.insuranceVault,
      },
      {},
    );
    expectError(u.v, [ix2], [u.keeper.kp], "NoDeficit", [u.long.account]);
    assert.ok(u.v.account(u.long).positions[0].baseLots > 0n, "still holds the rest of its position");
  });

  it("pays the deficit ADL left — the reservation — up to the fund's balance and the market cap", async () => {
    const { v, long, keeper } = await bankrupt(100_000_000n, 30_000_000n); // cap 30 USDC
    const a0 = v.account(long);
    assert.equal(a0.status, AccountStatus.Bankrupt);
    assert.equal(a0.deficitNative, 30_000_000n, "the account lands at −(what the cap lets the fund pay)");
    assert.equal(a0.insuranceReservedNative, 30_000_000n);
    expectError(v, [await social(v, keeper, long)], [keeper.kp], "InsuranceCanCover", [
      long.account,
      v.exchange,
    ]);
    const r = expectOk(v.send([await resolve(v, keeper, long)], [keeper.kp]));
    const e = r.events.find((x) => x.name === "BankruptcyResolved")!.data;
    assert.equal(e.insurancePaidNative, 30_000_000n, "capped by the market's insurance cap");
    assert.equal(e.deficitAfterNative, 0n);
    assert.equal(v.marketState(0).insuranceDrawnNative, 30_000_000n);
    assert.equal(v.exchangeState().insuranceReservedNative, 0n);
    assert.equal(v.account(long).deficitNative, 0n, "nothing left for stage 5");
    assert.equal(v.account(long).status, AccountStatus.Healthy);
    assertConserved(v);
  });

  it("stage 5 (defence in depth, crafted deficit): spreads what the fund cannot pay, or books bad debt", async () => {
    const { v, keeper } = await setup({ insurance: 0n, backstop: false });
    const ghost = v.createTrader(0n);
    craftDeficit(v, ghost, 0, 50_000_000n);
    assertConserved(v, "with the crafted deficit");
    const s = expectOk(v.send([await social(v, keeper, ghost)], [keeper.kp]));
    assert.equal(eventData(s.events[0], "SocializedLoss").amountNative, 50_000_000n);
    assert.equal(v.account(ghost).deficitNative, 0n);
    assertConserved(v, "after socializing");
    // With no open interest left the same deficit is bad debt, explicitly.
    const w = await setup({ insurance: 0n, backstop: false });
    const lpos = w.v.account(w.long).positions[0].baseLots;
    expectOk(await w.v.order(w.short, 0, Side.Bid, P, lpos));
    expectOk(await w.v.order(w.long, 0, Side.Ask, P, lpos));
    assert.equal(w.v.marketState(0).openInterestLots, 0n);
    const g = w.v.createTrader(0n);
    craftDeficit(w.v, g, 0, 20_000_000n);
    const r = expectOk(w.v.send([await social(w.v, w.keeper, g)], [w.keeper.kp]));
    assert.equal(eventData(r.events[0], "SocializedLoss").badDebtNative, 20_000_000n);
    assert.equal(w.v.exchangeState().badDebtNative, 20_000_000n);
    assertConserved(w.v, "bad debt is part of the identity");
  });
});

describe("waterfall stage 4: ADL", () => {
  async function underwater(opts: { backstop: boolean; insurance?: bigint }) {
    const v = new Venue();
    v.initExchange({ insurance: opts.insurance ?? 0n });
    v.createMarket(P, defaultMarketParams({ liquidationBandBps: 300, maxAdlCounterparties: 3 }));
    const long = v.createTrader(1_000_000_000n);
    const hot = v.createTrader(2_000_000_000n); // high leverage short
    const cool = v.createTrader(50_000_000_000n); // low leverage short
    const loser = v.createTrader(10_000_000_000n); // long side: not a valid candidate
    const keeper = v.createKeeper();
    const backstop = v.createTrader(100_000_000_000n);
    if (opts.backstop)
      expectOk(
        v.send(
          [await v.client.registerBackstopIx(backstop.kp.publicKey, backstop.account, 1n, 50_000_000_000n)],
          [backstop.kp],
        ),
      );
    expectOk(await v.order(hot, 0, Side.Ask, P, 4_000n));
    expectOk(await v.order(cool, 0, Side.Ask, P, 6_000n));
    expectOk(await v.order(long, 0, Side.Bid, P, 9_000n));
    expectOk(await v.order(loser, 0, Side.Bid, P, 1_000n));
    return { v, long, hot, cool, loser, keeper, backstop };
  }

  it("closes at the bankruptcy price against ranked profitable opposite positions, recording every score", async () => {
    const { v, long, hot, cool, keeper } = await underwater({ backstop: false });
    v.setPrice(0, (P * 86n) / 100n);
    const w = [long.account, hot.account, cool.account, v.exchange];
    expectError(v, [await adl(v, keeper, long, [cool, hot])], [keeper.kp], "AdlNotSorted", w);
    const r = expectOk(v.send([await adl(v, keeper, long, [hot, cool])], [keeper.kp]));
    const e = r.events.find((x) => x.name === "AutoDeleverage")!.data;
    const a = v.account(long);
    assert.equal(
      a.positions.find((p) => p.marketIndex === 0),
      undefined,
      "position closed",
    );
    assert.ok(
      a.cashNative >= 0n && a.cashNative < 9_000n,
      "lands at zero (rounding within one native per lot)",
    );
    assert.equal(a.status, AccountStatus.Healthy);
    assert.ok(
      e.bankruptcyPrice > (P * 86n) / 100n,
      "counterparties close above the oracle: their profit absorbs the loss",
    );
    assert.equal(e.fillCount, 2);
    assert.ok(e.fills[0].score > e.fills[1].score);
    assert.deepEqual(
      [e.fills[0].account.toBase58(), e.fills[1].account.toBase58()],
      [hot.account.toBase58(), cool.account.toBase58()],
    );
    assert.equal(e.fills[0].lots + e.fills[1].lots, 9_000n);
    assertConserved(v);
  });

  it("refuses wrong-side, unprofitable, too many, duplicated candidates; and while a backstop should act first", async () => {
    const { v, long, hot, cool, keeper } = await underwater({ backstop: true, insurance: 10_000_000_000n });
    v.setPrice(0, (P * 93n) / 100n); // liquidatable but not bankrupt, band empty, a backstop exists
    const w = [long.account, hot.account, cool.account, v.exchange];
    expectError(v, [await adl(v, keeper, long, [hot, cool])], [keeper.kp], "BackstopStageFirst", w);
    v.setPrice(0, (P * 86n) / 100n); // bankrupt at the oracle: ADL may act, at the insurance-adjusted price
    const r = expectOk(v.send([await adl(v, keeper, long, [hot, cool])], [keeper.kp]));
    const e = r.events.find((x) => x.name === "AutoDeleverage")!.data;
    assert.equal(
      e.bankruptcyPrice,
      (P * 86n) / 100n,
      "the fund can pay it all: counterparties close at the oracle, no haircut",
    );
    assert.ok(v.account(long).deficitNative > 0n, "the deficit is left for the insurance fund");
    const u = await underwater({ backstop: false });
    u.v.setPrice(0, (P * 86n) / 100n);
    const w2 = [u.long.account, u.hot.account, u.cool.account, u.v.exchange];
    expectError(u.v, [await adl(u.v, u.keeper, u.long, [u.loser])], [u.keeper.kp], "AdlWrongSide", w2);
    expectError(u.v, [await adl(u.v, u.keeper, u.long, [u.hot, u.hot])], [u.keeper.kp], "AdlNotSorted", w2);
    expectError(
      u.v,
      [await adl(u.v, u.keeper, u.long, [u.hot, u.cool, u.loser, u.keeper])],
      [u.keeper.kp],
      "AdlTooManyCandidates",
      w2,
    );
    expectError(u.v, [await adl(u.v, u.keeper, u.long, [u.long])], [u.keeper.kp], "SelfLiquidation", w2);
    // a short opened below today's price: not in profit — ranked after every profitable one
    const late = u.v.createTrader(10_000_000_000n);
    const buyer = u.v.createTrader(10_000_000_000n);
    expectOk(await u.v.order(buyer, 0, Side.Bid, (P * 86n) / 100n, 10n));
    expectOk(await u.v.order(late, 0, Side.Ask, (P * 86n) / 100n, 10n));
    u.v.setPrice(0, (P * 87n) / 100n);
    expectError(u.v, [await adl(u.v, u.keeper, u.long, [late, u.hot])], [u.keeper.kp], "AdlNotSorted", w2);
    // (an account without equity is never a counterparty: `AdlNotProfitable`, tests/attacks)
    // a healthy account cannot be deleveraged
    expectError(u.v, [await adl(u.v, u.keeper, u.hot, [u.loser])], [u.keeper.kp], "NotLiquidatable", w2);
  });
});

describe("waterfall: events cannot be forged or replayed", () => {
  it("rejects a direct call to the event instruction and a replayed transaction", async () => {
    const { v, long, maker, keeper } = await setup();
    const forged = new TransactionInstruction({
      programId: PROGRAM_ID,
      keys: [{ pubkey: eventAuthorityPda(), isSigner: false, isWritable: false }],
      data: Buffer.concat([EVENT_IX_TAG, Buffer.alloc(64)]),
    });
    expectError(v, [forged], [keeper.kp], "WrongEventAuthority");
    expectOk(await v.order(maker, 0, Side.Bid, (P * 97n) / 100n, 5_000n));
    v.setPrice(0, (P * 93n) / 100n);
    const tx = new Transaction().add(
      ComputeBudgetProgram.setComputeUnitLimit({ units: 1_400_000 }),
      await liq(v, keeper, long),
    );
    tx.recentBlockhash = v.svm.latestBlockhash();
    tx.feePayer = keeper.kp.publicKey;
    tx.sign(keeper.kp);
    const first = v.svm.sendTransaction(tx);
    assert.ok(!(first instanceof FailedTransactionMetadata));
    const before = v.raw(long.account)!.toString("hex");
    const again = v.svm.sendTransaction(tx);
    assert.ok(
      again instanceof FailedTransactionMetadata,
      "the runtime refuses the same signed transaction twice",
    );
    assert.equal(Number(again.err()), ALREADY_PROCESSED);
    assert.equal(v.raw(long.account)!.toString("hex"), before);
    // and a fresh liquidation of the now-healthy account is refused by the program
    expectError(v, [await liq(v, keeper, long)], [keeper.kp], "NotLiquidatable", [long.account]);
  });
});
