/**
 * The crash scenario on the SBF program (LiteSVM), once per deposit policy. It must show every
 * waterfall stage firing where it should, the insurance fund drawn down, ADL at the bankruptcy
 * price, no unresolved deficit at the end, conservation after every transaction, and the
 * "deposit right after being liquidated" case under both policies.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Venue } from "../harness/venue";
import { assertConserved } from "../harness/expect";
import { DepositPolicy, CrashEnv, runCrash, formatCrashReport, USDC, CrashReport } from "@perp-margin/client";

export function liteCrashEnv(v: Venue): CrashEnv {
  return {
    ex: v.client,
    admin: v.admin,
    newTrader: async (deposit) => v.createTrader(deposit),
    fund: async (t, amount) => v.mintTo(t.token, amount),
    setPrice: async (i, price, conf) => void v.setPrice(i, price, conf),
    advance: async (slots) => v.warp(slots),
    send: async (ixs, signers) => v.send(ixs, signers),
    check: async (when) => assertConserved(v, when),
    createMarket: async (price, params, name) => v.createMarket(price, params, name).marketIndex,
    newKeeper: async () => v.createKeeper(),
  };
}

function checkReport(r: CrashReport) {
  const s = r.stages;
  assert.ok(s.book.count > 0, "stage 1 (book) fired");
  assert.ok(s.backstop.count > 0, "stage 2 (backstop) fired");
  assert.ok(s.insurance.count > 0 && r.insurancePaidNative > 0n, "stage 3 (insurance) paid deficits");
  assert.ok(r.insuranceEndNative < r.insuranceStartNative, "the insurance fund was drawn down");
  assert.ok(s.adl.count > 0 && r.adlEvents.length > 0, "stage 4 (ADL) fired");
  assert.ok(s.socialized.count > 0 || r.socializedNative > 0n, "stage 5 (socialized loss) fired");
  for (const a of r.adlEvents) {
    assert.ok(a.bankruptcyPrice >= a.oraclePrice, "longs are deleveraged at or above the oracle: the bankruptcy price");
    // the liquidatee lands at −(insurance available), within one native per lot of rounding
    assert.ok(a.equityAfter + a.insuranceAvailable >= 0n, "ADL price leaves no deficit beyond what insurance pays");
    for (let i = 1; i < a.scores.length; i++) assert.ok(a.scores[i - 1] >= a.scores[i], "counterparties in ranking order");
  }
  assert.equal(r.unresolvedDeficits, 0, "no account is left with an unresolved deficit");
  assert.equal(r.stillLiquidatable, 0, "the keeper left no liquidatable account");
  assert.ok(r.oracleGuardRefusals > 0, "the widened oracle confidence was refused");
  assert.ok(r.accounts >= 30);
  assert.ok(r.returningUser.deficitBefore > 0n, "the returning user had a deficit when it deposited");
}

describe("crash scenario (2025-10-10): −7.3% slide, makers pull bids, 15% gap, wide oracle, −25%", function () {
  this.timeout(900_000);

  it("CreditFirst: every stage fires, the fund is drawn, ADL at bankruptcy prices, nothing unresolved", async () => {
    const v = new Venue();
    v.initExchange({ depositPolicy: DepositPolicy.CreditFirst, insurance: 1_500n * USDC });
    const r = await runCrash(liteCrashEnv(v), { depositPolicy: DepositPolicy.CreditFirst });
    const text = formatCrashReport(r);
    console.log(text.split("\n").map((l) => "      " + l).join("\n"));
    checkReport(r);
    assert.equal(r.returningUser.refusedWith, "AccountHasUnresolvedDeficit", "CreditFirst refuses the deposit");
    const out = path.resolve(__dirname, "../../.test-output");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "crash-report.txt"), text + "\n");
  });

  it("RepayDebtFirst: the same crash; the returning user's deposit repays at most what they signed", async () => {
    const v = new Venue();
    v.initExchange({ depositPolicy: DepositPolicy.RepayDebtFirst, insurance: 1_500n * USDC });
    const r = await runCrash(liteCrashEnv(v), { depositPolicy: DepositPolicy.RepayDebtFirst });
    console.log(formatCrashReport(r).split("\n").map((l) => "      " + l).join("\n"));
    checkReport(r);
    assert.equal(r.returningUser.refusedWith, undefined);
    assert.equal(r.returningUser.toDebtNative, r.returningUser.deficitBefore / 2n, "exactly the signed maximum (half the deficit)");
    assert.equal(r.returningUser.creditedNative, 500n * USDC - r.returningUser.deficitBefore / 2n);
  });
});
