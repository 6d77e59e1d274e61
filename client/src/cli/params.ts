/**
 * `create-market` parameters: one table gives each `MarketParams` field its flag, unit and help, so
 * the options, their help text and the parsing cannot drift apart. Defaults are the SDK's
 * `defaultMarketParams()` (10× initial / 20× maintenance, a 10% order price band, a 3% liquidation band) with a one-minute
 * oracle staleness limit (150 slots at 400 ms) for real-time clusters; the two quote-unit defaults
 * are given in human units: the tick in USD per whole base unit (converted with --base-lot-size and
 * --base-decimals), the insurance cap in USD.
 */
import type { Command } from "commander";
import {
  InputError,
  type MarketParamsState,
  defaultMarketParams,
  marketUnits,
  parseInteger,
  parsePrice,
  parseUi,
} from "..";

/** What `create-market` uses for an option that is not given. */
const CLI_DEFAULTS = defaultMarketParams({ maxStalenessSlots: 150n });

type Kind = "int" | "bps" | "ui" | "price";
interface ParamSpec {
  key: keyof MarketParamsState;
  flag: string;
  kind: Kind;
  help: string;
  /** Default of a `ui` parameter, in UI units (parsed at the exchange's collateral decimals). */
  uiDefault?: string;
}

export const PARAM_SPECS: ParamSpec[] = [
  {
    key: "baseLotSize",
    flag: "base-lot-size",
    kind: "int",
    help: "base atoms per lot (with --base-decimals: what one lot is in base units)",
  },
  {
    key: "tickSize",
    flag: "tick",
    kind: "price",
    uiDefault: "1",
    help: "price tick, USD per base unit (quote native per lot with --native)",
  },
  { key: "minOrderLots", flag: "min-order-lots", kind: "int", help: "smallest order, lots" },
  {
    key: "initialMarginBps",
    flag: "imf-bps",
    kind: "bps",
    help: "initial margin fraction, bps",
  },
  {
    key: "maintenanceMarginBps",
    flag: "mmf-bps",
    kind: "bps",
    help: "maintenance margin fraction, bps",
  },
  { key: "takerFeeBps", flag: "taker-fee-bps", kind: "bps", help: "taker fee, bps" },
  { key: "makerFeeBps", flag: "maker-fee-bps", kind: "bps", help: "maker fee, bps" },
  {
    key: "liquidationFeeBps",
    flag: "liquidation-fee-bps",
    kind: "bps",
    help: "liquidation fee, bps of notional",
  },
  {
    key: "liquidationKeeperShareBps",
    flag: "keeper-share-bps",
    kind: "bps",
    help: "keeper share of the liquidation fee, bps",
  },
  {
    key: "liquidationBandBps",
    flag: "liquidation-band-bps",
    kind: "bps",
    help: "liquidation price band around the oracle, bps",
  },
  {
    key: "liquidationBufferBps",
    flag: "liquidation-buffer-bps",
    kind: "bps",
    help: "liquidation hysteresis buffer, bps",
  },
  {
    key: "liquidationChunkBps",
    flag: "liquidation-chunk-bps",
    kind: "bps",
    help: "largest share closed per step, bps",
  },
  {
    key: "backstopDiscountBps",
    flag: "backstop-discount-bps",
    kind: "bps",
    help: "backstop takeover discount, bps",
  },
  {
    key: "minLiquidationLots",
    flag: "min-liquidation-lots",
    kind: "int",
    help: "smallest liquidation step, lots",
  },
  {
    key: "liquidationPaceSlots",
    flag: "liquidation-pace-slots",
    kind: "int",
    help: "slots between book-liquidation steps",
  },
  {
    key: "priceBandBps",
    flag: "price-band-bps",
    kind: "bps",
    help: "order price band around the oracle, bps",
  },
  {
    key: "maxConfidenceBps",
    flag: "max-confidence-bps",
    kind: "bps",
    help: "widest oracle confidence, bps of price",
  },
  {
    key: "maxStalenessSlots",
    flag: "max-staleness-slots",
    kind: "int",
    help: "oldest oracle publish slot allowed, slots",
  },
  {
    key: "fundingPeriodSlots",
    flag: "funding-period-slots",
    kind: "int",
    help: "funding period, slots",
  },
  {
    key: "maxFundingRateBps",
    flag: "max-funding-bps",
    kind: "bps",
    help: "funding premium cap per period, bps",
  },
  {
    key: "fundingImpactNotionalNative",
    flag: "funding-impact-notional",
    kind: "ui",
    uiDefault: "10000",
    help: "notional at which the funding impact premium is sampled, quote",
  },
  {
    key: "maxAdlCounterparties",
    flag: "max-adl-counterparties",
    kind: "bps",
    help: "most ADL counterparties per instruction",
  },
  {
    key: "insuranceCapNative",
    flag: "insurance-cap",
    kind: "ui",
    uiDefault: "1000000",
    help: "most insurance pays for this market, quote",
  },
];

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The default of a parameter as option text. */
const defaultText = (p: ParamSpec): string => p.uiDefault ?? String(CLI_DEFAULTS[p.key]);

/** Adds one option per parameter to `cmd`. */
export function addParamOptions(cmd: Command): Command {
  for (const p of PARAM_SPECS)
    cmd.option(
      `--${p.flag} <${p.kind === "ui" || p.kind === "price" ? "quote" : "n"}>`,
      `${p.help} (default ${defaultText(p)})`,
    );
  return cmd;
}

/** Market parameters from parsed options (defaults where absent); `ui` values in `decimals`. */
export function paramsFromOptions(
  opts: Record<string, unknown>,
  decimals: number,
  native: boolean,
): MarketParamsState {
  const out: Record<string, bigint | number> = {};
  for (const p of PARAM_SPECS) {
    const given = opts[camel(p.flag)];
    const text = given === undefined ? defaultText(p) : String(given);
    const what = `--${p.flag}`;
    if (p.kind === "price") continue; // after the lot size is known
    if (p.kind === "ui")
      out[p.key] = native && given !== undefined ? parseInteger(text, what) : parseUi(text, decimals, what);
    else if (p.kind === "bps") {
      const v = parseInteger(text, what);
      if (v > 0xffff_ffffn) throw new InputError(`${what} ${text} does not fit in u32`);
      out[p.key] = Number(v);
    } else out[p.key] = parseInteger(text, what);
  }
  // The tick is a price: USD per whole base unit → quote native per lot, exactly.
  for (const p of PARAM_SPECS.filter((x) => x.kind === "price")) {
    const given = opts[camel(p.flag)];
    const what = `--${p.flag}`;
    if (native && given !== undefined) {
      out[p.key] = parseInteger(String(given), what);
      continue;
    }
    const bd = parseInteger(String(opts.baseDecimals ?? "9"), "--base-decimals");
    if (bd > 18n) throw new InputError(`--base-decimals ${bd} is not in 0..18`);
    const u = marketUnits({
      name: [],
      oracleBaseDecimals: Number(bd),
      oracleQuoteDecimals: decimals,
      params: { baseLotSize: out.baseLotSize as bigint, tickSize: 1n, minOrderLots: 1n },
    });
    out[p.key] = parsePrice(u, given === undefined ? defaultText(p) : String(given), what);
  }
  return out as unknown as MarketParamsState;
}
