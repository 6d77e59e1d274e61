/**
 * Host tests of the market-unit conversion (client/src/units.ts): prices in quote per whole base
 * unit and sizes in base units, derived from a market's lot size and decimals, exact both ways or
 * refused with a message that names the valid values.
 */
import { strict as assert } from "node:assert";
import {
  InputError,
  type MarketUnitSource,
  checkPriceBand,
  formatNotional,
  formatPrice,
  formatSize,
  marketUnits,
  parsePrice,
  parseSize,
  priceBand,
} from "@perp-margin/client";

const market = (
  name: string,
  baseDecimals: number,
  baseLotSize: bigint,
  tickSize: bigint,
  minOrderLots = 1n,
): MarketUnitSource => ({
  name: Array.from(Buffer.concat([Buffer.from(name), Buffer.alloc(16)]).subarray(0, 16)),
  oracleBaseDecimals: baseDecimals,
  oracleQuoteDecimals: 6,
  params: { baseLotSize, tickSize, minOrderLots },
});

// The demo's markets: 1 lot = 0.01 SOL (tick $0.01), 0.0001 BTC (tick $1), 0.001 ETH (tick $0.10).
const SOL = marketUnits(market("SOL-PERP", 9, 10_000_000n, 100n));
const BTC = marketUnits(market("BTC-PERP", 8, 10_000n, 100n));
const ETH = marketUnits(market("ETH-PERP", 18, 1_000_000_000_000_000n, 100n));

const refused = (f: () => unknown, re: RegExp) =>
  assert.throws(f, (e: unknown) => e instanceof InputError && re.test(e.message));

describe("units: market prices and sizes in human units", () => {
  it("reads the base symbol and decimals from the market account", () => {
    assert.equal(SOL.base, "SOL");
    assert.equal(SOL.quote, "USD");
    assert.equal(BTC.baseDecimals, 8);
    assert.equal(marketUnits(market("WIF", 6, 1_000_000n, 1n)).base, "WIF");
  });

  it("shows SOL at $150 as 150.00, not as the per-lot 1.5", () => {
    assert.equal(formatPrice(SOL, 1_500_000n), "150.00");
    assert.equal(formatPrice(BTC, 10_003_000n), "100030.00");
    assert.equal(formatPrice(ETH, 3_500_000n), "3500.00");
    assert.equal(formatPrice(ETH, 3_500_100n), "3500.10");
  });

  it("parses USD per base unit into quote native per lot, exactly", () => {
    assert.equal(parsePrice(SOL, "150"), 1_500_000n);
    assert.equal(parsePrice(SOL, "150.01"), 1_500_100n);
    assert.equal(parsePrice(BTC, "100030"), 10_003_000n);
    assert.equal(parsePrice(ETH, "3500.1"), 3_500_100n);
    assert.equal(parsePrice(SOL, "1_000.00"), 10_000_000n);
    for (const u of [SOL, BTC, ETH])
      for (const p of [100n, 1_500_000n, 10_003_000n, 98_765_400n])
        assert.equal(parsePrice(u, formatPrice(u, p)), p, `round trip ${p}`);
  });

  it("refuses a price off the tick, naming the tick and the nearest valid prices", () => {
    refused(
      () => parsePrice(SOL, "150.005"),
      /^price 150\.005 USD is not on the tick of 0\.01 USD \(nearest: 150\.00 or 150\.01\)$/,
    );
    refused(() => parsePrice(BTC, "100030.5"), /tick of 1\.00 USD/);
    refused(() => parsePrice(SOL, "0"), /^price must be greater than zero$/);
    refused(() => parsePrice(SOL, "-150"), /not a non-negative decimal number/);
    refused(() => parsePrice(SOL, "1e3"), /not a non-negative decimal number/);
    refused(() => parsePrice(SOL, ""), /not a non-negative decimal number/);
  });

  it("sizes are base units: 1.5 SOL = 150 lots; fractions of a lot are refused", () => {
    assert.equal(parseSize(SOL, "1.5"), 150n);
    assert.equal(formatSize(SOL, 150n), "1.50");
    assert.equal(formatSize(SOL, -150n), "-1.50");
    assert.equal(parseSize(BTC, "0.0001"), 1n);
    assert.equal(formatSize(BTC, 12_345n), "1.2345");
    assert.equal(parseSize(ETH, "2"), 2_000n);
    refused(
      () => parseSize(SOL, "0.005"),
      /^size 0\.005 SOL is not a whole number of lots \(1 lot = 0\.01 SOL\)$/,
    );
    refused(() => parseSize(SOL, "0"), /^size must be at least 0\.01 SOL \(1 lot\)$/);
    const big = marketUnits(market("SOL-PERP", 9, 10_000_000n, 100n, 10n));
    refused(() => parseSize(big, "0.05"), /^size must be at least 0\.10 SOL \(10 lots\)$/);
  });

  it("notional in quote units", () => {
    assert.equal(formatNotional(SOL, 150n * 1_500_000n), "225.00");
    assert.equal(formatNotional(SOL, -1_234_567n), "-1.23");
  });

  it("the price band is the program's rule (|p − oracle| × 10⁴ ≤ oracle × band) rounded inward to the tick", () => {
    const oracle = 1_500_000n; // $150
    const { min, max } = priceBand(SOL, oracle, 1000);
    assert.equal(formatPrice(SOL, min), "135.00");
    assert.equal(formatPrice(SOL, max), "165.00");
    const inBand = (p: bigint) => (p > oracle ? p - oracle : oracle - p) * 10_000n <= oracle * 1000n;
    assert.ok(inBand(min) && inBand(max) && !inBand(min - 1n) && !inBand(max + 1n));
    checkPriceBand(SOL, min, oracle, 1000);
    checkPriceBand(SOL, max, oracle, 1000);
    refused(
      () => checkPriceBand(SOL, max + 100n, oracle, 1000),
      /^price must be between 135\.00 and 165\.00 USD \(oracle 150\.00 ± 10\.00%\); got 165\.01$/,
    );
    // an oracle off the tick: the band's ends round inward
    const b = priceBand(SOL, 1_500_050n, 1000);
    assert.equal(b.min % 100n, 0n);
    assert.ok(b.min >= 1_500_050n - 150_005n && b.max <= 1_500_050n + 150_005n);
  });
});
