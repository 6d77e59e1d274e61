/* Dashboard: reads the indexer's JSON API and renders it. Amounts arrive as exact decimal strings
 * of native units and are formatted without floating point. */
(() => {
  const DECIMALS = 6;
  const STAGES = { 1: "1 · book", 2: "2 · backstop", 3: "3 · insurance", 4: "4 · ADL", 5: "5 · socialized" };
  const $ = (id) => document.getElementById(id);
  const esc = (s) =>
    String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const short = (k) =>
    k ? `<span class="mono" title="${esc(k)}">${esc(k.slice(0, 4))}…${esc(k.slice(-4))}</span>` : "";

  /** Native units (decimal string, may be negative) → "1,234.567890" without floats. */
  function amt(s, decimals = DECIMALS) {
    if (s === null || s === undefined) return "–";
    let v = String(s);
    const neg = v.startsWith("-");
    if (neg) v = v.slice(1);
    v = v.padStart(decimals + 1, "0");
    const int = v.slice(0, v.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    const frac = v.slice(v.length - decimals).replace(/0+$/, "");
    return (neg ? "−" : "") + int + (frac ? `.${frac}` : "");
  }
  const num = (s) => Number(s ?? 0);
  const toFloat = (s) => Number(s) / 10 ** DECIMALS;

  let exchange = new URLSearchParams(location.search).get("exchange") || "";
  const api = async (path) => {
    const sep = path.includes("?") ? "&" : "?";
    const r = await fetch(`/api/${path}${exchange ? `${sep}exchange=${exchange}` : ""}`);
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    return r.json();
  };

  function table(id, head, rows, emptyText = "none") {
    const t = $(id);
    const body = rows.length
      ? rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")
      : `<tr><td colspan="${head.length}" class="hint">${emptyText}</td></tr>`;
    t.innerHTML = `<thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${body}</tbody>`;
    t.dataset.rows = String(rows.length);
  }

  function cards(s) {
    const surplus = s.surplusNative;
    const items = [
      ["Vault (chain)", amt(s.vaultNative), "vault", ""],
      ["Liabilities", amt(s.liabilitiesNative), "liabilities", ""],
      ["Vault − liabilities", amt(surplus), "surplus", surplus === "0" ? "ok" : "bad"],
      [
        "Solvency ratio",
        s.solvencyRatio ?? "–",
        "ratio",
        s.solvencyRatio === null ? "" : num(s.solvencyRatio) >= 1 ? "ok" : "bad",
      ],
      [
        "Insurance fund",
        amt(s.insuranceNative),
        "insurance",
        s.insuranceVaultNative === s.insuranceNative ? "" : "bad",
      ],
      ["Bad debt", amt(s.badDebtNative), "bad-debt", s.badDebtNative === "0" ? "" : "bad"],
      [
        "Socialized loss (total)",
        amt(s.socializedLossNative),
        "socialized",
        s.socializedLossNative === "0" ? "" : "warn",
      ],
      [
        "Unresolved deficits",
        amt(s.totalDeficitNative),
        "deficits",
        s.totalDeficitNative === "0" ? "" : "warn",
      ],
      [
        "Negative equity at oracle",
        amt(s.negativeEquityNative),
        "negative-equity",
        s.negativeEquityNative === "0" ? "" : "warn",
      ],
      ["Users could withdraw now", amt(s.withdrawableNative), "withdrawable", ""],
      [
        "Σ position value at oracle",
        amt(s.markValueNative),
        "mark-value",
        s.markValueNative === "0" ? "ok" : "bad",
      ],
      ["Margin accounts", String(s.accounts), "accounts", ""],
    ];
    $("cards").innerHTML = items
      .map(
        ([k, v, id, cls]) =>
          `<div class="card ${cls}" data-testid="card-${id}"><div class="k">${k}</div><div class="v">${v}</div></div>`,
      )
      .join("");
    $("stamp").textContent =
      `slot ${s.slot} · ${s.commitment} · deposit policy ${s.depositPolicy === 1 ? "RepayDebtFirst" : "CreditFirst"}`;
  }

  function solvencyChart(hist) {
    Charts.line(
      $("chart-solvency"),
      [
        { name: "vault (chain)", points: hist.map((h) => [num(h.slot), toFloat(h.vaultNative)]) },
        { name: "liabilities", points: hist.map((h) => [num(h.slot), toFloat(h.liabilitiesNative)]) },
      ],
      { xLabel: "slot", emptyText: "no snapshot yet" },
    );
  }

  function insuranceChart(flows) {
    Charts.line(
      $("chart-insurance"),
      [{ name: "insurance fund", points: flows.map((f) => [num(f.slot), toFloat(f.balanceAfterNative)]) }],
      { step: true, xLabel: "slot", emptyText: "no insurance movements yet" },
    );
  }

  function stages(l) {
    const by = new Map(l.byStage.map((s) => [s.stage, s]));
    Charts.bars(
      $("chart-stages"),
      [1, 2, 3, 4, 5].map((k) => ({ label: STAGES[k], value: by.get(k)?.steps ?? 0 })),
    );
    table(
      "stages",
      ["stage", "steps", "accounts", "lots", "amount", "deficit"],
      [1, 2, 3, 4, 5].map((k) => {
        const s = by.get(k);
        return [
          STAGES[k],
          s ? s.steps : 0,
          s ? s.accounts : 0,
          s ? s.lots : "0",
          amt(s ? s.amountNative : "0"),
          amt(s ? s.deficitNative : "0"),
        ];
      }),
    );
  }

  function markets(ms) {
    table(
      "markets",
      [
        "market",
        "oracle",
        "long lots",
        "short lots",
        "net",
        "OI (notional)",
        "insurance drawn / cap",
        "socialized",
      ],
      ms.map((m) => [
        esc(m.name),
        amt(m.oraclePrice),
        m.longLots,
        m.shortLots,
        m.netLots === "0" ? "0 ✓" : `<span class="pill bad">${m.netLots}</span>`,
        amt(m.openInterestNative),
        `${amt(m.insuranceDrawnNative)} / ${amt(m.insuranceCapNative)}`,
        amt(m.socializedLossNative),
      ]),
    );
  }

  function adl(events) {
    table(
      "adl",
      [
        "seq / slot",
        "market",
        "bankrupt account",
        "closed lots",
        "bankruptcy / oracle price",
        "counterparties (score)",
        "audit",
      ],
      events.map((e) => [
        `${e.seq} / ${e.slot}`,
        esc(e.marketName),
        short(e.marginAccount),
        e.closedLots,
        `${amt(e.bankruptcyPrice)} / ${amt(e.oraclePrice)}`,
        e.fills
          .map((f) => `${short(f.account)} ${f.lots}@${(Number(f.score) / 1e6).toFixed(3)}`)
          .join("<br>"),
        `<span class="pill ${e.audit}" data-testid="adl-audit-${e.seq}">${e.audit}</span>` +
          (e.skipped?.length
            ? `<br><span class="hint">skipped: ${e.skipped.map((s) => `${short(s.account)} (${(Number(s.score) / 1e6).toFixed(3)})`).join(", ")}</span>`
            : "") +
          (e.note ? `<br><span class="hint">${esc(e.note)}</span>` : ""),
      ]),
      "no auto-deleveraging so far",
    );
  }

  function deficits(d) {
    table(
      "deficits",
      ["account", "deficit", "equity at oracle", "owed", "repaid by deposits", "bankruptcies"],
      d.accounts.map((a) => [
        short(a.pubkey),
        amt(a.deficitNative),
        amt(a.equityNative),
        amt(a.owedNative),
        amt(a.debtRepaidNative),
        a.bankruptcyCount,
      ]),
      "no account owes anything",
    );
    table(
      "debt-deposits",
      ["seq", "account", "deposited", "applied to debt", "credited", "signed max", "deficit after"],
      d.depositsAppliedToDebt.map((x) => [
        x.seq,
        short(x.marginAccount),
        amt(x.amountNative),
        amt(x.toDebtNative),
        amt(x.creditedNative),
        amt(x.maxDebtRepaymentNative),
        amt(x.deficitAfterNative),
      ]),
      "no deposit was applied to a debt",
    );
  }

  function leverage(rows) {
    table(
      "leverage",
      ["account", "leverage", "equity", "notional", "maintenance", "largest position", "could withdraw"],
      rows.map((r) => [
        short(r.pubkey),
        `${Number(r.leverage).toPrecision(3)}×`,
        amt(r.equityNative),
        amt(r.notionalNative),
        amt(r.maintReqNative),
        r.largestPosition
          ? `m${r.largestPosition.marketIndex} ${r.largestPosition.baseLots} lots (uPnL ${amt(r.largestPosition.upnlNative)})`
          : "",
        amt(r.withdrawableNative),
      ]),
      "no open positions",
    );
  }

  function status(st) {
    const ok = st.openGaps === 0;
    const h = $("health");
    h.className = `pill ${ok ? (st.errorsTotal ? "warn" : "ok") : "bad"}`;
    h.textContent = ok
      ? `indexed to slot ${st.indexedSlot ?? "–"} · lag ${st.lagSlots} slots`
      : `${st.openGaps} open gap(s) in the event sequence`;
    const cps = st.checkpoints
      .map(
        (c) =>
          `<tr><td>${esc(c.name)}</td><td>${c.slot}</td><td>${c.seq ?? ""}</td><td class="mono">${esc((c.signature || "").slice(0, 16))}</td></tr>`,
      )
      .join("");
    $("status").innerHTML =
      `<p>events ${st.counts.events} · transactions ${st.counts.transactions} · margin accounts ${st.counts.marginAccounts} · chain confirmed ${st.chain?.confirmedSlot ?? "–"} / finalized ${st.chain?.finalizedSlot ?? "–"}</p>` +
      `<p>ingestion errors: <b data-testid="errors-total">${st.errorsTotal}</b> ${st.errors.map((e) => `${esc(e.kind)} ${e.count}`).join(", ")} · open gaps: <b data-testid="open-gaps">${st.openGaps}</b> · last reconciliation: ${st.lastReconciliation ? `${st.lastReconciliation.accountsChecked} accounts, ${st.lastReconciliation.rowsRepaired} repaired` : "not yet"}</p>` +
      `<table><thead><tr><th>checkpoint</th><th>slot</th><th>seq</th><th>signature</th></tr></thead><tbody>${cps}</tbody></table>`;
  }

  async function refresh() {
    try {
      const list = await fetch("/api/exchanges").then((r) => r.json());
      const sel = $("exchange");
      if (sel.options.length !== list.length) {
        sel.innerHTML = list
          .map(
            (e) =>
              `<option value="${esc(e.exchange)}">#${e.exchangeId} ${esc(e.exchange.slice(0, 8))}…</option>`,
          )
          .join("");
        if (!exchange && list.length) exchange = list[0].exchange;
        sel.value = exchange;
      }
      if (!exchange) {
        $("stamp").textContent = "no exchange indexed yet";
        return;
      }
      const [s, hist, flows, liq, ms, adlEv, d, lev, st] = await Promise.all([
        api("solvency"),
        api("solvency/history?limit=500"),
        api("insurance"),
        api("liquidations"),
        api("markets"),
        api("adl"),
        api("deficits"),
        api("leverage"),
        api("status"),
      ]);
      cards(s);
      solvencyChart(hist);
      insuranceChart(flows);
      stages(liq);
      markets(ms);
      adl(adlEv);
      deficits(d);
      leverage(lev);
      status(st);
      document.body.dataset.loaded = "1";
    } catch (e) {
      $("stamp").textContent = `error: ${e.message}`;
    }
  }

  $("exchange").addEventListener("change", (e) => {
    exchange = e.target.value;
    refresh();
  });
  refresh();
  setInterval(refresh, 4000);
})();
