/**
 * Anchor's `Program` client for perp-margin: `new Program(IDL, provider)` over the committed IDL
 * (generated from the Rust source), typed by the committed `generated/perp_margin_anchor.ts` (what
 * `anchor build` writes to `target/types/perp_margin.ts`), so `program.methods.placeOrder(…)`,
 * `program.account.marginAccount.fetch(…)` and `program.coder` are typed by the IDL.
 *
 *   const program = perpMarginProgram(new AnchorProvider(connection, wallet, {}));
 *   await program.methods.deposit(new BN(amount), new BN(0)).accountsStrict({ … }).rpc();
 *
 * The IDL lists no fixed addresses or PDA seeds, so give every account (`accountsStrict`); for
 * instructions with remaining accounts (orders, liquidations, ADL) take them from the matching
 * `PerpExchange` builder. Events are a batch in one self-CPI per ~10 KiB (see `events.ts`):
 * `programEvents` decodes a batch with the program's own event coder.
 */
import { type Provider, Program } from "@coral-xyz/anchor";
import type { PublicKey } from "@solana/web3.js";
import { PROGRAM_ID, EVENT_IX_TAG } from "./constants";
import { eventBodySize } from "./events";
import type { PerpMarginAnchor } from "./generated/perp_margin_anchor";
import { IDL } from "./idl";

export type { PerpMarginAnchor };
/** `Program` typed by the IDL (camelCase, as Anchor's TypeScript client names everything). */
export type PerpMarginProgram = Program<PerpMarginAnchor>;

/** The typed Anchor client of perp-margin on `provider` (at `programId`, default the program id). */
export function perpMarginProgram(provider: Provider, programId: PublicKey = PROGRAM_ID): PerpMarginProgram {
  // `new Program` takes the IDL JSON as committed (snake_case) and camelCases it itself; its type
  // parameter is that camelCase form. Another deployment of the program differs only in `address`.
  const idl = { ...IDL, address: programId.toBase58() } as unknown as PerpMarginAnchor;
  return new Program<PerpMarginAnchor>(idl, provider);
}

/** One event as Anchor's coder returns it: the IDL name and its fields (camelCase, `BN` for 64 bits). */
export interface AnchorEvent {
  name: string;
  data: Record<string, unknown>;
}

/**
 * The events of one self-CPI payload (EVENT_IX_TAG ‖ (discriminator ‖ fields)*), decoded with
 * `program.coder.events`; empty if `data` is not an event payload. Each event's size comes from the
 * SDK's layout table (`eventBodySize`, the same sizes `decodeEvents` walks by) (every event is fixed-size).
 */
export function programEvents(program: PerpMarginProgram, data: Buffer | Uint8Array): AnchorEvent[] {
  const buf = Buffer.from(data);
  if (buf.length < 16 || !buf.subarray(0, 8).equals(EVENT_IX_TAG)) return [];
  const out: AnchorEvent[] = [];
  let at = 8;
  while (at + 8 <= buf.length) {
    const disc = buf.subarray(at, at + 8);
    const size = eventBodySize(disc);
    if (size === undefined) break;
    if (at + 8 + size > buf.length) break;
    const ev = program.coder.events.decode(buf.subarray(at, at + 8 + size).toString("base64"));
    if (!ev) break;
    out.push({ name: ev.name, data: ev.data as Record<string, unknown> });
    at += 8 + size;
  }
  return out;
}
