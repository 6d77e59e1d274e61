/**
 * "My deposit vanished": a deposit right after a liquidation left a deficit, under both policies.
 * Plus the insurance fund's flows (deposit, fee sweep, delayed admin withdrawal) and the backstop
 * registry.
 */
import { strict as assert } from "node:assert";
import { Keypair } from "@solana/web3.js";
import { Venue } from "../harness/venue";
import { expectError, expectOk, assertConserved } from "../harness/expect";
import { Side, AccountStatus, DepositPolicy, eventData, defaultMarketParams } from "@perp-margin/client";

const P = 1_000_000n;

/** A long taken over by the backstop below its bankruptcy price: left with a deficit. */
async function liquidatedWithDeficit(policy: DepositPolicy) {
  const v = new Venue();
  v.initExchange({ depositPolicy: policy, insurance: 500_000_000n });
  v.createMarket(P, defaultMarketParams({ liquidationBandBps: 300 }));
  const long = v.createTrader(1_000_000_000n);
  const short = v.createTrader(100_000_000_000n);
  const backstop = v.createTrader(100_000_000_000n);
  const keeper = v.createKeeper();
  expectOk(
    v.send(
      [await v.client.registerBackstopIx(backstop.kp.publicKey, backstop.account, 1n, 50_000_000_000n)],
      [backstop.kp],
    ),
  );
  expectOk(await v.order(short, 0, Side.Ask, P, 9_000n));
  expectOk(await v.order(long, 0, Side.Bid, P, 9_000n));
  v.setPrice(0, (P * 87n) / 100n);
  expectOk(
    v.send(
      [await v.client.backstopLiquidateIx(keeper.kp.publicKey, backstop.account, long.account, 0)],
      [keeper.kp],
    ),
  );
  const a = v.account(long);
  assert.equal(a.status, AccountStatus.Bankrupt);
  assert.ok(a.deficitNative > 0n);
  v.mintTo(long.token, 1_000_000_000n); // the user comes back with fresh money
  return { v, long, keeper, deficit: a.deficitNative };
}

describe("deposit right after being liquidated", () => {
  it("CreditFirst (default): the deposit is refused with a message that says what to do, until the deficit is resolved", async () => {
    const { v, long, keeper, deficit } = await liquidatedWithDeficit(DepositPolicy.CreditFirst);
    const r = expectError(
      v,
      [v.depositIx(long, 100_000_000n, 100_000_000n)],
      [long.kp],
      "AccountHasUnresolvedDeficit",
      [long.account, long.token, v.vault, v.exchange],
    );
    assert.match(r.error!.msg, /resolve_bankruptcy/);
    expectOk(v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, long.account)], [keeper.kp]));
    assert.equal(v.account(long).deficitNative, 0n);
    const d = expectOk(v.deposit(long, 100_000_000n, 100_000_000n));
    const e = eventData(d.events[0], "Deposit");
    assert.equal(e.toDebtNative, 0n, "no deposit ever pays an old deficit under CreditFirst");
    assert.equal(e.creditedNative, 100_000_000n);
    assert.equal(v.account(long).cashNative, 100_000_000n);
    assert.equal(v.exchangeState().insurancePaidNative, deficit, "the fund paid the deficit, not the user");
    assertConserved(v);
  });

  it("RepayDebtFirst: applies at most the signed maximum, never more than the deficit, and emits the split", async () => {
    const { v, long, keeper, deficit } = await liquidatedWithDeficit(DepositPolicy.RepayDebtFirst);
    const { math } = require("@perp-margin/client");
    // 1. maximum 0: everything is credited, the deficit stays
    const r0 = expectOk(v.deposit(long, 10_000_000n, 0n));
    assert.equal(eventData(r0.events[0], "Deposit").toDebtNative, 0n);
    assert.equal(v.account(long).deficitNative, deficit);
    assert.equal(v.account(long).cashNative, 10_000_000n);
    // 2. part of the deficit, as signed
    const part = deficit / 3n;
    const amount = part + 20_000_000n;
    const preview = math.depositPreview({
      amountNative: amount,
      deficitNative: deficit,
      maxDebtRepaymentNative: part,
      policy: v.exchangeState().depositPolicy,
    });
    const r1 = expectOk(v.deposit(long, amount, part));
    assert.equal(eventData(r1.events[0], "Deposit").toDebtNative, part);
    assert.equal(eventData(r1.events[0], "Deposit").creditedNative, 20_000_000n);
    assert.equal(preview.active.toDebtNative, part, "client preview equals what the program did");
    assert.equal(preview.creditFirst.ok, false, "the same deposit under CreditFirst would be refused");
    assert.equal(v.account(long).deficitNative, deficit - part);
    // 3. a maximum above the deficit repays only the deficit (non-recourse)
    const rest = deficit - part;
    const r2 = expectOk(v.deposit(long, rest + 5_000_000n, rest * 10n));
    assert.equal(eventData(r2.events[0], "Deposit").toDebtNative, rest);
    assert.equal(eventData(r2.events[0], "Deposit").creditedNative, 5_000_000n);
    assert.equal(eventData(r2.events[0], "Deposit").deficitAfterNative, 0n);
    const a = v.account(long);
    assert.equal(a.status, AccountStatus.Healthy);
    assert.equal(a.totalDebtRepaidNative, deficit);
    assert.equal(a.cashNative, 10_000_000n + 20_000_000n + 5_000_000n);
    assert.equal(a.deficitMarketIndex, 0xffff);
    const { buildIx } = require("@perp-margin/client");
    const m = v.markets.get(0)!;
    const resolve = buildIx(
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
    expectError(v, [resolve], [keeper.kp], "NoDeficit", [long.account, v.exchange]);
    assert.equal(v.exchangeState().insurancePaidNative, 0n, "the user repaid; the fund paid nothing");
    assertConserved(v);
  });
});

