/** Order-book presentation shared by the CLI and the page. */
import type { OrderState } from "./accounts";

export interface Level {
  price: bigint;
  lots: bigint;
  orders: number;
}

/** Aggregates one side of the book (best first) into at most `depth` price levels. */
export function levels(orders: OrderState[], depth: number): Level[] {
  const out: Level[] = [];
  for (const od of orders) {
    const last = out[out.length - 1];
    if (last && last.price === od.price) {
      last.lots += od.baseLots;
      last.orders++;
    } else if (out.length < depth) out.push({ price: od.price, lots: od.baseLots, orders: 1 });
    else break;
  }
  return out;
}
