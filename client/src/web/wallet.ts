/**
 * Wallets through the Wallet Standard: every wallet the browser registers (`getWallets()`) that
 * can sign Solana transactions is wrapped in the wallet adapter's `StandardWalletAdapter`, so the
 * page talks to one interface whatever the wallet.
 */
import { getWallets } from "@wallet-standard/app";
import type { Wallet } from "@wallet-standard/base";
import { isWalletAdapterCompatibleStandardWallet } from "@solana/wallet-adapter-base";
import { StandardWalletAdapter } from "@solana/wallet-standard-wallet-adapter-base";

/** Calls `onChange` with the current adapters now and whenever a wallet registers or leaves. */
export function watchWallets(onChange: (adapters: StandardWalletAdapter[]) => void): () => void {
  const wallets = getWallets();
  const cache = new Map<Wallet, StandardWalletAdapter>();
  const emit = () => {
    const list: StandardWalletAdapter[] = [];
    for (const w of wallets.get()) {
      if (!isWalletAdapterCompatibleStandardWallet(w)) continue;
      let a = cache.get(w);
      if (!a) {
        a = new StandardWalletAdapter({ wallet: w });
        cache.set(w, a);
      }
      list.push(a);
    }
    onChange(list);
  };
  const offRegister = wallets.on("register", emit);
  const offUnregister = wallets.on("unregister", emit);
  emit();
  return () => {
    offRegister();
    offUnregister();
  };
}
