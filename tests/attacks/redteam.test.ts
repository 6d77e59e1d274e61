/**
 * Red-team suite (atk-11): attacks on the new solvency rules. Every test asserts the SAFE outcome;
 * a failing test is a finding (see the comment above each for the mechanism and the numbers).
 * Tests marked "PASSING PROBE" probe a non-obvious path that held.
 */
import { strict as assert } from "node:assert";
import {
  AddressLookupTableAccount,
  AddressLookupTableProgram,
  ComputeBudgetProgram,
  Keypair,
  type PublicKey,
  TransactionInstruction,
  TransactionMessage,
  VersionedTransaction,
} from "@solana/web3.js";
import { FailedTransactionMetadata } from "litesvm";
import {
  AccountStatus,
  defaultMarketParams as defaultParams,
  errorByCode,
  NO_MARKET,
  OrderType,
  Side,
} from "@perp-margin/client";
import { USDC } from "@perp-margin/client/src/scenario";
import { expectOk } from "../harness/expect";
import { Venue } from "../harness/venue";
import { adlQueue, checkInvariants, craftDeficit, donate, equity } from "./lib";

const P = 1_000_000n; // 1.00 USDC per lot
const pct = (p: bigint, bps: bigint) => (p * bps) / 10_000n;
const ev = (r: { events: { name: string; data: unknown }[] }, name: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: event payloads are read field by field
  r.events.filter((e) => e.name === name).map((e) => e.data as any);

describe("redteam: insurance reservation never released", () => {
  /*
   * FINDING. engine/waterfall.rs::release_if_recovered is only called from liquidate /
   * backstop_liquidate / auto_deleverage, which all require the account to be liquidatable. An
   * account that got an ADL (or book-close) reservation and then recovers by itself — a deposit, a
   * price bounce — becomes HEALTHY through refresh_liquidation_status (place_order / withdraw),
   * which never touches the reservation. The reservation then stays on the account, the market
   * and the exchange for ever (nothing else can reach a HEALTHY account).
   *
   * Attack (one owner, two accounts A and B, each other's counterparty): A long 900 lots @1.00 with
   * 100 USDC, B short. Price −15 %: A is at −35.45 USDC. Any keeper runs auto_deleverage on A with
   * max_lots = 1 against B: the step reserves min(35.45, fund) = the whole 30 USDC fund for A and
   * closes 1 lot. A deposits 100 USDC, is HEALTHY, closes against B and withdraws everything. Cost:
   * fees plus a 0.006 USDC haircut. Result: the whole insurance fund stays reserved for a flat,
   * healthy, empty account: the admin cannot withdraw it, every other bankrupt account sees 0
   * available (LossBeyondInsurance on book/backstop closes, InsufficientInsurance on resolution,
   * socialize_loss allowed while the fund holds 30 USDC).
   */
  async function lockFund(fund: bigint) {
    const v = new Venue();
    v.initExchange({ insurance: fund });
    v.createMarket(P, defaultParams());
    const a = v.createTrader(100n * USDC);
    const b = v.createTrader(10_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(b, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(a, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    v.setPrice(0, pct(P, 8_500n));
    const eqA = equity(v, a);
    assert.ok(eqA < 0n);
    const r = expectOk(
      v.send(
        [await v.client.autoDeleverageIx(keeper.kp.publicKey, a.account, 0, [b.account], 1n)],
        [keeper.kp],
      ),
      "partial ADL",
    );
    const adl = ev(r, "AutoDeleverage")[0];
    const reservedAfterAdl = v.account(a).insuranceReservedNative;
    // A recovers on its own: deposit, close against B, withdraw everything.
    v.mintTo(a.token, 100n * USDC);
    v.deposit(a, 100n * USDC);
    expectOk(await v.order(b, 0, Side.Bid, pct(P, 8_500n), 899n, { type: OrderType.PostOnly }));
    expectOk(
      await v.order(a, 0, Side.Ask, pct(P, 8_500n), 899n, {
        type: OrderType.ImmediateOrCancel,
        reduceOnly: true,
      }),
      "A closes",
    );
    const cash = v.account(a).cashNative;
    expectOk(await v.withdraw(a, BigInt(cash)), "A withdraws everything");
    const s = v.account(a);
    const ex = v.exchangeState();
    const note =
      `A equity before ADL ${eqA}, ADL closed ${adl.closedLots} lot(s) counting ${adl.insuranceAvailableNative}; ` +
      `after recovery A: status ${s.status}, flat, cash ${s.cashNative}, reserved ${s.insuranceReservedNative} ` +
      `(was ${reservedAfterAdl}); exchange reserved ${ex.insuranceReservedNative} of fund ${ex.insuranceNative}`;
    console.log(`      ${note}`);
    checkInvariants(v, [a, b, keeper]);
    assert.equal(s.status, AccountStatus.Healthy);
    return { v, a, b, keeper, note };
  }

  it("a reservation is released when the account recovers by a deposit and leaves", async () => {
    const { v, note } = await lockFund(30n * USDC);
    assert.equal(
      v.exchangeState().insuranceReservedNative,
      0n,
      `insurance still reserved for a flat healthy account: ${note}`,
    );
  });

  it("after such a recovery the fund still backs the next honest liquidation", async () => {
    const { v, b, keeper } = await lockFund(30n * USDC);
    // Honest H: long 900 lots at 0.85 on 100 USDC; the price falls to 0.72: H at −17.4 USDC,
    // a bid at the oracle to close it on the book.
    const h = v.createTrader(100n * USDC);
    const mm = v.createTrader(100_000n * USDC);
    expectOk(await v.order(mm, 0, Side.Ask, pct(P, 8_500n), 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(h, 0, Side.Bid, pct(P, 8_500n), 900n, { type: OrderType.ImmediateOrCancel }));
    const low = pct(P, 7_200n);
    v.setPrice(0, low);
    expectOk(await v.order(mm, 0, Side.Bid, low, 900n, { type: OrderType.PostOnly }));
    const eqH = equity(v, h);
    const liq = v.send(
      [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, h.account, 0)],
      [keeper.kp],
    );
    const req = v.send([v.client.requestInsuranceWithdrawalIx(v.admin.publicKey, 1n)], [v.admin]);
    const ex = v.exchangeState();
    const note = `fund ${ex.insuranceNative}, reserved ${ex.insuranceReservedNative} (for nobody); H equity ${eqH}; liquidate H: ${liq.ok ? "ok" : liq.error?.name}; admin withdrawal request of 1 native: ${req.ok ? "ok" : req.error?.name}`;
    console.log(`      ${note}`);
    checkInvariants(v, [b, keeper, h, mm]);
    assert.ok(liq.ok, `the fund is locked for a flat healthy account: ${note}`);
  });
});

describe("redteam: a reservation held for another market", () => {
  /*
   * FINDING. engine/waterfall.rs::set_reservation silently does nothing when the account already
   * holds a reservation for another market, and reserve_for_close still returns Ok: it checked the
   * hole against *this* market's available insurance, but reserved nothing. crystallize_deficit
   * then attributes the whole deficit to the reservation's market (deficit_market_index) with the
   * side of the position closed in the *other* market (deficit_side). resolve_bankruptcy can only
   * draw on the first market's cap, and socialize_loss charges the first market's side opposite
   * to deficit_side — i.e. the LOSING side of the first market pays a loss that arose in the second.
   *
   * Numbers: fund 1 000 USDC; market 0 cap 10 USDC, market 1 cap 1 000 000 USDC. A: long 800 m0,
   * short 100 m1, 100 USDC. m0 −15 %: ADL in m0 reserves 10 (m0 cap) and leaves A at −10 with its
   * m1 short. m1 +20 %: A at −30. Book liquidation in m1 passes reserve_for_close (990 available in
   * m1) but reserves nothing; the 30 deficit goes to market 0 (side short). Resolution pays 10 (m0
   * cap); socialize_loss then charges 20 USDC to market 0's LONGS (honest H, long 100 lots in m0,
   * already losing), while 990 USDC of insurance available to market 1 is never used.
   */
  it("a loss from market 1 is paid by market 1's insurance, never socialized on market 0's longs", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams({ insuranceCapNative: 10n * USDC }));
    v.createMarket(P, defaultParams());
    const a = v.createTrader(100n * USDC);
    const b = v.createTrader(10_000n * USDC);
    const h = v.createTrader(1_000n * USDC); // honest long in market 0
    const mm = v.createTrader(100_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(b, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(a, 0, Side.Bid, P, 800n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(h, 0, Side.Bid, P, 100n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(mm, 1, Side.Bid, P, 100n, { type: OrderType.PostOnly }));
    expectOk(await v.order(a, 1, Side.Ask, P, 100n, { type: OrderType.ImmediateOrCancel }));
    v.setPrice(0, pct(P, 8_500n));
    v.setPrice(1, P);
    const r1 = expectOk(
      v.send([await v.client.autoDeleverageIx(keeper.kp.publicKey, a.account, 0, [b.account])], [keeper.kp]),
      "ADL in market 0",
    );
    const sA = v.account(a);
    console.log(
      `      after ADL m0: closed ${ev(r1, "AutoDeleverage")[0].closedLots}, A equity ${equity(v, a)}, reserved ${sA.insuranceReservedNative} in market ${sA.insuranceReservedMarket}`,
    );
    v.setPrice(0, pct(P, 8_500n));
    v.setPrice(1, pct(P, 12_000n));
    expectOk(await v.order(mm, 1, Side.Ask, pct(P, 12_000n), 100n, { type: OrderType.PostOnly }));
    const hBefore = equity(v, h);
    const r2 = expectOk(
      v.send([await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, a.account, 1)], [keeper.kp]),
      "book liquidation in market 1",
    );
    const bk = ev(r2, "BankruptcyRecorded")[0];
    const sA2 = v.account(a);
    console.log(
      `      liquidation m1: deficit ${bk?.deficitNative} recorded for market ${sA2.deficitMarketIndex} side ${sA2.deficitSide}; reserved ${sA2.insuranceReservedNative}`,
    );
    expectOk(v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, a.account)], [keeper.kp]));
    const left = v.account(a).deficitNative;
    const ex = v.exchangeState();
    console.log(
      `      resolve: insurance paid ${ex.insurancePaidNative}, deficit left ${left}, fund ${ex.insuranceNative} (market 1 could still draw ${ex.insuranceNative - ex.insuranceReservedNative})`,
    );
    let socialized = 0n;
    if (left > 0n) {
      const r3 = v.send([await v.client.socializeLossIx(keeper.kp.publicKey, a.account)], [keeper.kp]);
      if (r3.ok) {
        const sl = ev(r3, "SocializedLoss")[0];
        socialized = sl.amountNative;
        console.log(
          `      socialize: ${sl.amountNative} charged to market ${sl.marketIndex} side ${sl.chargedSide === 0 ? "LONG" : "SHORT"}; honest m0 long equity ${hBefore} -> ${equity(v, h)}`,
        );
      }
    }
    checkInvariants(v, [a, b, h, mm, keeper]);
    assert.equal(left, 0n, "the fund (990 USDC available to market 1) pays a loss that arose in market 1");
    assert.equal(socialized, 0n, "nothing socialized on market 0's longs for a loss of a market-1 short");
  });
});

/**
 * X (200 USDC) goes long 1 000 lots in market 0 and rests a bid of `oldLots` at `oldPrice` in
 * market 1; market 0 gaps to 0.75, ADL closes X, the fund resolves its deficit: X is HEALTHY again
 * with bankruptcy_count 1, and its old bid still sits on market 1's book (stale epoch).
 */
async function bankruptWithStaleBid(v: Venue, oldLots: bigint, oldPrice: bigint) {
  const x = v.createTrader(200n * USDC);
  const short = v.createTrader(100_000n * USDC);
  const keeper = v.createKeeper();
  expectOk(await v.order(short, 0, Side.Ask, P, 1_000n, { type: OrderType.PostOnly }));
  expectOk(await v.order(x, 0, Side.Bid, P, 1_000n, { type: OrderType.ImmediateOrCancel }));
  expectOk(await v.order(x, 1, Side.Bid, oldPrice, oldLots, { type: OrderType.PostOnly }), "old bid");
  const oldId = v.bookState(1).bids.find((o) => o.owner.equals(x.account))!.orderId;
  v.setPrice(0, pct(P, 7_500n));
  expectOk(
    v.send(
      [await v.client.autoDeleverageIx(keeper.kp.publicKey, x.account, 0, [short.account])],
      [keeper.kp],
    ),
    "ADL of X",
  );
  assert.equal(v.account(x).status, AccountStatus.Bankrupt);
  expectOk(v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, x.account)], [keeper.kp]));
  assert.equal(v.account(x).status, AccountStatus.Healthy);
  assert.equal(v.account(x).bankruptcyCount, 1);
  return { x, short, keeper, oldId };
}

