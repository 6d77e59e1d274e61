/**
 * Renders the page state into the static layout of index.html. Every figure is also exposed as
 * `data-native` (its exact integer) next to the UI text, so scripts and the browser tests can
 * compare what a person reads with what the chain holds.
 */
import { AccountStatus, type OrderState, formatBps, formatUi, levels, marketName } from "..";
import { U64_MAX } from "../math";
import { byId, fill, h, num } from "./dom";
import type { PageState } from "./state";

const ui = (v: bigint) => formatUi(v);
const abs = (v: bigint) => (v < 0n ? -v : v);

export function renderMarketSelect(s: PageState, onSelect: (i: number) => void) {
  const sel = byId<HTMLSelectElement>("market-select");
  const want = [...s.snap.markets.values()].map((m) => `${m.marketIndex}:${marketName(m.state)}`).join("|");
  if (sel.dataset.options !== want) {
    fill(
      sel,
      ...[...s.snap.markets.values()].map((m) =>
        h("option", { value: m.marketIndex }, `${marketName(m.state)}`),
      ),
    );
    sel.dataset.options = want;
    sel.onchange = () => onSelect(Number(sel.value));
  }
  sel.value = String(s.marketIndex);
}

export function renderMarket(s: PageState) {
  const m = s.snap.markets.get(s.marketIndex);
  const el = byId("market-info");
  if (!m) return fill(el, "no markets on this exchange yet");
  const feed = s.snap.feeds.get(s.marketIndex);
  const quote = s.snap.table.get(s.marketIndex);
  const bid = s.book?.bids[0]?.price;
  const ask = s.book?.asks[0]?.price;
  const mid = bid !== undefined && ask !== undefined ? (bid + ask) / 2n : undefined;
  const p = m.state.params;
  const nextFunding = m.state.lastFundingSlot + p.fundingPeriodSlots;
  const row = (label: string, ...v: (Node | string)[]) => h("tr", {}, h("th", {}, label), h("td", {}, ...v));
  fill(
    el,
    h(
      "table",
      { class: "kv" },
      row(
        "Oracle price",
        num("oracle-price", feed?.price ?? 0n, ui(feed?.price ?? 0n)),
        quote?.oracleError ? h("span", { class: "warn" }, ` ${quote.oracleError}`) : "",
      ),
      row(
        "Mid (book)",
        mid === undefined ? h("span", { "data-testid": "mid" }, "—") : num("mid", mid, ui(mid)),
      ),
      row("Best bid / ask", bid === undefined ? "—" : ui(bid), " / ", ask === undefined ? "—" : ui(ask)),
      row(
        "Funding premium",
        h("span", { "data-testid": "funding-premium" }, `${m.state.lastPremiumBps} bps / period`),
        ` (cap ${p.maxFundingRateBps} bps, period ${p.fundingPeriodSlots} slots)`,
      ),
      row(
        "Cumulative funding",
        num("cumulative-funding", m.state.cumulativeFunding, `${m.state.cumulativeFunding} µ-native / lot`),
        ` next accrual ≥ slot ${nextFunding}`,
      ),
      row(
        "Open interest",
        num("open-interest", m.state.openInterestLots, `${m.state.openInterestLots} lots`),
      ),
      row(
        "Margin",
        `initial ${formatBps(BigInt(p.initialMarginBps))}, maintenance ${formatBps(BigInt(p.maintenanceMarginBps))}; price band ±${formatBps(BigInt(p.priceBandBps))}`,
      ),
      row("Fees", `taker ${p.takerFeeBps} bps, maker ${p.makerFeeBps} bps; tick ${ui(p.tickSize)}`),
      row("Slot", String(s.snap.slot)),
    ),
  );
}

export function renderBook(s: PageState) {
  const mine = s.mine?.address;
  const side = (id: string, orders: OrderState[], asks: boolean) => {
    const lv = levels(orders, 12);
    const rows = (asks ? [...lv].reverse() : lv).map((l) => {
      const own = mine
        ? orders
            .filter((o) => o.price === l.price && o.owner.equals(mine))
            .reduce((a, o) => a + o.baseLots, 0n)
        : 0n;
      return h(
        "tr",
        { class: own > 0n ? "own" : "", "data-price": l.price.toString() },
        h("td", { class: "num" }, ui(l.price)),
        h("td", { class: "num" }, String(l.lots)),
        h("td", { class: "num" }, own > 0n ? `${own} mine` : ""),
      );
    });
    fill(byId(id), ...rows);
  };
  side("asks", s.book?.asks ?? [], true);
  side("bids", s.book?.bids ?? [], false);
  const bid = s.book?.bids[0]?.price;
  const ask = s.book?.asks[0]?.price;
  byId("spread").textContent =
    bid !== undefined && ask !== undefined ? `spread ${ui(ask - bid)} · mid ${ui((bid + ask) / 2n)}` : "—";
}

