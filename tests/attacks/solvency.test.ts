/**
 * Issue "Solvency that survives attackers and cascades": every case the review measured, replayed
 * as an attack on the SBF program (LiteSVM), asserting the safe outcome. Each of these failed on
 * the program before the fix (see the issue note for the numbers it gave then).
 */
import { strict as assert } from "node:assert";
import { AccountStatus, defaultMarketParams as defaultParams, OrderType, Side } from "@perp-margin/client";
import { USDC } from "@perp-margin/client/src/scenario";
import { expectError, expectOk } from "../harness/expect";
import { type Trader, Venue } from "../harness/venue";
import {
  adlQueue,
  checkInvariants,
  craftBadDebt,
  craftDeficit,
  donate,
  equity,
  maxLots,
  netWorth,
} from "./lib";

const P = 1_000_000n; // 1.00 USDC per lot
const pct = (p: bigint, bps: bigint) => (p * bps) / 10_000n;

function venue(insurance = 0n) {
  const v = new Venue();
  v.initExchange({ insurance });
  v.createMarket(P, defaultParams());
  return v;
}

const ev = (r: { events: { name: string; data: unknown }[] }, name: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: event payloads are checked field by field below
  r.events.filter((e) => e.name === name).map((e) => e.data as any);

describe("attack: freeze by donation", () => {
  it("1 native unit sent straight to the trading vault is surplus: deposit, withdraw and orders go on", async () => {
    const v = venue(1_000n * USDC);
    const a = v.createTrader(1_000n * USDC);
    const b = v.createTrader(1_000n * USDC);
    donate(v, v.vault, 1n);
    v.mintTo(a.token, 1n);
    expectOk(v.send([v.depositIx(a, 1n)], [a.kp]), "deposit after a donation");
    expectOk(await v.withdraw(a, 1n), "withdraw after a donation");
    expectOk(await v.order(a, 0, Side.Bid, P, 10n), "order after a donation");
    expectOk(await v.order(b, 0, Side.Ask, P, 10n), "fill after a donation");
    assert.equal(v.exchangeState().vaultSurplusNative, 1n, "the surplus is visible on the exchange");
    checkInvariants(v, [a, b], "after the donation");
    // Anyone sweeps it into the insurance fund, evented.
    const fund = v.exchangeState().insuranceNative;
    const r = expectOk(v.send([v.client.sweepSurplusIx(b.kp.publicKey)], [b.kp]), "sweep");
    const swept = ev(r, "SurplusSwept")[0];
    assert.equal(swept.vaultSurplusNative, 1n);
    assert.equal(v.exchangeState().insuranceNative, fund + 1n);
    assert.equal(v.exchangeState().vaultSurplusNative, 0n);
    checkInvariants(v, [a, b], "after the sweep");
    expectError(v, [v.client.sweepSurplusIx(b.kp.publicKey)], [b.kp], "NoSurplus", [v.exchange]);
  });

  it("1 native unit sent to the insurance vault does not stop liquidations; it joins the fund", async () => {
    const v = venue(1_000n * USDC);
    const long = v.createTrader(100n * USDC);
    const short = v.createTrader(10_000n * USDC);
    const maker = v.createTrader(10_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(short, 0, Side.Ask, P, 900n));
    expectOk(await v.order(long, 0, Side.Bid, P, 900n));
    donate(v, v.insuranceVault, 1n);
    v.setPrice(0, pct(P, 9_300n)); // −7%: the 9× long is below maintenance
    expectOk(await v.order(maker, 0, Side.Bid, pct(P, 9_250n), 900n));
    expectOk(
      v.send([await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, long.account, 0)], [keeper.kp]),
    );
    assert.equal(v.exchangeState().insuranceSurplusNative, 1n);
    checkInvariants(v, [long, short, maker, keeper]);
    const r = expectOk(v.send([v.client.sweepSurplusIx(keeper.kp.publicKey)], [keeper.kp]));
    assert.equal(ev(r, "SurplusSwept")[0].insuranceSurplusNative, 1n);
    checkInvariants(v, [long, short, maker, keeper], "after the sweep");
  });
});