describe("redteam: a stale-epoch order released against the new epoch's bookkeeping", () => {
  /*
   * FINDING. After a bankruptcy, MarginAccount::forget_orders zeroes the account's order
   * bookkeeping while the old orders stay on the book (to be cancelled when reached, reason 5).
   * But every removal path — cancel_order / cancel_all_orders (owner), engine/matching.rs::cancel_best
   * for reason 5, cancel_account_orders in the waterfall — calls release_order with the OLD order's
   * lots and price, subtracting them (saturating) from the bookkeeping of the orders the account
   * placed AFTER the bankruptcy. The new orders then rest with no margin reserved.
   *
   * Numbers: X's old bid 900 lots @1.00 in market 1. After resolution X deposits 1 000 USDC, rests
   * a new bid of 900 lots @1.00 (reserves 90 USDC initial margin), cancels the stale one: its
   * bookkeeping drops to 0 lots (slot freed), so it withdraws 950 USDC, leaving 50 against a live
   * 900-lot bid. The bid fills at the oracle: X holds 900 lots on ≈ 49.8 USDC (18×) although the
   * program promises an account meeting initial margin still meets it after its orders fill at
   * the oracle (initial = 90 USDC).
   */
  it("cancelling a stale order does not release the margin of a newer order", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 10_000n * USDC });
    v.createMarket(P, defaultParams());
    v.createMarket(P, defaultParams());
    const { x, short, oldId } = await bankruptWithStaleBid(v, 900n, P);
    v.mintTo(x.token, 1_000n * USDC);
    v.deposit(x, 1_000n * USDC);
    expectOk(await v.order(x, 1, Side.Bid, P, 900n, { type: OrderType.PostOnly }), "new bid");
    const reservedBefore = v.account(x).positions.find((p) => p.marketIndex === 1)?.bidsLots ?? 0n;
    expectOk(v.send([v.cancelIx(x, 1, oldId)], [x.kp]), "X cancels its stale order");
    const slot = v.account(x).positions.find((p) => p.marketIndex === 1);
    const w = await v.withdraw(x, 950n * USDC);
    const seller = v.createTrader(100_000n * USDC);
    const r = expectOk(await v.order(seller, 1, Side.Ask, P, 900n, { type: OrderType.ImmediateOrCancel }));
    const filled = ev(r, "Fill").reduce((s, f) => s + f.lots, 0n);
    const eq = equity(v, x);
    const initReq = (900n * P * 1_000n) / 10_000n;
    const note =
      `new bid booked ${reservedBefore} lots, after the stale cancel: ${slot ? `${slot.bidsLots} lots` : "slot freed"}; ` +
      `withdraw 950 USDC ${w.ok ? "ACCEPTED" : `refused (${w.error?.name})`}; the live bid filled ${filled} lots; ` +
      `X equity ${eq} vs initial requirement ${initReq}`;
    console.log(`      ${note}`);
    checkInvariants(v, [x, short, seller]);
    assert.equal(w.ok, false, `withdrawal of the margin backing a live order: ${note}`);
    assert.ok(filled === 0n || eq >= initReq, `a fill at the oracle left X below initial: ${note}`);
  });

  /*
   * FINDING (consequence, severe). The same desync frees the account's position slot for the
   * market while its new order still rests. If the attacker then occupies all 8 slots with other
   * markets (1-lot bids in 8 other markets), the resting bid becomes a poison order: the first
   * fill against it runs fill_account → find_or_open → PositionSlotsFull and the WHOLE
   * transaction fails. Nobody but the owner can remove it. Every seller in that market fails;
   * `liquidate` of any long there fails; and since book_has_liquidity sees a bid inside the band,
   * backstop_liquidate and auto_deleverage refuse with BookLiquidityRemains: no waterfall stage
   * can act on a liquidatable long in that market.
   */
  it("a poison bid (owner with no free slot) cannot freeze a market and stall the waterfall", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 10_000n * USDC });
    for (let i = 0; i < 10; i++) v.createMarket(P, defaultParams());
    const mm = v.createTrader(1_000_000n * USDC);
    const longL = v.createTrader(100n * USDC); // honest long in market 1
    expectOk(await v.order(mm, 1, Side.Ask, P, 950n, { type: OrderType.PostOnly }));
    expectOk(await v.order(longL, 1, Side.Bid, P, 950n, { type: OrderType.ImmediateOrCancel }));
    const { x, keeper, oldId } = await bankruptWithStaleBid(v, 100n, P);
    v.mintTo(x.token, 1_000n * USDC);
    v.deposit(x, 1_000n * USDC);
    expectOk(await v.order(x, 1, Side.Bid, P, 100n, { type: OrderType.PostOnly }), "poison bid");
    for (let m = 2; m <= 8; m++)
      expectOk(await v.order(x, m, Side.Bid, pct(P, 9_500n), 1n, { type: OrderType.PostOnly }));
    expectOk(v.send([v.cancelIx(x, 1, oldId)], [x.kp]), "X cancels its stale order");
    const ninth = await v.order(x, 9, Side.Bid, pct(P, 9_500n), 1n, { type: OrderType.PostOnly });
    if (!ninth.ok) {
      // Safe outcome: the stale cancel no longer frees the poison bid's slot, so X cannot fill
      // an eighth other market — a live order always keeps its slot.
      assert.equal(ninth.error?.name, "PositionSlotsFull");
      assert.ok(v.account(x).positions.some((p) => p.marketIndex === 1 && p.bidsLots === 100n));
      return;
    }
    const used = v.account(x).positions.filter((p) => p.marketIndex !== NO_MARKET).length;
    // Market 1 falls 6 %: the honest 10× long is below maintenance with equity left.
    for (let m = 0; m < 10; m++) v.setPrice(m, m === 1 ? pct(P, 9_400n) : m === 0 ? pct(P, 7_500n) : P);
    const eqL = equity(v, longL);
    const seller = v.createTrader(100_000n * USDC);
    const sell = await v.order(seller, 1, Side.Ask, pct(P, 9_400n), 10n, {
      type: OrderType.ImmediateOrCancel,
    });
    const liq = v.send(
      [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, longL.account, 1)],
      [keeper.kp],
    );
    const adl = v.send(
      [await v.client.autoDeleverageIx(keeper.kp.publicKey, longL.account, 1, [mm.account])],
      [keeper.kp],
    );
    const note =
      `X uses ${used}/8 slots, poison bid 100 @1.00 on market 1; L equity ${eqL}; ` +
      `honest sell: ${sell.ok ? "ok" : (sell.error?.name ?? sell.rawError)}; liquidate: ${liq.ok ? "ok" : (liq.error?.name ?? liq.rawError)}; ` +
      `ADL: ${adl.ok ? "ok" : (adl.error?.name ?? adl.rawError)}`;
    console.log(`      ${note}`);
    assert.ok(sell.ok, `an honest seller cannot trade in market 1: ${note}`);
    assert.ok(liq.ok || adl.ok, `no waterfall stage can act on a liquidatable long: ${note}`);
  });
});

