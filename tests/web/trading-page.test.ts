/**
 * The trading page in headless Debian chromium (playwright-core), against a real local validator:
 * a test wallet registered through the Wallet Standard is connected through the adapter UI, then
 * a person's path — deposit after a liquidation left a deficit (the preview must say where the
 * money goes before the wallet signs, and the chain must do exactly that), trade, see the book and
 * the position with its liquidation price and ADL rank, cancel, and read a rejected order's
 * program error. Figures on the page are checked against numbers derived from raw chain state.
 */
import { strict as assert } from "node:assert";
import * as esbuild from "esbuild";
import * as fs from "node:fs";
import * as path from "node:path";
import { type Browser, type Page, chromium } from "playwright-core";
import { Keypair, type PublicKey } from "@solana/web3.js";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { DepositPolicy, Side, decodeMarginAccount, decodePriceFeed } from "@perp-margin/client";
import { buildWeb } from "../../client/src/web/build";
import { type WebServer, serveWeb } from "../../client/src/web/serve";
import { REPO_ROOT, useLocalnet } from "../harness/localnet";
import { type RpcTrader, RpcVenue } from "./fixture";

const OUT = path.join(REPO_ROOT, ".test-output/web");
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
const P = 1_000_000n; // 1.000000 quote per lot
const ORACLE = 870_000n;

