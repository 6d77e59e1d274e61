/* Minimal SVG charts (no dependencies): a line chart over slots and a bar chart. Values are
 * decimal strings of native units; they are scaled to floats only for drawing. */
(() => {
  const NS = "http://www.w3.org/2000/svg";
  const W = 640,
    H = 220,
    L = 96,
    R = 12,
    T = 10,
    B = 26;
  const el = (name, attrs, text) => {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const svg = () => el("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none" });
  const empty = (host, msg) => {
    const s = svg();
    s.appendChild(el("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, msg));
    host.replaceChildren(s);
  };
  /** Axis label with as many decimals as the visible range needs. */
  const label = (v, range) => {
    const digits = Math.min(6, Math.max(0, Math.ceil(-Math.log10(Math.max(range, 1e-9) / 4))));
    return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  };

  /** series: [{name, points: [[x, y], ...]}], step: draw as steps. */
  function line(host, series, opts = {}) {
    const pts = series.flatMap((s) => s.points);
    if (pts.length === 0) return empty(host, opts.emptyText || "no data yet");
    let x0 = Math.min(...pts.map((p) => p[0])),
      x1 = Math.max(...pts.map((p) => p[0]));
    let y0 = Math.min(...pts.map((p) => p[1])),
      y1 = Math.max(...pts.map((p) => p[1]));
    if (x1 === x0) {
      x0 -= 1;
      x1 += 1;
    }
    if (y1 === y0) {
      y0 -= Math.abs(y0) * 0.05 + 1;
      y1 += Math.abs(y1) * 0.05 + 1;
    }
    const sx = (x) => L + ((x - x0) / (x1 - x0)) * (W - L - R);
    const sy = (y) => H - B - ((y - y0) / (y1 - y0)) * (H - T - B);
    const s = svg();
    s.appendChild(el("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }));
    s.appendChild(el("line", { x1: L, y1: T, x2: L, y2: H - B, class: "axis" }));
    for (let i = 0; i <= 4; i++) {
      const y = y0 + ((y1 - y0) * i) / 4;
      s.appendChild(el("text", { x: L - 6, y: sy(y) + 3, "text-anchor": "end" }, label(y, y1 - y0)));
      const x = x0 + ((x1 - x0) * i) / 4;
      s.appendChild(el("text", { x: sx(x), y: H - 8, "text-anchor": "middle" }, String(Math.round(x))));
    }
    series.forEach((ser, i) => {
      if (!ser.points.length) return;
      let d = "";
      ser.points.forEach(([x, y], k) => {
        if (k === 0) d += `M${sx(x)},${sy(y)}`;
        else if (opts.step) d += `H${sx(x)}V${sy(y)}`;
        else d += `L${sx(x)},${sy(y)}`;
      });
      const p = el("path", { d, class: `s${i}` });
      p.setAttribute("data-series", ser.name);
      s.appendChild(p);
      // Few points: mark each one (a single snapshot is otherwise invisible).
      if (ser.points.length <= 60)
        for (const [x, y] of ser.points)
          s.appendChild(el("circle", { cx: sx(x), cy: sy(y), r: 2.5 - i, class: `s${i}` }));
    });
    const legend = document.createElement("div");
    legend.className = "legend";
    legend.innerHTML =
      series.map((ser, i) => `<b class="s${i}">━</b> ${ser.name}`).join(" &nbsp; ") +
      (opts.xLabel ? ` &nbsp; · x: ${opts.xLabel}` : "");
    host.replaceChildren(s, legend);
  }

  /** bars: [{label, value}] */
  function bars(host, data, opts = {}) {
    if (!data.length) return empty(host, opts.emptyText || "none yet");
    const max = Math.max(...data.map((d) => d.value), 1);
    const s = svg();
    const bw = (W - L - R) / data.length;
    data.forEach((d, i) => {
      const h = (d.value / max) * (H - T - B);
      const r = el("rect", {
        x: L + i * bw + bw * 0.15,
        y: H - B - h,
        width: bw * 0.7,
        height: Math.max(h, 0),
        class: "bar",
      });
      r.setAttribute("data-label", d.label);
      r.setAttribute("data-value", d.value);
      s.appendChild(r);
      s.appendChild(el("text", { x: L + i * bw + bw / 2, y: H - 8, "text-anchor": "middle" }, d.label));
      s.appendChild(
        el("text", { x: L + i * bw + bw / 2, y: H - B - h - 4, "text-anchor": "middle" }, String(d.value)),
      );
    });
    s.appendChild(el("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }));
    host.replaceChildren(s);
  }

  window.Charts = { line, bars };
})();
