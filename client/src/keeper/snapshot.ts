/**
 * Everything a keeper decision needs, read in a few calls: the exchange, its markets with their
 * oracle prices and books, the backstop registry, and every margin account of the exchange.
 */
import { PublicKey } from "@solana/web3.js";
import {
  BackstopRegistryState,
  ExchangeState,
  MarginAccountState,
  OrderBookState,
  PriceFeedState,
  decodeOrderBook,
} from "../accounts";
import { readOracle } from "../oracle";
import { PerpExchange, MarketInfo } from "../exchange";
import { MarketTable, marketTable, quoteFromFeed } from "../math/account";

export interface Snapshot {
  slot: bigint;
  exchange: ExchangeState;
  markets: Map<number, MarketInfo>;
  /** Each market's oracle as the program reads it (program feed or Pyth). */
  feeds: Map<number, Pick<PriceFeedState, "price" | "confidence" | "publishSlot">>;
  books: Map<number, OrderBookState>;
  registry: BackstopRegistryState;
  accounts: { pubkey: PublicKey; state: MarginAccountState }[];
  /** Math-mirror market table: oracle prices after the program's guards. */
  table: MarketTable;
}

export async function loadSnapshot(ex: PerpExchange): Promise<Snapshot> {
  const exchange = await ex.refresh();
  const slot = await ex.chain.slot();
  const idx = [...ex.markets.keys()];
  const feedKeys = idx.map((i) => ex.market(i).oracle);
  const bookKeys = idx.map((i) => ex.market(i).orderBook);
  const raw = await ex.chain.getAccounts([...feedKeys, ...bookKeys]);
  const feeds = new Map<number, Pick<PriceFeedState, "price" | "confidence" | "publishSlot">>();
  const books = new Map<number, OrderBookState>();
  idx.forEach((i, k) => {
    feeds.set(i, readOracle(ex.market(i).state, raw[k]!));
    books.set(i, decodeOrderBook(raw[idx.length + k]!));
  });
  const registry = await ex.backstops();
  const accounts = await ex.allMarginAccounts();
  const table = marketTable(idx.map((i) => quoteFromFeed(ex.market(i).state, feeds.get(i)!, slot)));
  return { slot, exchange, markets: ex.markets, feeds, books, registry, accounts, table };
}
