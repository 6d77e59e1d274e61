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
// 0.883 per lot = 883 USD per SOL: the wallet's equity is about −57, within the 100 insurance fund,
// so the backstop may take the position over (program rule: a close of negative equity beyond
// insurance is refused, LossBeyondInsurance, and left to ADL) and the account keeps a deficit.
const ORACLE = 883_000n;

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
    await v.init(DepositPolicy.RepayDebtFirst, 100n * P);
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

  it("checks a deposit against the wallet's balance before anything is signed", async () => {
    const balance = await nativeOf(page, "wallet-balance");
    assert.equal(balance, 2_000n * P, "the wallet holds 2000");
    await page.fill("#deposit-max-debt", "0");
    await page.fill("#deposit-amount", "2500");
    await page.waitForSelector("[data-testid=deposit-balance-error]");
    assert.equal(
      await page.textContent("[data-testid=deposit-balance-error]"),
      "your wallet holds only 2000.000000 (you entered 2500.000000): deposit at most 2000.000000",
    );
    assert.equal(await page.$eval("#deposit-submit", (b) => (b as HTMLButtonElement).disabled), true);
    await page.fill("#deposit-amount", "2000");
    await page.waitForSelector("[data-testid=deposit-balance-error]", { state: "detached" });
    assert.equal(await page.$eval("#deposit-submit", (b) => (b as HTMLButtonElement).disabled), false);
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
    // human units: 1 lot = 0.001 SOL here, so 5 SOL = 5000 lots; 860 USD per SOL = 0.86 per lot
    await page.fill("#order-price", "860");
    await page.fill("#order-size", "5");
    assert.match((await page.textContent("#order-price-unit")) ?? "", /^USD per SOL$/);
    assert.match(
      (await page.textContent("[data-testid=order-preview]")) ?? "",
      /fills now: 5\.000 SOL over 1 level\(s\), average 860\.00, worst 860\.00 USD/,
    );
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
    await page.fill("#order-price", "850");
    await page.fill("#order-size", "0.007");
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

  it("refuses a price outside the band before signing, naming the range in USD per SOL; maps a program error by IDL name", async () => {
    await page.selectOption("#order-type", "limit");
    await page.fill("#order-price", "2000");
    await page.fill("#order-size", "0.001");
    assert.equal(
      await page.textContent("[data-testid=order-input-error]"),
      "price must be between 795.00 and 971.00 USD (oracle 883.00 ± 10.00%); got 2000.00",
    );
    const signs = await page.evaluate(() => (window as unknown as TestWindow).__testWallet.log.length);
    const st = await clickForStatus(page, "#order-submit", "price must be between");
    assert.equal(st.kind, "error");
    assert.equal(
      await page.evaluate(() => (window as unknown as TestWindow).__testWallet.log.length),
      signs,
      "nothing was sent to the wallet",
    );
    // a bid far larger than the account's margin: only the program knows, and its error is named
    await page.fill("#order-price", "850");
    await page.fill("#order-size", "100000");
    const rejected = await clickForStatus(page, "#order-submit", "order: ");
    assert.equal(rejected.kind, "error");
    assert.equal(rejected.errorName, "MarginRequirementExceeded");
    assert.equal(
      rejected.text,
      "order: MarginRequirementExceeded (6300): Equity would fall below the initial margin requirement",
    );
    await shot("05-rejected-order");
  });

  it("an IOC that fills nothing is reported as such, not as a success", async () => {
    assert.equal((await v.ex.book(0)).asks.length, 0, "setup: no asks");
    await page.selectOption("#order-type", "ioc");
    await page.fill("#order-price", "883");
    await page.fill("#order-size", "0.001");
    assert.match(
      (await page.textContent("[data-testid=order-preview]")) ?? "",
      /fills now: nothing — no order on the other side at this price/,
    );
    const st = await clickForStatus(page, "#order-submit", "order ");
    assert.equal(st.kind, "warn");
    assert.match(
      st.text,
      /^order \d+: nothing filled — no order on the other side at 883\.00 USD or better; nothing rests \(IOC\)$/,
    );
    assert.equal(st.filledLots, "0");
    // shown in the scheme's warning colour, not the success (bid) one
    const colours = await page.$eval("[data-testid=status]", (el) => {
      const [warn, ok] = ["--warn", "--bid"].map((v) => {
        const d = document.createElement("span");
        d.style.color = `var(${v})`;
        document.body.append(d);
        const c = getComputedStyle(d).color;
        d.remove();
        return c;
      });
      return { status: getComputedStyle(el).color, warn, ok };
    });
    assert.equal(colours.status, colours.warn);
    assert.notEqual(colours.status, colours.ok);
  });

  it("a market order: IOC at the oracle ± the slippage cap, previewed with its fill price and fee", async () => {
    for (const price of [884_000n, 895_000n])
      await v.ok(
        [await v.ex.placeOrderIx(short.kp.publicKey, short.account, 0, Side.Ask, price, 1n)],
        [short.kp],
      );
    await page.waitForSelector('#asks tr[data-price="895000"]');
    await page.selectOption("#order-type", "market");
    assert.equal(await page.isVisible("#order-price"), false, "a market order has no price field");
    await page.fill("#order-slippage", "100");
    await page.fill("#order-size", "0.002");
    const preview = (await page.textContent("[data-testid=order-preview]")) ?? "";
    // limit = 883 + 1% = 891.83, on the 1.00 tick: 891.00; one lot at 884 fills, the other is dropped
    assert.match(preview, /buy 0\.002 SOL \(2 lots\) at worst 891\.00 USD/);
    assert.match(
      preview,
      /fills now: 0\.001 SOL over 1 level\(s\), average 884\.00, worst 884\.00 USD \(0\.11% worse than the oracle\); taker fee ≈ 0\.00 USD/,
    );
    assert.match(preview, /0\.001 SOL would not fill and is dropped \(IOC\)/);
    assert.equal(await page.isVisible("[data-testid=sweep-warning]"), false);
    const st = await clickForStatus(page, "#order-submit", "order ");
    assert.equal(st.kind, "ok");
    assert.match(st.text, /filled 1, resting 0 lots \(filled 0\.001 SOL at avg 884\.00 USD/);
  });

  it("warns before an order that sweeps the book far from the oracle, and needs a confirmation", async () => {
    for (const [price, lots] of [
      [900_000n, 1n],
      [920_000n, 1n],
    ] as const)
      await v.ok(
        [await v.ex.placeOrderIx(short.kp.publicKey, short.account, 0, Side.Ask, price, lots)],
        [short.kp],
      );
    await page.waitForSelector('#asks tr[data-price="920000"]');
    await page.selectOption("#order-type", "ioc");
    await page.fill("#order-price", "950");
    await page.fill("#order-size", "0.003");
    await page.waitForSelector("[data-testid=sweep-warning]", { state: "visible" });
    assert.equal(
      await page.textContent("[data-testid=sweep-warning]"),
      "This order sweeps the book: it would trade 3 level(s) down to 920.00 USD, 4.19% from the oracle, and take every order on the other side. Check the size, or confirm below.",
    );
    assert.equal(await page.$eval("#order-submit", (b) => (b as HTMLButtonElement).disabled), true);
    await shot("06-sweep-warning");
    await page.check("#order-sweep-confirm");
    assert.equal(await page.$eval("#order-submit", (b) => (b as HTMLButtonElement).disabled), false);
    const st = await clickForStatus(page, "#order-submit", "order ");
    assert.match(st.text, /filled 3, resting 0 lots/);
    assert.equal((await v.ex.book(0)).asks.length, 0, "the sweep took the whole side");
  });

  it("shows the wallet's order history and fills from chain, and the position's leverage", async () => {
    const a = await account(userAccount);
    const pos = a.positions.find((p) => p.marketIndex === 0)!;
    assert.equal(pos.baseLots, 5_004n);
    // fills: 5000 @ 860, 1 @ 884, 1 @ 895, 1 @ 900, 1 @ 920 (newest first)
    await page.waitForFunction(
      () => document.querySelectorAll("[data-testid=fill-history] tr[data-lots]").length >= 5,
    );
    const fills = await page.$$eval("[data-testid=fill-history] tr[data-lots]", (rows) =>
      rows.map((r) => [
        (r as HTMLElement).dataset.price,
        (r as HTMLElement).dataset.lots,
        r.children[1].textContent,
      ]),
    );
    assert.deepEqual(fills.slice(0, 5), [
      ["920000", "1", "taker"],
      ["900000", "1", "taker"],
      ["895000", "1", "taker"],
      ["884000", "1", "taker"],
      ["860000", "5000", "taker"],
    ]);
    const events = await page.$$eval("[data-testid=order-history] tr", (rows) =>
      rows.map((r) => (r as HTMLElement).dataset.event),
    );
    assert.ok(events.includes("placed, nothing filled"), `the empty IOC is in the history: ${events}`);
    assert.ok(events.includes("cancelled"), "the cancelled order is in the history");
    assert.ok(events.includes("filled"));
    // leverage = |position| × oracle / equity, from raw chain state
    const feed = decodePriceFeed(
      (await v.net.connection.getAccountInfo(v.ex.market(0).oracle, "confirmed"))!.data,
    );
    const notional = pos.baseLots * feed.price;
    const eq = BigInt(await page.$eval("[data-testid=equity]", (el) => (el as HTMLElement).dataset.native!));
    assert.equal(eq, a.cashNative + notional, "equity = cash + base × oracle (no funding here)");
    const x100 = (notional * 100n) / eq;
    const lev = `${x100 / 100n}.${(x100 % 100n).toString().padStart(2, "0")}×`;
    await page.waitForFunction(
      (n) => document.querySelector<HTMLElement>("[data-testid=leverage-0]")?.dataset.native === n,
      notional.toString(),
    );
    assert.equal(await page.textContent("[data-testid=leverage-0]"), lev);
    assert.equal(await page.textContent("[data-testid=account-leverage]"), `${lev} (max 10.00× here)`);
  });

  it("draws a price chart of the oracle over time with the wallet's fills", async () => {
    await v.setPrice(0, 885_000n);
    await page.waitForFunction(() => {
      const svg = document.querySelector<SVGElement>("[data-testid=price-chart]");
      return svg && Number(svg.dataset.oraclePoints) >= 2;
    });
    const chart = await page.$eval("[data-testid=price-chart]", (el) => ({
      oracle: Number((el as SVGElement).dataset.oraclePoints),
      fills: Number((el as SVGElement).dataset.fillPoints),
      path: el.querySelector("path.line-oracle")?.getAttribute("d") ?? "",
      dots: el.querySelectorAll("circle.fill-buy").length,
      labels: Array.from(el.querySelectorAll("text.axis")).map((t) => t.textContent),
    }));
    assert.ok(chart.oracle >= 2);
    // every fill of the wallet in this market: the five above and the setup's 9000 lots at 1000.00
    assert.equal(chart.fills, 6);
    assert.equal(chart.dots, 6, "drawn as buy dots");
    assert.match(chart.path, /^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/);
    assert.ok(
      chart.labels.some((l) => /^[89]\d\d\.\d\d$/.test(l ?? "")),
      `axis in USD per SOL: ${chart.labels}`,
    );
    await shot("07-chart-history");
  });

  it("fits a 390 px phone screen without horizontal scrolling", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const p = await phone.newPage();
    await p.addInitScript({ content: await walletScript(user.secretKey, net().rpcUrl) });
    await p.goto(server.url);
    await p.waitForSelector("body[data-ready=true]");
    await p.click('button[data-wallet="Perp Test Wallet"]');
    await p.waitForSelector("[data-testid=position-0]");
    const widths = await p.evaluate(() => ({
      doc: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      widest: Math.max(
        ...Array.from(document.querySelectorAll("main > section")).map(
          (s) => s.getBoundingClientRect().right,
        ),
      ),
    }));
    assert.ok(widths.doc <= 390, `document is ${widths.doc} px wide`);
    assert.ok(widths.body <= 390, `body is ${widths.body} px wide`);
    assert.ok(widths.widest <= 390, `a panel reaches ${widths.widest} px`);
    const file = path.join(OUT, "08-phone-390.png");
    await p.screenshot({ path: file, fullPage: true });
    shots.push(file);
    await phone.close();
  });

  it("follows the system colour scheme (light and dark)", async () => {
    const colours: Record<string, string> = {};
    for (const scheme of ["light", "dark"] as const) {
      const ctx = await browser.newContext({ viewport: { width: 1000, height: 800 }, colorScheme: scheme });
      const p = await ctx.newPage();
      await p.goto(server.url);
      await p.waitForSelector("body[data-ready=true]");
      colours[scheme] = await p.$eval("body", (b) => getComputedStyle(b).backgroundColor);
      colours[`${scheme}-panel`] = await p.$eval("section", (b) => getComputedStyle(b).backgroundColor);
      if (scheme === "light") {
        const file = path.join(OUT, "09-light.png");
        await p.screenshot({ path: file, fullPage: true });
        shots.push(file);
      }
      await ctx.close();
    }
    assert.equal(colours.light, "rgb(244, 246, 248)");
    assert.equal(colours["light-panel"], "rgb(255, 255, 255)");
    assert.equal(colours.dark, "rgb(15, 20, 25)");
  });

  it("saved a screenshot of every step", () => {
    assert.equal(shots.length, 9);
    for (const f of shots) {
      const png = fs.readFileSync(f);
      assert.ok(png.length > 10_000, `${f} has content`);
      assert.equal(png.readUInt32BE(0), 0x89504e47, `${f} is a PNG`);
    }
  });
});