describe("attack: off-oracle maker drain", () => {
  it("a bid at the band edge with exactly the margin asked for cannot end below maintenance when filled", async () => {
    const v = venue(5_000n * USDC);
    const maker = v.createTrader(1_000n * USDC); // the attacker's maker account
    const taker = v.createTrader(100_000n * USDC); // the attacker's other account
    const keeper = v.createKeeper();
    const bid = pct(P, 11_000n); // +10%: the order band edge (10% band = initial margin)
    const lots = await maxLots(v, maker, 0, Side.Bid, bid, 1_000_000n, { type: OrderType.PostOnly });
    assert.ok(lots > 0n);
    expectOk(await v.order(maker, 0, Side.Bid, bid, lots, { type: OrderType.PostOnly }));
    const before = netWorth(v, [maker, taker]);
    expectOk(await v.order(taker, 0, Side.Ask, bid, lots, { type: OrderType.ImmediateOrCancel }));
    const m = v.account(maker);
    assert.ok(equity(v, maker) >= 0n, `maker equity ${equity(v, maker)} went negative`);
    checkInvariants(v, [maker, taker, keeper]);
    // The maker stays out of liquidation (initial margin was reserved at its own price).
    const r = v.send(
      [await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, maker.account, 0)],
      [keeper.kp],
    );
    assert.equal(r.error?.name, "NotLiquidatable", "a maker filled at its own limit is not liquidatable");
    assert.equal(m.deficitNative, 0n);
    assert.equal(v.exchangeState().insurancePaidNative, 0n, "the insurance fund paid nothing");
    assert.ok(netWorth(v, [maker, taker]) <= before, "the attacker made nothing (fees only)");
  });

  it("after the oracle moves, a fill that would take the maker below maintenance is cancelled instead", async () => {
    const v = venue(5_000n * USDC);
    const maker = v.createTrader(1_000n * USDC);
    const taker = v.createTrader(100_000n * USDC);
    const lots = await maxLots(v, maker, 0, Side.Bid, P, 1_000_000n, { type: OrderType.PostOnly });
    expectOk(await v.order(maker, 0, Side.Bid, P, lots, { type: OrderType.PostOnly }));
    v.setPrice(0, pct(P, 9_200n)); // −8%: the resting bid is now 8.7% above the oracle
    const r = expectOk(
      await v.order(taker, 0, Side.Ask, pct(P, 9_200n), lots, { type: OrderType.ImmediateOrCancel }),
    );
    const cancelled = ev(r, "OrderCancelled");
    assert.equal(cancelled.length, 1);
    assert.equal(cancelled[0].reason, 4, "cancelled: the fill would take its owner below maintenance");
    assert.equal(ev(r, "Fill").length, 0);
    assert.equal(v.account(maker).positions.find((p) => p.marketIndex === 0)?.bidsLots ?? 0n, 0n);
    checkInvariants(v, [maker, taker]);
  });

  it("market parameters whose order band exceeds the initial margin are refused, by name", () => {
    const v = new Venue();
    v.initExchange();
    const { feed } = v.createFeed(P);
    const bad = defaultParams({ priceBandBps: 2000 }); // the old test/CLI default with 10× initial
    const { ixs, signers } = v.client.createMarketIx(v.admin.publicKey, 0, feed, "BAD", bad);
    expectError(v, ixs, [v.admin, ...signers], "PriceBandExceedsInitialMargin");
  });
});

