/**
 * End to end over JSON-RPC against a real solana-test-validator (agave 3.1.8) with the SBF program
 * loaded at genesis: every step goes through `PerpExchange` + `RpcChain`, events are decoded from
 * `getTransaction` inner instructions (self-CPI), program errors from the preflight logs, and the
 * solvency identity is checked from the Exchange account and the vault's token balance after each
 * value-moving step.
 */
import { strict as assert } from "node:assert";
import { Connection, Keypair, PublicKey } from "@solana/web3.js";
import {
  PROGRAM_ID,
  PerpExchange,
  RpcChain,
  type SendResult,
  type PerpEvent,
  type RpcInnerInstructions,
  Side,
  OrderType,
  decodeExchange,
  eventData,
  eventsFromRpcTransaction,
  livePositions,
  marketName,
} from "@perp-margin/client";
import { closeWebSocket, useLocalnet } from "../harness/localnet";
import {
  createCollateralMint,
  fundSol,
  fundTokenAccounts,
  tokenBalance,
  usdc,
} from "@perp-margin/client/src/demo/mint";
import {
  type DemoMarketSpec,
  expectOk,
  initExchange,
  createMarkets,
  openMarginAccount,
  usdToPrice,
  marketParams,
} from "@perp-margin/client/src/demo/seed";

const TOKEN_PROGRAM = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
const ATA_PROGRAM = new PublicKey("ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL");

const SOL: DemoMarketSpec = {
  name: "SOL-PERP",
  baseDecimals: 9,
  baseLotSize: 10_000_000n,
  priceUsd: 150,
  tickUsd: 0.01,
  // Generous staleness: the suite never waits on the oracle, only on the validator.
  params: { priceBandBps: 1000, maxStalenessSlots: 2_000n },
  quote: { levels: 0, stepBps: 0, lotsPerLevel: 0n },
};

