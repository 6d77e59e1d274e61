/**
 * Scenarios that produce real program state and events on LiteSVM for the indexer tests.
 * Parameters are chosen so oracle staleness never interferes (one slot passes per transaction).
 */
import { type PerpEvent, Side, defaultMarketParams, eventData } from "@perp-margin/client";
import type { Trader } from "../../harness/venue";
import { craftDeficit, patchField } from "../../attacks/lib";
import { FeedVenue } from "./feed";

export const params = () => defaultMarketParams({ maxStalenessSlots: 1_000_000n, fundingPeriodSlots: 100n });

/** An exchange with one market, a few traders, resting orders and trades, and a price move. */
export async function tradingVenue(
  opts: { exchangeId?: number; traders?: number; onVenue?: (v: FeedVenue) => Promise<void> } = {},
) {
  const v = new FeedVenue({ exchangeId: opts.exchangeId ?? 0 });
  if (opts.onVenue) await opts.onVenue(v);
  v.initExchange({ insurance: 5_000_000_000n });
  v.createMarket(100_000n, params(), "SOL-PERP");
  const traders: Trader[] = [];
  for (let i = 0; i < (opts.traders ?? 4); i++) traders.push(v.createTrader(10_000_000_000n));
  const [a, b, c, d] = traders;
  must(await v.order(a, 0, Side.Ask, 100_100n, 10n));
  must(await v.order(b, 0, Side.Bid, 100_100n, 4n));
  must(await v.order(c, 0, Side.Bid, 99_900n, 6n));
  must(await v.order(d, 0, Side.Ask, 100_050n, 3n));
  must(await v.order(c, 0, Side.Bid, 100_050n, 2n));
  v.setPrice(0, 100_400n);
  return { v, traders };
}

export function must<T extends { ok: boolean; error?: { name: string }; rawError?: string; logs: string[] }>(
  r: T,
): T {
  if (!r.ok)
    throw new Error(`transaction failed: ${r.error?.name ?? r.rawError}\n${r.logs.slice(-8).join("\n")}`);
  return r;
}

export interface Waterfall {
  v: FeedVenue;
  mm: Trader;
  backstop: Trader;
  keeper: Trader;
  /** Market 0: liquidated on the book (stage 1). */
  l1: Trader;
  /** Market 0: taken over by the backstop without deficit (stage 2). */
  l2: Trader;
  /** Market 0: backstop with deficit, deposit applied to debt, insurance (stage 3). */
  l3: Trader;
  /** Market 1: bankrupt, deleveraged twice (stage 4): once unfairly, once fairly. */
  l4: Trader;
  shorts: Trader[];
  /** Market 2: under water beyond the insurance cap: the takeover is refused, ADL closes it. */
  l5: Trader;
  /** Market 2: flat, holds the crafted deficit that is socialized over the shorts (stage 5). */
  ghost: Trader;
  unfairAdlSeq: bigint;
  fairAdlSeq: bigint;
  /** ADL of l5 in market 2 (fair: the market maker is the only short with a gain). */
  beyondInsuranceAdlSeq: bigint;
}

/**
 * Every stage of the liquidation waterfall, on three markets:
 * market 0 — book liquidation, backstop takeover, bankruptcy paid by insurance after a deposit
 *            applied to the debt (RepayDebtFirst);
 * market 1 — no backstop, small insurance cap: two ADL steps, the first skipping the two
 *            highest-ranked shorts (unfair), the second taking them in order (fair);
 * market 2 — insurance cap of 1 000 native: a takeover of an account under water by more is
 *            refused (LossBeyondInsurance); ADL closes it at the bankruptcy price net of that
 *            insurance, which resolve_bankruptcy draws; a crafted deficit (no instruction leaves
 *            one the insurance cannot take) is socialized over the shorts.
 */
