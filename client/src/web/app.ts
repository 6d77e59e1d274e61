/**
 * The trading page: reads `/config.json` from the server (RPC URL, exchange id), connects a
 * Wallet Standard wallet through the wallet adapter, polls chain state, and sends every
 * instruction — built by `PerpExchange`, exactly as the CLI does — for the wallet to sign.
 */
import { Connection, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { StandardWalletAdapter } from "@solana/wallet-standard-wallet-adapter-base";
import { LookupTables, PerpExchange, RpcChain } from "..";
import { byId, fill, h } from "./dom";
import { cancelOrder, updateDepositPreview, updateOrderPreview, wireForms } from "./forms";
import { History } from "./history";
import {
  PriceSamples,
  renderAccount,
  renderBook,
  renderHistory,
  renderMarket,
  renderMarketSelect,
  renderOrders,
  renderPositions,
  renderPriceChart,
} from "./render";
import { type PageState, loadPageState } from "./state";
import { type TxOutcome, sendWithWallet } from "./tx";
import { watchWallets } from "./wallet";

interface Config {
  rpcUrl: string;
  exchangeId: number;
  pollMs?: number;
  /** Priority fee of the page's transactions, micro-lamports per compute unit (default 0). */
  priorityFeeMicroLamports?: number;
}

export class App {
  readonly connection: Connection;
  readonly ex: PerpExchange;
  adapter?: StandardWalletAdapter;
  marketIndex = 0;
  state?: PageState;
  private loading?: Promise<void>;
  private generation = 0;
  private statusExtras: string[] = [];
  private statusSeq = 0;
  /** The connected wallet's order and fill history (from chain). */
  history?: History;
  readonly samples = new PriceSamples();
  /** The wallet's lookup table, created on the first transaction that needs many accounts. */
  private readonly lookupTables = new LookupTables();

  constructor(readonly config: Config) {
    this.connection = new Connection(config.rpcUrl, "confirmed");
    this.ex = new PerpExchange(new RpcChain(this.connection), config.exchangeId);
  }

  owner(): PublicKey {
    const k = this.adapter?.publicKey;
    if (!k) throw new Error("connect a wallet first");
    return k;
  }

  /** One status line; `data-kind` and `data-error-name` for scripts. */
  status(text: string, kind: "ok" | "warn" | "error" | "busy", extra: Record<string, bigint | string> = {}) {
    const el = byId("status");
    el.textContent = text;
    el.dataset.kind = kind;
    el.dataset.seq = String(++this.statusSeq);
    for (const k of this.statusExtras) delete el.dataset[k];
    this.statusExtras = Object.keys(extra);
    for (const [k, v] of Object.entries(extra)) el.dataset[k] = v.toString();
  }

  async send(label: string, ixs: TransactionInstruction[]): Promise<TxOutcome> {
    if (!this.adapter?.connected) throw new Error("connect a wallet first");
    this.status(`${label}: waiting for the wallet to sign…`, "busy");
    const r = await sendWithWallet(this.adapter, this.connection, ixs, this.ex.programId, {
      priorityFeeMicroLamports: this.config.priorityFeeMicroLamports ?? 0,
      lookupTables: this.lookupTables,
    });
    const el = byId("status");
    el.dataset.errorName = r.error?.name ?? "";
    el.dataset.signature = r.signature ?? "";
    this.status(`${label}: ${r.message}`, r.ok ? "ok" : "error");
    await this.refresh(true);
    return r;
  }

  /** Reloads and re-renders; concurrent calls share one load unless `force`. */
  async refresh(force = false): Promise<void> {
    if (this.loading && !force) return this.loading;
    const gen = ++this.generation;
    const run = (async () => {
      try {
        const st = await loadPageState(
          this.ex,
          this.marketIndex,
          this.adapter?.connected ? (this.adapter.publicKey ?? undefined) : undefined,
        );
        if (gen !== this.generation) return; // a newer load started meanwhile
        this.state = st;
        this.marketIndex = st.marketIndex;
        this.samples.add(st);
        await this.refreshHistory(st);
        if (gen !== this.generation) return;
        this.render();
        byId("conn").textContent =
          `${this.config.rpcUrl} · exchange ${this.config.exchangeId} · slot ${st.snap.slot}`;
        document.body.dataset.ready = "true";
        document.body.dataset.slot = st.snap.slot.toString();
      } catch (e) {
        byId("conn").textContent = `cannot load exchange ${this.config.exchangeId}: ${(e as Error).message}`;
      }
    })();
    this.loading = run;
    await run;
    if (this.loading === run) this.loading = undefined;
  }

  /** History of the wallet's margin account; a failure leaves the last one shown. */
  private async refreshHistory(st: PageState) {
    const acct = st.mine?.state ? st.mine.address : undefined;
    if (!acct) {
      this.history = undefined;
      return;
    }
    if (!this.history?.account.equals(acct))
      this.history = new History(this.connection, acct, this.ex.programId);
    try {
      await this.history.refresh();
      document.body.dataset.historySlot = st.snap.slot.toString();
    } catch (e) {
      console.warn(`history: ${(e as Error).message}`);
    }
  }

  render() {
    const s = this.state;
    if (!s) return;
    renderMarketSelect(s, (i) => {
      this.marketIndex = i;
      void this.refresh(true);
    });
    renderMarket(s);
    renderBook(s);
    renderAccount(s);
    renderPositions(s);
    renderOrders(
      s,
      (id) => void cancelOrder(this, id).catch((e) => this.status((e as Error).message, "error")),
    );
    renderHistory(s, this.history);
    renderPriceChart(s, this.samples, this.history);
    updateDepositPreview(this);
    updateOrderPreview(this);
  }

  renderWallets(adapters: StandardWalletAdapter[]) {
    const el = byId("wallets");
    if (this.adapter?.connected) {
      return fill(
        el,
        h("span", { "data-testid": "wallet-address" }, this.adapter.publicKey!.toBase58()),
        " ",
        h(
          "button",
          { type: "button", "data-testid": "disconnect", onclick: () => void this.disconnect(adapters) },
          `Disconnect ${this.adapter.name}`,
        ),
      );
    }
    if (adapters.length === 0) return fill(el, "no Wallet Standard wallet found");
    fill(
      el,
      ...adapters.map((a) =>
        h(
          "button",
          {
            type: "button",
            class: "wallet",
            "data-wallet": a.name,
            onclick: () => void this.connect(a, adapters),
          },
          h("img", { src: a.icon, alt: "" }),
          `Connect ${a.name}`,
        ),
      ),
    );
  }

  private async connect(a: StandardWalletAdapter, all: StandardWalletAdapter[]) {
    try {
      await a.connect();
      this.adapter = a;
      a.on("disconnect", () => {
        this.adapter = undefined;
        this.renderWallets(all);
        void this.refresh(true);
      });
      this.status(`connected ${a.name}`, "ok");
    } catch (e) {
      this.status(`wallet connection failed: ${(e as Error).message}`, "error");
    }
    this.renderWallets(all);
    await this.refresh(true);
  }

  private async disconnect(all: StandardWalletAdapter[]) {
    await this.adapter?.disconnect();
    this.adapter = undefined;
    this.renderWallets(all);
    await this.refresh(true);
  }
}

async function start() {
  const config = (await (await fetch("config.json")).json()) as Config;
  const app = new App(config);
  (window as unknown as { perpApp: App }).perpApp = app;
  wireForms(app);
  watchWallets((adapters) => app.renderWallets(adapters));
  await app.refresh();
  setInterval(() => void app.refresh(), config.pollMs ?? 2000);
}

void start();