describe("e2e over RPC: solana-test-validator + PerpExchange/RpcChain", function () {
  this.timeout(120_000);
  const net = useLocalnet();

  const admin = Keypair.generate();
  const mintAuthority = Keypair.generate();
  const oracle = Keypair.generate();
  const makerKp = Keypair.generate();
  const takerKp = Keypair.generate();
  let chain: RpcChain;
  let ex: PerpExchange;
  let mint: PublicKey;
  let adminToken: PublicKey, makerToken: PublicKey, takerToken: PublicKey;
  let maker: PublicKey, taker: PublicKey;
  const price = usdToPrice(SOL, SOL.priceUsd); // 1_500_000 native per lot (0.01 SOL)
  /** Every successful transaction of this exchange, in order. */
  const log: { what: string; r: SendResult }[] = [];
  const cu: Record<string, number> = {};

  /** vault + bad debt == Σcash − Σdeficit + fees + pending, and insurance vault == fund. */
  async function assertConserved(what: string) {
    const [raw] = await chain.getAccounts([ex.exchange]);
    const s = decodeExchange(raw!);
    const [vault, insVault] = await Promise.all([
      tokenBalance(net().connection, ex.vault),
      tokenBalance(net().connection, ex.insuranceVault),
    ]);
    const liabilities =
      s.totalCashNative - s.totalDeficitNative + s.feePoolNative + s.pendingSettlementNative;
    assert.equal(
      vault + s.badDebtNative,
      liabilities,
      `${what}: vault ${vault} + bad debt ${s.badDebtNative} != liabilities ${liabilities}`,
    );
    assert.equal(
      insVault,
      s.insuranceNative,
      `${what}: insurance vault ${insVault} != fund ${s.insuranceNative}`,
    );
  }

  async function step(what: string, p: Promise<SendResult>): Promise<SendResult> {
    const r = expectOk(await p, what);
    assert.ok(r.signature, `${what}: no signature`);
    log.push({ what, r });
    cu[what] = r.cu;
    await assertConserved(what);
    return r;
  }

  const names = (r: SendResult) => r.events.map((e) => e.name);

  before(async () => {
    chain = new RpcChain(net().connection);
    ex = new PerpExchange(chain, 7);
  });

  it("starts a validator with the SBF program at genesis and the SPL Token / ATA programs", async () => {
    const c = net().connection;
    console.log(`      validator ready in ${net().readyMs} ms at ${net().rpcUrl} (ws ${net().wsUrl})`);
    const [prog, token, ata] = await c.getMultipleAccountsInfo([PROGRAM_ID, TOKEN_PROGRAM, ATA_PROGRAM]);
    assert.ok(prog?.executable, "perp-margin program is executable");
    assert.ok(token?.executable, "SPL Token program present in genesis");
    assert.ok(ata?.executable, "Associated Token program present in genesis");
    assert.ok((await chain.slot()) >= 1n);
    // `_rpcRequest` is web3.js's raw JSON-RPC call (private in its typings; getHealth has no wrapper).
    const raw = c as unknown as {
      _rpcRequest(method: string, params: unknown[]): Promise<{ result: unknown }>;
    };
    assert.equal(await raw._rpcRequest("getHealth", []).then((r) => r.result), "ok");
  });

  it("creates the collateral mint, an exchange with a price feed and insurance, and a market", async () => {
    const c = net().connection;
    await fundSol(
      c,
      net().payer,
      [admin, mintAuthority, oracle, makerKp, takerKp].map((k) => k.publicKey),
      10e9,
    );
    mint = await createCollateralMint(c, admin, mintAuthority.publicKey);
    [adminToken, makerToken, takerToken] = await fundTokenAccounts(c, admin, mint, mintAuthority, [
      { owner: admin.publicKey, amount: usdc(50_000) },
      { owner: makerKp.publicKey, amount: usdc(100_000) },
      { owner: takerKp.publicKey, amount: usdc(20_000) },
    ]);
    const r = await initExchange(ex, admin, mint, {
      feeds: [{ feedId: 0, authority: oracle.publicKey, price }],
      insurance: { funderToken: adminToken, amount: usdc(50_000) },
    });
    log.push({ what: "initialize_exchange", r });
    cu.initialize_exchange = r.cu;
    assert.deepEqual(names(r), ["ExchangeInitialized", "PriceFeedCreated", "InsuranceFlow"]);
    assert.ok(eventData(r.events[0], "ExchangeInitialized").collateralMint.equals(mint));
    assert.equal(eventData(r.events[2], "InsuranceFlow").amountNative, usdc(50_000));
    await assertConserved("initialize_exchange");

    const [m] = await createMarkets(ex, admin, [SOL], [0]);
    log.push({ what: "create_market", r: m });
    assert.deepEqual(names(m), ["MarketCreated"]);
    const info = ex.market(0);
    assert.equal(marketName(info.state), "SOL-PERP");
    assert.equal(info.state.params.tickSize, 100n);
    assert.deepEqual(info.state.params, marketParams(SOL));
    assert.equal(ex.state!.insuranceNative, usdc(50_000));
  });

  it("opens two margin accounts with deposits", async () => {
    const [a, b] = await Promise.all([
      openMarginAccount(ex, makerKp, makerToken, usdc(100_000)),
      openMarginAccount(ex, takerKp, takerToken, usdc(10_000)),
    ]);
    maker = a.marginAccount;
    taker = b.marginAccount;
    for (const [what, r] of [
      ["maker deposit", a.result],
      ["taker deposit", b.result],
    ] as const) {
      log.push({ what, r });
      assert.deepEqual(names(r), ["MarginAccountCreated", "Deposit"]);
    }
    assert.equal(eventData(b.result.events[1], "Deposit").creditedNative, usdc(10_000));
    await assertConserved("deposits");
    assert.equal(await tokenBalance(net().connection, takerToken), usdc(10_000));
    const st = await ex.marginAccount(taker);
    assert.equal(st!.cashNative, usdc(10_000));
  });

  it("updates the oracle price (authority-signed)", async () => {
    const r = await step(
      "update_price",
      chain.send([ex.updatePriceIx(oracle.publicKey, ex.market(0).oracle, price)], [oracle]),
    );
    assert.deepEqual(names(r), ["PriceUpdated"]);
    assert.equal(eventData(r.events[0], "PriceUpdated").price, price);
  });

  it("trades through the book: the maker rests, the taker crosses with the maker passed", async () => {
    const ask = price + 500n; // $150.05
    const rest = await step(
      "maker ask (resting)",
      chain.send(
        [
          await ex.placeOrderIx(makerKp.publicKey, maker, 0, Side.Ask, ask, 3_000n, {
            type: OrderType.PostOnly,
            clientOrderId: 11n,
          }),
        ],
        [makerKp],
      ),
    );
    assert.deepEqual(names(rest), ["OrderPlaced"]);
    assert.equal(eventData(rest.events[0], "OrderPlaced").restingLots, 3_000n);
    const book = await ex.book(0);
    assert.equal(book.asks.length, 1);
    assert.ok(book.asks[0].owner.equals(maker));

    const takeIx = await ex.placeOrderIx(takerKp.publicKey, taker, 0, Side.Bid, ask, 1_000n, {
      makers: [maker],
    });
    assert.ok(
      takeIx.keys.some((k) => k.pubkey.equals(maker) && k.isWritable),
      "maker margin account passed writable",
    );
    const take = await step("taker bid (crossing)", chain.send([takeIx], [takerKp]));
    assert.deepEqual(names(take), ["Fill", "OrderPlaced"]);
    const fill = eventData(take.events[0], "Fill");
    assert.ok(fill.taker.equals(taker) && fill.maker.equals(maker));
    assert.equal(fill.lots, 1_000n);
    assert.equal(fill.price, ask);
    assert.equal(fill.quoteNative, ask * 1_000n);
    assert.equal(fill.takerFeeNative, (ask * 1_000n * 5n + 9_999n) / 10_000n, "5 bps taker fee, rounded up");
    assert.equal(eventData(take.events[1], "OrderPlaced").filledLots, 1_000n);
    assert.equal(eventData(take.events[1], "OrderPlaced").restingLots, 0n);

    const [m, t] = await ex.marginAccounts([maker, taker]);
    assert.equal(livePositions(t!)[0].baseLots, 1_000n);
    assert.equal(livePositions(m!)[0].baseLots, -1_000n);
    assert.equal(livePositions(m!)[0].asksLots, 2_000n);
    assert.equal((await ex.book(0)).asks[0].baseLots, 2_000n);

    // Second fill with makers read from the book by the SDK (the default path).
    const take2 = await step(
      "taker bid (makers from book)",
      chain.send([await ex.placeOrderIx(takerKp.publicKey, taker, 0, Side.Bid, ask, 500n)], [takerKp]),
    );
    assert.deepEqual(names(take2), ["Fill", "OrderPlaced"]);
    console.log(
      `      CU over RPC: resting ask ${rest.cu}, crossing bid ${take.cu}, crossing bid (SDK makers) ${take2.cu}`,
    );
  });

  it("withdraws collateral to the owner's token account", async () => {
    const before = await tokenBalance(net().connection, takerToken);
    const r = await step(
      "withdraw",
      chain.send([await ex.withdrawIx(takerKp.publicKey, taker, takerToken, usdc(2_500))], [takerKp]),
    );
    assert.deepEqual(names(r), ["Withdraw"]);
    assert.equal(eventData(r.events[0], "Withdraw").amountNative, usdc(2_500));
    assert.equal(await tokenBalance(net().connection, takerToken), before + usdc(2_500));
    // withdraw carries the (market, oracle) pair of the held market as remaining accounts
    const ix = await ex.withdrawIx(takerKp.publicKey, taker, takerToken, 1n);
    assert.ok(ix.keys.some((k) => k.pubkey.equals(ex.market(0).oracle)));
  });

  it("rejects an order outside the price band with PriceBandExceeded (decoded from RPC logs)", async () => {
    const far = ((price * 12n) / 10n / 100n) * 100n; // 20 % above the oracle, band is 10 %
    const before = await chain.getAccounts([ex.exchange, taker, ex.market(0).orderBook]);
    const r = await chain.send(
      [await ex.placeOrderIx(takerKp.publicKey, taker, 0, Side.Ask, far, 10n, { type: OrderType.PostOnly })],
      [takerKp],
    );
    assert.equal(r.ok, false);
    assert.equal(r.error?.name, "PriceBandExceeded");
    assert.equal(r.error?.code, 6203);
    assert.ok(
      r.logs.some((l) => /custom program error: 0x183b/.test(l)),
      "program log carries the custom error",
    );
    const after = await chain.getAccounts([ex.exchange, taker, ex.market(0).orderBook]);
    assert.deepEqual(after, before, "nothing changed");
  });

  it("rejects an order that would break initial margin with MarginRequirementExceeded", async () => {
    // ~7.5k USDC of equity; 1 000 SOL of bids needs 15k USDC of initial margin.
    const r = await chain.send(
      [
        await ex.placeOrderIx(takerKp.publicKey, taker, 0, Side.Bid, price - 10_000n, 100_000n, {
          type: OrderType.PostOnly,
        }),
      ],
      [takerKp],
    );
    assert.equal(r.ok, false);
    assert.equal(r.error?.name, "MarginRequirementExceeded");
    // and a withdrawal beyond free collateral
    const w = await chain.send(
      [await ex.withdrawIx(takerKp.publicKey, taker, takerToken, usdc(7_400))],
      [takerKp],
    );
    assert.equal(w.ok, false);
    assert.ok(
      ["MarginRequirementExceeded", "InsufficientCollateral"].includes(w.error?.name ?? ""),
      `got ${w.error?.name ?? w.rawError}`,
    );
  });

  it("decodes the program error of a transaction that fails on chain (landed, not just simulated)", async function () {
    this.timeout(30_000);
    // Same RpcChain.send, but the transaction skips preflight so it lands and fails in a block:
    // the error then comes from getTransaction's logs, as when two keepers race. A fixed
    // compute-unit limit skips the simulation (which would refuse it before sending).
    const c = net().connection;
    const landing = new Connection(net().rpcUrl, { commitment: "confirmed", wsEndpoint: net().wsUrl });
    const sendRaw = landing.sendRawTransaction.bind(landing);
    landing.sendRawTransaction = (raw, o) => sendRaw(raw, { ...o, skipPreflight: true });
    const onChain = new RpcChain(landing);
    const far = ((price * 12n) / 10n / 100n) * 100n;
    let r: SendResult;
    try {
      r = await onChain.send(
        [
          await ex.placeOrderIx(takerKp.publicKey, taker, 0, Side.Ask, far, 10n, {
            type: OrderType.PostOnly,
          }),
        ],
        [takerKp],
        200_000,
      );
    } finally {
      closeWebSocket(landing);
    }
    assert.equal(r.ok, false);
    assert.ok(r.signature, "it landed");
    assert.equal(r.error?.name, "PriceBandExceeded");
    assert.ok(r.cu > 0, "CU reported for the failed transaction");
    const tx = await c.getTransaction(r.signature!, {
      commitment: "confirmed",
      maxSupportedTransactionVersion: 0,
    });
    assert.deepEqual(tx?.meta?.err, { InstructionError: [1, { Custom: 6203 }] });
    await assertConserved("failed on chain");
  });

  it("rejects a crossing order whose maker is not passed (MakerAccountMissing)", async () => {
    const r = await chain.send(
      [await ex.placeOrderIx(takerKp.publicKey, taker, 0, Side.Bid, price + 500n, 100n, { makers: [] })],
      [takerKp],
    );
    assert.equal(r.ok, false);
    assert.equal(r.error?.name, "MakerAccountMissing");
  });

  it("cancels the maker's rest and sweeps fees to the insurance fund", async () => {
    const c = await step(
      "cancel_all_orders",
      chain.send([ex.cancelAllOrdersIx(makerKp.publicKey, maker, 0)], [makerKp]),
    );
    assert.deepEqual(names(c), ["OrderCancelled"]);
    assert.equal((await ex.book(0)).asks.length, 0);
    const s = await step("sweep_fees", chain.send([ex.sweepFeesIx(admin.publicKey)], [admin]));
    assert.deepEqual(names(s), ["InsuranceFlow"]);
    const st = await ex.refresh();
    assert.equal(st.feePoolNative, 0n);
  });

  it("event seq numbers are contiguous across all transactions and match getTransaction re-fetches", async () => {
    const st = await ex.refresh();
    const all: PerpEvent[] = log.flatMap((l) => l.r.events);
    // Two accounts were opened concurrently, so client-side order is not chain order: the property
    // is that the sequence has no gap or duplicate, and increases inside every transaction.
    for (const l of log) {
      const s = l.r.events.map((e) => e.data.seq as bigint);
      for (let i = 1; i < s.length; i++)
        assert.equal(s[i], s[i - 1] + 1n, `${l.what}: consecutive inside the transaction`);
    }
    const seqs = all.map((e) => e.data.seq as bigint).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    assert.deepEqual(
      seqs,
      Array.from({ length: seqs.length }, (_, i) => BigInt(i)),
      "0, 1, 2, … with no gap or duplicate",
    );
    assert.equal(st.eventSeq, BigInt(all.length), "Exchange.eventSeq = number of events emitted");
    for (const e of all)
      assert.ok(
        typeof e.data.slot === "bigint" && e.data.slot > 0n && e.data.unixTime > 0n,
        `${e.name} stamped`,
      );

    // Independently: re-fetch every signature and decode inner instructions again.
    for (const { what, r } of log) {
      const tx = await net().connection.getTransaction(r.signature!, {
        commitment: "confirmed",
        maxSupportedTransactionVersion: 0,
      });
      assert.ok(tx?.meta && !tx.meta.err, what);
      const keys = tx.transaction.message
        .getAccountKeys({ accountKeysFromLookups: tx.meta.loadedAddresses })
        .keySegments()
        .flat()
        .map((k) => k.toBase58());
      const evs = eventsFromRpcTransaction(
        keys,
        tx.meta.innerInstructions as RpcInnerInstructions[],
        PROGRAM_ID.toBase58(),
      );
      assert.deepEqual(
        evs.map((e) => e.data.seq),
        r.events.map((e) => e.data.seq),
        what,
      );
    }
  });

  it("Σ margin-account cash (getProgramAccounts) equals the Exchange total", async () => {
    const accts = await ex.allMarginAccounts();
    assert.equal(accts.length, 2);
    const st = await ex.refresh();
    assert.equal(
      accts.reduce((s, a) => s + a.state.cashNative, 0n),
      st.totalCashNative,
    );
    await assertConserved("final");
    console.log(
      `      CU: ${Object.entries(cu)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`,
    );
  });
});
