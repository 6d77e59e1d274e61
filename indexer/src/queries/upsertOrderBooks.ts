import type { OrderState } from "@perp-margin/client";
import type { Tx } from "../db/client";
import type { AccountRow } from "../decode/accounts";
import { col, insertIgnore, SLOT_GUARD, upsert } from "./bulk";
import { baseCols, type CommitmentOf, pk } from "./accountCols";

type R = Extract<AccountRow, { kind: "OrderBook" }>;
interface OrderRow {
  book: R;
  side: 0 | 1;
  rank: number;
  o: OrderState;
}

/**
 * Slot-guarded upsert of `OrderBook` headers; for every book actually written, its `book_order`
 * rows are replaced by the book's live orders in the same transaction (so orders always match the
 * header's slot). Returns the keys written.
 */
export async function upsertOrderBooks(tx: Tx, rows: R[], commitmentOf: CommitmentOf): Promise<string[]> {
  const written = await upsert<R>(
    tx,
    {
      table: "order_book",
      conflict: ["pubkey"],
      guard: SLOT_GUARD,
      returning: "pubkey",
      touchUpdatedAt: true,
      cols: [
        ...baseCols<R>(commitmentOf),
        col("market", "varchar", (r) => pk(r.state.market)),
        col("next_order_id", "int8", (r) => r.state.nextOrderId),
        col("bid_count", "int4", (r) => r.state.bids.length),
        col("ask_count", "int4", (r) => r.state.asks.length),
      ],
    },
    rows,
  );
  if (written.length === 0) return written;
  const set = new Set(written);
  await tx.$executeRawUnsafe(`DELETE FROM "book_order" WHERE "order_book" = ANY($1::text[])`, written);
  const orders: OrderRow[] = [];
  for (const book of rows) {
    if (!set.has(book.pubkey)) continue;
    for (const [rank, o] of book.state.bids.entries()) orders.push({ book, side: 0, rank, o });
    for (const [rank, o] of book.state.asks.entries()) orders.push({ book, side: 1, rank, o });
  }
  await insertIgnore<OrderRow>(
    tx,
    "book_order",
    [
      col("order_book", "varchar", (r) => r.book.pubkey),
      col("order_id", "int8", (r) => r.o.orderId),
      col("market", "varchar", (r) => pk(r.book.state.market)),
      col("side", "int4", (r) => r.side),
      col("rank", "int4", (r) => r.rank),
      col("owner", "varchar", (r) => pk(r.o.owner)),
      col("price", "numeric", (r) => r.o.price),
      col("base_lots", "numeric", (r) => r.o.baseLots),
      col("client_order_id", "numeric", (r) => r.o.clientOrderId),
      col("flags", "int4", (r) => r.o.flags),
      col("owner_epoch", "int8", (r) => r.o.ownerEpoch),
      col("slot", "int8", (r) => r.book.slot),
    ],
    orders,
  );
  return written;
}
