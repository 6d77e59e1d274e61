/** Scenarios replayed on the program through the SDK and the keeper: the 2025-10-10 crash, on LiteSVM or RPC. */
export * from "./crash";
export * from "./rpc-env";
