/**
 * perp-margin TypeScript SDK: IDL-derived types and coders, instruction builders (`PerpExchange`),
 * the `Chain` interface with its RPC implementation, snapshots, risk views and units shared by the
 * CLI and the trading page, and the math mirror (`math`). The keeper and the scenarios are
 * applications of the SDK with their own entry points: `@perp-margin/client/src/keeper` and
 * `@perp-margin/client/src/scenario`.
 */
export * from "./accounts";
export * from "./anchor";
export * from "./book";
export * from "./chain";
export * from "./cluster";
export * from "./constants";
export * from "./errors";
export * from "./events";
export * from "./exchange";
export * from "./idl";
export * from "./idl-types";
export * from "./instructions";
export * from "./market-params";
export * from "./oracle";
export * from "./pda";
export * from "./remaining";
export * from "./risk";
export * from "./send";
export * from "./snapshot";
export * from "./tokens";
export * from "./units";
export * as math from "./math";
