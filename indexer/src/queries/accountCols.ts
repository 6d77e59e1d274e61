/** Columns every mirrored account row shares (key, slot, bytes hash, commitment). */
import type { AccountRow } from "../decode/accounts";
import { type Col, col } from "./bulk";

export type CommitmentOf = (slot: bigint) => "confirmed" | "finalized";

export function baseCols<R extends AccountRow>(commitmentOf: CommitmentOf): Col<R>[] {
  return [
    col<R>("pubkey", "varchar", (r) => r.pubkey),
    col<R>("slot", "int8", (r) => r.slot),
    col<R>("data_hash", "bytea", (r) => r.hash),
    col<R>("commitment", "commitment", (r) => commitmentOf(r.slot)),
  ];
}

export const pk = (k: { toBase58(): string }) => k.toBase58();
