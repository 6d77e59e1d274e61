/**
 * `create-market` parameters: one table gives each `MarketParams` field its flag, unit and
 * default, so the options, their help text and the parsing cannot drift apart. Defaults are a
 * 10× initial / 20× maintenance market with a 20% order price band and a one-minute oracle
 * staleness limit (150 slots at 400 ms).
 */
import { Command } from "commander";
import { MarketParamsState } from "..";
import { InputError, parseInteger, parseUi } from "./units";

type Kind = "int" | "bps" | "ui";
interface ParamSpec {
  key: keyof MarketParamsState;
  flag: string;
  kind: Kind;
  def: string;
  help: string;
}

export const PARAM_SPECS: ParamSpec[] = [
  {
    key: "baseLotSize",
    flag: "base-lot-size",
    kind: "int",
    def: "1000000",
    help: "base atoms per lot (informational)",
  },
  { key: "tickSize", flag: "tick", kind: "ui", def: "0.001", help: "price tick, quote per lot" },
  { key: "minOrderLots", flag: "min-order-lots", kind: "int", def: "1", help: "smallest order, lots" },
  {
    key: "initialMarginBps",
    flag: "imf-bps",
    kind: "bps",
    def: "1000",
    help: "initial margin fraction, bps",
  },
  {
    key: "maintenanceMarginBps",
    flag: "mmf-bps",
    kind: "bps",
    def: "500",
    help: "maintenance margin fraction, bps",
  },
  { key: "takerFeeBps", flag: "taker-fee-bps", kind: "bps", def: "5", help: "taker fee, bps" },
  { key: "makerFeeBps", flag: "maker-fee-bps", kind: "bps", def: "2", help: "maker fee, bps" },
  {
    key: "liquidationFeeBps",
    flag: "liquidation-fee-bps",
    kind: "bps",
    def: "100",
    help: "liquidation fee, bps of notional",
  },
  {
    key: "liquidationKeeperShareBps",
    flag: "keeper-share-bps",
    kind: "bps",
    def: "5000",
    help: "keeper share of the liquidation fee, bps",
  },
  {
    key: "liquidationBandBps",
    flag: "liquidation-band-bps",
    kind: "bps",
    def: "300",
    help: "liquidation price band around the oracle, bps (band + liquidation fee < maintenance margin)",
  },
  {
    key: "liquidationBufferBps",
    flag: "liquidation-buffer-bps",
    kind: "bps",
    def: "1000",
    help: "liquidation hysteresis buffer, bps",
  },
  {
    key: "liquidationChunkBps",
    flag: "liquidation-chunk-bps",
    kind: "bps",
    def: "10000",
    help: "largest share closed per step, bps",
  },
  {
    key: "backstopDiscountBps",
    flag: "backstop-discount-bps",
    kind: "bps",
    def: "200",
    help: "backstop takeover discount, bps",
  },
  {
    key: "minLiquidationLots",
    flag: "min-liquidation-lots",
    kind: "int",
    def: "1",
    help: "smallest liquidation step, lots",
  },
  {
    key: "liquidationPaceSlots",
    flag: "liquidation-pace-slots",
    kind: "int",
    def: "0",
    help: "slots between book-liquidation steps",
  },
  {
    key: "priceBandBps",
    flag: "price-band-bps",
    kind: "bps",
    def: "1000",
    help: "order price band around the oracle, bps (≤ initial margin)",
  },
  {
    key: "maxConfidenceBps",
    flag: "max-confidence-bps",
    kind: "bps",
    def: "200",
    help: "widest oracle confidence, bps of price",
  },
  {
    key: "maxStalenessSlots",
    flag: "max-staleness-slots",
    kind: "int",
    def: "150",
    help: "oldest oracle publish slot allowed, slots",
  },
  {
    key: "fundingPeriodSlots",
    flag: "funding-period-slots",
    kind: "int",
    def: "9000",
    help: "funding period, slots",
  },
  {
    key: "maxFundingRateBps",
    flag: "max-funding-bps",
    kind: "bps",
    def: "50",
    help: "funding premium cap per period, bps",
  },
  {
    key: "maxAdlCounterparties",
    flag: "max-adl-counterparties",
    kind: "bps",
    def: "8",
    help: "most ADL counterparties per instruction",
  },
  {
    key: "insuranceCapNative",
    flag: "insurance-cap",
    kind: "ui",
    def: "1000000",
    help: "most insurance pays for this market, quote",
  },
];

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Adds one option per parameter to `cmd`. */
export function addParamOptions(cmd: Command): Command {
  for (const p of PARAM_SPECS)
    cmd.option(`--${p.flag} <${p.kind === "ui" ? "quote" : "n"}>`, `${p.help} (default ${p.def})`);
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
    const text = given === undefined ? p.def : String(given);
    const what = `--${p.flag}`;
    if (p.kind === "ui")
      out[p.key] = native && given !== undefined ? parseInteger(text, what) : parseUi(text, decimals, what);
    else if (p.kind === "bps") {
      const v = parseInteger(text, what);
      if (v > 0xffff_ffffn) throw new InputError(`${what} ${text} does not fit in u32`);
      out[p.key] = Number(v);
    } else out[p.key] = parseInteger(text, what);
  }
  return out as unknown as MarketParamsState;
}
