/**
 * Events are emitted by self-CPI (Anchor's `emit_cpi!` format): an inner instruction to this
 * program whose data is EVENT_IX_TAG ‖ event discriminator ‖ fields. Decoding reads inner
 * instructions, never logs, so truncated logs cannot hide an event.
 */
import { BorshEventCoder, utils } from "@coral-xyz/anchor";
import { IDL } from "./idl";
import { EVENT_IX_TAG } from "./constants";
import { normalize } from "./accounts";
import type { EventName, IdlType, PerpEvent } from "./idl-types";

export const eventCoder = new BorshEventCoder(IDL);

/** Decodes one inner-instruction payload; null if it is not an event of this program. */
export function decodeEventIx(data: Buffer | Uint8Array): PerpEvent | null {
  const buf = Buffer.from(data);
  if (buf.length < 16 || !buf.subarray(0, 8).equals(EVENT_IX_TAG)) return null;
  const ev = eventCoder.decode(buf.subarray(8).toString("base64"));
  if (!ev) return null;
  // The coder picked the layout by discriminator and names it; `normalize` maps the fields to the
  // type `PerpEvent` derives for that name.
  return { name: ev.name, data: normalize(ev.data) } as PerpEvent;
}

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
      const ev = decodeEventIx(utils.bytes.bs58.decode(ix.data));
      if (ev) out.push(ev);
    }
  }
  return out;
}
