/** What every crash run must show, on LiteSVM and over RPC alike. */
import { strict as assert } from "node:assert";
import type { CrashReport } from "@perp-margin/client/src/scenario";

export function checkReport(r: CrashReport) {
  const s = r.stages;
  assert.ok(s.book.count > 0, "stage 1 (book) fired");
  assert.ok(s.backstop.count > 0, "stage 2 (backstop) fired");
  assert.ok(s.insurance.count > 0 && r.insurancePaidNative > 0n, "stage 3 (insurance) paid deficits");
  assert.ok(r.insuranceEndNative < r.insuranceStartNative, "the insurance fund was drawn down");
  assert.ok(s.adl.count > 0 && r.adlEvents.length > 0, "stage 4 (ADL) fired");
  // Profitable positions remained through the whole crash: ADL absorbed every loss insurance could
  // not, so nothing was socialized (insurance reserved once per close, never counted twice).
  assert.equal(
    r.socializedNative,
    0n,
    "stage 5 (socialized loss) did not fire while profitable positions remained",
  );
  assert.equal(s.socialized.count, 0);
  for (const a of r.adlEvents) {
    assert.ok(
      a.bankruptcyPrice >= a.oraclePrice,
      "longs are deleveraged at or above the oracle: the bankruptcy price",
    );
    // the liquidatee lands at −(insurance available), within one native per lot of rounding
    assert.ok(
      a.equityAfter + a.insuranceAvailable >= 0n,
      "ADL price leaves no deficit beyond what insurance pays",
    );
    for (let i = 1; i < a.scores.length; i++)
      assert.ok(a.scores[i - 1] >= a.scores[i], "counterparties in ranking order");
  }
  assert.equal(r.unresolvedDeficits, 0, "no account is left with an unresolved deficit");
  assert.equal(r.stillLiquidatable, 0, "the keeper left no liquidatable account");
  assert.ok(r.oracleGuardRefusals > 0, "the widened oracle confidence was refused");
  assert.ok(r.accounts >= 30);
  assert.ok(r.returningUser.deficitBefore > 0n, "the returning user had a deficit when it deposited");
}
