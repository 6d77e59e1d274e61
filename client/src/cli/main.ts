/**
 * `perp`: the command-line client of perp-margin. Every command is a thin body over the SDK
 * (`PerpExchange` builders, `RpcChain` sends); bad input and program errors end the process with
 * status 1 and one clear line (or `{ok:false,error}` with --json).
 */
import { Command, CommanderError } from "commander";
import { InputError, PerpTransactionError, resolveClusterUrl, toJson } from "..";
import { registerAdmin } from "./commands/admin";
import { registerKeeper } from "./commands/keeper";
import { registerSolvency } from "./commands/solvency";
import { registerTrader } from "./commands/trader";
import { registerViews } from "./commands/views";

/** Set by the esbuild bundle (client/src/cli/build.ts); read from package.json when run from source. */
declare const PERP_CLI_VERSION: string | undefined;
export function cliVersion(): string {
  if (typeof PERP_CLI_VERSION === "string") return PERP_CLI_VERSION;
  return (require("../../package.json") as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command("perp")
    .description("perp-margin command-line client")
    .version(cliVersion(), "-V, --version", "print the CLI version")
    .option(
      "-u, --url <rpc>",
      "JSON-RPC URL or moniker: localhost, devnet, testnet, mainnet-beta (or l, d, t, m)",
      process.env.PERP_RPC_URL ?? "http://127.0.0.1:8899",
    )
    .option(
      "--priority-fee <microLamports>",
      "priority fee, micro-lamports per compute unit (compute-unit limit: from simulation)",
      process.env.PERP_PRIORITY_FEE ?? "0",
    )
    .option(
      "--keypair <file>",
      "Solana JSON keypair file of the signer (default $PERP_KEYPAIR or ~/.config/solana/id.json)",
    )
    .option("--exchange-id <n>", "exchange id", "0")
    .option("--json", "machine-readable JSON output")
    .option("--native", "amounts and prices in native units (input and output)")
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  program.addHelpText(
    "after",
    "\nPrices are quote per whole base unit (USD per SOL) and sizes base units (SOL), converted with the\nmarket's lot size and decimals; --native reads and prints quote native per lot and lots instead.",
  );
  registerAdmin(program);
  registerTrader(program);
  registerViews(program);
  registerKeeper(program);
  registerSolvency(program);
  return program;
}

interface CliErrorJson {
  kind: "input" | "program" | "transaction" | "usage" | "rpc";
  message: string;
  name?: string;
  code?: number;
  logs?: string[];
}

/** One error → one line of text (and its JSON form). */
export function describeError(e: unknown, url = "the RPC"): CliErrorJson {
  if (e instanceof PerpTransactionError) {
    if (e.programError)
      return {
        kind: "program",
        message: e.message,
        name: e.programError.name,
        code: e.programError.code,
        logs: e.logs,
      };
    const first = e.message.split("\n")[0];
    return { kind: "transaction", message: `transaction failed: ${first}`, logs: e.logs };
  }
  if (e instanceof InputError) return { kind: "input", message: e.message };
  if (e instanceof CommanderError) return { kind: "usage", message: e.message.replace(/^error: /, "") };
  const msg = (e as Error)?.message ?? String(e);
  if (/fetch failed|ECONNREFUSED|failed to get|ENOTFOUND/i.test(msg))
    return { kind: "rpc", message: `cannot reach ${url}: ${msg.split("\n")[0]}` };
  return { kind: "transaction", message: msg.split("\n")[0] };
}

export async function main(argv = process.argv): Promise<number> {
  const json = argv.includes("--json");
  try {
    await buildProgram().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (
      e instanceof CommanderError &&
      (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.exitCode === 0)
    )
      return 0;
    if (e instanceof CommanderError && e.code === "commander.help") return 0;
    const i = Math.max(argv.indexOf("--url"), argv.indexOf("-u"));
    const given = i >= 0 ? argv[i + 1] : (process.env.PERP_RPC_URL ?? "http://127.0.0.1:8899");
    const err = describeError(e, resolveClusterUrl(given ?? "") ?? given);
    if (json) process.stdout.write(`${toJson({ ok: false, error: err })}\n`);
    process.stderr.write(`error: ${err.message}\n`);
    if (process.env.PERP_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code));
}