describe("redteam: an empty reduce-only bid blocks every waterfall stage", () => {
  /*
   * FINDING. engine/waterfall.rs::book_has_liquidity looks only at the best order's price; it
   * counts a REDUCE_ONLY bid whose owner no longer holds a short. In liquidate, match_order
   * cancels that order (REDUCE_ONLY_EMPTY) but does NOT count it in `makers_cancelled`, so with no
   * other bid in the band the step has closed 0, cancelled 0, makers_cancelled 0 →
   * BookLiquidityExhausted: the transaction reverts and the order stays. backstop_liquidate and
   * auto_deleverage, which call book_has_liquidity, refuse with BookLiquidityRemains. The shipped
   * keeper (client/src/keeper) falls liquidate → backstop → ADL and gives up.
   *
   * Cost to the attacker: 1 lot. Z sells 1 lot, rests a reduce-only bid for 1 lot, then buys the
   * lot back (the reduce-only bid is not shrunk). A 10× long in the market falls below maintenance:
   * liquidate = BookLiquidityExhausted, backstop = BookLiquidityRemains, ADL = BookLiquidityRemains.
   */
  it("a reduce-only bid whose owner went flat does not stop liquidate, backstop and ADL", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    v.createMarket(P, defaultParams());
    const mm = v.createTrader(1_000_000n * USDC);
    const longL = v.createTrader(100n * USDC);
    const z = v.createTrader(100n * USDC);
    const backstop = v.createTrader(100_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(
      v.send(
        [await v.client.registerBackstopIx(backstop.kp.publicKey, backstop.account, 1n, 50_000n * USDC)],
        [backstop.kp],
      ),
    );
    expectOk(await v.order(mm, 0, Side.Ask, P, 950n, { type: OrderType.PostOnly }));
    expectOk(await v.order(longL, 0, Side.Bid, P, 950n, { type: OrderType.ImmediateOrCancel }));
    // Z: short 1 lot, reduce-only bid 1 lot, buy the lot back.
    expectOk(await v.order(mm, 0, Side.Bid, P, 1n, { type: OrderType.PostOnly }));
    expectOk(await v.order(z, 0, Side.Ask, P, 1n, { type: OrderType.ImmediateOrCancel }));
    expectOk(
      await v.order(z, 0, Side.Bid, pct(P, 9_900n), 1n, { type: OrderType.PostOnly, reduceOnly: true }),
    );
    expectOk(await v.order(mm, 0, Side.Ask, P, 1n, { type: OrderType.PostOnly }));
    expectOk(await v.order(z, 0, Side.Bid, P, 1n, { type: OrderType.ImmediateOrCancel }));
    expectOk(v.send([v.cancelAllIx(mm, 0)], [mm.kp]));
    v.setPrice(0, pct(P, 9_400n)); // the long: equity 42.5, maintenance 44.65
    const liq = v.send(
      [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, longL.account, 0)],
      [keeper.kp],
    );
    const bs = v.send(
      [await v.client.backstopLiquidateIx(keeper.kp.publicKey, backstop.account, longL.account, 0)],
      [keeper.kp],
    );
    const adl = v.send(
      [await v.client.autoDeleverageIx(keeper.kp.publicKey, longL.account, 0, [mm.account])],
      [keeper.kp],
    );
    const name = (r: { ok: boolean; error?: { name: string }; rawError?: string }) =>
      r.ok ? "ok" : (r.error?.name ?? r.rawError);
    const note = `Z flat: ${!v.account(z).positions.some((p) => p.baseLots !== 0n)}, L equity ${equity(v, longL)}; liquidate: ${name(liq)}; backstop: ${name(bs)}; ADL: ${name(adl)}`;
    console.log(`      ${note}`);
    assert.ok(liq.ok || bs.ok || adl.ok, `no waterfall stage acts on a liquidatable account: ${note}`);
  });
});

