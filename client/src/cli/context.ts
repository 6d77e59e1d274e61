/**
 * What every command gets: global options, a `Connection` whose HTTP requests are counted (so
 * `verify-solvency` can prove its RPC budget), the SDK (`RpcChain` + `PerpExchange`), the signer,
 * and one way to print (human text or `--json`).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Connection, Keypair, PublicKey, type TransactionInstruction } from "@solana/web3.js";
import {
  DEFAULT_DECIMALS,
  InputError,
  type MarketInfo,
  type MarketSnapshot,
  PerpExchange,
  PerpTransactionError,
  RpcChain,
  type SendResult,
  type MarketUnits,
  amountJson,
  formatNotional,
  formatPrice,
  formatSize,
  formatUi,
  marketUnits,
  parsePriorityFee,
  resolveClusterUrl,
  loadMarketSnapshot,
  marketName,
  parseAmount,
  parseInteger,
  parsePrice,
  parseSize,
  toJson,
} from "..";

export interface GlobalOptions {
  /** RPC URL or moniker (`localhost`, `devnet`, `testnet`, `mainnet-beta`). */
  url: string;
  /** Priority fee, micro-lamports per compute unit. */
  priorityFee?: string;
  keypair?: string;
  exchangeId: string;
  json?: boolean;
  native?: boolean;
}

/** One JSON-RPC request as seen on the wire (a batch counts once, listing its methods). */
export interface RpcCall {
  methods: string[];
}

/** A `Connection` whose every HTTP request to the RPC is recorded. */
export function countingConnection(url: string, calls: RpcCall[]): Connection {
  const counted: typeof fetch = async (input, init) => {
    let methods: string[] = [];
    try {
      const body = JSON.parse(String(init?.body ?? "{}"));
      methods = (Array.isArray(body) ? body : [body]).map((b: { method?: string }) => String(b.method));
    } catch {
      methods = ["?"];
    }
    calls.push({ methods });
    return fetch(input, init);
  };
  return new Connection(url, {
    commitment: "confirmed",
    fetch: counted,
    disableRetryOnRateLimit: true,
  });
}

export class CliContext {
  readonly rpcCalls: RpcCall[] = [];
  readonly connection: Connection;
  readonly chain: RpcChain;
  readonly ex: PerpExchange;
  readonly exchangeId: number;
  private signer?: Keypair;
  /** Collateral decimals (from the exchange once loaded). */
  decimals = DEFAULT_DECIMALS;

  /** The RPC URL `--url` names. */
  readonly url: string;

  constructor(readonly opts: GlobalOptions) {
    const url = resolveClusterUrl(opts.url);
    if (!url)
      throw new InputError(
        `--url "${opts.url}" is not an http(s) RPC URL or a moniker (localhost, devnet, testnet, mainnet-beta)`,
      );
    this.url = url;
    const fee = parsePriorityFee(opts.priorityFee ?? "0");
    if (fee === null)
      throw new InputError(
        `--priority-fee "${opts.priorityFee}" is not a whole number of micro-lamports per CU`,
      );
    const id = Number(opts.exchangeId);
    if (!Number.isInteger(id) || id < 0 || id > 0xffff)
      throw new InputError(`--exchange-id "${opts.exchangeId}" is not an integer in 0..65535`);
    this.exchangeId = id;
    this.connection = countingConnection(url, this.rpcCalls);
    this.chain = new RpcChain(this.connection, undefined, "confirmed", { priorityFeeMicroLamports: fee });
    this.ex = new PerpExchange(this.chain, id);
  }

  get json() {
    return !!this.opts.json;
  }

  /** The signer: `--keypair`, else $PERP_KEYPAIR, else ~/.config/solana/id.json. */
  keypair(): Keypair {
    if (this.signer) return this.signer;
    const file =
      this.opts.keypair ??
      process.env.PERP_KEYPAIR ??
      path.join(os.homedir(), ".config", "solana", "id.json");
    if (!fs.existsSync(file)) throw new InputError(`keypair file not found: ${file} (pass --keypair <file>)`);
    let bytes: unknown;
    try {
      bytes = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
      throw new InputError(
        `keypair file ${file} is not JSON (expected a Solana keypair: an array of 64 numbers)`,
      );
    }
    if (!Array.isArray(bytes) || bytes.length !== 64)
      throw new InputError(`keypair file ${file} is not a Solana keypair (expected an array of 64 numbers)`);
    this.signer = Keypair.fromSecretKey(Uint8Array.from(bytes as number[]));
    return this.signer;
  }

  /** Loads the exchange and its markets; a clear error when the exchange does not exist. */
  async load() {
    const state = await this.missingExchange(() => this.ex.refresh());
    this.decimals = state.collateralDecimals || DEFAULT_DECIMALS;
    return state;
  }

