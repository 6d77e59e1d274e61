/**
 * What the page shows, read in one pass: the exchange, markets and oracles at one slot (the
 * shared CLI/page snapshot), the selected market's book, every margin account of the exchange
 * (for the ADL queue), and the connected wallet's margin account, its view from the math mirror
 * and its collateral token balance.
 */
import type { PublicKey } from "@solana/web3.js";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import {
  type AccountView,
  type MarginAccountState,
  type MarketSnapshot,
  type OrderBookState,
  type PerpExchange,
  accountView,
  decodeOrderBook,
  loadMarketSnapshot,
  tokenAmount,
} from "..";

export interface Mine {
  address: PublicKey;
  state: MarginAccountState | null;
  view?: AccountView;
  viewError?: string;
  tokenAccount: PublicKey;
  /** Collateral in the wallet's associated token account, native (null: no token account). */
  walletBalance: bigint | null;
}

export interface PageState {
  snap: MarketSnapshot;
  marketIndex: number;
  book: OrderBookState | null;
  mine?: Mine;
}

export async function loadPageState(
  ex: PerpExchange,
  marketIndex: number,
  owner?: PublicKey,
): Promise<PageState> {
  const snap = await loadMarketSnapshot(ex);
  const market = snap.markets.get(marketIndex) ?? [...snap.markets.values()][0];
  const index = market?.marketIndex ?? marketIndex;
  const everyone = owner ? await ex.allMarginAccounts() : [];
  const address = owner ? ex.marginPda(owner) : undefined;
  const tokenAccount = owner
    ? getAssociatedTokenAddressSync(snap.exchange.collateralMint, owner, true)
    : undefined;
  const keys = [market?.orderBook, tokenAccount].filter((k): k is PublicKey => !!k);
  const raw = await ex.chain.getAccounts(keys);
  const book = market && raw[0] ? decodeOrderBook(raw[0]) : null;
  const state: PageState = { snap, marketIndex: index, book };
  if (owner && address && tokenAccount) {
    const acct = everyone.find((a) => a.pubkey.equals(address))?.state ?? null;
    const mine: Mine = {
      address,
      state: acct,
      tokenAccount,
      walletBalance: tokenAmount(raw[market ? 1 : 0]),
    };
    if (acct) {
      try {
        mine.view = accountView(snap, address, acct, everyone);
      } catch (e) {
        mine.viewError = (e as Error).message; // e.g. OracleStale on a held market
      }
    }
    state.mine = mine;
  }
  return state;
}