/**
 * Sends `ixs` as a v0 transaction whose non-signer accounts come from an address lookup table
 * written straight into LiteSVM (what a real keeper does to pass many accounts).
 */
function sendV0(v: Venue, ixs: TransactionInstruction[], signers: Keypair[]) {
  const payer = signers[0].publicKey;
  const signerKeys = new Set(signers.map((s) => s.publicKey.toBase58()));
  const keys: PublicKey[] = [];
  for (const ix of ixs)
    for (const k of [...ix.keys.map((m) => m.pubkey), ix.programId])
      if (!signerKeys.has(k.toBase58()) && !keys.some((x) => x.equals(k))) keys.push(k);
  const lut = Keypair.generate().publicKey;
  const data = Buffer.alloc(56 + 32 * keys.length);
  data.writeUInt32LE(1, 0); // ProgramState::LookupTable
  data.writeBigUInt64LE(0xffff_ffff_ffff_ffffn, 4); // never deactivated
  data.writeBigUInt64LE(0n, 12); // last extended at slot 0: every address active
  data.writeUInt8(0, 20);
  data.writeUInt8(1, 21); // authority: Some(payer)
  payer.toBuffer().copy(data, 22);
  keys.forEach((k, i) => {
    k.toBuffer().copy(data, 56 + 32 * i);
  });
  v.svm.setAccount(lut, {
    lamports: 1_000_000_000,
    data,
    owner: AddressLookupTableProgram.programId,
    executable: false,
  });
  if (v.slot() === 0n) v.warp(1);
  const table = new AddressLookupTableAccount({
    key: lut,
    state: {
      deactivationSlot: 0xffff_ffff_ffff_ffffn,
      lastExtendedSlot: 0,
      lastExtendedSlotStartIndex: 0,
      authority: payer,
      addresses: keys,
    },
  });
  const msg = new TransactionMessage({
    payerKey: payer,
    recentBlockhash: v.svm.latestBlockhash(),
    instructions: [ComputeBudgetProgram.setComputeUnitLimit({ units: 1_400_000 }), ...ixs],
  }).compileToV0Message([table]);
  const tx = new VersionedTransaction(msg);
  tx.sign(signers);
  const r = v.svm.sendTransaction(tx);
  v.svm.expireBlockhash();
  if (r instanceof FailedTransactionMetadata) {
    const m = /code: (\d+)/.exec(r.err().toString());
    return {
      ok: false,
      name: m ? errorByCode(Number(m[1]))?.name : r.err().toString(),
      logs: r.meta().logs(),
    };
  }
  return { ok: true, name: "ok", logs: [] as string[] };
}

