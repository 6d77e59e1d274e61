/**
 * The public dashboard in headless Debian chromium (playwright-core), served by the indexer's
 * HTTP server over a mirror of the whole liquidation waterfall: headline numbers equal the chain,
 * the ADL audit verdicts and the deposit applied to debt are shown, the charts are drawn.
 * Screenshot: .test-output/indexer/dashboard.png.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import type * as http from "node:http";
import * as path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { Indexer } from "../../indexer/src/ingest/indexer";
import { createApiServer, listen } from "../../indexer/src/api/server";
import type { Db } from "../../indexer/src/db/client";
import { resetDb, testDb } from "./harness/db";
import { waterfallVenue, type Waterfall } from "./harness/scenario";

const REPO = path.resolve(__dirname, "../..");
const OUT = path.join(REPO, ".test-output/indexer");
const CHROMIUM = process.env.PERP_CHROMIUM ?? "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The dashboard's own formatting of native amounts (6 decimals, thousands separators). */
function fmt(v: bigint): string {
  const neg = v < 0n;
  const s = (neg ? -v : v).toString().padStart(7, "0");
  const int = s.slice(0, -6).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = s.slice(-6).replace(/0+$/, "");
  return (neg ? "−" : "") + int + (frac ? `.${frac}` : "");
}

describe("dashboard in chromium", function () {
  this.timeout(120_000);
  let db: Db;
  let w: Waterfall;
  let ix: Indexer;
  let server: http.Server;
  let browser: Browser;
  let base: string;

  before(async () => {
    db = testDb();
    await resetDb();
    w = await waterfallVenue({
      onVenue: async (v) => {
        ix = new Indexer(db, v.source, { log: () => {} });
        await ix.start();
      },
    });
    await ix.sync();
    server = createApiServer(db, { live: () => ix.stats });
    base = `http://127.0.0.1:${await listen(server, 0)}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await ix?.stop();
    await db?.$disconnect();
  });

  it("shows the chain's numbers, the waterfall, the ADL audit and the debt deposit; draws the charts", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`${base}/`);
    await page.waitForSelector("body[data-loaded='1']", { timeout: 20_000 });

    const c = w.v.conservation();
    const ex = w.v.exchangeState();
    const card = (id: string) => page.locator(`[data-testid=card-${id}] .v`).innerText();
    assert.equal(await card("vault"), fmt(c.vault));
    assert.equal(await card("liabilities"), fmt(c.required));
    assert.equal(await card("surplus"), "0");
    assert.equal(await card("insurance"), fmt(ex.insuranceNative));
    assert.equal(await card("socialized"), fmt(ex.socializedLossNative));
    assert.equal(await card("mark-value"), "0");

    // Waterfall: one row per stage with the right step counts.
    const stageRows = await page.locator("[data-testid=stages] tbody tr").allInnerTexts();
    assert.deepEqual(
      stageRows.map((r) => r.split("\t").slice(0, 2).join(" ")),
      // l5's takeover beyond insurance is refused (LossBeyondInsurance): market 2 goes to ADL.
      ["1 · book 1", "2 · backstop 2", "3 · insurance 3", "4 · ADL 3", "5 · socialized 1"],
    );
    assert.equal(await page.locator("[data-testid=chart-stages] rect.bar").count(), 5);

    // ADL: the unfair one is flagged, the fair one is not.
    assert.equal(await page.locator(`[data-testid=adl-audit-${w.unfairAdlSeq}]`).innerText(), "unfair");
    assert.equal(await page.locator(`[data-testid=adl-audit-${w.fairAdlSeq}]`).innerText(), "fair");
    assert.equal(
      await page.locator(`[data-testid=adl-audit-${w.beyondInsuranceAdlSeq}]`).innerText(),
      "fair",
    );

    // The deposit applied to debt is listed with its split.
    const debt = await page.locator("[data-testid=debt-deposits] tbody tr").allInnerTexts();
    assert.equal(debt.length, 1);
    assert.match(debt[0], /0\.1\t0\.06\t0\.04\t0\.06/);

    // Charts: vault and liabilities drawn as two series; insurance fund as a step line.
    assert.equal(await page.locator("[data-testid=chart-solvency] path[data-series]").count(), 2);
    assert.equal(await page.locator("[data-testid=chart-insurance] path[data-series]").count(), 1);
    assert.equal(await page.locator("[data-testid=open-gaps]").innerText(), "0");
    assert.equal(await page.locator("[data-testid=errors-total]").innerText(), "0");
    assert.equal(await page.locator("[data-testid=markets] tbody tr").count(), 3);

    fs.mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, "dashboard.png");
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 20_000);
    assert.deepEqual(errors, []);
  });
});
