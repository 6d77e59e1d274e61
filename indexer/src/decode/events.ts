/**
 * Transaction → events. Events are the program's self-CPI inner instructions; the SDK's
 * `decodeEventBatch` walks each batch. Each is attributed to its exchange through the
 * instruction that emitted it (every instruction of the program names its `exchange` account in
 * the IDL), because `seq` is contiguous per exchange. An inner instruction carrying the event tag
 * that does not decode is an ingestion error, never skipped silently. One inner instruction carries a
 * batch of events (the program flushes them at the end of each instruction); every event in it
 * becomes its own row.
 */
import { utils } from "@coral-xyz/anchor";
import {
  decodeEventBatch,
  EVENT_IX_TAG,
  type EventBatch,
  IDL,
  instructionCoder,
  type IxArgs,
  normalize,
} from "@perp-margin/client";
import type { RawInstruction, RawTransaction } from "../source/types";
import type { IngestionErrorInput } from "./accounts";
import { type JsonValue, toJson } from "./json";

export interface EventRow {
  exchange: string;
  seq: bigint;
  slot: bigint;
  unixTime: bigint;
  signature: string;
  ixIndex: number;
  eventIndex: number;
  name: string;
  /** Decoded fields (bigint, PublicKey), camelCase: the `data` of the event named `name`. */
  data: Record<string, unknown>;
  payload: JsonValue;
  /** For `PriceFeedCreated`: the initial price and confidence from the instruction's arguments
   * (the event does not carry them, and the ADL audit needs the price as of every event). */
  initialPrice?: { price: bigint; confidence: bigint };
}

/** Index of the `exchange` account in each instruction's account list, by discriminator (hex). */
const EXCHANGE_ACCOUNT = new Map<string, number>();
const INSTRUCTIONS: readonly { discriminator: readonly number[]; accounts: readonly { name: string }[] }[] =
  IDL.instructions;
for (const ix of INSTRUCTIONS) {
  const at = ix.accounts.findIndex((a) => a.name === "exchange");
  if (at >= 0) EXCHANGE_ACCOUNT.set(Buffer.from(ix.discriminator).toString("hex"), at);
}

/** The exchange a program instruction acts on (undefined if it is not one of ours). */
function exchangeOf(ix: RawInstruction, keys: string[]): string | undefined {
  const data = Buffer.from(utils.bytes.bs58.decode(ix.data));
  if (data.length < 8 || data.subarray(0, 8).equals(EVENT_IX_TAG)) return undefined;
  const at = EXCHANGE_ACCOUNT.get(data.subarray(0, 8).toString("hex"));
  if (at === undefined || at >= ix.accounts.length) return undefined;
  return keys[ix.accounts[at]];
}

export interface DecodedTx {
  events: EventRow[];
  errors: IngestionErrorInput[];
}

export function decodeTransactionEvents(tx: RawTransaction, programId: string): DecodedTx {
  const events: EventRow[] = [];
  const errors: IngestionErrorInput[] = [];
  if (tx.failed) return { events, errors }; // a failed transaction's state changes and events were discarded
  const keys = tx.accountKeys;
  let eventIndex = 0;
  for (const group of [...tx.innerInstructions].sort((a, b) => a.index - b.index)) {
    const outer = tx.instructions[group.index];
    // The instruction of this program that emitted the group's events: the outer one, or (when the
    // program was itself called by another program) its first non-event invocation inside.
    let emitter = outer && keys[outer.programIdIndex] === programId ? outer : undefined;
    let exchange = emitter ? exchangeOf(emitter, keys) : undefined;
    for (const ix of group.instructions) {
      if (keys[ix.programIdIndex] !== programId) continue;
      const raw = Buffer.from(utils.bytes.bs58.decode(ix.data));
      if (raw.length < 8 || !raw.subarray(0, 8).equals(EVENT_IX_TAG)) {
        if (!exchange) {
          emitter = { programIdIndex: ix.programIdIndex, accounts: ix.accounts ?? [], data: ix.data };
          exchange = exchangeOf(emitter, keys);
        }
        continue;
      }
      // One inner instruction carries a batch of events (flushed at the end of each instruction);
      // each has its own seq. Bytes the SDK cannot decode (an unknown discriminator, a truncated
      // event) are an ingestion error with the raw payload: the events before them are kept.
      let batch: EventBatch | null;
      try {
        batch = decodeEventBatch(raw);
      } catch (e) {
        errors.push({
          kind: "event_decode",
          subject: tx.signature,
          slot: tx.slot,
          message: `event batch failed to decode: ${(e as Error).message}`,
          raw,
        });
        continue;
      }
      const decoded = batch?.events ?? [];
      if (!batch || batch.decodedTo < raw.length) {
        const at = batch?.decodedTo ?? 8;
        errors.push({
          kind: "event_decode",
          subject: tx.signature,
          slot: tx.slot,
          message: undecodable(raw, at, decoded.length),
          raw,
        });
      }
      for (const ev of decoded) {
        const data: Record<string, unknown> = ev.data;
        const ex = ev.name === "ExchangeInitialized" ? ev.data.exchange.toBase58() : exchange;
        if (!ex) {
          errors.push({
            kind: "event_exchange",
            subject: tx.signature,
            slot: tx.slot,
            message: `${ev.name} seq ${ev.data.seq}: cannot tell which exchange emitted it`,
            raw,
          });
          continue;
        }
        if (ev.name === "AutoDeleverage") data.fills = ev.data.fills.slice(0, ev.data.fillCount);
        const initialPrice =
          ev.name === "PriceFeedCreated" && emitter ? createPriceFeedArgs(emitter) : undefined;
        events.push({
          initialPrice,
          exchange: ex,
          seq: ev.data.seq,
          slot: ev.data.slot,
          unixTime: ev.data.unixTime,
          signature: tx.signature,
          ixIndex: group.index,
          eventIndex: eventIndex++,
          name: ev.name,
          data,
          payload: toJson(data),
        });
      }
    }
  }
  return { events, errors };
}

const EVENT_NAMES = new Map(IDL.events.map((e) => [Buffer.from(e.discriminator).toString("hex"), e.name]));

/** Why the bytes of a batch from `at` on did not decode. */
function undecodable(raw: Buffer, at: number, before: number): string {
  const where = `at offset ${at} after ${before} events (${raw.length} bytes)`;
  if (raw.length - at < 8) return `event batch: ${raw.length - at} trailing bytes ${where}`;
  const disc = raw.subarray(at, at + 8).toString("hex");
  const name = EVENT_NAMES.get(disc);
  return name ? `truncated ${name} event ${where}` : `unknown event discriminator ${disc} ${where}`;
}

/** `create_price_feed` arguments (price, confidence) of the instruction that emitted PriceFeedCreated. */
function createPriceFeedArgs(ix: RawInstruction): { price: bigint; confidence: bigint } | undefined {
  try {
    const d = instructionCoder.decode(ix.data, "base58");
    if (d?.name !== "create_price_feed") return undefined;
    const args = normalize(d.data) as IxArgs<"create_price_feed">;
    return { price: args.price, confidence: args.confidence };
  } catch {
    return undefined;
  }
}