describe("redteam: makers spread over more markets than one instruction can see", () => {
  /*
   * FINDING. engine/risk.rs::MarketTable holds MAX_TABLE = 16 markets, and the maker check
   * (engine/matching.rs::MakerBook::index → account_health) needs every market each maker holds.
   * A taker (or `liquidate`) must fill the best orders first and cannot skip a maker. Three attacker
   * accounts each rest a 1-lot bid at the top of market 0's book and 1-lot bids in 7 / 7 / 2 other
   * markets (17 distinct markets with market 0): every sell that reaches them needs 17 markets in
   * the table → NotEnoughAccounts, even in a v0 transaction with a lookup table. Legacy
   * transactions break earlier (~10 markets: the transaction is too large). The bids count as band
   * liquidity for book_has_liquidity, so backstop and ADL refuse too. Cost: 19 one-lot orders, no
   * bankruptcy; needs an exchange with ≥ 17 markets (create_market allows 64).
   */
  async function spreadMakers(third: number[]) {
    const v = new Venue();
    v.initExchange({ insurance: 1_000n * USDC });
    for (let i = 0; i < 17; i++) v.createMarket(P, defaultParams());
    const mm = v.createTrader(1_000_000n * USDC);
    const longL = v.createTrader(100n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(mm, 0, Side.Ask, P, 950n, { type: OrderType.PostOnly }));
    expectOk(await v.order(longL, 0, Side.Bid, P, 950n, { type: OrderType.ImmediateOrCancel }));
    const spread = [[1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14], third];
    for (const ms of spread) {
      const m = v.createTrader(100n * USDC);
      expectOk(await v.order(m, 0, Side.Bid, P, 1n, { type: OrderType.PostOnly }));
      for (const i of ms)
        expectOk(await v.order(m, i, Side.Bid, pct(P, 9_500n), 1n, { type: OrderType.PostOnly }));
    }
    for (let i = 0; i < 17; i++) v.setPrice(i, i === 0 ? pct(P, 9_400n) : P);
    const liq = sendV0(
      v,
      [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, longL.account, 0)],
      [keeper.kp],
    );
    const adl = v.send(
      [await v.client.autoDeleverageIx(keeper.kp.publicKey, longL.account, 0, [mm.account])],
      [keeper.kp],
    );
    const note = `makers hold ${1 + 14 + third.length} markets; L equity ${equity(v, longL)}; liquidate (v0 + lookup table): ${liq.name}; ADL: ${adl.ok ? "ok" : adl.error?.name}`;
    console.log(`      ${note}`);
    return { liq, adl, note };
  }

  it("PASSING PROBE (control): makers over 16 markets — the v0 liquidation goes through", async () => {
    const { liq, note } = await spreadMakers([15]);
    assert.ok(liq.ok, note);
  });

  it("a liquidation reaches makers whatever markets they hold (17 markets)", async () => {
    const { liq, adl, note } = await spreadMakers([15, 16]);
    assert.ok(liq.ok || adl.ok, `no waterfall stage acts on a liquidatable long: ${note}`);
  });
});