describe("insurance fund", () => {
  let v: Venue;
  beforeEach(() => {
    v = new Venue();
    v.initExchange({ insuranceDelaySlots: 50n });
  });

  it("anyone funds it; fees are swept into it; every flow is evented", async () => {
    const funder = v.createTrader(0n);
    v.mintTo(funder.token, 7_000_000n);
    const r = expectOk(
      v.send([v.client.depositInsuranceIx(funder.kp.publicKey, funder.token, 7_000_000n)], [funder.kp]),
    );
    assert.equal(r.events[0].name, "InsuranceFlow");
    assert.equal(r.events[0].data.kind, 0);
    assert.equal(v.tokenBalance(v.insuranceVault), 7_000_000n);
    expectError(v, [v.client.sweepFeesIx(funder.kp.publicKey)], [funder.kp], "ZeroAmount", [v.exchange]);
    v.createMarket(P);
    const a = v.createTrader(10_000_000_000n),
      b = v.createTrader(10_000_000_000n);
    expectOk(await v.order(a, 0, Side.Ask, P, 100n));
    expectOk(await v.order(b, 0, Side.Bid, P, 100n));
    const fees = v.exchangeState().feePoolNative;
    assert.ok(fees > 0n);
    const s = expectOk(v.send([v.client.sweepFeesIx(funder.kp.publicKey)], [funder.kp]));
    assert.equal(eventData(s.events[0], "InsuranceFlow").amountNative, fees);
    assert.equal(v.exchangeState().feePoolNative, 0n);
    assert.equal(v.exchangeState().insuranceNative, 7_000_000n + fees);
    assertConserved(v);
    expectError(
      v,
      [v.client.depositInsuranceIx(funder.kp.publicKey, funder.token, 1n)],
      [funder.kp],
      "InsufficientTokenBalance",
      [v.exchange],
    );
  });

  it("the admin withdraws only after the delay, only what was requested and is there", async () => {
    v.fundInsurance(9_000_000n);
    const stranger = Keypair.generate();
    v.svm.airdrop(stranger.publicKey, 1_000_000_000n);
    expectError(v, [v.client.requestInsuranceWithdrawalIx(stranger.publicKey, 1n)], [stranger], "NotAdmin", [
      v.exchange,
    ]);
    expectError(
      v,
      [v.client.requestInsuranceWithdrawalIx(v.admin.publicKey, 10_000_000n)],
      [v.admin],
      "InsufficientInsurance",
      [v.exchange],
    );
    expectError(
      v,
      [v.client.executeInsuranceWithdrawalIx(v.admin.publicKey, v.adminToken)],
      [v.admin],
      "InsuranceWithdrawalNotReady",
      [v.exchange],
    );
    const req = expectOk(
      v.send([v.client.requestInsuranceWithdrawalIx(v.admin.publicKey, 4_000_000n)], [v.admin]),
    );
    assert.equal(eventData(req.events[0], "InsuranceWithdrawalRequested").executableSlot, v.slot() + 50n);
    v.warp(49);
    expectError(
      v,
      [v.client.executeInsuranceWithdrawalIx(v.admin.publicKey, v.adminToken)],
      [v.admin],
      "InsuranceWithdrawalNotReady",
      [v.exchange, v.insuranceVault],
    );
    v.warp(1);
    const before = v.tokenBalance(v.adminToken);
    expectOk(v.send([v.client.executeInsuranceWithdrawalIx(v.admin.publicKey, v.adminToken)], [v.admin]));
    assert.equal(v.tokenBalance(v.adminToken) - before, 4_000_000n);
    assert.equal(v.exchangeState().insuranceNative, 5_000_000n);
    expectError(
      v,
      [v.client.executeInsuranceWithdrawalIx(v.admin.publicKey, v.adminToken)],
      [v.admin],
      "InsuranceWithdrawalNotReady",
      [v.exchange],
    );
    assertConserved(v);
  });
});
