/**
 * Account-level health in TypeScript (`client/src/math/account.ts`), on hand-worked accounts: the
 * numbers in the comments are worked out by hand from the model in `engine/risk.rs` and
 * `math/margin.rs`, not from the code under test.
 */
import { strict as assert } from "node:assert";
import { PublicKey } from "@solana/web3.js";
import { math, NO_MARKET } from "@perp-margin/client";

type Market = math.MarketRisk;
type Position = math.PositionRiskState;

const market = (
  marketIndex: number,
  o: { imf?: number; mmf?: number; funding?: bigint; socialLong?: bigint; socialShort?: bigint } = {},
): Market => ({
  marketIndex,
  cumulativeFunding: o.funding ?? 0n,
  socialLossLongIndex: o.socialLong ?? 0n,
  socialLossShortIndex: o.socialShort ?? 0n,
  params: { initialMarginBps: o.imf ?? 1_000, maintenanceMarginBps: o.mmf ?? 500 },
});

const FREE: Position = {
  marketIndex: NO_MARKET,
  baseLots: 0n,
  entryNotionalNative: 0n,
  fundingSnapshot: 0n,
  socialLossSnapshot: 0n,
  bidsLots: 0n,
  asksLots: 0n,
  bidsQuoteNative: 0n,
  asksQuoteNative: 0n,
  fundingPaidNative: 0n,
};
const position = (marketIndex: number, baseLots: bigint, entryNotionalNative: bigint): Position => ({
  ...FREE,
  marketIndex,
  baseLots,
  entryNotionalNative,
});
/** 8 slots like the on-chain account, the given positions first. */
const account = (cashNative: bigint, ...ps: Position[]): math.AccountRiskState => ({
  cashNative,
  positions: [...ps, ...Array.from({ length: 8 - ps.length }, () => FREE)],
});
const table = (...quotes: [Market, bigint][]) =>
  math.marketTable(quotes.map(([m, p]) => ({ market: m, oraclePrice: p })));
const key = (byte: number) => new PublicKey(Buffer.alloc(32, byte));

