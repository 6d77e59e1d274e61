/**
 * The crash scenario on the SBF program (LiteSVM), once per deposit policy. It must show every
 * waterfall stage firing where it should, the insurance fund drawn down, ADL at the bankruptcy
 * price, no unresolved deficit at the end, conservation after every transaction, and the
 * "deposit right after being liquidated" case under both policies.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { Venue } from "../harness/venue";
import { assertConserved } from "../harness/expect";
import { DepositPolicy } from "@perp-margin/client";
import { type CrashEnv, runCrash, formatCrashReport, USDC } from "@perp-margin/client/src/scenario";
import { checkReport } from "./checks";

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

describe("crash scenario (2025-10-10): −7.3% slide, makers pull bids, 15% gap, wide oracle, −25%", function () {
  this.timeout(900_000);

  it("CreditFirst: every stage fires, the fund is drawn, ADL at bankruptcy prices, nothing unresolved", async () => {
    const v = new Venue();
    v.initExchange({ depositPolicy: DepositPolicy.CreditFirst, insurance: 1_500n * USDC });
    const r = await runCrash(liteCrashEnv(v), { depositPolicy: DepositPolicy.CreditFirst });
    const text = formatCrashReport(r);
    console.log(
      text
        .split("\n")
        .map((l) => `      ${l}`)
        .join("\n"),
    );
    checkReport(r);
    assert.equal(
      r.returningUser.refusedWith,
      "AccountHasUnresolvedDeficit",
      "CreditFirst refuses the deposit",
    );
    const out = path.resolve(__dirname, "../../.test-output");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, "crash-report.txt"), `${text}\n`);
  });

  it("RepayDebtFirst: the same crash; the returning user's deposit repays at most what they signed", async () => {
    const v = new Venue();
    v.initExchange({ depositPolicy: DepositPolicy.RepayDebtFirst, insurance: 1_500n * USDC });
    const r = await runCrash(liteCrashEnv(v), { depositPolicy: DepositPolicy.RepayDebtFirst });
    console.log(
      formatCrashReport(r)
        .split("\n")
        .map((l) => `      ${l}`)
        .join("\n"),
    );
    checkReport(r);
    assert.equal(r.returningUser.refusedWith, undefined);
    assert.equal(
      r.returningUser.toDebtNative,
      r.returningUser.deficitBefore / 2n,
      "exactly the signed maximum (half the deficit)",
    );
    assert.equal(r.returningUser.creditedNative, 500n * USDC, "the rest of the deposit is credited");
  });
});
