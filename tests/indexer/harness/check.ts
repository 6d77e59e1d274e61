/** Assertions that the mirror equals the chain, read independently of the indexer's code. */
import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import { accountKind } from "@perp-margin/client";
import type { Venue } from "../../harness/venue";
import { sql } from "./db";

const TABLE: Record<string, string> = {
  Exchange: "exchange",
  Market: "market",
  OrderBook: "order_book",
  MarginAccount: "margin_account",
  PriceFeed: "price_feed",
  BackstopRegistry: "backstop_registry",
};

/** Every program account and both vaults are stored with the chain's current bytes; every event is stored. */
export async function assertMirrorsChain(v: Venue) {
  const hashes = new Map<string, string>();
  for (const t of [...Object.values(TABLE), "token_vault"]) {
    for (const r of await sql(`SELECT pubkey, encode(data_hash, 'hex') AS h FROM "${t}"`))
      hashes.set(r.pubkey, r.h);
  }
  let checked = 0;
  for (const k of [...v.known, v.vault, v.insuranceVault]) {
    const d = v.raw(k);
    if (!d) continue;
    const kind = accountKind(d);
    if (!kind && !k.equals(v.vault) && !k.equals(v.insuranceVault)) continue;
    const want = crypto.createHash("sha256").update(d).digest("hex");
    assert.equal(hashes.get(k.toBase58()), want, `${kind ?? "vault"} ${k.toBase58()} differs from chain`);
    checked++;
  }
  const ex = v.exchangeState();
  const [e] = await sql(
    `SELECT count(*)::text AS n, coalesce(max(seq), -1)::text AS hi FROM event WHERE exchange = $1`,
    [v.exchange.toBase58()],
  );
  assert.equal(e.n, ex.eventSeq.toString(), "every event stored");
  assert.equal(e.hi, (ex.eventSeq - 1n).toString(), "events contiguous");
  return checked;
}
