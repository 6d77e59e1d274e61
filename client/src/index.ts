/** perp-margin TypeScript SDK. */
export * from "./accounts";
export * from "./chain";
export * from "./exchange";
export * from "./constants";
export * from "./errors";
export * from "./events";
export * from "./idl";
export * from "./instructions";
export * from "./keeper/keeper";
export * from "./keeper/plan";
export * from "./keeper/snapshot";
export * from "./oracle";
export * from "./pda";
export * from "./remaining";
export * from "./scenario/crash";
export * from "./scenario/rpc-env";
export * as math from "./math";
