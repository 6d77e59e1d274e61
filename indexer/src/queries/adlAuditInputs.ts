/**
 * Everything the ADL fairness audit needs about one ADL event, read from the mirror "as of" the
 * event: the event and its fills, every margin-account state with a position in that market at
 * that slot, and each market's oracle price, funding index and social-loss indices as of the
 * event's `seq` (prices and indices come from events, which are totally ordered by seq).
 */
import type { Tx } from "../db/client";
import type { MarketAt, PositionAt } from "../audit/adlScore";

export interface AdlEventIn {
  exchange: string;
  seq: bigint;
  slot: bigint;
  market: string;
  marketIndex: number;
  marginAccount: string;
  baseBeforeLots: bigint;
  oraclePrice: bigint;
  fills: { account: string; lots: bigint; score: bigint; upnlNative: bigint }[];
}

export interface AccountAt {
  pubkey: string;
  slot: bigint;
  cashNative: bigint;
  positions: PositionAt[];
}

export async function adlEventIn(tx: Tx, exchange: string, seq: bigint): Promise<AdlEventIn | null> {
  const [e] = await tx.$queryRawUnsafe<
    {
      exchange: string;
      seq: string;
      slot: string;
      market: string;
      marketIndex: number;
      marginAccount: string;
      baseBeforeLots: string;
      oraclePrice: string;
    }[]
  >(
    `SELECT e."exchange", e."seq"::text AS "seq", e."slot"::text AS "slot", e."market", m."market_index" AS "marketIndex",
            e."margin_account" AS "marginAccount", e."base_before_lots"::text AS "baseBeforeLots", e."oracle_price"::text AS "oraclePrice"
       FROM "adl_event" e JOIN "market" m ON m."pubkey" = e."market"
      WHERE e."exchange" = $1 AND e."seq" = $2`,
    exchange,
    seq.toString(),
  );
  if (!e) return null;
  const fills = await tx.$queryRawUnsafe<{ account: string; lots: string; score: string; upnl: string }[]>(
    `SELECT "account", "lots"::text AS "lots", "score"::text AS "score", "upnl_native"::text AS "upnl"
       FROM "adl_fill" WHERE "exchange" = $1 AND "seq" = $2 ORDER BY "fill_index"`,
    exchange,
    seq.toString(),
  );
  return {
    exchange: e.exchange,
    seq: BigInt(e.seq),
    slot: BigInt(e.slot),
    market: e.market,
    marketIndex: Number(e.marketIndex),
    marginAccount: e.marginAccount,
    baseBeforeLots: BigInt(e.baseBeforeLots),
    oraclePrice: BigInt(e.oraclePrice),
    fills: fills.map((f) => ({
      account: f.account,
      lots: BigInt(f.lots),
      score: BigInt(f.score),
      upnlNative: BigInt(f.upnl),
    })),
  };
}

/**
 * Account states holding `marketIndex` as of the event: for `strictlyBefore` accounts (the
 * bankrupt account and its counterparties, whose state at the event's slot is already post-ADL)
 * the newest version before the slot, for all others the newest version at or before it.
 */
export async function accountsAt(
  tx: Tx,
  exchange: string,
  slot: bigint,
  marketIndex: number,
  strictlyBefore: string[],
): Promise<AccountAt[]> {
  // `positions` is the jsonb copy of the decoded slots: integers as JSON numbers or decimal strings.
  const rows = await tx.$queryRawUnsafe<
    { pubkey: string; slot: string; cash: string; positions: Record<string, string | number>[] }[]
  >(
    `SELECT DISTINCT ON (v."pubkey") v."pubkey", v."slot"::text AS "slot", v."cash_native"::text AS "cash", v."positions"
       FROM "margin_account_version" v
      WHERE v."exchange" = $1
        AND (v."slot" < $2 OR (v."slot" = $2 AND NOT (v."pubkey" = ANY($3::text[]))))
      ORDER BY v."pubkey", v."slot" DESC`,
    exchange,
    slot.toString(),
    strictlyBefore,
  );
  const out: AccountAt[] = [];
  for (const r of rows) {
    const positions: PositionAt[] = r.positions.map((p) => ({
      marketIndex: Number(p.marketIndex),
      baseLots: BigInt(p.baseLots),
      entryNotionalNative: BigInt(p.entryNotionalNative),
      fundingSnapshot: BigInt(p.fundingSnapshot),
      socialLossSnapshot: BigInt(p.socialLossSnapshot),
    }));
    if (!positions.some((p) => p.marketIndex === marketIndex && p.baseLots !== 0n)) continue;
    out.push({ pubkey: r.pubkey, slot: BigInt(r.slot), cashNative: BigInt(r.cash), positions });
  }
  return out;
}

/** Every market of the exchange as of event `seq`: price, funding index, social-loss indices. */
export async function marketsAtSeq(
  tx: Tx,
  exchange: string,
  seq: bigint,
): Promise<Map<number, MarketAt & { known: boolean }>> {
  const rows = await tx.$queryRawUnsafe<
    {
      idx: number;
      price: string | null;
      funding: string | null;
      slong: string | null;
      sshort: string | null;
    }[]
  >(
    `SELECT m."market_index" AS "idx",
            (SELECT p."price"::text FROM "price_update" p WHERE p."exchange" = $1 AND p."price_feed" = m."oracle" AND p."seq" < $2 ORDER BY p."seq" DESC LIMIT 1) AS "price",
            (SELECT f."cumulative_funding"::text FROM "funding_update" f WHERE f."exchange" = $1 AND f."market" = m."pubkey" AND f."seq" < $2 ORDER BY f."seq" DESC LIMIT 1) AS "funding",
            (SELECT s."index_after"::text FROM "socialized_loss" s WHERE s."exchange" = $1 AND s."market_index" = m."market_index" AND s."charged_side" = 0 AND s."open_interest_lots" > 0 AND s."seq" < $2 ORDER BY s."seq" DESC LIMIT 1) AS "slong",
            (SELECT s."index_after"::text FROM "socialized_loss" s WHERE s."exchange" = $1 AND s."market_index" = m."market_index" AND s."charged_side" = 1 AND s."open_interest_lots" > 0 AND s."seq" < $2 ORDER BY s."seq" DESC LIMIT 1) AS "sshort"
       FROM "market" m WHERE m."exchange" = $1`,
    exchange,
    seq.toString(),
  );
  const out = new Map<number, MarketAt & { known: boolean }>();
  for (const r of rows) {
    out.set(Number(r.idx), {
      known: r.price !== null,
      price: BigInt(r.price ?? "0"),
      cumulativeFunding: BigInt(r.funding ?? "0"),
      socialLong: BigInt(r.slong ?? "0"),
      socialShort: BigInt(r.sshort ?? "0"),
    });
  }
  return out;
}
