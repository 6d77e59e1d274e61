/** The keeper: waterfall decisions (`plan`) and the bot that executes them (`Keeper`). Run it with `run.ts`. */
export * from "./keeper";
export * from "./plan";