describe("attack: hidden negative cash", () => {
  it("a resting ask that would close a long below what its equity covers is cancelled, not filled", async () => {
    const v = venue(5_000n * USDC);
    const mm = v.createTrader(100_000n * USDC);
    const maker = v.createTrader(1_000n * USDC);
    const buyer = v.createTrader(100_000n * USDC);
    const honest = v.createTrader(500n * USDC);
    // The maker goes long near its limit.
    expectOk(await v.order(mm, 0, Side.Ask, P, 1_000_000n, { type: OrderType.PostOnly }));
    const lots = await maxLots(v, maker, 0, Side.Bid, P, 100_000n, { type: OrderType.ImmediateOrCancel });
    expectOk(await v.order(maker, 0, Side.Bid, P, lots, { type: OrderType.ImmediateOrCancel }));
    expectOk(v.send([v.cancelAllIx(mm, 0)], [mm.kp]));
    // It rests a reduce ask at the band edge (−10%): filled, it would lose more than its equity.
    const ask = pct(P, 9_000n);
    const r0 = await v.order(maker, 0, Side.Ask, ask, lots, { type: OrderType.PostOnly, reduceOnly: true });
    if (r0.ok) {
      const r = expectOk(await v.order(buyer, 0, Side.Bid, ask, lots, { type: OrderType.ImmediateOrCancel }));
      assert.equal(ev(r, "Fill").length, 0, "no fill pushed the maker under water");
      assert.equal(ev(r, "OrderCancelled")[0]?.reason, 4);
    }
    const m = v.account(maker);
    assert.ok(m.cashNative >= 0n || m.positions.some((p) => p.marketIndex === 0 && p.baseLots !== 0n));
    checkInvariants(v, [mm, maker, buyer, honest]);
    // Every honest depositor can still take its money out.
    expectOk(await v.withdraw(honest, 500n * USDC), "the honest depositor withdraws in full");
  });

  it("ADL never leaves a counterparty below zero: a short with 1 USDC of profit and little equity", async () => {
    const v = venue(0n);
    const long = v.createTrader(100n * USDC);
    const thin = v.createTrader(12n * USDC); // a short that barely has any equity
    const mm = v.createTrader(100_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(thin, 0, Side.Ask, P, 100n, { type: OrderType.PostOnly }));
    expectOk(await v.order(mm, 0, Side.Ask, P, 800n, { type: OrderType.PostOnly }));
    expectOk(await v.order(long, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    v.setPrice(0, pct(P, 8_500n)); // −15%: the long is bankrupt; thin short +15 USDC
    const r = expectOk(
      v.send(
        [await v.client.autoDeleverageIx(keeper.kp.publicKey, long.account, 0, [thin.account, mm.account])],
        [keeper.kp],
      ),
    );
    assert.ok(ev(r, "AutoDeleverage")[0].closedLots > 0n);
    const t = v.account(thin);
    assert.ok(equity(v, thin) >= 0n, `ADL left the counterparty at ${equity(v, thin)}`);
    assert.ok(t.cashNative >= 0n || t.positions.some((p) => p.baseLots !== 0n));
    checkInvariants(v, [long, thin, mm, keeper]);
  });
});

describe("attack: orders outlive a bankruptcy", () => {
  it("after insurance paid its deficit, the bankrupt account's resting bid elsewhere never fills", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 10_000n * USDC });
    v.createMarket(P, defaultParams());
    v.createMarket(P, defaultParams());
    const victim = v.createTrader(200n * USDC);
    const short = v.createTrader(100_000n * USDC);
    const seller = v.createTrader(100_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(short, 0, Side.Ask, P, 1_800n, { type: OrderType.PostOnly }));
    expectOk(await v.order(victim, 0, Side.Bid, P, 1_800n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(victim, 1, Side.Bid, pct(P, 9_900n), 5n, { type: OrderType.PostOnly }));
    v.setPrice(0, pct(P, 8_500n)); // −15%: the victim is deep under water, nobody bids
    expectOk(
      v.send(
        [await v.client.autoDeleverageIx(keeper.kp.publicKey, victim.account, 0, [short.account])],
        [keeper.kp],
      ),
    );
    assert.equal(v.account(victim).status, AccountStatus.Bankrupt);
    expectOk(v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, victim.account)], [keeper.kp]));
    const paid = v.exchangeState().insurancePaidNative;
    assert.ok(paid > 0n);
    // The old bid in market 1 is reached: it is cancelled, the account does not go bankrupt again.
    const r = expectOk(
      await v.order(seller, 1, Side.Ask, pct(P, 9_900n), 5n, { type: OrderType.ImmediateOrCancel }),
    );
    assert.equal(ev(r, "Fill").length, 0);
    assert.equal(
      ev(r, "OrderCancelled")[0]?.reason,
      5,
      "cancelled: its owner went bankrupt after placing it",
    );
    assert.equal(v.account(victim).bankruptcyCount, 1);
    assert.equal(v.exchangeState().insurancePaidNative, paid, "the fund paid once");
    checkInvariants(v, [victim, short, seller, keeper]);
  });
});

