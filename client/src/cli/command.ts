/** Glue between commander and the command bodies: a `CliContext` per invocation. */
import type { Command } from "commander";
import { CliContext, type GlobalOptions } from "./context";

/**
 * A command's own options as commander parses them: a string for every `--flag <value>` option
 * (flags without a value are `true` when given and read only for truthiness).
 */
export type Opts = Record<string, string>;

/** Wraps a command body so it receives a context built from the global options. */
export function action(fn: (ctx: CliContext, opts: Opts) => Promise<void>) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const ctx = new CliContext(cmd.optsWithGlobals() as GlobalOptions);
    await fn(ctx, cmd.opts());
  };
}
