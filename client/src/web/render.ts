/**
 * Renders the page state into the static layout of index.html. Every figure is also exposed as
 * `data-native` (its exact integer) next to the UI text, so scripts and the browser tests can
 * compare what a person reads with what the chain holds.
 */
import {
  AccountStatus,
  type MarketUnits,
  type OrderState,
  formatBps,
  formatLeverage,
  formatNotional,
  formatPrice,
  formatSize,
  formatUi,
  levels,
  marketName,
  marketUnits,
} from "..";
import { U64_MAX } from "../math";
import { byId, fill, h, num } from "./dom";
import type { PageState } from "./state";
import { type ChartData, type ChartPoint, renderChart } from "./chart";
import type { History } from "./history";

const ui = (v: bigint) => formatUi(v);
const abs = (v: bigint) => (v < 0n ? -v : v);

/** Units of a market of the page's snapshot (USD per base unit, base units). */
export function unitsOf(s: PageState, index = s.marketIndex): MarketUnits | undefined {
  const m = s.snap.markets.get(index);
  return m ? marketUnits(m.state) : undefined;
}
const px = (u: MarketUnits, v: bigint) => formatPrice(u, v);
const sz = (u: MarketUnits, lots: bigint) => formatSize(u, lots);

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
  const u = marketUnits(m.state);
  const ui = (v: bigint) => `${px(u, v)}`;
  const nextFunding = m.state.lastFundingSlot + p.fundingPeriodSlots;
  const row = (label: string, ...v: (Node | string)[]) => h("tr", {}, h("th", {}, label), h("td", {}, ...v));
  fill(
    el,
    h(
      "table",
      { class: "kv" },
      row(
        `Oracle price (${u.quote}/${u.base})`,
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
        num("open-interest", m.state.openInterestLots, `${sz(u, m.state.openInterestLots)} ${u.base}`),
      ),
      row(
        "Margin",
        `initial ${formatBps(BigInt(p.initialMarginBps))}, maintenance ${formatBps(BigInt(p.maintenanceMarginBps))}; price band ±${formatBps(BigInt(p.priceBandBps))}`,
      ),
      row(
        "Fees, tick, lot",
        `taker ${p.takerFeeBps} bps, maker ${p.makerFeeBps} bps; tick ${ui(p.tickSize)} ${u.quote}; 1 lot = ${sz(u, 1n)} ${u.base}`,
      ),
      row("Slot", String(s.snap.slot)),
    ),
  );
}

