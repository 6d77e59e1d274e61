/**
 * Default market parameters, the one set every market builder starts from (tests, benches, the
 * demo, the crash scenario, the CLI's `create-market` defaults): 10× initial / 20× maintenance
 * margin, 5/2 bps taker/maker fees, 1% liquidation fee split 50/50 with the keeper, a 3% liquidation
 * band, whole-position chunks, a 10% order price band, a 2% oracle confidence limit, a 25-slot
 * (~10 s) staleness limit, 9 000-slot (~1 h) funding periods capped at 50 bps, and a 10 000 USDC
 * funding impact notional (the premium is read at the average price of taking that much from the
 * book, as dYdX and Hyperliquid do). Anything a market needs differently is an explicit override
 * where it is created.
 */
import type { MarketParamsState } from "./accounts";

export function defaultMarketParams(overrides: Partial<MarketParamsState> = {}): MarketParamsState {
  return {
    baseLotSize: 1_000_000n,
    tickSize: 1n,
    minOrderLots: 1n,
    initialMarginBps: 1000,
    maintenanceMarginBps: 500,
    takerFeeBps: 5,
    makerFeeBps: 2,
    liquidationFeeBps: 100,
    liquidationKeeperShareBps: 5000,
    liquidationBandBps: 300,
    liquidationBufferBps: 1000,
    liquidationChunkBps: 10_000,
    backstopDiscountBps: 200,
    minLiquidationLots: 1n,
    liquidationPaceSlots: 0n,
    priceBandBps: 1000,
    maxConfidenceBps: 200,
    maxStalenessSlots: 25n,
    fundingPeriodSlots: 9000n,
    maxFundingRateBps: 50,
    maxAdlCounterparties: 8,
    fundingImpactNotionalNative: 10_000_000_000n,
    insuranceCapNative: 1_000_000_000_000n,
    ...overrides,
  };
}
