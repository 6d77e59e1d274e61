/**
 * A Wallet Standard wallet for the browser tests, bundled by esbuild and injected into the page
 * before the app loads. It registers itself through `registerWallet` like any browser extension
 * wallet, implements `standard:connect`/`disconnect`/`events`, `solana:signTransaction` and
 * `solana:signAndSendTransaction`, and signs with a Keypair whose secret the test provides in
 * `window.__testWallet`. Every call is logged there so the test can see the wallet was used.
 */
import { Connection, Keypair, VersionedTransaction } from "@solana/web3.js";
import { registerWallet } from "@wallet-standard/wallet";
import type { Wallet, WalletAccount } from "@wallet-standard/base";

interface TestWalletConfig {
  secret: number[];
  rpcUrl: string;
  log: string[];
}

const cfg = (window as unknown as { __testWallet: TestWalletConfig }).__testWallet;
const kp = Keypair.fromSecretKey(Uint8Array.from(cfg.secret));
const CHAINS = ["solana:localnet", "solana:devnet", "solana:testnet", "solana:mainnet"] as const;
const FEATURES = ["solana:signTransaction", "solana:signAndSendTransaction"] as const;
const ICON =
  `data:image/svg+xml;base64,${btoa('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="7" fill="#5aa9e6"/></svg>')}` as const;

const account: WalletAccount = {
  address: kp.publicKey.toBase58(),
  publicKey: kp.publicKey.toBytes(),
  chains: CHAINS,
  features: FEATURES,
  label: "test account",
};

let accounts: WalletAccount[] = [];
const listeners = new Set<(p: { accounts: readonly WalletAccount[] }) => void>();
const emit = () => {
  for (const l of listeners) l({ accounts });
};

function signed(bytes: Uint8Array): VersionedTransaction {
  const tx = VersionedTransaction.deserialize(bytes);
  const payer = tx.message.staticAccountKeys[0];
  if (!payer.equals(kp.publicKey))
    throw new Error(`test wallet: fee payer ${payer.toBase58()} is not this wallet`);
  tx.sign([kp]);
  return tx;
}

const wallet: Wallet = {
  version: "1.0.0",
  name: "Perp Test Wallet",
  icon: ICON,
  chains: CHAINS,
  get accounts() {
    return accounts;
  },
  features: {
    "standard:connect": {
      version: "1.0.0",
      connect: async () => {
        cfg.log.push("connect");
        accounts = [account];
        emit();
        return { accounts };
      },
    },
    "standard:disconnect": {
      version: "1.0.0",
      disconnect: async () => {
        cfg.log.push("disconnect");
        accounts = [];
        emit();
      },
    },
    "standard:events": {
      version: "1.0.0",
      on: (_event: string, listener: (p: { accounts: readonly WalletAccount[] }) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    "solana:signTransaction": {
      version: "1.0.0",
      supportedTransactionVersions: ["legacy", 0],
      signTransaction: async (...inputs: { transaction: Uint8Array }[]) => {
        cfg.log.push("signTransaction");
        return inputs.map((i) => ({ signedTransaction: signed(i.transaction).serialize() }));
      },
    },
    "solana:signAndSendTransaction": {
      version: "1.0.0",
      supportedTransactionVersions: ["legacy", 0],
      signAndSendTransaction: async (...inputs: { transaction: Uint8Array }[]) => {
        cfg.log.push("signAndSendTransaction");
        const conn = new Connection(cfg.rpcUrl, "confirmed");
        return Promise.all(
          inputs.map(async (i) => {
            const tx = signed(i.transaction);
            await conn.sendRawTransaction(tx.serialize());
            return { signature: tx.signatures[0] };
          }),
        );
      },
    },
  },
};

registerWallet(wallet);
