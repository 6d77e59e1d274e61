/**
 * The client's mirror of the program's pure math core (`programs/perp-margin/src/math/`), file for
 * file, `bigint` only, with the same rounding and the same errors; `tests/vectors/math.json` (made
 * by the Rust code) proves they agree. `account.ts` adds account-level health on top, mirroring
 * `engine/risk.rs`.
 */
export * from "./error";
export * from "./constants";
export * from "./wide";
export * from "./fees";
export * from "./margin";
export * from "./funding";
export * from "./trade";
export * from "./liquidation";
export * from "./adl";
export * from "./deposit";
export * from "./account";
export * from "./oracle";
