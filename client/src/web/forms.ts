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
  type MarketUnits,
  OrderType,
  Side,
  checkPriceBand,
  depositPreview,
  describePreview,
  estimateTakerFill,
  formatBps,
  formatLeverage,
  formatNotional,
  formatPrice,
  formatSize,
  formatUi,
  marketUnits,
  parseInteger,
  parsePrice,
  parseSize,
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
  const balance = st.mine?.walletBalance ?? null;
  if (balance === null || inputs.amount > balance) {
    // Checked before anything is signed: the token transfer would fail on chain anyway.
    btn.disabled = true;
    el.dataset.ok = "false";
    el.dataset.reason = "balance";
    return fill(
      el,
      h(
        "div",
        { class: "warn", "data-testid": "deposit-balance-error" },
        balance === null
          ? "your wallet has no collateral token account: nothing to deposit"
          : `your wallet holds only ${formatUi(balance)} (you entered ${formatUi(inputs.amount)}): deposit at most ${formatUi(balance)}`,
      ),
    );
  }
  el.dataset.reason = "";
  const p = depositPreview(st.snap.exchange.depositPolicy, acct.deficitNative, inputs.amount, inputs.maxDebt);
  btn.disabled = !p.ok;
  el.dataset.ok = String(p.ok);
  el.dataset.toDebt = p.ok ? p.toDebt.toString() : "";
  el.dataset.credited = p.ok ? p.credited.toString() : "";
  fill(el, ...describePreview(p, acct.deficitNative, (v) => formatUi(v)).map((l) => h("div", {}, l)));
}

const ORDER_TYPES: Record<string, OrderType> = {
  limit: OrderType.Limit,
  "post-only": OrderType.PostOnly,
  ioc: OrderType.ImmediateOrCancel,
  market: OrderType.ImmediateOrCancel,
};

/** An order as the form describes it, converted to native units and checked against the band. */
interface OrderInputs {
  u: MarketUnits;
  side: Side;
  typeName: string;
  type: OrderType;
  price: bigint;
  lots: bigint;
  oracle: bigint;
}

/** Above this impact (bps from the oracle) a taker order is a sweep: warned, confirmed first. */
export const SWEEP_WARN_BPS = 100n;

function orderInputs(app: App): OrderInputs {
  const st = app.state;
  const m = st?.snap.markets.get(app.marketIndex);
  if (!st || !m) throw new InputError("no market selected");
  const u = marketUnits(m.state);
  const side = byId<HTMLSelectElement>("order-side").value === "sell" ? Side.Ask : Side.Bid;
  const typeName = byId<HTMLSelectElement>("order-type").value;
  const type = ORDER_TYPES[typeName];
  const oracle = st.snap.feeds.get(app.marketIndex)?.price ?? 0n;
  const lots = parseSize(u, input("order-size").value, "size");
  let price: bigint;
  if (typeName === "market") {
    const band = BigInt(m.state.params.priceBandBps);
    const slip = parseInteger(input("order-slippage").value || "0", "slippage");
    if (slip === 0n || slip > band)
      throw new InputError(`slippage must be between 1 and ${band} bps (the market's price band)`);
    const off = (oracle * slip) / 10_000n;
    const t = u.tickSize;
    price = side === Side.Bid ? ((oracle + off) / t) * t : ((oracle - off + t - 1n) / t) * t;
  } else price = parsePrice(u, input("order-price").value, "price");
  checkPriceBand(u, price, oracle, m.state.params.priceBandBps);
  return { u, side, typeName, type, price, lots, oracle };
}

/**
 * The order preview, recomputed on every input and refresh: what the order would fill against the
 * current book (average and worst price, notional, taker fee, impact from the oracle), what would
 * rest, and the resulting position and leverage. A taker order whose worst price is more than
 * SWEEP_WARN_BPS worse than the oracle, or that wants more than the whole other side holds, shows a
 * warning and needs the confirmation box before the button is enabled.
 */
