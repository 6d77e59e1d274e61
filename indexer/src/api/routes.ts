/**
 * The public JSON API: every solvency number the dashboard shows, straight from the mirror.
 * Amounts are decimal strings of native units (exact); slots are strings too. Each response
 * carries the slot and commitment it reflects where that applies.
 */
import type { Db } from "../db/client";
import { accountDeficits, depositsAppliedToDebt } from "../queries/accountDeficits";
import { accountDetail } from "../queries/accountDetail";
import { adlEvents } from "../queries/adlEvents";
import { indexerStatus } from "../queries/indexerStatus";
import { insuranceHistory } from "../queries/insuranceHistory";
import { liquidationsByStage, recentWaterfallSteps } from "../queries/liquidationsByStage";
import { openInterest } from "../queries/openInterest";
import { recentErrors } from "../queries/recentErrors";
import { solvencyHistory } from "../queries/solvencyHistory";
import { solvencySummary } from "../queries/solvencySummary";
import { topLeverage } from "../queries/topLeverage";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface RouteCtx {
  db: Db;
  query: URLSearchParams;
  params: string[];
  /** Live counters of the indexer running in this process, if any. */
  live?: () => unknown;
}

type Handler = (c: RouteCtx) => Promise<unknown>;

const PUBKEY = "([1-9A-HJ-NP-Za-km-z]{32,44})";
const limit = (c: RouteCtx, d: number, max = 5_000) =>
  Math.min(max, Math.max(1, Number(c.query.get("limit") ?? d) || d));

/** The exchange asked for (`?exchange=`), or the lowest exchange id in the mirror. */
async function exchangeOf(c: RouteCtx): Promise<string> {
  const q = c.query.get("exchange");
  if (q) {
    if (!new RegExp(`^${PUBKEY}$`).test(q)) throw new HttpError(400, "exchange must be a base58 public key");
    return q;
  }
  const e = await c.db.exchange.findFirst({ orderBy: { exchangeId: "asc" }, select: { pubkey: true } });
  if (!e) throw new HttpError(404, "no exchange indexed yet");
  return e.pubkey;
}

export const ROUTES: [RegExp, Handler][] = [
  [/^\/api\/exchanges$/, async (c) => solvencySummary(c.db)],
  [
    /^\/api\/solvency$/,
    async (c) => {
      const [row] = await solvencySummary(c.db, await exchangeOf(c));
      if (!row) throw new HttpError(404, "unknown exchange");
      return row;
    },
  ],
  [
    /^\/api\/solvency\/history$/,
    async (c) => solvencyHistory(c.db, await exchangeOf(c), limit(c, 500), c.query.get("finalized") === "1"),
  ],
  [/^\/api\/insurance$/, async (c) => insuranceHistory(c.db, await exchangeOf(c), limit(c, 1_000))],
  [
    /^\/api\/liquidations$/,
    async (c) => {
      const ex = await exchangeOf(c);
      return {
        byStage: await liquidationsByStage(c.db, ex),
        recent: await recentWaterfallSteps(c.db, ex, limit(c, 50)),
      };
    },
  ],
  [/^\/api\/adl$/, async (c) => adlEvents(c.db, await exchangeOf(c), limit(c, 100))],
  [
    /^\/api\/deficits$/,
    async (c) => {
      const ex = await exchangeOf(c);
      return {
        accounts: await accountDeficits(c.db, ex, limit(c, 100)),
        depositsAppliedToDebt: await depositsAppliedToDebt(c.db, ex, limit(c, 100)),
      };
    },
  ],
  [/^\/api\/markets$/, async (c) => openInterest(c.db, await exchangeOf(c))],
  [/^\/api\/leverage$/, async (c) => topLeverage(c.db, await exchangeOf(c), limit(c, 25, 500))],
  [
    new RegExp(`^/api/accounts/${PUBKEY}$`),
    async (c) => {
      const a = await accountDetail(c.db, c.params[0]);
      if (!a) throw new HttpError(404, "unknown margin account");
      return a;
    },
  ],
  [
    /^\/api\/status$/,
    async (c) => ({
      ...(await indexerStatus(c.db)),
      recentErrors: await recentErrors(c.db, limit(c, 20, 500)),
      live: c.live ? c.live() : null,
    }),
  ],
];
