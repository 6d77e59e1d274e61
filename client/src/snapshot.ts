/**
 * One consistent read of an exchange, and the ADL queue computed from it. Shared by the CLI, the
 * trading page and the keeper, so a risk view, a keeper decision and a CLI `adl` step all see the
 * same numbers:
 *
 * - `MarketSnapshot`: the exchange, its markets and their oracles (program feed or Pyth) at one
 *   slot, with the math mirror's guarded price table — what the risk views need;
 * - `KeeperSnapshot`: that plus every order book, the backstop registry and every margin account —
 *   what a waterfall decision needs;
 * - `adlCandidates`: the counterparties `auto_deleverage` would accept for a liquidatee, ranked.
 */
import type { PublicKey } from "@solana/web3.js";
import {
  type BackstopRegistryState,
  type ExchangeState,
  type MarginAccountState,
  type OrderBookState,
  decodeOrderBook,
} from "./accounts";
import type { Chain } from "./chain";
import { NO_MARKET } from "./constants";
import type { MarketInfo, PerpExchange } from "./exchange";
import {
  type AdlCandidate,
  type MarketTable,
  accountRiskView,
  adlRanking,
  marketTable,
  quoteFromFeed,
} from "./math/account";
import { type OracleReading, readOracle } from "./oracle";

/** A margin account with its address, as `PerpExchange.allMarginAccounts` returns it. */
export interface MarginAccountEntry {
  pubkey: PublicKey;
  state: MarginAccountState;
}

/** Exchange, markets and their oracle prices at one slot. */
export interface MarketSnapshot {
  slot: bigint;
  exchange: ExchangeState;
  markets: Map<number, MarketInfo>;
  /** Each market's oracle as the program reads it (program feed or Pyth); absent if the account is missing. */
  feeds: Map<number, OracleReading>;
  /** Math-mirror market table: oracle prices after the program's guards at `slot`. */
  table: MarketTable;
}

/** Everything a keeper decision needs. */
export interface KeeperSnapshot extends MarketSnapshot {
  books: Map<number, OrderBookState>;
  registry: BackstopRegistryState;
  accounts: MarginAccountEntry[];
}

/** Reloads the exchange and markets, reads every oracle (and book) in one call, builds the price table. */
async function readMarkets(ex: PerpExchange, chain: Chain, withBooks: boolean) {
  const exchange = await ex.refresh();
  const markets = new Map(ex.markets);
  const list = [...markets.values()];
  const keys = [...list.map((m) => m.oracle), ...(withBooks ? list.map((m) => m.orderBook) : [])];
  const [raw, slot] = await Promise.all([chain.getAccounts(keys), chain.slot()]);
  const feeds = new Map<number, OracleReading>();
  const books = new Map<number, OrderBookState>();
  list.forEach((m, k) => {
    const feed = raw[k];
    if (feed) feeds.set(m.marketIndex, readOracle(m.state, feed));
    const book = withBooks ? raw[list.length + k] : null;
    if (book) books.set(m.marketIndex, decodeOrderBook(book));
  });
  const snap: MarketSnapshot = { slot, exchange, markets, feeds, table: tableOf(markets, feeds, slot) };
  return { snap, books };
}

/** Exchange, markets and oracle prices at one slot (the risk views' read). */
export async function loadMarketSnapshot(ex: PerpExchange, chain: Chain = ex.chain): Promise<MarketSnapshot> {
  return (await readMarkets(ex, chain, false)).snap;
}

/** The market snapshot plus books, backstop registry and every margin account of the exchange. */
export async function loadKeeperSnapshot(ex: PerpExchange): Promise<KeeperSnapshot> {
  const { snap, books } = await readMarkets(ex, ex.chain, true);
  const registry = await ex.backstops();
  const accounts = await ex.allMarginAccounts();
  return { ...snap, books, registry, accounts };
}

/**
 * The snapshot after transactions that wrote `touched`: exchange, markets, oracles, books and the
 * backstop registry read again (two calls), and of the margin accounts only those in `touched`
 * (one call) — not a `getProgramAccounts` of every account. Accounts nobody here wrote keep their
 * earlier state until the next full load; the program re-checks every action anyway.
 */