export function updateOrderPreview(app: App) {
  const el = byId("order-preview");
  const warn = byId("order-sweep");
  const confirmRow = byId("order-sweep-confirm-row");
  const btn = byId<HTMLButtonElement>("order-submit");
  const typeName = byId<HTMLSelectElement>("order-type").value;
  byId("order-price-row").hidden = typeName === "market";
  byId("order-slippage-row").hidden = typeName !== "market";
  const st = app.state;
  const m = st?.snap.markets.get(app.marketIndex);
  if (m) {
    const u = marketUnits(m.state);
    byId("order-price-unit").textContent = `${u.quote} per ${u.base}`;
    byId("order-size-unit").textContent = `${u.base} (1 lot = ${formatSize(u, 1n)})`;
  }
  const clear = () => {
    warn.hidden = true;
    confirmRow.hidden = true;
    el.dataset.sweep = "false";
    btn.disabled = false;
  };
  if (!st || !m || (!input("order-size").value && !input("order-price").value)) {
    clear();
    return fill(el, "enter a size and a price");
  }
  let o: OrderInputs;
  try {
    o = orderInputs(app);
  } catch (e) {
    clear();
    el.dataset.error = (e as Error).message;
    return fill(el, h("div", { class: "warn", "data-testid": "order-input-error" }, (e as Error).message));
  }
  el.dataset.error = "";
  const buy = o.side === Side.Bid;
  const book = st.book;
  const est = estimateTakerFill(
    buy ? (book?.asks ?? []) : (book?.bids ?? []),
    buy,
    o.price,
    o.lots,
    m.state.params.takerFeeBps,
    st.mine?.address,
  );
  const taker = o.type !== OrderType.PostOnly;
  const ioc = o.type === OrderType.ImmediateOrCancel;
  const impact =
    est.filledLots > 0n && o.oracle > 0n ? ((est.worstPrice - o.oracle) * 10_000n) / o.oracle : 0n;
  const absImpact = impact < 0n ? -impact : impact;
  // only a worse price than the oracle is a sweep (buying above it, selling below it)
  const adverse = buy ? impact : -impact;
  const { u } = o;
  const q = (v: bigint) => `${formatNotional(u, v)} ${u.quote}`;
  const lines: string[] = [];
  lines.push(
    `${buy ? "buy" : "sell"} ${formatSize(u, o.lots)} ${u.base} (${o.lots} lots) at ${o.typeName === "market" ? "worst " : ""}${formatPrice(u, o.price)} ${u.quote}; notional ≈ ${q(o.lots * o.price)}`,
  );
  if (taker && est.filledLots > 0n)
    lines.push(
      `fills now: ${formatSize(u, est.filledLots)} ${u.base} over ${est.levelsTouched} level(s), average ${formatPrice(u, est.averagePrice)}, worst ${formatPrice(u, est.worstPrice)} ${u.quote} (${formatBps(absImpact)} ${impact >= 0n === buy ? "worse" : "better"} than the oracle); taker fee ≈ ${q(est.takerFeeNative)}`,
    );
  else if (taker)
    lines.push(ioc ? "fills now: nothing — no order on the other side at this price" : "fills now: nothing");
  if (est.unfilledLots > 0n && taker)
    lines.push(
      ioc
        ? `${formatSize(u, est.unfilledLots)} ${u.base} would not fill and is dropped (IOC)`
        : `${formatSize(u, est.unfilledLots)} ${u.base} rests on the book`,
    );
  const view = st.mine?.view;
  if (view) {
    const pos = view.positions.find((p) => p.marketIndex === app.marketIndex)?.risk.baseLots ?? 0n;
    const filled = taker ? est.filledLots : 0n;
    const after = pos + (buy ? filled : -filled);
    const others = view.positions
      .filter((p) => p.marketIndex !== app.marketIndex)
      .reduce(
        (a, p) => a + (p.risk.baseLots < 0n ? -p.risk.baseLots : p.risk.baseLots) * p.risk.oraclePrice,
        0n,
      );
    // equity after the fills: fees paid, and the fill price's distance from the oracle realised
    const slip = buy ? filled * o.oracle - est.notionalNative : est.notionalNative - filled * o.oracle;
    const equity = view.risk.equityNative - (taker ? est.takerFeeNative : 0n) + (taker ? slip : 0n);
    const notional = (after < 0n ? -after : after) * o.oracle + others;
    lines.push(
      `position after: ${after >= 0n ? "long" : "short"} ${formatSize(u, after < 0n ? -after : after)} ${u.base}; leverage ${formatLeverage(notional, equity)} (max ${formatUi(1_000_000n / BigInt(m.state.params.initialMarginBps || 1), 2)}×)`,
    );
  }
  const sweep =
    taker &&
    ((est.filledLots > 0n && adverse > SWEEP_WARN_BPS) || (est.exhaustsSide && est.unfilledLots > 0n));
  el.dataset.sweep = String(sweep);
  el.dataset.filledLots = est.filledLots.toString();
  el.dataset.averagePrice = est.averagePrice.toString();
  el.dataset.worstPrice = est.worstPrice.toString();
  el.dataset.impactBps = absImpact.toString();
  fill(el, ...lines.map((l) => h("div", {}, l)));
  warn.hidden = !sweep;
  confirmRow.hidden = !sweep;
  if (sweep) {
    fill(
      warn,
      `This order sweeps the book: it would trade ${est.levelsTouched} level(s) down to ${formatPrice(u, est.worstPrice)} ${u.quote}, ${formatBps(absImpact)} from the oracle${est.exhaustsSide ? ", and take every order on the other side" : ""}. Check the size, or confirm below.`,
    );
    btn.disabled = !input("order-sweep-confirm").checked;
  } else {
    input("order-sweep-confirm").checked = false;
    btn.disabled = false;
  }
}