/** The test wallet bundled for the page, with its secret and RPC URL set before it registers. */
async function walletScript(secret: Uint8Array, rpcUrl: string): Promise<string> {
  const r = await esbuild.build({
    entryPoints: [path.join(__dirname, "test-wallet.ts")],
    bundle: true,
    write: false,
    platform: "browser",
    format: "iife",
    target: "es2022",
    inject: [path.join(REPO_ROOT, "client/src/web/shims.ts")],
    define: { global: "globalThis", "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const cfg = JSON.stringify({ secret: Array.from(secret), rpcUrl, log: [] });
  return `window.__testWallet = ${cfg};\n${r.outputFiles[0].text}`;
}

/** What the test wallet (test-wallet.ts) exposes to the page. */
interface TestWindow {
  __testWallet: { log: string[] };
}

type Status = Record<string, string | undefined> & { text: string };
const readStatus = (page: Page): Promise<Status> =>
  page.$eval("[data-testid=status]", (el) => ({
    text: el.textContent ?? "",
    ...(el as HTMLElement).dataset,
  }));

/** Clicks, then waits until the status bar reports the end of that action with text starting with `prefix`. */
async function clickForStatus(page: Page, selector: string, prefix: string): Promise<Status> {
  const before = Number((await readStatus(page)).seq ?? 0);
  await page.click(selector);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const st = await readStatus(page);
    if (Number(st.seq ?? 0) > before && st.kind !== "busy" && st.text.startsWith(prefix)) return st;
    if (Date.now() > deadline)
      throw new Error(`status never started with "${prefix}"; it says "${st.text}" (${st.kind})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const nativeOf = (page: Page, testId: string) =>
  page
    .$eval(`[data-testid="${testId}"]`, (el) => BigInt((el as HTMLElement).dataset.native!))
    .then((v) => BigInt(v));

describe("web: trading page with a Wallet Standard wallet (chromium + local validator)", function () {
  this.timeout(240_000);
  const net = useLocalnet();
  let v: RpcVenue;
  let user: Keypair;
  let userAccount: PublicKey;
  let short: RpcTrader;
  let backstop: RpcTrader;
  let deficit: bigint;
  let server: WebServer;
  let browser: Browser;
  let page: Page;
  let t0 = 0;
  const shots: string[] = [];
  const consoleErrors: string[] = [];
  const shot = async (name: string) => {
    const file = path.join(OUT, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    shots.push(file);
  };
  const account = async (key: PublicKey) =>
    decodeMarginAccount((await v.net.connection.getAccountInfo(key, "confirmed"))!.data);

  before(async () => {
    t0 = Date.now();
    fs.mkdirSync(OUT, { recursive: true });
    for (const f of fs.readdirSync(OUT)) if (f.endsWith(".png")) fs.rmSync(path.join(OUT, f));
    // A RepayDebtFirst exchange where the wallet's account was taken over by a backstop below its
    // bankruptcy price and still owes a deficit — the "my deposit vanished" situation.
    v = new RpcVenue(net(), 0);
    await v.init(DepositPolicy.RepayDebtFirst);
    await v.market("SOL-PERP", P, {
      liquidationBandBps: "300",
      maxStalenessSlots: "1000000",
      maxFundingBps: "0",
    });
    user = Keypair.generate();
    const long = await v.trader(1_000n * P, user);
    userAccount = long.account;
    short = await v.trader(100_000n * P);
    backstop = await v.trader(100_000n * P);
    await v.ok(
      [await v.ex.registerBackstopIx(backstop.kp.publicKey, backstop.account, 1n, 50_000n * P)],
      [backstop.kp],
    );
    await v.ok(
      [await v.ex.placeOrderIx(short.kp.publicKey, short.account, 0, Side.Ask, P, 9_000n)],
      [short.kp],
    );
    await v.ok([await v.ex.placeOrderIx(user.publicKey, userAccount, 0, Side.Bid, P, 9_000n)], [user]);
    await v.setPrice(0, ORACLE);
    await v.ok(
      [await v.ex.backstopLiquidateIx(v.admin.publicKey, backstop.account, userAccount, 0)],
      [v.admin],
    );
    deficit = (await account(userAccount)).deficitNative;
    assert.ok(deficit > 0n, "setup: the wallet's account owes a deficit");
    await v.fund(user.publicKey, 2_000n * P); // the user comes back with fresh money
    await v.ok(
      [await v.ex.placeOrderIx(short.kp.publicKey, short.account, 0, Side.Ask, 860_000n, 5_000n)],
      [short.kp],
    ); // a maker below the oracle

    await buildWeb();
    server = await serveWeb({ rpcUrl: net().rpcUrl, exchangeId: 0, pollMs: 1000 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    await page.addInitScript({ content: await walletScript(user.secretKey, net().rpcUrl) });
    await page.goto(server.url);
    await page.waitForSelector("body[data-ready=true]");
  });

  afterEach(function () {
    if (this.currentTest?.state === "failed" && consoleErrors.length)
      console.log(`      page errors:\n        ${consoleErrors.join("\n        ")}`);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    console.log(`      page test: ${Date.now() - t0} ms (setup, build, browser and all steps)`);
  });

  it("lists the wallet registered through the Wallet Standard and connects it through the adapter", async () => {
    await page.click('button[data-wallet="Perp Test Wallet"]');
    await page.waitForSelector("[data-testid=wallet-address]");
    assert.equal(await page.textContent("[data-testid=wallet-address]"), user.publicKey.toBase58());
    await page.waitForSelector("[data-testid=deficit]");
    assert.equal(await page.textContent("[data-testid=margin-account]"), userAccount.toBase58());
    assert.equal(await page.textContent("[data-testid=status]"), "connected Perp Test Wallet");
    assert.equal(await nativeOf(page, "deficit"), deficit, "the page shows the on-chain deficit");
    await shot("01-connected");
  });

  it("shows where a deposit goes before the wallet signs, and the chain applies exactly that split", async () => {
    await page.fill("#deposit-amount", "1000");
    await page.fill("#deposit-max-debt", "1000");
    const preview = await page.textContent("[data-testid=deposit-preview]");
    const d = (x: bigint) => `${x / P}.${(x % P).toString().padStart(6, "0")}`;
    assert.equal(
      preview,
      `policy repay-debt-first: ${d(deficit)} applied to debt (deficit ${d(deficit)} → 0.000000), ${d(1_000n * P - deficit)} credited to cash`,
    );
    const toDebt = await page.$eval(
      "[data-testid=deposit-preview]",
      (el) => (el as HTMLElement).dataset.toDebt!,
    );
    assert.equal(BigInt(toDebt), deficit);
    const signsBefore = await page.evaluate(() => (window as unknown as TestWindow).__testWallet.log.length);
    await shot("02-deposit-preview");
    const st = await clickForStatus(page, "#deposit-submit", "deposit confirmed");
    assert.equal(BigInt(st.toDebt!), deficit, "the Deposit event applied what the preview said");
    assert.equal(BigInt(st.credited!), 1_000n * P - deficit);
    assert.ok(
      (await page.evaluate(() => (window as unknown as TestWindow).__testWallet.log))
        .slice(signsBefore)
        .includes("signTransaction"),
      "the wallet signed",
    );
    const a = await account(userAccount);
    assert.equal(a.deficitNative, 0n);
    assert.equal(a.cashNative, 1_000n * P - deficit);
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>("[data-testid=deficit]")?.dataset.native === "0",
    );
    assert.equal(
      await page.textContent('[data-testid="status"]'),
      `deposit confirmed: ${d(deficit)} applied to debt, ${d(1_000n * P - deficit)} credited`,
    );
  });

  it("trades: a fill shows the position with equity, liquidation price and ADL rank equal to chain-derived values", async () => {
    await page.selectOption("#order-side", "buy");
    await page.fill("#order-price", "0.86");
    await page.fill("#order-size", "5000");
    const st = await clickForStatus(page, "#order-submit", "order ");
    assert.match(st.text, /filled 5000, resting 0/);
    await page.waitForSelector("[data-testid=position-0]");
    const a = await account(userAccount);
    const feed = decodePriceFeed(
      (await v.net.connection.getAccountInfo(v.ex.market(0).oracle, "confirmed"))!.data,
    );
    const pos = a.positions.find((p) => p.marketIndex === 0)!;
    assert.equal(pos.baseLots, 5_000n);
    // Equity from raw state: cash + base × oracle (funding is capped at 0 in this market).
    const equity = a.cashNative + pos.baseLots * feed.price;
    await page.waitForFunction(
      (e) => document.querySelector<HTMLElement>("[data-testid=equity]")?.dataset.native === e,
      equity.toString(),
    );
    assert.equal(await nativeOf(page, "size-0"), 5_000n);
    // Liquidation price: the last price at which equity ≥ ⌈|base| × P × mmf⌉, one tick lower is liquidatable.
    const liq = await nativeOf(page, "liq-price-0");
    const mmf = BigInt(v.ex.market(0).state.params.maintenanceMarginBps);
    const healthy = (p: bigint) =>
      a.cashNative + pos.baseLots * p >= (pos.baseLots * p * mmf + 9_999n) / 10_000n;
    assert.ok(liq > 0n && healthy(liq) && !healthy(liq - 1n), `liquidation price ${liq} is the boundary`);
    // ADL rank: score = ⌊⌊uPnL × 1e6 / entry⌋ × notional / equity⌋ over the profitable longs, in fifths.
    const score = (acc: typeof a) => {
      const q = acc.positions.find((p) => p.marketIndex === 0)!;
      const upnl = q.baseLots * feed.price - q.entryNotionalNative;
      const eq = acc.cashNative + q.baseLots * feed.price;
      return upnl > 0n && eq > 0n
        ? (((upnl * 1_000_000n) / q.entryNotionalNative) * (q.baseLots * feed.price)) / eq
        : 0n;
    };
    const scores = [score(a), score(await account(backstop.account))].filter((s) => s > 0n);
    const mine = score(a);
    const atOrBelow = BigInt(scores.filter((s) => s <= mine).length);
    const quantile = Number((atOrBelow * 5n + BigInt(scores.length) - 1n) / BigInt(scores.length));
    assert.equal(
      Number(await page.$eval("[data-testid=adl-0]", (el) => (el as HTMLElement).dataset.quantile)),
      quantile,
    );
    assert.ok(quantile >= 1);
    await shot("03-position");
  });

  it("places a resting order, sees it in the book and open orders, and cancels it", async () => {
    await page.fill("#order-price", "0.85");
    await page.fill("#order-size", "7");
    const st = await clickForStatus(page, "#order-submit", "order ");
    const id = /order (\d+): filled 0, resting 7/.exec(st.text)?.[1];
    assert.ok(id, st.text);
    await page.waitForSelector(`[data-testid=order-${id}]`);
    await page.waitForSelector('#bids tr.own[data-price="850000"]');
    const book = await v.ex.book(0);
    assert.ok(
      book.bids.some((o) => o.orderId === BigInt(id) && o.owner.equals(userAccount) && o.baseLots === 7n),
      "the order rests on-chain",
    );
    await shot("04-order-in-book");
    await clickForStatus(page, `[data-testid=cancel-${id}]`, `order ${id} cancelled`);
    await page.waitForSelector(`[data-testid=order-${id}]`, { state: "detached" });
    assert.equal(
      (await v.ex.book(0)).bids.filter((o) => o.owner.equals(userAccount)).length,
      0,
      "gone from the chain's book",
    );
    assert.equal(await page.$$eval("#bids tr.own", (rows) => rows.length), 0);
  });

  it("withdraws to the wallet's token account", async () => {
    const token = getAssociatedTokenAddressSync(v.mint.publicKey, user.publicKey);
    const before = BigInt((await v.net.connection.getTokenAccountBalance(token, "confirmed")).value.amount);
    await page.fill("#withdraw-amount", "10");
    const st = await clickForStatus(page, "#withdraw-submit", "withdrew");
    assert.equal(st.text, "withdrew 10.000000");
    const after = BigInt((await v.net.connection.getTokenAccountBalance(token, "confirmed")).value.amount);
    assert.equal(after - before, 10n * P);
    await page.waitForFunction(
      (a) => document.querySelector<HTMLElement>("[data-testid=wallet-balance]")?.dataset.native === a,
      after.toString(),
    );
  });

  it("shows the program's error, mapped to its IDL name, for a rejected order", async () => {
    await page.fill("#order-price", "2");
    await page.fill("#order-size", "1");
    const st = await clickForStatus(page, "#order-submit", "order: ");
    assert.equal(st.kind, "error");
    assert.equal(st.errorName, "PriceBandExceeded");
    assert.equal(
      st.text,
      "order: PriceBandExceeded (6203): Price is outside the allowed band around the oracle price",
    );
    await shot("05-rejected-order");
  });

  it("saved a screenshot of every step", () => {
    assert.equal(shots.length, 5);
    for (const f of shots) {
      const png = fs.readFileSync(f);
      assert.ok(png.length > 10_000, `${f} has content`);
      assert.equal(png.readUInt32BE(0), 0x89504e47, `${f} is a PNG`);
    }
  });
});
