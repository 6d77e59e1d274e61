/** JSON for decoded on-chain values: bigint → decimal string, public key → base58, bytes → base64. */
import { PublicKey } from "@solana/web3.js";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };

export function toJson(v: unknown): JsonValue {
  if (typeof v === "bigint") return v.toString();
  if (v instanceof PublicKey) return v.toBase58();
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return Buffer.from(v).toString("base64");
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(toJson);
  if (v && typeof v === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toJson(x);
    return out;
  }
  if (v === undefined) return null;
  return v as JsonValue;
}

/** A JSON response body that keeps bigints exact (as strings). */
export const stringify = (v: unknown) => JSON.stringify(toJson(v));
