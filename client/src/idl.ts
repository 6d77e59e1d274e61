/** The committed Anchor IDL (generated from the Rust source) and its TypeScript type. */
import type { PerpMargin } from "./generated/perp_margin";
import idlJson from "../../programs/perp-margin/idl/perp_margin.json";

export type { PerpMargin };
export const IDL = idlJson as unknown as PerpMargin;
