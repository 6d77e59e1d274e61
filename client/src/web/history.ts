/**
 * The wallet's order and fill history, read from chain: the margin account's transaction
 * signatures (getSignaturesForAddress), each transaction fetched once and its events decoded the
 * way the indexer does (`eventsFromRpcTransaction`). Only new signatures are fetched on a refresh.
 */
import type { Connection, PublicKey } from "@solana/web3.js";
import { type PerpEvent, type RpcInnerInstructions, eventsFromRpcTransaction } from "..";

export interface HistoryOrder {
  kind: "placed" | "cancelled";
  signature: string;
  slot: bigint;
  marketKey: string;
  orderId: bigint;
  side: number;
  orderType?: number;
  price: bigint;
  requestedLots?: bigint;
  filledLots?: bigint;
  restingLots?: bigint;
  lots?: bigint;
}

export interface HistoryFill {
  signature: string;
  slot: bigint;
  marketKey: string;
  /** Side of this wallet's account in the fill (0 bid / 1 ask). */
  side: number;
  role: "taker" | "maker";
  price: bigint;
  lots: bigint;
  feeNative: bigint;
}

export class History {
  private seen = new Map<string, PerpEvent[]>();
  orders: HistoryOrder[] = [];
  fills: HistoryFill[] = [];

  constructor(
    readonly connection: Connection,
    readonly account: PublicKey,
    readonly programId: PublicKey,
  ) {}

  /** Fetches signatures not seen yet (newest `limit`) and rebuilds the lists, newest first. */
  async refresh(limit = 50): Promise<void> {
    const sigs = await this.connection.getSignaturesForAddress(this.account, { limit }, "confirmed");
    const fresh = sigs.filter((s) => !s.err && !this.seen.has(s.signature)).map((s) => s.signature);
    if (fresh.length > 0) {
      const txs = await this.connection.getTransactions(fresh, {
        commitment: "confirmed",
        maxSupportedTransactionVersion: 0,
      });
      txs.forEach((tx, i) => {
        if (!tx?.meta) return;
        const keys = tx.transaction.message
          .getAccountKeys({ accountKeysFromLookups: tx.meta.loadedAddresses })
          .keySegments()
          .flat()
          .map((k) => k.toBase58());
        this.seen.set(
          fresh[i],
          eventsFromRpcTransaction(
            keys,
            tx.meta.innerInstructions as RpcInnerInstructions[],
            this.programId.toBase58(),
          ),
        );
      });
    }
    const order = sigs.map((s) => s.signature).filter((s) => this.seen.has(s));
    const me = this.account;
    this.orders = [];
    this.fills = [];
    // newest first: signatures come newest first, and within one transaction the later event is newer
    for (const sig of order)
      for (const e of [...(this.seen.get(sig) ?? [])].reverse()) {
        if (e.name === "OrderPlaced" && e.data.marginAccount.equals(me))
          this.orders.push({
            kind: "placed",
            signature: sig,
            slot: e.data.slot,
            marketKey: e.data.market.toBase58(),
            orderId: e.data.orderId,
            side: e.data.side,
            orderType: e.data.orderType,
            price: e.data.price,
            requestedLots: e.data.requestedLots,
            filledLots: e.data.filledLots,
            restingLots: e.data.restingLots,
          });
        else if (e.name === "OrderCancelled" && e.data.marginAccount.equals(me))
          this.orders.push({
            kind: "cancelled",
            signature: sig,
            slot: e.data.slot,
            marketKey: e.data.market.toBase58(),
            orderId: e.data.orderId,
            side: e.data.side,
            price: e.data.price,
            lots: e.data.lots,
          });
        else if (e.name === "Fill" && (e.data.taker.equals(me) || e.data.maker.equals(me))) {
          const taker = e.data.taker.equals(me);
          this.fills.push({
            signature: sig,
            slot: e.data.slot,
            marketKey: e.data.market.toBase58(),
            side: taker ? e.data.takerSide : 1 - e.data.takerSide,
            role: taker ? "taker" : "maker",
            price: e.data.price,
            lots: e.data.lots,
            feeNative: taker ? e.data.takerFeeNative : e.data.makerFeeNative,
          });
        }
      }
  }
}