export const SOCIALIZED_DEFICIT = 574_000n;
export async function waterfallVenue(
  opts: { onVenue?: (v: FeedVenue) => Promise<void> } = {},
): Promise<Waterfall> {
  const v = new FeedVenue();
  if (opts.onVenue) await opts.onVenue(v);
  v.initExchange({ insurance: 5_000_000_000n });
  v.createMarket(100_000n, params(), "SOL-PERP");
  v.createMarket(100_000n, { ...params(), insuranceCapNative: 100_000n }, "ETH-PERP");
  v.createMarket(100_000n, { ...params(), insuranceCapNative: 1_000n }, "BTC-PERP");
  const mm = v.createTrader(1_000_000_000_000n);
  const backstop = v.createTrader(100_000_000_000n);
  const keeper = v.createKeeper();
  must(
    v.send(
      [await v.client.registerBackstopIx(backstop.kp.publicKey, backstop.account, 0b101n, 50_000_000_000n)],
      [backstop.kp],
    ),
  );

  // Market 0: three longs of 100 lots against the market maker.
  const l1 = v.createTrader(1_200_000n);
  const l2 = v.createTrader(1_200_000n);
  const l3 = v.createTrader(1_100_000n);
  must(await v.order(mm, 0, Side.Ask, 100_000n, 300n));
  for (const l of [l1, l2, l3]) must(await v.order(l, 0, Side.Bid, 100_000n, 100n));

  // Market 1: a long bought from three shorts with different leverage.
  const l4 = v.createTrader(1_100_000n);
  const shorts = [v.createTrader(500_000n), v.createTrader(2_000_000n), v.createTrader(10_000_000n)];
  const sizes = [30n, 40n, 30n];
  for (let i = 0; i < 3; i++) must(await v.order(shorts[i], 1, Side.Ask, 100_000n, sizes[i]));
  must(await v.order(l4, 1, Side.Bid, 100_000n, 100n));

  // Market 2: two longs against the market maker (l6 well collateralized: it keeps the shorts'
  // open interest for stage 5); `ghost` only ever holds the crafted deficit.
  const l5 = v.createTrader(1_100_000n);
  const l6 = v.createTrader(100_000_000n);
  const ghost = v.createTrader(0n);
  must(await v.order(mm, 2, Side.Ask, 100_000n, 200n));
  must(await v.order(l5, 2, Side.Bid, 100_000n, 100n));
  must(await v.order(l6, 2, Side.Bid, 100_000n, 100n));

  // Stage 1: price down 8%, bids inside the band, liquidate l1 on the book.
  v.setPrice(0, 92_000n);
  must(await v.order(mm, 0, Side.Bid, 91_500n, 200n));
  must(v.send([await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, l1.account, 0)], [keeper.kp]));
  // Stage 2: the book dries up; the backstop takes l2 over.
  must(v.send([v.cancelAllIx(mm, 0)], [mm.kp]));
  must(
    v.send(
      [await v.client.backstopLiquidateIx(keeper.kp.publicKey, backstop.account, l2.account, 0)],
      [keeper.kp],
    ),
  );
  // Stage 2 with a deficit, then a deposit partly applied to it, then stage 3: insurance pays.
  v.setPrice(0, 85_000n);
  must(
    v.send(
      [await v.client.backstopLiquidateIx(keeper.kp.publicKey, backstop.account, l3.account, 0)],
      [keeper.kp],
    ),
  );
  must(v.send([v.client.setConfigIx(v.admin.publicKey, 1, 0)], [v.admin]));
  v.mintTo(l3.token, 100_000n);
  must(v.deposit(l3, 100_000n, 60_000n));
  must(v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, l3.account)], [keeper.kp]));

  // Stage 4: market 1 gaps down 15%; ADL first against the lowest-ranked short only (unfair:
  // the two higher-ranked are skipped), then against all three in rank order (fair).
  v.setPrice(1, 85_000n);
  const unfair = must(
    v.send(
      [await v.client.autoDeleverageIx(keeper.kp.publicKey, l4.account, 1, [shorts[2].account], 20n)],
      [keeper.kp],
    ),
  );
  const fair = must(
    v.send(
      [
        await v.client.autoDeleverageIx(keeper.kp.publicKey, l4.account, 1, [
          shorts[0].account,
          shorts[1].account,
          shorts[2].account,
        ]),
      ],
      [keeper.kp],
    ),
  );
  must(v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, l4.account)], [keeper.kp]));

  // Stage 5: market 2 gaps down 15% and l5 is 400 000 native under water; the market's insurance
  // cap (1 000) cannot cover that hole, so a backstop takeover is refused (LossBeyondInsurance)
  // and ADL closes l5 against the market maker's short at the bankruptcy price net of the
  // insurance it can still draw; resolve_bankruptcy then draws exactly that reservation.
  v.setPrice(2, 85_000n);
  const refused = v.send(
    [await v.client.backstopLiquidateIx(keeper.kp.publicKey, backstop.account, l5.account, 2)],
    [keeper.kp],
  );
  if (refused.ok || refused.error?.name !== "LossBeyondInsurance")
    throw new Error(
      `backstop takeover beyond insurance: expected LossBeyondInsurance, got ${refused.error?.name ?? "success"}`,
    );
  const beyond = must(
    v.send([await v.client.autoDeleverageIx(keeper.kp.publicKey, l5.account, 2, [mm.account])], [keeper.kp]),
  );
  must(v.send([await v.client.resolveBankruptcyIx(keeper.kp.publicKey, l5.account)], [keeper.kp]));
  // Under these rules no instruction leaves a deficit the insurance cannot take, so
  // socialize_loss is defence in depth: a deficit is crafted on a flat account (as
  // tests/waterfall/stages.test.ts does) and socialized over the shorts still open (the market
  // maker against l6). The crafted long loss is credited to the short that gained it (the market
  // maker), as a gap fill would have: the Exchange's Σ cash stays the sum of the accounts' cash,
  // which the mirror checks. The crafted bytes reach the feed as account notifications, as a node
  // would report any account change.
  craftDeficit(v, ghost, 2, SOCIALIZED_DEFICIT);
  patchField(v, mm.account, "MarginAccount", "cash_native", v.account(mm).cashNative + SOCIALIZED_DEFICIT);
  v.republish([ghost.account, mm.account, v.exchange]);
  must(v.send([await v.client.socializeLossIx(keeper.kp.publicKey, ghost.account)], [keeper.kp]));
  const seqOf = (r: { events: PerpEvent[] }) =>
    eventData(
      r.events.find((e) => e.name === "AutoDeleverage"),
      "AutoDeleverage",
    ).seq;
  return {
    v,
    mm,
    backstop,
    keeper,
    l1,
    l2,
    l3,
    l4,
    shorts,
    l5,
    ghost,
    unfairAdlSeq: seqOf(unfair),
    fairAdlSeq: seqOf(fair),
    beyondInsuranceAdlSeq: seqOf(beyond),
  };
}