export function renderAccount(s: PageState) {
  const el = byId("account-info");
  const mine = s.mine;
  byId("create-account").hidden = !mine || !!mine.state;
  if (!mine) return fill(el, "connect a wallet to see your account");
  if (!mine.state) return fill(el, `no margin account yet (${mine.address.toBase58()})`);
  const st = mine.state;
  const r = mine.view?.risk;
  const row = (label: string, v: Node | string) => h("tr", {}, h("th", {}, label), h("td", {}, v));
  fill(
    el,
    h("div", { class: "addr", "data-testid": "margin-account" }, mine.address.toBase58()),
    h(
      "table",
      { class: "kv" },
      row(
        "Status",
        h("span", { "data-testid": "account-status" }, AccountStatus[st.status] ?? String(st.status)),
      ),
      row("Cash", num("cash", st.cashNative, ui(st.cashNative))),
      row("Deficit", num("deficit", st.deficitNative, ui(st.deficitNative))),
      row("Equity", r ? num("equity", r.equityNative, ui(r.equityNative)) : (mine.viewError ?? "—")),
      row("Maintenance req.", r ? num("maint", r.maintReqNative, ui(r.maintReqNative)) : "—"),
      row("Initial req.", r ? num("init", r.initReqNative, ui(r.initReqNative)) : "—"),
      row(
        "Free collateral",
        r ? num("free-collateral", r.freeCollateralNative, ui(r.freeCollateralNative)) : "—",
      ),
      row(
        "Margin ratio",
        r
          ? num(
              "margin-ratio",
              r.marginRatioBps,
              r.marginRatioBps === U64_MAX ? "∞" : formatBps(r.marginRatioBps),
            )
          : "—",
      ),
      ...(mine.view?.oracleWarning
        ? [
            row(
              "Oracle",
              h("span", { class: "warn", "data-testid": "oracle-warning" }, mine.view.oracleWarning),
            ),
          ]
        : []),
      row(
        "Wallet collateral",
        mine.walletBalance === null
          ? "no token account"
          : num("wallet-balance", mine.walletBalance, ui(mine.walletBalance)),
      ),
    ),
  );
}

const adlBars = (q: number) => "▮".repeat(q) + "▯".repeat(5 - q);

export function renderPositions(s: PageState) {
  const rows = (s.mine?.view?.positions ?? []).map((p) => {
    const name = marketName(s.snap.markets.get(p.marketIndex)!.state);
    const entry = p.risk.entryNotionalNative / abs(p.risk.baseLots);
    return h(
      "tr",
      { "data-testid": `position-${p.marketIndex}` },
      h("td", {}, name),
      h("td", {}, p.risk.baseLots > 0n ? "long" : "short"),
      h("td", {}, num(`size-${p.marketIndex}`, p.risk.baseLots, String(abs(p.risk.baseLots)))),
      h("td", { class: "num" }, ui(entry)),
      h("td", { class: "num" }, ui(p.risk.oraclePrice)),
      h("td", {}, num(`upnl-${p.marketIndex}`, p.risk.unrealizedPnlNative, ui(p.risk.unrealizedPnlNative))),
      h(
        "td",
        {},
        num(
          `liq-price-${p.marketIndex}`,
          p.risk.liquidationPrice,
          p.risk.liquidationPrice === 0n ? "none" : ui(p.risk.liquidationPrice),
        ),
      ),
      h(
        "td",
        {},
        h(
          "span",
          {
            class: `adl q${p.adlQuantile}`,
            "data-testid": `adl-${p.marketIndex}`,
            "data-quantile": p.adlQuantile,
            title: `rank ${p.adlRank ?? "—"} of ${p.adlQueueLength}`,
          },
          `${adlBars(p.adlQuantile)} ${p.adlQuantile}/5`,
        ),
      ),
    );
  });
  fill(byId("positions"), ...(rows.length ? rows : [h("tr", {}, h("td", { colspan: 8 }, "no positions"))]));
}

export function renderOrders(s: PageState, onCancel: (orderId: bigint) => void) {
  const mine = s.mine?.address;
  const orders =
    mine && s.book
      ? [
          ...s.book.bids.map((o) => ({ o, side: "buy" })),
          ...s.book.asks.map((o) => ({ o, side: "sell" })),
        ].filter((x) => x.o.owner.equals(mine))
      : [];
  const rows = orders.map(({ o, side }) =>
    h(
      "tr",
      { "data-testid": `order-${o.orderId}` },
      h("td", {}, String(o.orderId)),
      h("td", {}, side),
      h("td", { class: "num" }, ui(o.price)),
      h("td", { class: "num" }, String(o.baseLots)),
      h(
        "td",
        {},
        h(
          "button",
          { type: "button", "data-testid": `cancel-${o.orderId}`, onclick: () => onCancel(o.orderId) },
          "Cancel",
        ),
      ),
    ),
  );
  fill(byId("orders"), ...(rows.length ? rows : [h("tr", {}, h("td", { colspan: 5 }, "no open orders"))]));
}
