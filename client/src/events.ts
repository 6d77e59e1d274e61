/**
 * Events are emitted by self-CPI in batches: an inner instruction to this program whose data is
 * EVENT_IX_TAG ‖ (event discriminator ‖ fields)* — Anchor's `emit_cpi!` format with several events
 * back to back (each event has a fixed size, so the batch is walked by discriminator; Anchor's own
 * coder reads the first). Decoding reads inner instructions, never logs, so truncated logs cannot
 * hide an event.
 */
import { BorshEventCoder, utils } from "@coral-xyz/anchor";
import { IDL } from "./idl";
import { EVENT_IX_TAG } from "./constants";
import { normalize } from "./accounts";
import type { EventName, IdlType, PerpEvent } from "./idl-types";

export const eventCoder = new BorshEventCoder(IDL);

type IdlTypeExpr = string | { array: [IdlTypeExpr, number] } | { defined: { name: string } };
const typeDefs = new Map<string, { name: string; type: IdlTypeExpr }[]>(
  (IDL.types ?? []).map((t) => [
    t.name,
    (t.type as { fields?: { name: string; type: IdlTypeExpr }[] }).fields ?? [],
  ]),
);
const PRIMITIVE_SIZE: Record<string, number> = {
  u8: 1,
  i8: 1,
  bool: 1,
  u16: 2,
  i16: 2,
  u32: 4,
  i32: 4,
  u64: 8,
  i64: 8,
  u128: 16,
  i128: 16,
  pubkey: 32,
};
/** Byte size of a fixed-size IDL type (every event and its parts are fixed-size). */
function sizeOf(t: IdlTypeExpr): number {
  if (typeof t === "string") {
    const n = PRIMITIVE_SIZE[t];
    if (n === undefined) throw new Error(`variable-size IDL type ${t} in an event`);
    return n;
  }
  if ("array" in t) return sizeOf(t.array[0]) * t.array[1];
  const fields = typeDefs.get(t.defined.name);
  if (!fields) throw new Error(`unknown IDL type ${t.defined.name}`);
  return fields.reduce((s, f) => s + sizeOf(f.type), 0);
}
/** Event discriminator (hex) → its name and body size. */
const EVENT_LAYOUTS = new Map(
  IDL.events.map((e) => [
    Buffer.from(e.discriminator).toString("hex"),
    { name: e.name, size: sizeOf({ defined: { name: e.name } }) },
  ]),
);

/** Body size of the event whose 8-byte discriminator is `disc`, or undefined for no event. */
export function eventBodySize(disc: Uint8Array): number | undefined {
  return EVENT_LAYOUTS.get(Buffer.from(disc).toString("hex"))?.size;
}

/** A batch payload decoded: its events, and where decoding stopped if the rest was not events. */
export interface EventBatch {
  events: PerpEvent[];
  /** Byte offset of the first undecodable byte (the payload length when all of it decoded). */
  decodedTo: number;
}

/**
 * Decodes one inner-instruction payload (a batch of events); null if it is not an event payload
 * of this program. Decoding stops at an unknown discriminator or a truncated event.
 */
export function decodeEventBatch(data: Buffer | Uint8Array): EventBatch | null {
  const buf = Buffer.from(data);
  if (buf.length < 16 || !buf.subarray(0, 8).equals(EVENT_IX_TAG)) return null;
  const events: PerpEvent[] = [];
  let at = 8;
  while (at + 8 <= buf.length) {
    const layout = EVENT_LAYOUTS.get(buf.subarray(at, at + 8).toString("hex"));
    if (!layout || at + 8 + layout.size > buf.length) break;
    const ev = eventCoder.decode(buf.subarray(at, at + 8 + layout.size).toString("base64"));
    if (!ev) break;
    // The coder picked the layout by discriminator and names it; `normalize` maps the fields to
    // the type `PerpEvent` derives for that name.
    events.push({ name: ev.name, data: normalize(ev.data) } as PerpEvent);
    at += 8 + layout.size;
  }
  return { events, decodedTo: at };
}

/** Every event of one inner-instruction payload (empty if it is not an event payload). */
export const decodeEvents = (data: Buffer | Uint8Array): PerpEvent[] => decodeEventBatch(data)?.events ?? [];

/** The first event of one inner-instruction payload; null if it is not an event of this program. */
export const decodeEventIx = (data: Buffer | Uint8Array): PerpEvent | null => decodeEvents(data)[0] ?? null;

/** The data of `e` as event `name`; throws if `e` is missing or another event. */
export function eventData<N extends EventName>(e: PerpEvent | undefined, name: N): IdlType<N> {
  if (!e || e.name !== name) throw new Error(`expected a ${name} event, got ${e?.name ?? "none"}`);
  // `e.name === name` is the narrowing TypeScript cannot carry through a generic `N`.
  return e.data as unknown as IdlType<N>;
}

/** The data of every event named `name`, in order. */
export const eventsNamed = <N extends EventName>(events: readonly PerpEvent[], name: N): IdlType<N>[] =>
  events.filter((e) => e.name === name).map((e) => eventData(e, name));

/** Minimal shape of RPC `getTransaction` metadata (json encoding). */
export interface RpcInnerInstructions {
  index: number;
  instructions: { programIdIndex: number; data: string; accounts?: number[] }[];
}

/**
 * Events of a confirmed transaction fetched over RPC (json encoding), in emission order.
 * `accountKeys` must include loaded addresses (static keys, then writable, then readonly loaded).
 */
export function eventsFromRpcTransaction(
  accountKeys: string[],
  innerInstructions: RpcInnerInstructions[] | null | undefined,
  programId: string,
): PerpEvent[] {
  const out: PerpEvent[] = [];
  for (const group of innerInstructions ?? []) {
    for (const ix of group.instructions) {
      if (accountKeys[ix.programIdIndex] !== programId) continue;
      out.push(...decodeEvents(utils.bytes.bs58.decode(ix.data)));
    }
  }
  return out;
}