  /** Exchange, markets and oracle prices at one slot (for risk views). */
  async snapshot(): Promise<MarketSnapshot> {
    const snap = await this.missingExchange(() => loadMarketSnapshot(this.ex));
    this.decimals = snap.exchange.collateralDecimals || DEFAULT_DECIMALS;
    return snap;
  }

  private async missingExchange<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      if (/does not exist/.test((e as Error).message))
        throw new InputError(
          `exchange id ${this.exchangeId} (${this.ex.exchange.toBase58()}) does not exist on ${this.url}`,
        );
      throw e;
    }
  }

  /** `--market` by index or by name (case-insensitive). */
  market(sel: string | undefined): MarketInfo {
    if (sel === undefined || sel === "") throw new InputError("--market is required");
    const known = [...this.ex.markets.values()];
    const hit = /^\d+$/.test(sel)
      ? this.ex.markets.get(Number(sel))
      : known.find((m) => marketName(m.state).toLowerCase() === sel.toLowerCase());
    if (!hit) {
      const list = known.map((m) => `${m.marketIndex} ${marketName(m.state)}`).join(", ") || "none";
      throw new InputError(`unknown market "${sel}" (markets: ${list})`);
    }
    return hit;
  }

  amount(text: string, what = "amount"): bigint {
    return parseAmount(text, !!this.opts.native, this.decimals, what);
  }

  /** Human text of an amount: UI units, or native with --native. */
  fmt(v: bigint): string {
    return this.opts.native ? v.toString() : formatUi(v, this.decimals);
  }

  amountJson(v: bigint) {
    return amountJson(v, this.decimals);
  }

  // ---- market units: prices in quote per whole base unit, sizes in base units (--native: per lot, lots)

  units(m: MarketInfo): MarketUnits {
    return marketUnits(m.state);
  }

  /** A price option: USD per base unit (on the tick), or quote native per lot with --native. */
  price(m: MarketInfo, text: string | undefined, what = "--price"): bigint {
    if (text === undefined || text === "") throw new InputError(`${what} is required`);
    if (this.opts.native) {
      const v = parseInteger(text, what);
      if (v === 0n) throw new InputError(`${what} must be greater than zero`);
      return v;
    }
    return parsePrice(this.units(m), text, what);
  }

  /** A size option: base units (a whole number of lots), or lots with --native. */
  size(m: MarketInfo, text: string | undefined, what = "--size"): bigint {
    if (text === undefined || text === "") throw new InputError(`${what} is required`);
    return this.opts.native ? parseInteger(text, what) : parseSize(this.units(m), text, what);
  }

  /** Human text of a price: "150.00 USD", or "<native>/lot" with --native. */
  fmtPrice(m: MarketInfo, v: bigint): string {
    return this.opts.native ? `${v}/lot` : `${formatPrice(this.units(m), v)} ${this.units(m).quote}`;
  }

  /** Human text of a size: "1.50 SOL", or "150 lots" with --native. */
  fmtSize(m: MarketInfo, lots: bigint): string {
    return this.opts.native ? `${lots} lots` : `${formatSize(this.units(m), lots)} ${this.units(m).base}`;
  }

  /** A price for JSON: the human figure and the native one. */
  priceJson(m: MarketInfo, v: bigint) {
    return { perUnit: formatPrice(this.units(m), v), nativePerLot: v.toString() };
  }

  /** A size for JSON: base units and lots. */
  sizeJson(m: MarketInfo, lots: bigint) {
    return { base: formatSize(this.units(m), lots), lots: lots.toString() };
  }

  /** A notional (quote native) as "1,234.56 USD"-style text. */
  fmtNotional(m: MarketInfo, v: bigint): string {
    return `${formatNotional(this.units(m), v)} ${this.units(m).quote}`;
  }

  /** Sends; throws a mapped program error (IDL name, code, message) on failure. */
  async send(ixs: TransactionInstruction[], signers: Keypair[] = [this.keypair()]): Promise<SendResult> {
    const r = await this.chain.send(ixs, signers);
    if (!r.ok) throw new PerpTransactionError(r.rawError ?? "transaction failed", r.error, r.logs);
    return r;
  }

  /** Prints `json` with --json, else the human lines. */
  print(human: string | string[], json: Record<string, unknown>) {
    if (this.json) process.stdout.write(`${toJson({ ok: true, ...json })}\n`);
    else process.stdout.write(`${Array.isArray(human) ? human.join("\n") : human}\n`);
  }
}

/** A base58 public key option, with the option name in the error. */
export function parsePubkey(text: string | undefined, what: string): PublicKey {
  if (!text) throw new InputError(`${what} is required`);
  try {
    const k = new PublicKey(text);
    if (k.toBase58() !== text.trim()) throw new Error();
    return k;
  } catch {
    throw new InputError(`${what} "${text}" is not a valid base58 public key`);
  }
}
