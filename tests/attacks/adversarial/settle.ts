/**
 * The end of an adversarial run: prices back to their reference, tight and fresh; every order
 * pulled; the keeper runs to completion; every position closed against a maker; the backstop
 * leaves the registry after its lock; then every depositor withdraws what the SDK says is free —
 * with real `withdraw` transactions that must succeed — and the vault must still hold what remains
 * owed. Returns the numbers the test prints.
 */
import { strict as assert } from "node:assert";
import { BACKSTOP_LOCK_SLOTS, NO_MARKET, OrderType, Side, math } from "@perp-margin/client";
import { loadKeeperSnapshot } from "@perp-margin/client/src/snapshot";
import { planAccount } from "@perp-margin/client/src/keeper";
import type { Trader } from "../../harness/venue";
import { isFlat, marketTable, withdrawable } from "./checks";
import { publish, type World } from "./world";

export interface Settlement {
  withdrawals: number;
  withdrawnNative: bigint;
  /** Positions the close-out could not close (left to the makers' side of the book). */
  unclosed: string[];
  vaultEnd: bigint;
  owedEnd: bigint;
  /** Attacker (both accounts): withdrawn − deposited over the run, plus what it still holds. */
  attackerNet: bigint;
}

function freshAll(w: World, conf = 0n) {
  w.staleUntil.fill(0n);
  w.wideUntil.fill(0n);
  w.v.warp(1);
  for (let m = 0; m < w.ref.length; m++) publish(w, m, w.ref[m], conf);
}

export async function settle(w: World): Promise<Settlement> {
  const { v, run } = w;
  run.where = "settle";
  freshAll(w);
  const traders = w.all.filter((t) => t !== w.donor);
  for (const t of traders)
    for (let m = 0; m < w.ref.length; m++) run.send([v.cancelAllIx(t, m)], [t.kp], "settle:cancel_all");
  await w.keeper.runUntilQuiet();

  // Close every non-maker position against one maker quoting size at ±0.1% of the reference.
  const [mk] = w.makers;
  const unclosed: string[] = [];
  for (const t of traders.filter((x) => !w.makers.includes(x))) {
    for (const p of v.account(t).positions) {
      if (p.marketIndex === NO_MARKET || p.baseLots === 0n) continue;
      const m = p.marketIndex;
      const lots = p.baseLots < 0n ? -p.baseLots : p.baseLots;
      const closeSide = p.baseLots > 0n ? Side.Ask : Side.Bid;
      const makerPrice = (w.ref[m] * (p.baseLots > 0n ? 9_990n : 10_010n)) / 10_000n;
      const px = (w.ref[m] * (p.baseLots > 0n ? 9_980n : 10_020n)) / 10_000n;
      run.send(
        [
          await v.orderIx(mk, m, p.baseLots > 0n ? Side.Bid : Side.Ask, makerPrice, lots, {
            type: OrderType.PostOnly,
          }),
        ],
        [mk.kp],
        "settle:maker",
      );
      const r = run.send(
        [await v.orderIx(t, m, closeSide, px, lots, { type: OrderType.ImmediateOrCancel, reduceOnly: true })],
        [t.kp],
        "settle:close",
      );
      run.send([v.cancelAllIx(mk, m)], [mk.kp], "settle:cancel_all");
      const left = v.account(t).positions.find((q) => q.marketIndex === m)?.baseLots ?? 0n;
      if (left !== 0n)
        unclosed.push(
          `${t.account.toBase58().slice(0, 8)} m${m} ${left} lots (${r.error?.name ?? "partial"})`,
        );
    }
  }
  await w.keeper.runUntilQuiet();

  // The keeper has nothing left to do on any account.
  const snap = await loadKeeperSnapshot(w.keeper.ex);
  for (const { pubkey, state } of snap.accounts) {
    const a = planAccount(snap, pubkey, state);
    assert.equal(a, null, `after settling, the keeper still plans ${a?.kind} on ${pubkey.toBase58()}`);
  }
  assert.equal(v.exchangeState().totalDeficitNative, 0n, "no deficit left unresolved after settling");

  // The backstop leaves once its lock is over (funding catches up over the warp).
  v.warp(BACKSTOP_LOCK_SLOTS + 1);
  freshAll(w);
  const dereg = run.send(
    [v.client.deregisterBackstopIx(w.backstop.kp.publicKey, w.backstop.account)],
    [w.backstop.kp],
    "settle:deregister_backstop",
  );
  assert.ok(dereg.ok, `deregister_backstop: ${dereg.error?.name ?? dereg.rawError}`);

  // Every depositor withdraws its free collateral, for real.
  let withdrawals = 0;
  let withdrawnNative = 0n;
  const withdrawAll = async (t: Trader) => {
    const free = withdrawable(v.account(t), marketTable(v));
    if (free <= 0n) return;
    const r = run.send([await v.withdrawIx(t, free)], [t.kp], "settle:withdraw");
    assert.ok(
      r.ok,
      `${t.account.toBase58()} could not withdraw its free ${free}: ${r.error?.name ?? r.rawError}\n${r.logs.slice(-6).join("\n")}`,
    );
    withdrawals++;
    withdrawnNative += free;
    const a = v.account(t);
    if (isFlat(a) && v.exchangeState().badDebtNative === 0n)
      assert.equal(a.cashNative, 0n, "a flat account's free collateral is all its cash");
  };
  for (const t of traders) await withdrawAll(t);

  // What remains owed (positive equity of every account, the fee pool) is in the vault.
  const t = marketTable(v);
  const ex = v.exchangeState();
  let owed = ex.feePoolNative;
  for (const a of traders) {
    const eq = math.accountHealth(v.account(a), t, "strict").equityNative;
    if (eq > 0n) owed += eq;
  }
  const c = v.conservation();
  if (ex.badDebtNative > 0n) owed = (owed * c.required) / (c.required + ex.badDebtNative);
  assert.ok(c.vault + ex.insuranceReservedNative >= owed, `vault ${c.vault} < owed ${owed} at the end`);

  // The attacker's result: tokens back in its wallets minus tokens it put in (the harness mints
  // into the wallet before each deposit, so count the wallets, not the account's own totals).
  let attackerNet = 0n;
  for (const x of w.attacker) {
    const a = v.account(x);
    attackerNet += a.totalWithdrawalsNative - a.totalDepositsNative + a.cashNative;
    if (process.env.ADV_VERBOSE)
      console.log(
        `attacker ${x.subAccountId}: deposits ${a.totalDepositsNative} withdrawals ${a.totalWithdrawalsNative} cash ${a.cashNative} bankruptcies ${a.bankruptcyCount}`,
      );
  }
  return { withdrawals, withdrawnNative, unclosed, vaultEnd: c.vault, owedEnd: owed, attackerNet };
}
