/**
 * The `npm start` demo seeding, over RPC on its own validator: everything `seedDemo` promises is
 * on chain, the solvency identity holds, and the exchange's full event history — recovered the
 * way an indexer backfills it (getSignaturesForAddress + getTransaction) — has contiguous seqs.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { PublicKey } from "@solana/web3.js";
import {
  PROGRAM_ID,
  type PerpEvent,
  type RpcInnerInstructions,
  Side,
  decodeExchange,
  eventsFromRpcTransaction,
  livePositions,
  marketName,
} from "@perp-margin/client";
import { useLocalnet } from "../harness/localnet";
import { KeyStore } from "@perp-margin/client/src/demo/keys";
import { tokenBalance } from "@perp-margin/client/src/demo/mint";
import { stepPrices } from "@perp-margin/client/src/demo/prices";
import {
  DEMO_MARKETS,
  DEMO_TRADERS,
  type SeededDemo,
  loadDemoManifest,
  pushPrices,
  seedDemo,
  usdToPrice,
} from "@perp-margin/client/src/demo/seed";

describe("e2e over RPC: demo seeding (npm start)", function () {
  this.timeout(120_000);
  const net = useLocalnet();
  let demo: SeededDemo;
  const manifestPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "perp-demo-")), "demo.json");

  after(() => fs.rmSync(path.dirname(manifestPath), { recursive: true, force: true }));

  it("seeds exchange, feeds, 3 markets, insurance, backstop, makers' quotes and takers' positions", async () => {
    demo = await seedDemo({
      connection: net().connection,
      payer: net().payer,
      exchangeId: 3,
      keys: KeyStore.ephemeral(),
      manifestPath,
    });
    console.log(`      seeded in ${demo.manifest.seedMs} ms`);
    const ex = demo.exchange;
    const st = await ex.refresh();
    assert.equal(st.marketCount, 3);
    assert.deepEqual(
      [0, 1, 2].map((i) => marketName(ex.market(i).state)),
      ["SOL-PERP", "BTC-PERP", "ETH-PERP"],
    );
    assert.equal(st.insuranceNative, 250_000_000_000n);
    for (let i = 0; i < 3; i++) {
      const b = await ex.book(i);
      assert.ok(b.bids.length > 0 && b.asks.length > 0, `market ${i} has two-sided quotes`);
      assert.ok(b.bids[0].price < b.asks[0].price, "book not crossed");
      const feed = await ex.priceFeed(i);
      assert.equal(feed.price, usdToPrice(DEMO_MARKETS[i], DEMO_MARKETS[i].priceUsd));
    }
    const reg = await ex.backstops();
    assert.equal(reg.count, 1);
    assert.ok(reg.entries[0].marginAccount.equals(demo.accounts.get("backstop")!.marginAccount));
    assert.equal(reg.entries[0].marketMask, 0b111n);
    for (const t of DEMO_TRADERS.filter((t) => t.trade)) {
      const a = await ex.marginAccount(demo.accounts.get(t.name)!.marginAccount);
      const p = livePositions(a!).find((p) => p.marketIndex === t.trade!.market)!;
      assert.equal(
        p.baseLots,
        t.trade!.side === Side.Bid ? t.trade!.lots : -t.trade!.lots,
        `${t.name} position`,
      );
    }
    const all = await ex.allMarginAccounts();
    assert.equal(all.length, DEMO_TRADERS.length);
    assert.equal(
      all.reduce((s, a) => s + a.state.cashNative, 0n),
      st.totalCashNative,
    );
  });

  it("conserves: vault + bad debt == Σcash − Σdeficit + fees + pending; insurance vault == fund", async () => {
    const ex = demo.exchange;
    const s = decodeExchange((await demo.chain.getAccounts([ex.exchange]))[0]!);
    const vault = await tokenBalance(net().connection, ex.vault);
    assert.equal(
      vault + s.badDebtNative,
      s.totalCashNative - s.totalDeficitNative + s.feePoolNative + s.pendingSettlementNative,
    );
    assert.equal(await tokenBalance(net().connection, ex.insuranceVault), s.insuranceNative);
    assert.ok(s.feePoolNative > 0n, "takers paid fees");
  });

  it("writes a manifest the dashboard / keeper can load", () => {
    const m = loadDemoManifest(manifestPath);
    assert.equal(m.exchange, demo.exchange.exchange.toBase58());
    assert.equal(m.exchangeId, 3);
    assert.equal(m.markets.length, 3);
    assert.equal(m.rpcUrl, net().rpcUrl);
    assert.deepEqual(
      m.accounts.map((a) => a.name),
      ["admin", ...DEMO_TRADERS.map((t) => t.name)],
    );
  });

  it("the price pusher's update lands (oracle authority from the demo keys)", async () => {
    const ex = demo.exchange;
    const feeds = [0, 1, 2].map((i) => ({
      feed: ex.market(i).oracle,
      price: usdToPrice(DEMO_MARKETS[i], DEMO_MARKETS[i].priceUsd * 1.001),
    }));
    const r = await pushPrices(ex, demo.keys.get("oracle"), feeds);
    assert.deepEqual(
      r.events.map((e) => e.name),
      ["PriceUpdated", "PriceUpdated", "PriceUpdated"],
    );
    // one random-walk step of the pusher `npm start` runs: every feed updated, on its tick, near the last price
    const before = await Promise.all([0, 1, 2].map((i) => ex.priceFeed(i)));
    const step = await stepPrices(ex, demo.keys.get("oracle"));
    assert.equal(step?.events.length, 3);
    for (let i = 0; i < 3; i++) {
      const f = await ex.priceFeed(i);
      assert.equal(f.updateCount, before[i].updateCount + 1n);
      assert.equal(f.price % ex.market(i).state.params.tickSize, 0n);
      const diff = f.price > before[i].price ? f.price - before[i].price : before[i].price - f.price;
      assert.ok(diff * 100n <= before[i].price, `market ${i}: step ≤ 1 %`);
    }
  });

  it("backfills the exchange's whole event history from RPC with contiguous seqs", async () => {
    const c = net().connection;
    const ex = demo.exchange;
    const st = await ex.refresh();
    const sigs = await c.getSignaturesForAddress(ex.exchange, { limit: 1000 }, "confirmed");
    const events: PerpEvent[] = [];
    for (const s of sigs) {
      if (s.err) continue;
      const tx = await c.getTransaction(s.signature, {
        commitment: "confirmed",
        maxSupportedTransactionVersion: 0,
      });
      const keys = tx!.transaction.message
        .getAccountKeys({ accountKeysFromLookups: tx!.meta!.loadedAddresses })
        .keySegments()
        .flat()
        .map((k: PublicKey) => k.toBase58());
      events.push(
        ...eventsFromRpcTransaction(
          keys,
          tx!.meta!.innerInstructions as RpcInnerInstructions[],
          PROGRAM_ID.toBase58(),
        ),
      );
    }
    const seqs = events.map((e) => e.data.seq as bigint).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    assert.equal(BigInt(seqs.length), st.eventSeq, `${sigs.length} transactions carry every event`);
    assert.deepEqual(
      seqs,
      Array.from({ length: seqs.length }, (_, i) => BigInt(i)),
    );
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
    assert.equal(counts.get("MarketCreated"), 3);
    assert.equal(counts.get("BackstopChanged"), 1);
    assert.ok((counts.get("Fill") ?? 0) >= 4);
    console.log(
      `      ${sigs.length} transactions, ${events.length} events: ${[...counts].map(([k, v]) => `${k} ${v}`).join(", ")}`,
    );
  });
});