describe("redteam: ADL against a zero-score candidate at the oracle", () => {
  /*
   * FINDING (keeper-chosen list). instructions/auto_deleverage.rs accepts any candidate list that
   * is sorted among itself; a position without profit (score 0) closes at the ORACLE, not the
   * bankruptcy price. The program cannot see the positions left out, so a keeper who owns the
   * top-ranked profitable short (B) lists only a fresh zero-score short of its own (C, opened at
   * the oracle): the bankrupt long is closed at the oracle, its whole shortfall becomes a deficit,
   * B exits on the book with its full gain, and socialize_loss charges the remaining shorts —
   * here the honest, lower-ranked H — for everything.
   *
   * Numbers: no insurance. X long 900 @1.00 on 100 USDC; B short 900 @1.00 on 200 USDC (score
   * ≈ 0.15 × 4.5 = 0.6), H short 900 @1.00 on 10 000 USDC (score ≈ 0.013). Price 0.85: X at
   * −35.45 USDC. By the published ranking B pays the whole haircut (its equity 335 covers it).
   * Cherry-picked: deficit 35.45 USDC, socialized, paid by H.
   */
  it("a profitable top-ranked short cannot hand its ADL haircut to a lower-ranked one", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(P, defaultParams());
    const mm = v.createTrader(1_000_000n * USDC);
    const x = v.createTrader(100n * USDC);
    const b = v.createTrader(200n * USDC); // attacker, top of the ADL queue
    const c = v.createTrader(10_000n * USDC); // attacker, fresh zero-score short
    const h = v.createTrader(10_000n * USDC); // honest short, low in the queue
    const keeper = v.createKeeper();
    expectOk(await v.order(b, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(x, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(h, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(mm, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    const low = pct(P, 8_500n);
    v.setPrice(0, low);
    expectOk(await v.order(mm, 0, Side.Bid, low, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(c, 0, Side.Ask, low, 900n, { type: OrderType.ImmediateOrCancel }));
    const queue = adlQueue(v, 0, "short").map((k) =>
      k.equals(b.account) ? "B" : k.equals(h.account) ? "H" : k.equals(c.account) ? "C" : "?",
    );
    const hBefore = equity(v, h);
    const r = expectOk(
      v.send([await v.client.autoDeleverageIx(keeper.kp.publicKey, x.account, 0, [c.account])], [keeper.kp]),
      "ADL against C only",
    );
    const a = ev(r, "AutoDeleverage")[0];
    // B takes its gain on the book, then the deficit is socialized.
    expectOk(await v.order(mm, 0, Side.Ask, low, 900n, { type: OrderType.PostOnly }));
    expectOk(
      await v.order(b, 0, Side.Bid, low, 900n, { type: OrderType.ImmediateOrCancel, reduceOnly: true }),
    );
    const deficit = v.account(x).deficitNative;
    const s =
      deficit > 0n
        ? v.send([await v.client.socializeLossIx(keeper.kp.publicKey, x.account)], [keeper.kp])
        : null;
    const social = s?.ok ? ev(s, "SocializedLoss")[0].amountNative : 0n;
    // H is touched (settles its share).
    expectOk(await v.order(h, 0, Side.Bid, pct(P, 8_000n), 1n, { type: OrderType.PostOnly }));
    const note =
      `published short queue ${queue.join(" > ")}; ADL vs [C] closed ${a.closedLots} @ ${a.fills[0].lots ? "oracle" : "?"} (bankruptcy price ${a.bankruptcyPrice}); ` +
      `deficit ${deficit}; socialized ${social}; H equity ${hBefore} -> ${equity(v, h)} (paid ${hBefore - equity(v, h)}); B kept its whole gain`;
    console.log(`      ${note}`);
    checkInvariants(v, [mm, x, b, c, h, keeper]);
    assert.equal(social, 0n, `nothing socialized while a profitable top-ranked position existed: ${note}`);
  });
});

describe("redteam: a BANKRUPT backstop takes over a position", () => {
  /*
   * FINDING. instructions/backstop_liquidate.rs loads the backstop account without looking at its
   * status or deficit, and its health ignores `deficit_native` (a bankrupt account's cash is 0
   * and the deficit is held apart). Under RepayDebtFirst a bankrupt owner may deposit with
   * max_debt_repayment = 0 (credited, deficit untouched). Such an account — still BANKRUPT, deficit
   * unpaid — meets initial margin with the credited cash and takes over a liquidated position. From
   * then on the account is BANKRUPT *with a position*: liquidate / backstop / ADL on it stop at
   * check_liquidatable (AccountBankrupt), resolve_bankruptcy and socialize_loss refuse
   * (AccountHasPositions), its owner cannot trade it (place_order: AccountBankrupt). The position
   * can lose without bound and no stage can ever act on it.
   *
   * Numbers: K (registered backstop for market 1) goes bankrupt in market 0 (deficit 35.45 USDC),
   * deposits 100 USDC with max_debt_repayment 0, takes L's 950 lots in market 1 at 0.9212. Market
   * 1 falls to 0.80: K's equity ≈ 2.7 USDC against 38 maintenance, then below zero at 0.75.
   */
  it("a bankrupt account never takes a position as a backstop (or it stays liquidatable)", async () => {
    const v = new Venue();
    v.initExchange({ depositPolicy: 1, insurance: 100n * USDC }); // RepayDebtFirst; the fund covers K's hole
    v.createMarket(P, defaultParams());
    v.createMarket(P, defaultParams());
    const mm = v.createTrader(1_000_000n * USDC);
    const k = v.createTrader(100n * USDC);
    const c = v.createTrader(10_000n * USDC);
    const longL = v.createTrader(100n * USDC);
    const keeper = v.createKeeper();
    expectOk(v.send([await v.client.registerBackstopIx(k.kp.publicKey, k.account, 2n, 100n * USDC)], [k.kp]));
    // K goes bankrupt in market 0 (closed at the oracle against a zero-score short).
    expectOk(await v.order(mm, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(k, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(mm, 1, Side.Ask, P, 950n, { type: OrderType.PostOnly }));
    expectOk(await v.order(longL, 1, Side.Bid, P, 950n, { type: OrderType.ImmediateOrCancel }));
    const low = pct(P, 8_500n);
    v.setPrice(0, low);
    expectOk(await v.order(mm, 0, Side.Bid, low, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(c, 0, Side.Ask, low, 900n, { type: OrderType.ImmediateOrCancel }));
    expectOk(v.send([v.cancelAllIx(mm, 0)], [mm.kp]));
    expectOk(
      v.send([await v.client.autoDeleverageIx(keeper.kp.publicKey, k.account, 0, [c.account])], [keeper.kp]),
    );
    assert.equal(v.account(k).status, AccountStatus.Bankrupt);
    const deficit = v.account(k).deficitNative;
    v.mintTo(k.token, 100n * USDC);
    expectOk(v.send([v.depositIx(k, 100n * USDC, 0n)], [k.kp]), "deposit credited, deficit kept");
    // L falls below maintenance in market 1, the book is empty: the backstop stage.
    v.setPrice(0, low);
    v.setPrice(1, pct(P, 9_400n));
    const bs = v.send(
      [await v.client.backstopLiquidateIx(keeper.kp.publicKey, k.account, longL.account, 1)],
      [keeper.kp],
    );
    if (!bs.ok) {
      console.log(`      backstop refused: ${bs.error?.name}`);
      return; // safe outcome: a bankrupt account cannot be a backstop
    }
    const base = v.account(k).positions.find((p) => p.marketIndex === 1)?.baseLots;
    v.setPrice(0, low);
    v.setPrice(1, pct(P, 8_000n));
    const eqK = equity(v, k);
    const liq = v.send(
      [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, k.account, 1)],
      [keeper.kp],
    );
    const res = v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, k.account)], [keeper.kp]);
    const note =
      `K bankrupt with deficit ${deficit} took ${base} lots as backstop; at 0.80 K equity ${eqK} (status ${v.account(k).status}); ` +
      `liquidate K: ${liq.ok ? "ok" : liq.error?.name}; resolve K: ${res.ok ? "ok" : res.error?.name}`;
    console.log(`      ${note}`);
    assert.ok(liq.ok, `a position no waterfall stage can touch: ${note}`);
  });
});

describe("redteam: a full book", () => {
  /*
   * FINDING (cheap market DoS). state/order_book.rs::insert refuses any order once a side holds
   * BOOK_CAPACITY = 64 orders (OrderBookFull) — it never evicts a worse-priced order. The
   * per-account limit is 16 orders per market, so 4 accounts with 1-lot bids at the far edge of
   * the price band (−10 %) fill the bid side for ≈ 6.4 USDC of margin in total (0.1 USDC each);
   * from then on no honest maker can rest a bid at any price, and the only bids are 10 % away
   * (outside the liquidation band: every liquidation of a long goes straight to backstop / ADL).
   */
  it("an honest bid at the touch can rest when the book is full of far-away dust", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(P, defaultParams());
    let margin = 0n;
    for (let i = 0; i < 4; i++) {
      const a = v.createTrader(2n * USDC);
      for (let j = 0; j < 16; j++)
        expectOk(await v.order(a, 0, Side.Bid, pct(P, 9_000n), 1n, { type: OrderType.PostOnly }));
      margin += 2n * USDC;
    }
    const honest = v.createTrader(100_000n * USDC);
    const r = await v.order(honest, 0, Side.Bid, pct(P, 9_990n), 1_000n, { type: OrderType.PostOnly });
    const note = `book bids ${v.bookState(0).bids.length} (64 × 1 lot @0.90 from 4 accounts holding ${margin} in total); honest bid @0.999: ${r.ok ? "rests" : r.error?.name}`;
    console.log(`      ${note}`);
    assert.ok(r.ok, note);
  });
});

describe("redteam: a BANKRUPT account earns keeper fees (CreditFirst)", () => {
  /*
   * FINDING (same hole, default deposit policy). instructions/liquidate.rs loads the keeper's
   * account with owned_margin_account_mut and pays it the keeper share (pay_cash) whatever its
   * status: a BANKRUPT account, which CreditFirst forbids to take deposits, receives cash while its
   * deficit is unpaid. With that cash it passes backstop_liquidate's initial-margin check for a
   * partial takeover (max_lots) and ends BANKRUPT with a position, out of every waterfall stage.
   *
   * Numbers: K bankrupt (deficit 35.45 USDC, CreditFirst, no insurance) liquidates an honest J in
   * market 2 as keeper and earns 2.18 USDC; it then backstops 20 lots of L in market 1 and is
   * left BANKRUPT holding them.
   */
  it("a bankrupt account neither earns keeper fees nor takes positions", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 100n * USDC }); // CreditFirst; the fund covers K's hole (K stays BANKRUPT until resolved)
    for (let i = 0; i < 3; i++) v.createMarket(P, defaultParams());
    const mm = v.createTrader(1_000_000n * USDC);
    const k = v.createTrader(100n * USDC);
    const c = v.createTrader(10_000n * USDC);
    const longL = v.createTrader(100n * USDC);
    const j = v.createTrader(100n * USDC);
    const keeper = v.createKeeper();
    expectOk(v.send([await v.client.registerBackstopIx(k.kp.publicKey, k.account, 2n, 100n * USDC)], [k.kp]));
    expectOk(await v.order(mm, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(k, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(mm, 1, Side.Ask, P, 950n, { type: OrderType.PostOnly }));
    expectOk(await v.order(longL, 1, Side.Bid, P, 950n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(mm, 2, Side.Ask, P, 950n, { type: OrderType.PostOnly }));
    expectOk(await v.order(j, 2, Side.Bid, P, 950n, { type: OrderType.ImmediateOrCancel }));
    const low = pct(P, 8_500n);
    v.setPrice(0, low);
    expectOk(await v.order(mm, 0, Side.Bid, low, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(c, 0, Side.Ask, low, 900n, { type: OrderType.ImmediateOrCancel }));
    expectOk(v.send([v.cancelAllIx(mm, 0)], [mm.kp]));
    expectOk(
      v.send([await v.client.autoDeleverageIx(keeper.kp.publicKey, k.account, 0, [c.account])], [keeper.kp]),
    );
    assert.equal(v.account(k).status, AccountStatus.Bankrupt);
    // K, bankrupt, liquidates J in market 2 as the keeper.
    v.setPrice(2, pct(P, 9_400n));
    expectOk(await v.order(mm, 2, Side.Bid, pct(P, 9_300n), 950n, { type: OrderType.PostOnly }));
    const lr = v.send([await v.client.liquidateIx(k.kp.publicKey, k.account, j.account, 2)], [k.kp]);
    const fee = lr.ok ? ev(lr, "Liquidation")[0].keeperFeeNative : 0n;
    const cashK = v.account(k).cashNative;
    v.setPrice(0, low);
    v.setPrice(1, pct(P, 9_400n));
    v.setPrice(2, pct(P, 9_400n));
    const bs = v.send(
      [await v.client.backstopLiquidateIx(keeper.kp.publicKey, k.account, longL.account, 1, 20n)],
      [keeper.kp],
    );
    const base = v.account(k).positions.find((p) => p.marketIndex === 1)?.baseLots ?? 0n;
    const note = `K BANKRUPT (deficit ${v.account(k).deficitNative}) liquidated J as keeper: ${lr.ok ? "ok" : lr.error?.name}, fee ${fee}, K cash ${cashK}; backstop 20 lots with K: ${bs.ok ? "ok" : bs.error?.name}; K status ${v.account(k).status} holding ${base} lots`;
    console.log(`      ${note}`);
    checkInvariants(v, [mm, k, c, longL, j, keeper]);
    assert.equal(fee, 0n, `a bankrupt account was paid keeper fees: ${note}`);
    assert.equal(base, 0n, `a bankrupt account took a position: ${note}`);
  });
});

describe("redteam: bad debt nobody bears", () => {
  /*
   * FINDING. The solvency rule tolerates `bad_debt` (vault + bad_debt == liabilities): a deficit
   * socialize_loss books as bad debt (no open interest left) — or a social charge written off by
   * settle_account — is recorded but allocated to nobody. Every account keeps its full cash claim,
   * so the vault is short by the bad debt and the LAST depositor to withdraw cannot (the SPL
   * transfer fails): a bank run, not a recorded, shared loss.
   *
   * Scenario (no attacker needed, a gap and a winner taking profit first): no insurance. A long
   * 900 @1.00 on 100 USDC, B short. Price 0.85: A at −35.45. B buys back 900 from an honest maker
   * M (ask @0.85) and withdraws its gain. ADL of A can only use M (the only short, score 0, closed
   * at the oracle): deficit 35.45, open interest now 0 → socialize_loss books 35.45 of bad debt.
   * Honest H (500 USDC, never traded) withdraws first; honest M then cannot withdraw its 999.85 USDC
   * (the vault holds 35.45 less).
   */
  it("every flat honest depositor can withdraw its cash after a loss is written off", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(P, defaultParams());
    const a = v.createTrader(100n * USDC);
    const b = v.createTrader(100n * USDC);
    const h = v.createTrader(500n * USDC);
    const m = v.createTrader(1_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(b, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(a, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    const low = pct(P, 8_500n);
    v.setPrice(0, low);
    expectOk(await v.order(m, 0, Side.Ask, low, 900n, { type: OrderType.PostOnly }));
    expectOk(
      await v.order(b, 0, Side.Bid, low, 900n, { type: OrderType.ImmediateOrCancel, reduceOnly: true }),
    );
    expectOk(await v.withdraw(b, BigInt(v.account(b).cashNative)), "B takes its profit");
    expectOk(
      v.send([await v.client.autoDeleverageIx(keeper.kp.publicKey, a.account, 0, [m.account])], [keeper.kp]),
    );
    // (Zero-score candidates now pay the haircut too: no deficit is left, so no bad debt arises here.)
    const d = v.account(a).deficitNative;
    const s =
      d > 0n ? v.send([await v.client.socializeLossIx(keeper.kp.publicKey, a.account)], [keeper.kp]) : null;
    const bad = s?.ok ? ev(s, "SocializedLoss")[0].badDebtNative : 0n;
    expectOk(await v.withdraw(h, 500n * USDC), "H withdraws first");
    const cashM = BigInt(v.account(m).cashNative);
    const vault = v.tokenBalance(v.vault);
    const wm = await v.withdraw(m, cashM);
    const note = `bad debt ${bad}; M flat with cash ${cashM}, vault holds ${vault}; M's withdrawal: ${wm.ok ? "ok" : (wm.error?.name ?? wm.rawError)}`;
    console.log(`      ${note}`);
    assert.ok(wm.ok, `an honest flat depositor cannot withdraw its cash: ${note}`);
    checkInvariants(v, [a, b, h, m, keeper], "after the write-off");
  });
});

describe("redteam: the bankruptcy price rounds in favour of the bankrupt account", () => {
  /*
   * FINDING. math/adl.rs::bankruptcy_price rounds the price per lot towards the counterparties'
   * loss (⌈⌉ for a bankrupt long, ⌊⌋ for a short) — at a 1-native-per-lot granularity. When the
   * true haircut per lot is a fraction of a native unit, every lot pays up to one whole native
   * more, and the surplus goes to the BANKRUPT account: it leaves its own ADL with positive cash
   * and withdraws it. The effect is lots × (1 − fraction) native: ≈ 1 ppm of notional at a price of
   * 1 USDC per lot, but 1 % of notional in a market quoted at 100 native per lot.
   *
   * Numbers: price 100 native per lot, tick 1. A deposits 10 900 USDC, buys 10^9 lots (100 000
   * USDC) from B. Oracle 89: A at −150 USDC (shortfall 0.15 native per lot). ADL against B at
   * ⌈89.15⌉ = 90: B pays 1 000 USDC instead of 150, A ends flat with +850 USDC and withdraws it.
   */
  it("an ADL never leaves the bankrupt account with money to withdraw", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(100n, defaultParams());
    const a = v.createTrader(10_900n * USDC);
    const b = v.createTrader(20_000n * USDC);
    const keeper = v.createKeeper();
    const lots = 1_000_000_000n;
    expectOk(await v.order(b, 0, Side.Ask, 100n, lots, { type: OrderType.PostOnly }));
    expectOk(await v.order(a, 0, Side.Bid, 100n, lots, { type: OrderType.ImmediateOrCancel }));
    v.setPrice(0, 89n);
    const eqA = equity(v, a);
    const eqB = equity(v, b);
    const r = expectOk(
      v.send([await v.client.autoDeleverageIx(keeper.kp.publicKey, a.account, 0, [b.account])], [keeper.kp]),
    );
    const d = ev(r, "AutoDeleverage")[0];
    const sA = v.account(a);
    const w = sA.cashNative > 0n ? await v.withdraw(a, BigInt(sA.cashNative)) : undefined;
    const note =
      `A equity before ${eqA}; ADL closed ${d.closedLots} lots at ${d.bankruptcyPrice} (oracle 89); ` +
      `A after: status ${sA.status}, cash ${sA.cashNative}, deficit ${sA.deficitNative}; withdraw: ${w ? (w.ok ? "ok" : w.error?.name) : "-"}; ` +
      `B paid ${eqB - equity(v, b)} for a shortfall of ${-eqA}`;
    console.log(`      ${note}`);
    checkInvariants(v, [a, b, keeper]);
    assert.ok(sA.cashNative <= 0n, `the bankrupt account profits from its own ADL: ${note}`);
    assert.ok(eqB - equity(v, b) <= -eqA + d.closedLots / 1_000_000n, `counterparty overpays: ${note}`);
  });
});

describe("redteam: passing probes", () => {
  /*
   * PASSING PROBE. A keeper cannot record a false underwater mark by passing another market's
   * oracle or leaving a held market out: the oracle must be the market's own (WrongMarket) and
   * every held market must be present (MissingMarketAccounts).
   */
  it("PASSING PROBE: mark_underwater takes only the account's own markets and oracles", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(P, defaultParams());
    v.createMarket(P, defaultParams());
    const a = v.createTrader(100n * USDC);
    const mm = v.createTrader(100_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(mm, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(a, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    v.setPrice(1, pct(P, 5_000n)); // market 1's feed says half: pass it as market 0's oracle
    const ix = await v.client.markUnderwaterIx(keeper.kp.publicKey, a.account);
    const m0 = v.markets.get(0)!;
    const m1 = v.markets.get(1)!;
    const swapped = new TransactionInstruction({
      programId: ix.programId,
      data: Buffer.from(ix.data),
      keys: ix.keys.map((k) => (k.pubkey.equals(m0.oracle) ? { ...k, pubkey: m1.oracle } : { ...k })),
    });
    const r1 = v.send([swapped], [keeper.kp]);
    assert.equal(r1.error?.name, "WrongMarket");
    const bare = new TransactionInstruction({
      programId: ix.programId,
      data: Buffer.from(ix.data),
      keys: ix.keys.slice(0, 5),
    });
    const r2 = v.send([bare], [keeper.kp]);
    assert.equal(r2.error?.name, "MissingMarketAccounts");
    assert.equal(v.exchangeState().underwaterNative, 0n);
  });

  /*
   * PASSING PROBE. sweep_surplus moves exactly the donated amount even while insurance is
   * reserved for an ADL'd account and pending settlement is non-zero: liabilities are never swept.
   */
  it("PASSING PROBE: sweep_surplus sweeps a donation, never a liability", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 30n * USDC });
    v.createMarket(P, defaultParams());
    const a = v.createTrader(100n * USDC);
    const b = v.createTrader(10_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(b, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(a, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    v.setPrice(0, pct(P, 8_500n));
    expectOk(
      v.send(
        [await v.client.autoDeleverageIx(keeper.kp.publicKey, a.account, 0, [b.account], 1n)],
        [keeper.kp],
      ),
    );
    donate(v, v.vault, 7n);
    donate(v, v.insuranceVault, 5n);
    const fund = v.exchangeState().insuranceNative;
    const r = expectOk(v.send([v.client.sweepSurplusIx(keeper.kp.publicKey)], [keeper.kp]));
    const s = ev(r, "SurplusSwept")[0];
    assert.equal(s.vaultSurplusNative, 7n);
    assert.equal(s.insuranceSurplusNative, 5n);
    assert.equal(v.exchangeState().insuranceNative, fund + 12n);
    checkInvariants(v, [a, b, keeper]);
  });

  /*
   * PASSING PROBE. A maker that owes an unsettled social-loss charge is filled only with that charge
   * counted: the fill settles it (PositionSettled with the social loss) and the maker stays ≥ 0.
   * Measured: the whole 35.45 USDC deficit lands on one 500-lot short (60 USDC + 75 unrealized);
   * its reduce bid @0.90 fills, settling 35.45, leaving it at 74.36 USDC.
   */
  it("PASSING PROBE: the maker check counts an unsettled social-loss charge", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(P, defaultParams());
    const mm = v.createTrader(1_000_000n * USDC);
    const x = v.createTrader(100n * USDC);
    const s = v.createTrader(60n * USDC); // thin short: will owe the social charge
    const c = v.createTrader(10_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(s, 0, Side.Ask, P, 500n, { type: OrderType.PostOnly }));
    expectOk(await v.order(mm, 0, Side.Ask, P, 400n, { type: OrderType.PostOnly }));
    expectOk(await v.order(x, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    const low = pct(P, 8_500n);
    v.setPrice(0, low);
    expectOk(await v.order(mm, 0, Side.Bid, low, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(c, 0, Side.Ask, low, 900n, { type: OrderType.ImmediateOrCancel }));
    expectOk(v.send([v.cancelAllIx(mm, 0)], [mm.kp]));
    expectOk(
      v.send([await v.client.autoDeleverageIx(keeper.kp.publicKey, x.account, 0, [c.account])], [keeper.kp]),
    );
    // s rests a bid (reduce) before the loss is socialized onto the shorts. ADL now leaves x no
    // deficit (c pays the haircut), so the 35.45 USDC to socialize is crafted on a fresh account.
    expectOk(
      await v.order(s, 0, Side.Bid, pct(P, 9_000n), 500n, { type: OrderType.PostOnly, reduceOnly: true }),
    );
    const ghost = v.createTrader(0n);
    craftDeficit(v, ghost, 0, 35_450_000n);
    expectOk(v.send([await v.client.socializeLossIx(keeper.kp.publicKey, ghost.account)], [keeper.kp]));
    const taker = v.createTrader(100_000n * USDC);
    const r = expectOk(
      await v.order(taker, 0, Side.Ask, pct(P, 9_000n), 500n, { type: OrderType.ImmediateOrCancel }),
    );
    const fills = ev(r, "Fill").length;
    const cancels = ev(r, "OrderCancelled").map((e) => e.reason);
    const settled = ev(r, "PositionSettled").filter((e) => e.marginAccount.equals(s.account));
    console.log(
      `      fills ${fills}, cancels ${cancels}, maker social settled ${settled.map((e) => e.socialLossNative)}, maker equity ${equity(v, s)}`,
    );
    assert.ok(equity(v, s) >= 0n, `maker below zero: ${equity(v, s)}`);
    assert.ok(fills > 0 ? settled.some((e) => e.socialLossNative > 0n) : cancels.includes(4));
    checkInvariants(v, [mm, x, s, c, keeper, taker]);
  });
});
