/** Glue between commander and the command bodies: a `CliContext` per invocation. */
import { Command } from "commander";
import { CliContext, GlobalOptions } from "./context";

export type Opts = Record<string, any>;

/** Wraps a command body so it receives a context built from the global options. */
export function action(fn: (ctx: CliContext, opts: Opts) => Promise<void>) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const ctx = new CliContext(cmd.optsWithGlobals() as GlobalOptions);
    await fn(ctx, cmd.opts());
  };
}

/** A `Fill`/`OrderPlaced`/… event's data by name from a send result. */
export const eventsNamed = (events: { name: string; data: any }[], name: string) =>
  events.filter((e) => e.name === name).map((e) => e.data);
