import type { Tx } from "../db/client";

export interface ExchangeVaults {
  exchange: string;
  vault: string;
  insuranceVault: string;
  eventSeq: bigint;
  slot: bigint;
}

/** Exchanges in the mirror with their vault addresses and next event seq. */
export async function knownExchanges(tx: Tx): Promise<ExchangeVaults[]> {
  const rows = await tx.exchange.findMany({
    select: { pubkey: true, vault: true, insuranceVault: true, eventSeq: true, slot: true },
  });
  return rows.map((r) => ({
    exchange: r.pubkey,
    vault: r.vault,
    insuranceVault: r.insuranceVault,
    eventSeq: r.eventSeq,
    slot: r.slot,
  }));
}
