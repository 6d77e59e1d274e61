/**
 * The page's forms: place order, cancel, create account, deposit (with the debt-application
 * preview computed by the math mirror and shown before the wallet is asked to sign), withdraw,
 * and the permissionless resolve-bankruptcy step a CreditFirst exchange needs before a deposit.
 */
import type { TransactionInstruction } from "@solana/web3.js";
import { createAssociatedTokenAccountIdempotentInstruction } from "@solana/spl-token";
import {
  DepositPolicy,
  InputError,
  OrderType,
  Side,
  depositPreview,
  describePreview,
  formatUi,
  parseInteger,
  parseUi,
} from "..";
import { byId, fill, h } from "./dom";
import type { App } from "./app";

const input = (id: string) => byId<HTMLInputElement>(id);

/** Reads the deposit form; null while the amount is not a valid number yet. */
function depositInputs(): { amount: bigint; maxDebt: bigint } | { error: string } {
  try {
    const amount = parseUi(input("deposit-amount").value || "0", 6, "amount");
    const maxDebt = parseUi(input("deposit-max-debt").value || "0", 6, "max debt repayment");
    return { amount, maxDebt };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Recomputes the deposit preview from the current account and exchange policy. */
export function updateDepositPreview(app: App) {
  const el = byId("deposit-preview");
  const btn = byId<HTMLButtonElement>("deposit-submit");
  const st = app.state;
  const acct = st?.mine?.state;
  byId("deposit-max-debt-row").hidden = !(
    st &&
    (st.snap.exchange.depositPolicy === DepositPolicy.RepayDebtFirst || (acct?.deficitNative ?? 0n) > 0n)
  );
  byId("resolve-bankruptcy").hidden = !(
    acct &&
    acct.deficitNative > 0n &&
    st?.snap.exchange.depositPolicy === DepositPolicy.CreditFirst
  );
  if (!st || !acct) {
    btn.disabled = true;
    return fill(el, "connect a wallet and create a margin account to deposit");
  }
  const inputs = depositInputs();
  if ("error" in inputs) {
    btn.disabled = true;
    return fill(el, inputs.error);
  }
  if (inputs.amount === 0n) {
    btn.disabled = true;
    return fill(el, `enter an amount (deficit ${formatUi(acct.deficitNative)})`);
  }
  const p = depositPreview(st.snap.exchange.depositPolicy, acct.deficitNative, inputs.amount, inputs.maxDebt);
  btn.disabled = !p.ok;
  el.dataset.ok = String(p.ok);
  el.dataset.toDebt = p.ok ? p.toDebt.toString() : "";
  el.dataset.credited = p.ok ? p.credited.toString() : "";
  fill(el, ...describePreview(p, acct.deficitNative, (v) => formatUi(v)).map((l) => h("div", {}, l)));
}

async function placeOrder(app: App) {
  const owner = app.owner();
  const side = byId<HTMLSelectElement>("order-side").value === "sell" ? Side.Ask : Side.Bid;
  const type = (
    { limit: OrderType.Limit, "post-only": OrderType.PostOnly, ioc: OrderType.ImmediateOrCancel } as Record<
      string,
      OrderType
    >
  )[byId<HTMLSelectElement>("order-type").value];
  const price = parseUi(input("order-price").value, 6, "price");
  const lots = parseInteger(input("order-size").value, "size");
  if (lots === 0n) throw new InputError("size must be at least 1 lot");
  const ix = await app.ex.placeOrderIx(owner, app.ex.marginPda(owner), app.marketIndex, side, price, lots, {
    type,
    reduceOnly: input("order-reduce-only").checked,
  });
  const r = await app.send("order", [ix]);
  const placed = r.events.find((e) => e.name === "OrderPlaced")?.data;
  if (r.ok && placed)
    app.status(
      `order ${placed.orderId}: filled ${placed.filledLots}, resting ${placed.restingLots} lots`,
      "ok",
    );
}

export async function cancelOrder(app: App, orderId: bigint) {
  const owner = app.owner();
  const r = await app.send("cancel", [
    await app.ex.cancelOrderByIdIx(owner, app.ex.marginPda(owner), app.marketIndex, orderId),
  ]);
  if (r.ok) app.status(`order ${orderId} cancelled`, "ok");
}

async function deposit(app: App) {
  const owner = app.owner();
  const mine = app.state?.mine;
  const inputs = depositInputs();
  if (!mine?.state || "error" in inputs)
    throw new InputError("error" in inputs ? inputs.error : "no margin account");
  const preview = depositPreview(
    app.state!.snap.exchange.depositPolicy,
    mine.state.deficitNative,
    inputs.amount,
    inputs.maxDebt,
  );
  if (!preview.ok) throw new InputError(`deposit would be rejected: ${preview.error}`);
  const r = await app.send("deposit", [
    app.ex.depositIx(owner, mine.address, mine.tokenAccount, inputs.amount, inputs.maxDebt),
  ]);
  const ev = r.events.find((e) => e.name === "Deposit")?.data;
  if (r.ok && ev)
    app.status(
      `deposit confirmed: ${formatUi(ev.toDebtNative)} applied to debt, ${formatUi(ev.creditedNative)} credited`,
      "ok",
      { toDebt: ev.toDebtNative, credited: ev.creditedNative },
    );
}

async function withdraw(app: App) {
  const owner = app.owner();
  const mine = app.state?.mine;
  if (!mine?.state) throw new InputError("no margin account");
  const amount = parseUi(input("withdraw-amount").value, 6, "amount");
  const r = await app.send("withdraw", [
    await app.ex.withdrawIx(owner, mine.address, mine.tokenAccount, amount),
  ]);
  if (r.ok) app.status(`withdrew ${formatUi(amount)}`, "ok");
}

async function createAccount(app: App) {
  const owner = app.owner();
  const st = app.state!;
  const ixs: TransactionInstruction[] = [app.ex.createMarginAccountIx(owner).ix];
  if (st.mine?.walletBalance === null)
    ixs.push(
      createAssociatedTokenAccountIdempotentInstruction(
        owner,
        st.mine.tokenAccount,
        owner,
        st.snap.exchange.collateralMint,
      ),
    );
  const r = await app.send("create account", ixs);
  if (r.ok) app.status("margin account created", "ok");
}

async function resolveBankruptcy(app: App) {
  const r = await app.send("resolve bankruptcy", [
    await app.ex.resolveBankruptcyIx(app.owner(), app.state!.mine!.address),
  ]);
  if (r.ok) app.status("deficit resolved by the insurance fund", "ok");
}

/** Attaches every form handler once. Errors in input become a status line, never an exception. */
export function wireForms(app: App) {
  const guard = (f: (app: App) => Promise<void>) => async (e: Event) => {
    e.preventDefault();
    try {
      await f(app);
    } catch (err) {
      app.status((err as Error).message, "error");
    }
  };
  byId("order-form").addEventListener("submit", guard(placeOrder));
  byId("deposit-form").addEventListener("submit", guard(deposit));
  byId("withdraw-form").addEventListener("submit", guard(withdraw));
  byId("create-account").addEventListener("click", guard(createAccount));
  byId("resolve-bankruptcy").addEventListener("click", guard(resolveBankruptcy));
  for (const id of ["deposit-amount", "deposit-max-debt"])
    input(id).addEventListener("input", () => updateDepositPreview(app));
}