describe("attack: self-liquidation into one's own bid", () => {
  it("liquidating one's own account into one's own bid at the band edge creates no deficit", async () => {
    const v = venue(10_000n * USDC);
    const victim = v.createTrader(1_000n * USDC); // the attacker's levered account
    const bidder = v.createTrader(100_000n * USDC); // the attacker's other account (also the keeper)
    const mm = v.createTrader(100_000n * USDC);
    expectOk(await v.order(mm, 0, Side.Ask, P, 9_000n, { type: OrderType.PostOnly }));
    expectOk(await v.order(victim, 0, Side.Bid, P, 9_000n, { type: OrderType.ImmediateOrCancel }));
    v.setPrice(0, pct(P, 9_200n)); // −8%: equity ≈ +280 USDC, below maintenance
    const limit = (pct(P, 9_200n) * 9_700n) / 10_000n + 1n; // liquidation band edge (3%)
    expectOk(await v.order(bidder, 0, Side.Bid, limit, 9_000n, { type: OrderType.PostOnly }));
    const before = netWorth(v, [victim, bidder]);
    const fundBefore = v.exchangeState().insuranceNative;
    for (let i = 0; i < 5; i++) {
      const r = v.send(
        [await v.client.liquidateIx(bidder.kp.publicKey, bidder.account, victim.account, 0)],
        [bidder.kp],
      );
      if (!r.ok) break;
    }
    const a = v.account(victim);
    assert.equal(a.deficitNative, 0n, "no deficit: the chunk stopped at the bankruptcy price");
    assert.ok(v.exchangeState().insuranceNative >= fundBefore, "the fund paid nothing");
    assert.equal(v.exchangeState().insurancePaidNative, 0n);
    assert.ok(netWorth(v, [victim, bidder]) <= before, "the attacker gained nothing");
    checkInvariants(v, [victim, bidder, mm]);
  });

  it("liquidation band + fee at or above maintenance is refused, by name", () => {
    const v = new Venue();
    v.initExchange();
    const { feed } = v.createFeed(P);
    const bad = defaultParams({ liquidationBandBps: 500, priceBandBps: 1000 }); // 5% + 1% fee ≥ 5%
    const { ixs, signers } = v.client.createMarketIx(v.admin.publicKey, 0, feed, "BAD", bad);
    expectError(v, ixs, [v.admin, ...signers], "LiquidationCostNotBelowMaintenance");
  });
});

