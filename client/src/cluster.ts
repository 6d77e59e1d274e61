/**
 * RPC endpoints by the solana CLI's monikers (`-u/--url`): `localhost`, `devnet`, `testnet`,
 * `mainnet-beta` and their one-letter forms; anything else must be an http(s) URL.
 */
export const CLUSTER_URLS: Record<string, string> = {
  localhost: "http://127.0.0.1:8899",
  devnet: "https://api.devnet.solana.com",
  testnet: "https://api.testnet.solana.com",
  "mainnet-beta": "https://api.mainnet-beta.solana.com",
};
const SHORT: Record<string, string> = { l: "localhost", d: "devnet", t: "testnet", m: "mainnet-beta" };

/** The RPC URL of a moniker or URL; null if `text` is neither. */
export function resolveClusterUrl(text: string): string | null {
  const t = text.trim();
  const name = SHORT[t] ?? t;
  if (name in CLUSTER_URLS) return CLUSTER_URLS[name];
  return /^https?:\/\/\S+$/.test(t) ? t : null;
}

/** A priority fee in micro-lamports per compute unit from text; null unless a non-negative integer. */
export function parsePriorityFee(text: string): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}