async function placeOrder(app: App) {
  const owner = app.owner();
  const o = orderInputs(app);
  const ix = await app.ex.placeOrderIx(
    owner,
    app.ex.marginPda(owner),
    app.marketIndex,
    o.side,
    o.price,
    o.lots,
    {
      type: o.type,
      reduceOnly: input("order-reduce-only").checked,
    },
  );
  const r = await app.send("order", [ix]);
  input("order-sweep-confirm").checked = false;
  const placed = r.events.find((e) => e.name === "OrderPlaced")?.data;
  if (!r.ok || !placed) return;
  const fills = r.events.flatMap((e) => (e.name === "Fill" ? [e.data] : []));
  const notional = fills.reduce((a, f) => a + f.lots * f.price, 0n);
  const avg = placed.filledLots > 0n ? notional / placed.filledLots : 0n;
  const extra = { orderId: placed.orderId, filledLots: placed.filledLots, restingLots: placed.restingLots };
  if (o.type === OrderType.ImmediateOrCancel && placed.filledLots === 0n)
    // Not a success: nothing traded and nothing rests.
    return app.status(
      `order ${placed.orderId}: nothing filled — no order on the other side at ${formatPrice(o.u, o.price)} ${o.u.quote} or better; nothing rests (${o.typeName === "market" ? "market" : "IOC"})`,
      "warn",
      extra,
    );
  app.status(
    `order ${placed.orderId}: filled ${placed.filledLots}, resting ${placed.restingLots} lots (filled ${formatSize(o.u, placed.filledLots)} ${o.u.base}${placed.filledLots > 0n ? ` at avg ${formatPrice(o.u, avg)} ${o.u.quote}` : ""}, resting ${formatSize(o.u, placed.restingLots)} ${o.u.base})`,
    "ok",
    extra,
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
  byId("order-form").addEventListener(
    "submit",
    guard(async (a) => {
      updateOrderPreview(a);
      if (byId("order-preview").dataset.sweep === "true" && !input("order-sweep-confirm").checked)
        throw new InputError("this order sweeps the book: tick the confirmation box first");
      await placeOrder(a);
    }),
  );
  byId("deposit-form").addEventListener("submit", guard(deposit));
  byId("withdraw-form").addEventListener("submit", guard(withdraw));
  byId("create-account").addEventListener("click", guard(createAccount));
  byId("resolve-bankruptcy").addEventListener("click", guard(resolveBankruptcy));
  for (const id of ["deposit-amount", "deposit-max-debt"])
    input(id).addEventListener("input", () => updateDepositPreview(app));
  for (const id of ["order-price", "order-size", "order-slippage", "order-sweep-confirm"])
    input(id).addEventListener("input", () => updateOrderPreview(app));
  for (const id of ["order-side", "order-type", "order-sweep-confirm"])
    byId(id).addEventListener("change", () => updateOrderPreview(app));
}