describe("attack: insurance counted again by every ADL step", () => {
  async function cascade(gapBps: bigint, longsBankrupt: boolean) {
    const v = new Venue();
    v.initExchange({ insurance: 2_000n * USDC });
    v.createMarket(P, defaultParams());
    const losers: Trader[] = [];
    const winners: Trader[] = [];
    const mm = v.createTrader(1_000_000n * USDC);
    const keeper = v.createKeeper();
    const loserSide = longsBankrupt ? Side.Bid : Side.Ask;
    const winnerSide = longsBankrupt ? Side.Ask : Side.Bid;
    for (let i = 0; i < 6; i++) {
      const w = v.createTrader(BigInt(2_000 + 500 * i) * USDC);
      expectOk(await v.order(w, 0, winnerSide, P, BigInt(5_000 + 1_000 * i), { type: OrderType.PostOnly }));
      winners.push(w);
    }
    for (let i = 0; i < 8; i++) {
      const l = v.createTrader(BigInt(500 + 50 * i) * USDC);
      const lots = await maxLots(v, l, 0, loserSide, P, 10_000n, { type: OrderType.ImmediateOrCancel });
      expectOk(await v.order(l, 0, loserSide, P, lots, { type: OrderType.ImmediateOrCancel }));
      losers.push(l);
    }
    expectOk(v.send([v.cancelAllIx(mm, 0)], [mm.kp]));
    for (const w of winners) expectOk(v.send([v.cancelAllIx(w, 0)], [w.kp]));
    const fund = v.exchangeState().insuranceNative;
    v.setPrice(0, longsBankrupt ? pct(P, 10_000n - gapBps) : pct(P, 10_000n + gapBps));
    // ADL every loser first (the old keeper's order), counterparties ranked by the mirror's score.
    let counted = 0n;
    for (const l of losers) {
      const cands = adlQueue(v, 0, longsBankrupt ? "short" : "long").slice(0, 8);
      if (cands.length === 0) break;
      const r = v.send(
        [await v.client.autoDeleverageIx(keeper.kp.publicKey, l.account, 0, cands)],
        [keeper.kp],
      );
      if (r.ok) counted += ev(r, "AutoDeleverage")[0].insuranceAvailableNative;
      checkInvariants(v, [...losers, ...winners, mm, keeper], "after an ADL step");
    }
    assert.ok(counted <= fund, `ADL steps counted ${counted} of insurance against ${fund} held`);
    for (const l of losers) {
      if (v.account(l).deficitNative > 0n)
        expectOk(v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, l.account)], [keeper.kp]));
    }
    for (const l of losers) assert.equal(v.account(l).deficitNative, 0n, "every deficit paid by the fund");
    assert.equal(
      v.exchangeState().socializedLossNative,
      0n,
      "nothing socialized while profitable positions remain",
    );
    for (const w of winners) assert.ok(equity(v, w) >= 0n, "no counterparty below zero");
    checkInvariants(v, [...losers, ...winners, mm, keeper], "at the end");
  }

  it("a −30% gap: insurance reserved once, deficits paid by the fund, nothing socialized", async () => {
    await cascade(3_000n, true);
  });

  it("a +40% pump: the same for bankrupt shorts", async () => {
    await cascade(4_000n, false);
  });
});