export function renderBook(s: PageState) {
  const mine = s.mine?.address;
  const u = unitsOf(s);
  if (!u) return;
  const ui = (v: bigint) => px(u, v);
  byId("book-price-head").textContent = `price ${u.quote}`;
  byId("book-size-head").textContent = `size ${u.base}`;
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
        h("td", { class: "num", "data-lots": l.lots.toString() }, sz(u, l.lots)),
        h("td", { class: "num" }, own > 0n ? `${sz(u, own)} mine` : ""),
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
        "Leverage",
        r
          ? num(
              "account-leverage",
              totalNotional(s),
              `${formatLeverage(totalNotional(s), r.equityNative)} (max ${maxLeverage(s)})`,
            )
          : "—",
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

/** Σ |position| × oracle over the wallet's positions, quote native. */
const totalNotional = (s: PageState) =>
  (s.mine?.view?.positions ?? []).reduce((a, p) => a + abs(p.risk.baseLots) * p.risk.oraclePrice, 0n);
/** The selected market's largest leverage at opening (10 000 / initial margin bps). */
const maxLeverage = (s: PageState) => {
  const m = s.snap.markets.get(s.marketIndex);
  return m ? `${formatUi(1_000_000n / BigInt(m.state.params.initialMarginBps || 1), 2)}× here` : "—";
};

const adlBars = (q: number) => "▮".repeat(q) + "▯".repeat(5 - q);

export function renderPositions(s: PageState) {
  const equity = s.mine?.view?.risk.equityNative ?? 0n;
  const rows = (s.mine?.view?.positions ?? []).map((p) => {
    const name = marketName(s.snap.markets.get(p.marketIndex)!.state);
    const u = unitsOf(s, p.marketIndex)!;
    const size = abs(p.risk.baseLots);
    const entry = p.risk.entryNotionalNative / size;
    const notional = size * p.risk.oraclePrice;
    return h(
      "tr",
      { "data-testid": `position-${p.marketIndex}` },
      h("td", {}, name),
      h("td", {}, p.risk.baseLots > 0n ? "long" : "short"),
      h("td", {}, num(`size-${p.marketIndex}`, p.risk.baseLots, `${sz(u, size)} ${u.base}`)),
      h("td", {}, num(`notional-${p.marketIndex}`, notional, `${formatNotional(u, notional)} ${u.quote}`)),
      h("td", {}, num(`leverage-${p.marketIndex}`, notional, formatLeverage(notional, equity))),
      h("td", { class: "num" }, px(u, entry)),
      h("td", { class: "num" }, px(u, p.risk.oraclePrice)),
      h("td", {}, num(`upnl-${p.marketIndex}`, p.risk.unrealizedPnlNative, ui(p.risk.unrealizedPnlNative))),
      h(
        "td",
        {},
        num(
          `liq-price-${p.marketIndex}`,
          p.risk.liquidationPrice,
          p.risk.liquidationPrice === 0n ? "none" : px(u, p.risk.liquidationPrice),
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
  fill(byId("positions"), ...(rows.length ? rows : [h("tr", {}, h("td", { colspan: 10 }, "no positions"))]));
}

export function renderOrders(s: PageState, onCancel: (orderId: bigint) => void) {
  const mine = s.mine?.address;
  const u = unitsOf(s);
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
      h("td", { class: "num" }, u ? px(u, o.price) : ui(o.price)),
      h("td", { class: "num" }, u ? sz(u, o.baseLots) : String(o.baseLots)),
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

/** The wallet's order history and fills (from chain, newest first), in each market's units. */
export function renderHistory(s: PageState, history: History | undefined) {
  const byKey = new Map([...s.snap.markets.values()].map((m) => [m.market.toBase58(), m]));
  const side = (x: number) => (x === 0 ? "buy" : "sell");
  const orders = (history?.orders ?? []).slice(0, 30).map((o) => {
    const m = byKey.get(o.marketKey);
    const u = m ? marketUnits(m.state) : undefined;
    const p = (v: bigint) => (u ? px(u, v) : ui(v));
    const q = (v: bigint | undefined) => (v === undefined ? "" : u ? sz(u, v) : String(v));
    const event =
      o.kind === "cancelled"
        ? "cancelled"
        : o.filledLots === 0n && o.restingLots === 0n
          ? "placed, nothing filled"
          : o.restingLots === 0n
            ? "filled"
            : o.filledLots === 0n
              ? "resting"
              : "partly filled";
    return h(
      "tr",
      { "data-testid": `history-${o.kind}-${o.orderId}`, "data-event": event },
      h("td", {}, m ? marketName(m.state) : o.marketKey.slice(0, 6)),
      h("td", {}, String(o.orderId)),
      h("td", {}, event),
      h("td", {}, side(o.side)),
      h("td", { class: "num" }, p(o.price)),
      h("td", { class: "num" }, q(o.kind === "cancelled" ? o.lots : o.requestedLots)),
      h("td", { class: "num" }, q(o.filledLots)),
    );
  });
  fill(
    byId("order-history"),
    ...(orders.length
      ? orders
      : [h("tr", {}, h("td", { colspan: 7 }, history ? "no orders yet" : "connect a wallet"))]),
  );
  const fills = (history?.fills ?? []).slice(0, 30).map((f, i) => {
    const m = byKey.get(f.marketKey);
    const u = m ? marketUnits(m.state) : undefined;
    return h(
      "tr",
      { "data-testid": `fill-${i}`, "data-lots": f.lots.toString(), "data-price": f.price.toString() },
      h("td", {}, m ? marketName(m.state) : f.marketKey.slice(0, 6)),
      h("td", {}, f.role),
      h("td", {}, side(f.side)),
      h("td", { class: "num" }, u ? px(u, f.price) : ui(f.price)),
      h("td", { class: "num" }, u ? sz(u, f.lots) : String(f.lots)),
      h("td", { class: "num" }, ui(f.feeNative)),
    );
  });
  fill(
    byId("fill-history"),
    ...(fills.length
      ? fills
      : [h("tr", {}, h("td", { colspan: 6 }, history ? "no fills yet" : "connect a wallet"))]),
  );
}

/** Oracle and mid samples per market, kept by the page across refreshes (x = slot). */
export class PriceSamples {
  private data = new Map<number, { oracle: ChartPoint[]; mid: ChartPoint[] }>();
  constructor(readonly max = 240) {}

  add(s: PageState) {
    const u = unitsOf(s);
    const feed = s.snap.feeds.get(s.marketIndex);
    if (!u || !feed) return;
    const d = this.data.get(s.marketIndex) ?? { oracle: [], mid: [] };
    const t = Number(s.snap.slot);
    const push = (list: ChartPoint[], v: bigint) => {
      if (list.length && list[list.length - 1].t === t) return;
      list.push({ t, price: Number(px(u, v)) });
      if (list.length > this.max) list.shift();
    };
    push(d.oracle, feed.price);
    const bid = s.book?.bids[0]?.price;
    const ask = s.book?.asks[0]?.price;
    if (bid !== undefined && ask !== undefined) push(d.mid, (bid + ask) / 2n);
    this.data.set(s.marketIndex, d);
  }

  chart(s: PageState, history: History | undefined): ChartData {
    const u = unitsOf(s);
    const d = this.data.get(s.marketIndex) ?? { oracle: [], mid: [] };
    const key = s.snap.markets.get(s.marketIndex)?.market.toBase58();
    const fills = (history?.fills ?? [])
      .filter((f) => f.marketKey === key && u)
      .map((f) => ({ t: Number(f.slot), price: Number(px(u!, f.price)), buy: f.side === 0 }));
    return { oracle: d.oracle, mid: d.mid, fills, unit: u ? `${u.quote}/${u.base}` : "" };
  }
}

export function renderPriceChart(s: PageState, samples: PriceSamples, history: History | undefined) {
  renderChart(byId("chart"), samples.chart(s, history));
}