describe("math mirror: account health, liquidation price, ADL, deposit preview", () => {
  // Long 10 lots of market 0 bought at 100 (entry 1 000) and short 4 lots of market 1 sold at 60
  // (entry 240), from a 200 deposit: cash = 200 − 1 000 + 240 = −560.
  // Market 0 (imf 10 %, mmf 5 %, oracle 100): funding index +1.5 native/lot since the snapshot.
  // Market 1 (imf 20 %, mmf 10 %, oracle 50): funding index −1.0 (shorts pay 1/lot) and a short-side
  // social-loss index of 2.5/lot.
  const m0 = market(0, { funding: 1_500_000n });
  const m1 = market(1, { imf: 2_000, mmf: 1_000, funding: -1_000_000n, socialShort: 2_500_000n });
  const both = table([m0, 100n], [m1, 50n]);
  const acct = account(-560n, position(0, 10n, 1_000n), position(1, -4n, 240n));

  it("counts unsettled funding and social loss, as the program does after settling", () => {
    // Owed: long ⌈10 × 1.5⌉ = 15; short funding ⌈−4 × −1.0⌉ = 4 and social loss ⌈4 × 2.5⌉ = 10.
    const { account: settled, settlements } = math.settleAccount(acct, both);
    assert.equal(settled.cashNative, -589n);
    assert.deepEqual(settlements, [
      { marketIndex: 0, fundingNative: 15n, socialLossNative: 0n },
      { marketIndex: 1, fundingNative: 4n, socialLossNative: 10n },
    ]);
    assert.equal(settled.positions[0].fundingSnapshot, 1_500_000n);
    assert.equal(settled.positions[1].socialLossSnapshot, 2_500_000n);
    assert.equal(acct.cashNative, -560n, "the input account is not changed");
    // Settling twice moves nothing more.
    assert.equal(math.settleAccount(settled, both).account.cashNative, -589n);

    // equity = −589 + 10 × 100 − 4 × 50 = 211; maint = 50 + 20 = 70; init = 100 + 40 = 140.
    const v = math.accountRiskView(acct, both);
    assert.equal(v.settledCashNative, -589n);
    assert.equal(v.equityNative, 211n);
    assert.equal(v.maintReqNative, 70n);
    assert.equal(v.initReqNative, 140n);
    assert.equal(v.notionalNative, 1_200n);
    assert.equal(v.isLiquidatable, false);
    assert.equal(v.meetsInitial, true);
    assert.equal(v.freeCollateralNative, 71n);
    assert.equal(v.marginRatioBps, 3_318n); // ⌈70 × 10 000 / 211⌉
    const [long, short] = v.positions;
    assert.equal(long.unrealizedPnlNative, 0n);
    assert.equal(short.unrealizedPnlNative, 40n); // sold for 240, worth 200
    assert.equal(long.unsettledFundingNative, 15n);
    assert.equal(short.unsettledSocialLossNative, 10n);
    assert.deepEqual(
      [long.maintReqNative, long.initReqNative, short.maintReqNative, short.initReqNative],
      [50n, 100n, 20n, 40n],
    );
  });

  it("open orders raise only the initial requirement, from the worst case they could leave", () => {
    // Long 10 with 6 lots bid: worst case long 16 lots → init ⌈1 600 × 10 %⌉ = 160; maint stays 50.
    const withBids = account(-800n, { ...position(0, 10n, 1_000n), bidsLots: 6n });
    const h = math.accountHealth(withBids, table([market(0), 100n]));
    assert.deepEqual([h.equityNative, h.maintReqNative, h.initReqNative], [200n, 50n, 160n]);
  });

  it("puts each position's liquidation price at the last price that is not liquidatable", () => {
    // Long: others = −589 − 200 = −789 with maintenance 20 → P = ⌈809 / (10 × 0.95)⌉ = 86.
    // Short: others = −589 + 1 000 = 411 with maintenance 50 → P = ⌊361 / (4 × 1.1)⌋ = 82.
    const v = math.accountRiskView(acct, both);
    assert.equal(v.positions[0].liquidationPrice, 86n);
    assert.equal(v.positions[1].liquidationPrice, 82n);
    assert.equal(math.positionLiquidationPrice(acct, both, 0), 86n);
    // Re-pricing one market confirms both edges.
    const at = (p0: bigint, p1: bigint) =>
      math.accountHealth(acct, table([m0, p0], [m1, p1])).isLiquidatable();
    assert.equal(at(86n, 50n), false);
    assert.equal(at(85n, 50n), true);
    assert.equal(at(100n, 82n), false);
    assert.equal(at(100n, 83n), true);
    // A lone long with enough cash for any price has none.
    assert.equal(
      math.positionLiquidationPrice(account(0n, position(0, 10n, 1_000n)), table([market(0), 100n]), 0),
      0n,
    );
  });

  it("raises the program's errors: missing market, oracle guard only for holders", () => {
    assert.throws(
      () => math.accountHealth(acct, table([m0, 100n])),
      (e: unknown) => math.mathErrorName(e) === "MissingMarketAccounts",
    );
    const stale = math.marketTable([
      { market: m0, oraclePrice: 100n },
      { market: m1, oraclePrice: 50n },
      { market: market(2), oraclePrice: 0n, oracleError: "OracleStale" },
    ]);
    assert.equal(math.accountHealth(acct, stale).equityNative, 211n);
    const holder = account(0n, position(2, 1n, 10n));
    assert.throws(
      () => math.accountHealth(holder, stale),
      (e: unknown) => math.mathErrorName(e) === "OracleStale",
    );
    // The guard itself: stale after 25 slots, confidence ≤ 1 % of the price.
    const params = { maxStalenessSlots: 25n, maxConfidenceBps: 100 };
    assert.equal(
      math.guardedPrice({ params }, { price: 1_000n, confidence: 10n, publishSlot: 100n }, 125n),
      1_000n,
    );
    assert.throws(
      () => math.guardedPrice({ params }, { price: 1_000n, confidence: 10n, publishSlot: 100n }, 126n),
      /OracleStale/,
    );
    assert.throws(
      () => math.guardedPrice({ params }, { price: 1_000n, confidence: 11n, publishSlot: 100n }, 100n),
      /OracleConfidenceTooWide/,
    );
  });

  it("scores ADL as PnL% × leverage and ranks score descending, ties by address bytes", () => {
    // The short of the account above: PnL% = ⌊40 × 10^6 / 240⌋ = 166 666; × 200 / 211 → 157 977.
    assert.deepEqual(math.adlStanding(acct, both, 1), {
      eligible: true,
      score: 157_977n,
      upnlNative: 40n,
      equityNative: 211n,
    });
    assert.equal(math.adlStanding(acct, both, 0).eligible, false); // uPnL 0

    // Longs of market 0 bought at 100, oracle now 120: uPnL 200 per 10 lots, PnL% 20 %.
    const t = table([market(0), 120n]);
    const long10 = (cash: bigint) => account(cash, position(0, 10n, 1_000n));
    const accounts = [
      { address: key(9), account: long10(-500n) }, // equity 700: 0.2 × 1 200 / 700 → 342 857
      { address: key(2), account: long10(-900n) }, // equity 300: 0.2 × 1 200 / 300 → 800 000
      { address: key(3), account: long10(-500n) }, // same score as key(9), smaller address
      { address: key(1), account: account(0n, position(0, 5n, 650n)) }, // bought at 130: uPnL −50
      { address: key(4), account: long10(-1_300n) }, // profitable but equity −100
      { address: key(5), account: account(1_000n, position(0, -5n, 500n)) }, // a short
    ];
    const ranking = math.adlRanking(accounts, t, 0, "long");
    assert.deepEqual(
      ranking.map((c) => [c.marginAccount.toBuffer()[0], c.score, c.rank, c.quantile]),
      [
        [2, 800_000n, 1, 5],
        [3, 342_857n, 2, 4],
        [9, 342_857n, 3, 4],
      ],
    );
    // The order the program enforces (AdlNotSorted otherwise): strictly descending by (score, −address).
    for (let i = 1; i < ranking.length; i++) {
      const [a, b] = [ranking[i - 1], ranking[i]];
      assert.ok(
        a.score > b.score ||
          (a.score === b.score && Buffer.compare(a.marginAccount.toBuffer(), b.marginAccount.toBuffer()) < 0),
      );
    }
    assert.deepEqual(
      math.adlRanking(accounts, t, 0, "short").map((c) => c.marginAccount.toBuffer()[0]),
      [],
      "the short is losing at 120",
    );
  });

  it("prices a liquidatee's bankruptcy net of available insurance and unsettled funding", () => {
    // Long 10 bought at 120 (cash −1 200), oracle 100: equity −200.
    const m = {
      ...market(0),
      insuranceDrawnNative: 900n,
      params: { ...market(0).params, insuranceCapNative: 1_000n },
    };
    const insurance = math.insuranceAvailable(m, {
      insuranceNative: 5_000n,
      insuranceReservedNative: 0n,
      marketInsuranceReservedNative: [],
    }); // cap 1 000 − drawn 900
    assert.equal(insurance, 100n);
    const bankrupt = account(-1_200n, position(0, 10n, 1_200n));
    assert.equal(math.liquidateeBankruptcyPrice(bankrupt, table([m, 100n]), 0, 0n), 120n);
    assert.equal(math.liquidateeBankruptcyPrice(bankrupt, table([m, 100n]), 0, insurance), 110n); // ⌈1 100 / 10⌉
    // One more native per lot of funding owed: cash −1 210 after settlement → ⌈1 110 / 10⌉ = 111.
    assert.equal(
      math.liquidateeBankruptcyPrice(
        bankrupt,
        table([{ ...m, cumulativeFunding: 1_000_000n }, 100n]),
        0,
        insurance,
      ),
      111n,
    );
    assert.throws(() => math.liquidateeBankruptcyPrice(bankrupt, table([m, 100n]), 3, 0n), /NoPosition/);
    // Funding owed beyond the position's own loss is not its counterparties' to pay: at most 120,
    // the price it bought at.
    assert.equal(
      math.liquidateeBankruptcyPrice(bankrupt, table([{ ...m, cumulativeFunding: 1_000_000n }, 100n]), 0, 0n),
      120n,
    );
  });

  it("never prices one market's ADL for another market's loss", () => {
    // Long 10 at 120 in market 0 (oracle 100: −200) and long 10 at 100 in market 1 (oracle 100:
    // flat); cash −2 000 + 100 deposited: equity −100.
    const two = account(-2_100n, position(0, 10n, 1_200n), position(1, 10n, 1_000n));
    const t = table([market(0), 100n], [market(1), 100n]);
    assert.equal(math.liquidateeBankruptcyPrice(two, t, 1, 0n), 100n, "market 1's shorts buy at the oracle");
    assert.equal(
      math.liquidateeBankruptcyPrice(two, t, 0, 0n),
      110n,
      "market 0's pay the 100 shortfall: ⌈1 100 / 10⌉",
    );
  });

  it("previews how much of a deposit goes to a deficit under each policy", () => {
    const p = math.depositPreview({
      amountNative: 1_000n,
      deficitNative: 300n,
      maxDebtRepaymentNative: 500n,
      policy: 1,
    });
    assert.deepEqual(p.creditFirst, { ok: false, error: "AccountHasUnresolvedDeficit" });
    assert.deepEqual(p.repayDebtFirst, {
      ok: true,
      toDebtNative: 300n,
      creditedNative: 700n,
      deficitAfterNative: 0n,
      clearsDeficit: true,
    });
    assert.deepEqual(p.active, p.repayDebtFirst);
    // The signed cap binds: 100 repaid, 200 left.
    const capped = math.depositPreview({
      amountNative: 1_000n,
      deficitNative: 300n,
      maxDebtRepaymentNative: 100n,
    });
    assert.deepEqual(capped.repayDebtFirst, {
      ok: true,
      toDebtNative: 100n,
      creditedNative: 900n,
      deficitAfterNative: 200n,
      clearsDeficit: false,
    });
    assert.equal(capped.active, undefined);
    // No deficit: both policies credit everything.
    const clean = math.depositPreview({
      amountNative: 50n,
      deficitNative: 0n,
      maxDebtRepaymentNative: 50n,
      policy: 0,
    });
    for (const o of [clean.creditFirst, clean.repayDebtFirst, clean.active]) {
      assert.deepEqual(o, {
        ok: true,
        toDebtNative: 0n,
        creditedNative: 50n,
        deficitAfterNative: 0n,
        clearsDeficit: false,
      });
    }
    // The instruction's own argument checks.
    assert.deepEqual(
      math.depositPreview({ amountNative: 0n, deficitNative: 0n, maxDebtRepaymentNative: 0n }).creditFirst,
      { ok: false, error: "ZeroAmount" },
    );
    assert.deepEqual(
      math.depositPreview({ amountNative: 1n << 63n, deficitNative: 0n, maxDebtRepaymentNative: 0n })
        .repayDebtFirst,
      {
        ok: false,
        error: "AmountTooLarge",
      },
    );
    assert.deepEqual(
      math.depositPreview({ amountNative: 5n, deficitNative: 0n, maxDebtRepaymentNative: 0n, policy: 7 })
        .active,
      {
        ok: false,
        error: "InvalidDepositPolicy",
      },
    );
  });
});
