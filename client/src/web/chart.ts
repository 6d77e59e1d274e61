/**
 * A small SVG price chart, no library: the oracle price sampled at every refresh of the page, the
 * book's mid, and the wallet's fills as dots (green buys, red sells) on the same axis. Prices are
 * drawn in the market's human unit (USD per base unit).
 */
export interface ChartPoint {
  t: number;
  price: number;
}

export interface ChartData {
  oracle: ChartPoint[];
  mid: ChartPoint[];
  fills: { t: number; price: number; buy: boolean }[];
  unit: string;
}

const W = 600;
const H = 180;
const PAD = { l: 64, r: 8, t: 10, b: 18 };
const SVG = "http://www.w3.org/2000/svg";

function el(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Renders `d` into `host` (replacing what was there). */
export function renderChart(host: Element, d: ChartData) {
  const all = [...d.oracle, ...d.mid, ...d.fills];
  const svg = el("svg", {
    viewBox: `0 0 ${W} ${H}`,
    role: "img",
    "aria-label": `price chart, ${d.unit}`,
    "data-testid": "price-chart",
    "data-oracle-points": d.oracle.length,
    "data-fill-points": d.fills.length,
  });
  if (all.length === 0) {
    svg.append(
      el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "muted" }, "waiting for prices…"),
    );
    host.replaceChildren(svg);
    return;
  }
  const t0 = Math.min(...all.map((p) => p.t));
  const t1 = Math.max(...all.map((p) => p.t), t0 + 1);
  let lo = Math.min(...all.map((p) => p.price));
  let hi = Math.max(...all.map((p) => p.price));
  if (hi - lo < hi * 0.002) {
    const mid = (hi + lo) / 2;
    lo = mid * 0.999;
    hi = mid * 1.001;
  }
  const x = (t: number) => PAD.l + ((t - t0) / (t1 - t0)) * (W - PAD.l - PAD.r);
  const y = (p: number) => PAD.t + (1 - (p - lo) / (hi - lo)) * (H - PAD.t - PAD.b);
  for (const v of [lo, (lo + hi) / 2, hi]) {
    svg.append(el("line", { x1: PAD.l, x2: W - PAD.r, y1: y(v), y2: y(v), class: "grid" }));
    svg.append(el("text", { x: PAD.l - 4, y: y(v) + 4, "text-anchor": "end", class: "axis" }, v.toFixed(2)));
  }
  const path = (pts: ChartPoint[], cls: string) => {
    if (pts.length === 0) return;
    const dd = pts.map((p, i) => `${i ? "L" : "M"}${x(p.t).toFixed(1)},${y(p.price).toFixed(1)}`).join(" ");
    svg.append(el("path", { d: dd, class: cls, fill: "none" }));
  };
  path(d.oracle, "line-oracle");
  path(d.mid, "line-mid");
  for (const f of d.fills)
    svg.append(el("circle", { cx: x(f.t), cy: y(f.price), r: 4, class: f.buy ? "fill-buy" : "fill-sell" }));
  svg.append(
    el(
      "text",
      { x: W - PAD.r, y: H - 4, "text-anchor": "end", class: "axis" },
      `oracle — mid ┄ fills ● · ${d.unit}`,
    ),
  );
  host.replaceChildren(svg);
}