describe("attack: a loss nobody records", () => {
  it("an under-water account no stage can progress is marked, in the exchange totals and evented", async () => {
    const v = new Venue();
    v.initExchange();
    v.createMarket(P, defaultParams());
    v.createMarket(P, defaultParams());
    const long = v.createTrader(100n * USDC);
    const short = v.createTrader(5_000n * USDC); // profitable in market 0, but ruined in market 1
    const mm = v.createTrader(100_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(short, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(long, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(mm, 1, Side.Ask, P, 40_000n, { type: OrderType.PostOnly }));
    expectOk(await v.order(short, 1, Side.Bid, P, 40_000n, { type: OrderType.ImmediateOrCancel }));
    v.setPrice(0, pct(P, 8_500n)); // the long is under water
    v.setPrice(1, pct(P, 8_000n)); // the only opposite position's account too: no one to deleverage
    const eq = equity(v, long);
    assert.ok(eq < 0n);
    expectError(
      v,
      [await v.client.autoDeleverageIx(keeper.kp.publicKey, long.account, 0, [short.account])],
      [keeper.kp],
      "AdlNotProfitable",
    );
    const r = expectOk(
      v.send([await v.client.markUnderwaterIx(keeper.kp.publicKey, long.account)], [keeper.kp]),
    );
    const m = ev(r, "UnderwaterMarked")[0];
    assert.equal(m.markedNative, -eq);
    const ex = v.exchangeState();
    assert.equal(ex.underwaterNative, -eq);
    assert.equal(ex.underwaterCount, 1n);
    assert.equal(v.account(long).underwaterNative, -eq);
    // A healthy account cannot be marked.
    expectError(
      v,
      [await v.client.markUnderwaterIx(keeper.kp.publicKey, mm.account)],
      [keeper.kp],
      "NotUnderwater",
    );
  });
});

describe("attack: socialize_loss under a stale oracle", () => {
  it("socialize_loss obeys the oracle guards like every other stage", async () => {
    // No instruction of the program leaves a deficit beyond what insurance pays any more (ADL
    // charges counterparties the exact shortfall, insurance is reserved for the rest), so stage 5
    // is defence in depth: it is exercised on a crafted deficit.
    const v = venue(0n);
    const long = v.createTrader(100n * USDC);
    const short = v.createTrader(1_000n * USDC);
    const ghost = v.createTrader(0n);
    const keeper = v.createKeeper();
    expectOk(await v.order(short, 0, Side.Ask, P, 100n, { type: OrderType.PostOnly }));
    expectOk(await v.order(long, 0, Side.Bid, P, 100n, { type: OrderType.ImmediateOrCancel }));
    craftDeficit(v, ghost, 0, 5n * USDC);
    checkInvariants(v, [long, short, ghost, keeper], "with the crafted deficit");
    v.warp(100); // the feed goes stale
    expectError(
      v,
      [await v.client.socializeLossIx(keeper.kp.publicKey, ghost.account)],
      [keeper.kp],
      "OracleStale",
      [ghost.account, v.exchange],
    );
    v.setPrice(0, P);
    const r = expectOk(
      v.send([await v.client.socializeLossIx(keeper.kp.publicKey, ghost.account)], [keeper.kp]),
    );
    assert.equal(ev(r, "SocializedLoss").length, 1);
    checkInvariants(v, [long, short, ghost, keeper], "after socializing");
  });
});

describe("attack: bad debt nobody bears", () => {
  it("with uncovered bad debt every withdrawal bears its share, deposits wait, insurance covers it", async () => {
    const v = venue(0n);
    const h = v.createTrader(600n * USDC);
    const m = v.createTrader(400n * USDC);
    const keeper = v.createKeeper();
    craftBadDebt(v, m, 100n * USDC); // claims 1 100 against a vault of 1 000
    checkInvariants(v, [h, m, keeper], "with the crafted bad debt");
    v.mintTo(keeper.token, 10n * USDC);
    expectError(v, [v.depositIx(keeper, 10n * USDC)], [keeper.kp], "VenueHasBadDebt", [keeper.account]);
    // H withdraws everything it can: 600 of claim is worth 600 × 1 000 / 1 100.
    const hw = (600n * USDC * 1_000n) / 1_100n;
    expectOk(await v.withdraw(h, hw), "H withdraws its share");
    assert.ok(v.account(h).cashNative <= 1n, "H gave up its whole claim");
    // M (last) gets the same ratio: the vault covers it.
    const mw = (500n * USDC * 1_000n) / 1_100n;
    expectOk(await v.withdraw(m, mw), "M, last, still withdraws its share");
    checkInvariants(v, [h, m, keeper], "after both withdrew");
    assert.ok(v.exchangeState().badDebtNative <= 2n, "the bad debt was borne pro rata");
  });

  it("insurance covers bad debt (permissionless) and deposits reopen", async () => {
    const v = venue(50n * USDC);
    const h = v.createTrader(100n * USDC);
    const keeper = v.createKeeper();
    craftBadDebt(v, h, 30n * USDC);
    const r = expectOk(v.send([v.client.coverBadDebtIx(keeper.kp.publicKey)], [keeper.kp]));
    assert.equal(ev(r, "InsuranceFlow")[0].kind, 6);
    assert.equal(v.exchangeState().badDebtNative, 0n);
    assert.equal(v.exchangeState().insuranceNative, 20n * USDC);
    expectError(v, [v.client.coverBadDebtIx(keeper.kp.publicKey)], [keeper.kp], "NothingToCover", [
      v.exchange,
    ]);
    expectOk(await v.withdraw(h, 130n * USDC), "the whole claim is backed again");
    v.mintTo(h.token, 1n * USDC);
    expectOk(v.send([v.depositIx(h, 1n * USDC)], [h.kp]), "deposits reopen");
    checkInvariants(v, [h, keeper]);
  });
});

describe("attack: a cheap market's counterparties charged for another market's loss", () => {
  it("ADL in a market charges its counterparties at most what the bankrupt position lost there", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 0n });
    v.createMarket(P, defaultParams()); // 0: crashes
    v.createMarket(P, defaultParams()); // 1: does not move
    const victim = v.createTrader(200n * USDC);
    const shortCrash = v.createTrader(100_000n * USDC);
    const shortCalm = v.createTrader(50n * USDC); // a small trader, flat in PnL
    const keeper = v.createKeeper();
    expectOk(await v.order(shortCrash, 0, Side.Ask, P, 1_800n, { type: OrderType.PostOnly }));
    expectOk(await v.order(victim, 0, Side.Bid, P, 1_800n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(shortCalm, 1, Side.Ask, P, 100n, { type: OrderType.PostOnly }));
    expectOk(await v.order(victim, 1, Side.Bid, P, 100n, { type: OrderType.ImmediateOrCancel }));
    v.setPrice(0, pct(P, 8_500n)); // −15% in market 0: the victim is 70 USDC under water
    const under = -equity(v, victim); // 70 USDC of price loss plus the fees it paid
    assert.ok(under > 70n * USDC);
    const calmBefore = equity(v, shortCalm);
    // The keeper deleverages the victim's position in the calm market first. Before the fix the
    // calm market's short paid the crash market's loss: closed at 1.70 against an oracle of 1.00,
    // its 50 USDC of equity went to zero. Now it closes at the oracle: that position lost nothing.
    const r = expectOk(
      v.send(
        [await v.client.autoDeleverageIx(keeper.kp.publicKey, victim.account, 1, [shortCalm.account])],
        [keeper.kp],
      ),
    );
    const adl = ev(r, "AutoDeleverage")[0];
    assert.equal(adl.closedLots, 100n);
    assert.equal(adl.bankruptcyPrice, P, "closed at the oracle: the bankrupt position lost nothing here");
    assert.equal(adl.fills[0].haircutNative, 0n);
    assert.equal(equity(v, shortCalm), calmBefore, "the calm market's short keeps its equity");
    // The crash market's winners pay the crash's loss, at that market's bankruptcy price.
    const r2 = expectOk(
      v.send(
        [await v.client.autoDeleverageIx(keeper.kp.publicKey, victim.account, 0, [shortCrash.account])],
        [keeper.kp],
      ),
    );
    const adl2 = ev(r2, "AutoDeleverage")[0];
    assert.equal(adl2.closedLots, 1_800n);
    assert.equal(adl2.fills[0].haircutNative, under, "the whole shortfall, paid where it was lost");
    assert.equal(v.account(victim).deficitNative, 0n);
    assert.equal(equity(v, victim), 0n);
    checkInvariants(v, [victim, shortCrash, shortCalm, keeper]);
  });

  it("a loss realized in another market while solvent is an explicit deficit, not a flat counterparty's", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 0n });
    v.createMarket(P, defaultParams()); // 0: the victim's long
    v.createMarket(P, defaultParams()); // 1: the victim's short, closed at a loss
    const victim = v.createTrader(100n * USDC);
    const flatShort = v.createTrader(1_000n * USDC); // shorted at 1.00; back at 1.00 it has gained nothing
    const winner = v.createTrader(10_000n * USDC); // long market 1: gains what the victim realizes there
    const maker = v.createTrader(10_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(flatShort, 0, Side.Ask, P, 100n, { type: OrderType.PostOnly }));
    expectOk(await v.order(victim, 0, Side.Bid, P, 100n, { type: OrderType.ImmediateOrCancel }));
    expectOk(await v.order(winner, 1, Side.Bid, P, 100n, { type: OrderType.PostOnly }));
    expectOk(await v.order(victim, 1, Side.Ask, P, 100n, { type: OrderType.ImmediateOrCancel }));
    // Market 0 triples (victim +200), market 1 rises 150% (victim −150): it closes market 1 with
    // that loss realized, solvent on market 0's gain.
    v.setPrice(0, 3n * P);
    v.setPrice(1, (5n * P) / 2n);
    expectOk(await v.order(maker, 1, Side.Ask, (5n * P) / 2n, 100n, { type: OrderType.PostOnly }));
    expectOk(await v.order(victim, 1, Side.Bid, (5n * P) / 2n, 100n, { type: OrderType.ImmediateOrCancel }));
    assert.equal(v.account(victim).positions.find((p) => p.marketIndex === 1)?.baseLots ?? 0n, 0n);
    assert.ok(equity(v, victim) > 0n);
    // Market 0 falls back to 1.00: the victim's long there lost nothing against its cost basis, but
    // the account is ~50 under water (the loss it realized in market 1).
    v.setPrice(0, P);
    const under = -equity(v, victim);
    assert.ok(under > 50n * USDC);
    const flatBefore = equity(v, flatShort);
    const r = expectOk(
      v.send(
        [await v.client.autoDeleverageIx(keeper.kp.publicKey, victim.account, 0, [flatShort.account])],
        [keeper.kp],
      ),
    );
    assert.equal(ev(r, "AutoDeleverage")[0].fills[0].haircutNative, 0n);
    assert.equal(
      equity(v, flatShort),
      flatBefore,
      "before the bound it paid the whole shortfall from its equity",
    );
    // The shortfall is the account's explicit deficit; with no insurance and no open interest left
    // it becomes bad debt, in the exchange totals and evented.
    assert.equal(v.account(victim).deficitNative, under);
    assert.equal(v.account(victim).status, AccountStatus.Bankrupt);
    const s = expectOk(
      v.send([await v.client.socializeLossIx(keeper.kp.publicKey, victim.account)], [keeper.kp]),
    );
    assert.ok(ev(s, "SocializedLoss").length + ev(s, "BadDebtRecorded").length > 0);
    assert.equal(v.account(victim).deficitNative, 0n);
    checkInvariants(v, [victim, flatShort, winner, maker, keeper]);
  });

  it("a single-market account's shortfall is paid in full by its counterparties (the bound never binds there)", async () => {
    const v = new Venue();
    v.initExchange({ insurance: 0n });
    v.createMarket(P, defaultParams());
    const victim = v.createTrader(100n * USDC);
    const short = v.createTrader(100_000n * USDC);
    const keeper = v.createKeeper();
    expectOk(await v.order(short, 0, Side.Ask, P, 900n, { type: OrderType.PostOnly }));
    expectOk(await v.order(victim, 0, Side.Bid, P, 900n, { type: OrderType.ImmediateOrCancel }));
    v.setPrice(0, pct(P, 8_500n)); // loss 135 on 100 deposited: 35 (and the fee) under water
    const under = -equity(v, victim);
    const r = expectOk(
      v.send(
        [await v.client.autoDeleverageIx(keeper.kp.publicKey, victim.account, 0, [short.account])],
        [keeper.kp],
      ),
    );
    // A single-market account's shortfall is never more than its position's loss: paid in full.
    assert.equal(ev(r, "AutoDeleverage")[0].fills[0].haircutNative, under);
    assert.equal(v.account(victim).deficitNative, 0n);
    checkInvariants(v, [victim, short, keeper]);
  });
});