export async function refreshKeeperSnapshot(
  ex: PerpExchange,
  prev: KeeperSnapshot,
  touched: readonly PublicKey[],
): Promise<KeeperSnapshot> {
  const { snap, books } = await readMarkets(ex, ex.chain, true);
  const known = new Map(prev.accounts.map((a, i) => [a.pubkey.toBase58(), i]));
  const keys = new Map<string, PublicKey>();
  for (const k of touched) if (known.has(k.toBase58())) keys.set(k.toBase58(), k);
  const [registry, states] = await Promise.all([ex.backstops(), ex.marginAccounts([...keys.values()])]);
  const accounts = [...prev.accounts];
  [...keys.keys()].forEach((k, j) => {
    const st = states[j];
    const i = known.get(k);
    if (st && i !== undefined) accounts[i] = { pubkey: accounts[i].pubkey, state: st };
  });
  return { ...snap, books, registry, accounts };
}

/** The math mirror's market table (oracle guards applied at `slot`) over the markets with a feed. */
export function tableOf(
  markets: Map<number, MarketInfo>,
  feeds: Map<number, OracleReading>,
  slot: bigint,
): MarketTable {
  const quotes = [];
  for (const m of markets.values()) {
    const feed = feeds.get(m.marketIndex);
    if (feed) quotes.push(quoteFromFeed(m.state, feed, slot));
  }
  return marketTable(quotes);
}

/** Most counterparties one `auto_deleverage` takes: the event holds 8 fills, and the market may cap lower. */
export const adlCandidateCap = (m: MarketInfo): number => Math.min(8, m.state.params.maxAdlCounterparties);

/**
 * ADL counterparties for closing `base` lots of the liquidatee in `marketIndex`: the opposite side's
 * queue, highest score first, just enough to cover `base`, at most `max`. Accounts the program could
 * not value (a held market missing or failing its oracle guard) are left out, as it would refuse them.
 */
export function adlCandidates(
  snap: MarketSnapshot,
  accounts: readonly MarginAccountEntry[],
  liquidatee: PublicKey,
  marketIndex: number,
  base: bigint,
  max: number,
): AdlCandidate[] {
  const side = base > 0n ? "short" : "long";
  const usable = accounts
    .filter((x) => !x.pubkey.equals(liquidatee))
    .filter(({ state }) => {
      try {
        accountRiskView(state, snap.table);
        return true;
      } catch {
        return false; // missing or stale market for this account: the program would refuse it
      }
    })
    .map((x) => ({ address: x.pubkey, account: x.state }));
  // The published ranking first; positions without profit (score 0, closed at the oracle) only
  // after every profitable one, as the program requires.
  const ranked = adlRanking(usable, snap.table, marketIndex, side, { withoutProfit: true });
  const out: AdlCandidate[] = [];
  let left = base < 0n ? -base : base;
  for (const c of ranked) {
    if (out.length >= max || left <= 0n) break;
    out.push(c);
    left -= c.baseLots < 0n ? -c.baseLots : c.baseLots;
  }
  return out;
}

/** Reads the chain and ranks ADL counterparties for the liquidatee's position in `marketIndex`. */
export async function loadAdlCandidates(
  ex: PerpExchange,
  marketIndex: number,
  liquidatee: PublicKey,
): Promise<PublicKey[]> {
  const snap = await loadMarketSnapshot(ex);
  const accounts = await ex.allMarginAccounts();
  const me = accounts.find((a) => a.pubkey.equals(liquidatee));
  const pos = me?.state.positions.find((p) => p.marketIndex === marketIndex && p.marketIndex !== NO_MARKET);
  const market = snap.markets.get(marketIndex);
  if (!pos || pos.baseLots === 0n || !market) return [];
  const cap = adlCandidateCap(market);
  return adlCandidates(snap, accounts, liquidatee, marketIndex, pos.baseLots, cap).map(
    (c) => c.marginAccount,
  );
}
