/**
 * The main flows through Anchor's own client, `Program<PerpMargin>` (`perpMarginProgram`), on the SBF
 * program in LiteSVM: `program.methods.….accountsStrict(…).rpc()` for init exchange, price feed,
 * create market, margin accounts, deposit, orders, liquidation and ADL; `program.account.*.fetch`
 * for state; `program.coder.events` (through `programEvents`) for the self-CPI event batches. Each
 * instruction Anchor builds is also compared byte for byte with the SDK builder's (`PerpExchange`),
 * and remaining accounts (makers, candidates, their markets) come from that builder.
 *
 * Anchor.toml's `test` script: `anchor test --skip-local-validator --skip-deploy` runs this file.
 */
import { strict as assert } from "node:assert";
import { BN, ProgramError } from "@coral-xyz/anchor";
import { Keypair, PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import {
  type AnchorEvent,
  IDL,
  type MarketParamsState,
  PROGRAM_ID,
  Side,
  OrderType,
  AccountStatus,
  DEFAULT_MIN_BACKSTOP_CAPACITY_NATIVE,
  decodeEvents,
  decodeMarket,
  defaultMarketParams,
  eventAuthorityPda,
  marginAccountPda,
  marketPda,
  perpMarginProgram,
  priceFeedPda,
  programEvents,
} from "@perp-margin/client";
import { Venue } from "../harness/venue";
import { LiteSvmProvider } from "../harness/anchor-provider";

const P = 1_000_000n; // price: 1 USDC per lot, quote native
const USDC = 1_000_000n;

/** bigint → BN, recursively (Anchor's coder takes BN for 64-bit and wider integers). */
function toBn(v: unknown): unknown {
  if (typeof v === "bigint") return new BN(v.toString());
  if (Array.isArray(v)) return v.map(toBn);
  if (v && typeof v === "object" && !(v instanceof PublicKey)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toBn(x)]));
  }
  return v;
}
const bn = (x: bigint) => new BN(x.toString());
const big = (x: unknown) => BigInt((x as BN).toString());

/** Number of fixed (IDL) accounts of an instruction. */
const fixedAccounts = (name: string) => IDL.instructions.find((i) => i.name === name)!.accounts.length;

/** Anchor's instruction and the SDK's are the same bytes and the same account metas. */
function assertSameIx(anchorIx: TransactionInstruction, sdkIx: TransactionInstruction) {
  assert.ok(anchorIx.programId.equals(sdkIx.programId));
  assert.equal(anchorIx.data.toString("hex"), sdkIx.data.toString("hex"), "instruction data");
  const metas = (ix: TransactionInstruction) =>
    ix.keys.map((k) => `${k.pubkey.toBase58()}:${k.isSigner ? "s" : "-"}${k.isWritable ? "w" : "-"}`);
  assert.deepEqual(metas(anchorIx), metas(sdkIx), "account metas");
}

/** A venue whose transactions go through Anchor: LiteSVM + SPL mint from `Venue`, the rest `program.methods`. */
function anchorVenue() {
  const v = new Venue();
  const provider = new LiteSvmProvider(v.svm, v.admin);
  const program = perpMarginProgram(provider);
  const eventAuthority = eventAuthorityPda();
  const events = (sig: string): AnchorEvent[] =>
    provider.inner(sig, PROGRAM_ID).flatMap((d) => programEvents(program, d));
  return { v, provider, program, eventAuthority, events };
}
type AnchorVenue = ReturnType<typeof anchorVenue>;

async function initExchange(a: AnchorVenue) {
  const { v, program } = a;
  const m = program.methods
    .initializeExchange(v.exchangeId, 0, bn(100n), bn(DEFAULT_MIN_BACKSTOP_CAPACITY_NATIVE))
    .accountsStrict({
      admin: v.admin.publicKey,
      exchange: v.exchange,
      collateralMint: v.mint,
      vault: v.vault,
      insuranceVault: v.insuranceVault,
      backstopRegistry: v.registry,
      systemProgram: SystemProgram.programId,
      tokenProgram: TOKEN_PROGRAM_ID,
      eventAuthority: a.eventAuthority,
      program: PROGRAM_ID,
    });
  assertSameIx(
    await m.instruction(),
    v.client.initializeExchangeIx(v.admin.publicKey, v.mint, 0, 100n, DEFAULT_MIN_BACKSTOP_CAPACITY_NATIVE),
  );
  return m.rpc();
}

async function createMarket(a: AnchorVenue, feedId: number, params: MarketParamsState) {
  const { v, program } = a;
  const feedAuthority = Keypair.generate();
  v.svm.airdrop(feedAuthority.publicKey, 10_000_000_000n);
  const feed = priceFeedPda(v.exchange, feedId);
  const feedSig = await program.methods
    .createPriceFeed(feedId, feedAuthority.publicKey, bn(P), bn(0n))
    .accountsStrict({
      admin: v.admin.publicKey,
      exchange: v.exchange,
      priceFeed: feed,
      systemProgram: SystemProgram.programId,
      eventAuthority: a.eventAuthority,
      program: PROGRAM_ID,
    })
    .rpc();
  const index = v.markets.size;
  const bookKp = Keypair.generate();
  // The SDK's create_market: the admin creates the 73 KiB book first (larger than a CPI may create).
  const sdk = v.client.createMarketIx(v.admin.publicKey, index, feed, "SOL-PERP", params, {}, bookKp);
  const m = program.methods
    .createMarket(
      Array.from(Buffer.concat([Buffer.from("SOL-PERP"), Buffer.alloc(8)])),
      toBn(params) as never,
      0,
      9,
      Array.from(Buffer.alloc(32)),
    )
    .accountsStrict({
      admin: v.admin.publicKey,
      exchange: v.exchange,
      market: marketPda(v.exchange, index),
      orderBook: bookKp.publicKey,
      oracle: feed,
      systemProgram: SystemProgram.programId,
      eventAuthority: a.eventAuthority,
      program: PROGRAM_ID,
    })
    .preInstructions(sdk.ixs.slice(0, -1))
    .signers([bookKp]);
  assertSameIx(await m.instruction(), sdk.ixs[sdk.ixs.length - 1]);
  const sig = await m.rpc();
  const fixture = {
    marketIndex: index,
    market: sdk.market,
    oracle: feed,
    orderBook: sdk.orderBook,
    state: decodeMarket(v.raw(sdk.market)!),
    feed,
    feedAuthority,
  };
  v.markets.set(index, fixture);
  v.client.markets.set(index, fixture);
  v.known.push(sdk.market, sdk.orderBook, feed);
  return { sig, feedSig, fixture };
}

async function setPrice(a: AnchorVenue, index: number, price: bigint) {
  const m = a.v.markets.get(index)!;
  return a.program.methods
    .updatePrice(bn(price), bn(0n))
    .accountsStrict({
      authority: m.feedAuthority.publicKey,
      exchange: a.v.exchange,
      priceFeed: m.feed,
      eventAuthority: a.eventAuthority,
      program: PROGRAM_ID,
    })
    .signers([m.feedAuthority])
    .rpc();
}

/** A trader: margin account created and funded through `program.methods`. */
async function trader(a: AnchorVenue, depositNative: bigint) {
  const { v, program } = a;
  const kp = Keypair.generate();
  v.svm.airdrop(kp.publicKey, 10_000_000_000n);
  const account = marginAccountPda(v.exchange, kp.publicKey, 0);
  const token = v.createTokenAccount(kp.publicKey, depositNative);
  await program.methods
    .createMarginAccount(0)
    .accountsStrict({
      owner: kp.publicKey,
      exchange: v.exchange,
      marginAccount: account,
      systemProgram: SystemProgram.programId,
      eventAuthority: a.eventAuthority,
      program: PROGRAM_ID,
    })
    .signers([kp])
    .rpc();
  v.known.push(account);
  const t = { kp, account, token, subAccountId: 0 };
  let depositSig: string | undefined;
  if (depositNative > 0n) {
    const m = program.methods
      .deposit(bn(depositNative), bn(0n))
      .accountsStrict({
        owner: kp.publicKey,
        marginAccount: account,
        exchange: v.exchange,
        vault: v.vault,
        ownerToken: token,
        tokenProgram: TOKEN_PROGRAM_ID,
        eventAuthority: a.eventAuthority,
        program: PROGRAM_ID,
      })
      .signers([kp]);
    assertSameIx(await m.instruction(), v.depositIx(t, depositNative));
    depositSig = await m.rpc();
  }
  return { ...t, depositSig };
}
type AnchorTrader = Awaited<ReturnType<typeof trader>>;

/** place_order through Anchor; makers and their markets as remaining accounts from the SDK builder. */
async function order(a: AnchorVenue, t: AnchorTrader, side: Side, price: bigint, lots: bigint) {
  const { v, program } = a;
  const m = v.markets.get(0)!;
  const sdk = await v.orderIx(t, 0, side, price, lots);
  const call = program.methods
    .placeOrder(side, OrderType.Limit, 0, bn(price), bn(lots), bn(0n))
    .accountsStrict({
      owner: t.kp.publicKey,
      marginAccount: t.account,
      exchange: v.exchange,
      market: m.market,
      orderBook: m.orderBook,
      oracle: m.oracle,
      vault: v.vault,
      eventAuthority: a.eventAuthority,
      program: PROGRAM_ID,
    })
    .remainingAccounts(sdk.keys.slice(fixedAccounts("place_order")))
    .signers([t.kp]);
  assertSameIx(await call.instruction(), sdk);
  return call.rpc();
}

/** The data of the first event named `name` (Anchor's camelCase event name). */
const named = (events: AnchorEvent[], name: string) => {
  const e = events.find((x) => x.name === name);
  assert.ok(e, `expected a ${name} event, got ${events.map((x) => x.name).join(", ")}`);
  return e.data;
};

describe("Program<PerpMargin> (Anchor client) on the SBF program", () => {
  it("init exchange, create market, deposit, orders and a liquidation — via program.methods, read via program.account", async () => {
    const a = anchorVenue();
    const { v, program } = a;
    const initSig = await initExchange(a);
    const ex = await program.account.exchange.fetch(v.exchange);
    assert.ok(ex.admin.equals(v.admin.publicKey));
    assert.ok(ex.collateralMint.equals(v.mint));
    assert.ok(ex.vault.equals(v.vault));
    assert.equal(ex.exchangeId, v.exchangeId);
    assert.equal(ex.collateralDecimals, 6);
    assert.equal(big(ex.insuranceWithdrawDelaySlots), 100n);
    const init = named(a.events(initSig), "exchangeInitialized");
    assert.ok((init.admin as PublicKey).equals(v.admin.publicKey));
    assert.ok((init.vault as PublicKey).equals(v.vault));

    const params = defaultMarketParams({ liquidationBandBps: 300 });
    const { sig: marketSig, fixture } = await createMarket(a, 0, params);
    const market = await program.account.market.fetch(fixture.market);
    assert.ok(market.oracle.equals(fixture.feed));
    assert.ok(market.orderBook.equals(fixture.orderBook));
    assert.equal(market.marketIndex, 0);
    assert.equal(market.params.initialMarginBps, params.initialMarginBps);
    assert.equal(big(market.params.tickSize), params.tickSize);
    assert.equal(Buffer.from(market.name).toString("utf8").replace(/\0+$/, ""), "SOL-PERP");
    const created = named(a.events(marketSig), "marketCreated");
    assert.equal(created.initialMarginBps, params.initialMarginBps);
    const feed = await program.account.priceFeed.fetch(fixture.feed);
    assert.equal(big(feed.price), P);
    assert.ok(feed.authority.equals(fixture.feedAuthority.publicKey));
    const book = await program.account.orderBook.fetch(fixture.orderBook);
    assert.ok(book.market.equals(fixture.market));

    const long = await trader(a, 1_000n * USDC);
    const short = await trader(a, 100_000n * USDC);
    const maker = await trader(a, 100_000n * USDC);
    const keeper = await trader(a, 0n);
    const dep = named(a.events(long.depositSig!), "deposit");
    assert.equal(big(dep.amountNative), 1_000n * USDC);
    assert.equal(big(dep.creditedNative), 1_000n * USDC);
    assert.equal(big(dep.cashAfterNative), 1_000n * USDC);
    const acct = await program.account.marginAccount.fetch(long.account);
    assert.ok(acct.owner.equals(long.kp.publicKey));
    assert.equal(big(acct.cashNative), 1_000n * USDC);
    assert.equal(big(acct.totalDepositsNative), 1_000n * USDC);
    assert.equal(big((await program.account.exchange.fetch(v.exchange)).totalCashNative), 201_000n * USDC);

    // 9× long against a resting short; the fill is in the taker's batch.
    const restSig = await order(a, short, Side.Ask, P, 9_000n);
    assert.equal(big(named(a.events(restSig), "orderPlaced").restingLots), 9_000n);
    const takeSig = await order(a, long, Side.Bid, P, 9_000n);
    const takeEvents = a.events(takeSig);
    const fill = named(takeEvents, "fill");
    assert.equal(big(fill.lots), 9_000n);
    assert.equal(big(fill.price), P);
    assert.ok((fill.taker as PublicKey).equals(long.account));
    assert.ok((fill.maker as PublicKey).equals(short.account));
    // program.coder.events and the SDK's decodeEvents read the same batch.
    const sdkEvents = a.provider.inner(takeSig, PROGRAM_ID).flatMap((d) => decodeEvents(d));
    // (Anchor's client camelCases IDL names: `Fill` is `fill` there.)
    assert.deepEqual(
      sdkEvents.map((e) => e.name[0].toLowerCase() + e.name.slice(1)),
      takeEvents.map((e) => e.name),
    );
    assert.deepEqual(
      takeEvents.map((e) => e.name).filter((n) => n === "fill" || n === "orderPlaced"),
      ["fill", "orderPlaced"],
      "the fill, then the taker's order summary, in one batch",
    );
    const pos = (await program.account.marginAccount.fetch(long.account)).positions.find(
      (p) => p.marketIndex === 0,
    )!;
    assert.equal(big(pos.baseLots), 9_000n);

    // The market falls 7%: the long is liquidatable; a keeper closes a chunk into the maker's bid.
    await order(a, maker, Side.Bid, (P * 97n) / 100n, 5_000n);
    await setPrice(a, 0, (P * 93n) / 100n);
    const sdkLiq = await v.client.liquidateIx(keeper.kp.publicKey, keeper.account, long.account, 0);
    const liq = program.methods
      .liquidate(bn(0n))
      .accountsStrict({
        keeper: keeper.kp.publicKey,
        keeperAccount: keeper.account,
        liquidatee: long.account,
        exchange: v.exchange,
        market: fixture.market,
        orderBook: fixture.orderBook,
        oracle: fixture.oracle,
        vault: v.vault,
        insuranceVault: v.insuranceVault,
        tokenProgram: TOKEN_PROGRAM_ID,
        eventAuthority: a.eventAuthority,
        program: PROGRAM_ID,
      })
      .remainingAccounts(sdkLiq.keys.slice(fixedAccounts("liquidate")))
      .signers([keeper.kp]);
    assertSameIx(await liq.instruction(), sdkLiq);
    const liqSig = await liq.rpc();
    const l = named(a.events(liqSig), "liquidation");
    assert.equal(l.stage, 1);
    assert.equal(big(l.baseBeforeLots), 9_000n);
    assert.ok(big(l.closedLots) > 0n && big(l.closedLots) < 9_000n, "a chunk, not the whole position");
    assert.equal(l.statusAfter, AccountStatus.Healthy);
    const after = await program.account.marginAccount.fetch(long.account);
    assert.equal(big(after.positions.find((p) => p.marketIndex === 0)!.baseLots), 9_000n - big(l.closedLots));
    assert.equal(
      big((await program.account.marginAccount.fetch(keeper.account)).cashNative),
      big(l.keeperFeeNative),
    );
    assert.equal(after.liquidationCount, 1);
  });

  it("auto-deleverages a bankrupt long against the ranked short via program.methods.autoDeleverage", async () => {
    const a = anchorVenue();
    const { v, program } = a;
    await initExchange(a);
    const { fixture } = await createMarket(
      a,
      0,
      defaultMarketParams({ liquidationBandBps: 300, maxAdlCounterparties: 3 }),
    );
    const long = await trader(a, 1_000n * USDC);
    const hot = await trader(a, 2_000n * USDC); // high-leverage short: ranked first
    const cool = await trader(a, 50_000n * USDC);
    const keeper = await trader(a, 0n);
    await order(a, hot, Side.Ask, P, 4_000n);
    await order(a, cool, Side.Ask, P, 6_000n);
    await order(a, long, Side.Bid, P, 9_000n);
    await setPrice(a, 0, (P * 86n) / 100n); // −14%: the 9× long is under water, no backstop, no insurance

    const candidates = [hot.account, cool.account];
    const shortLots = async (k: PublicKey) => {
      const p = (await program.account.marginAccount.fetch(k)).positions.find((x) => x.marketIndex === 0);
      return p ? -big(p.baseLots) : 0n;
    };
    const shortBefore = await Promise.all(candidates.map((c) => shortLots(c)));
    assert.deepEqual(shortBefore, [4_000n, 5_000n], "hot filled 4,000, cool 5,000 (1,000 still resting)");
    const sdkAdl = await v.client.autoDeleverageIx(keeper.kp.publicKey, long.account, 0, candidates);
    const adl = program.methods
      .autoDeleverage(bn(0n))
      .accountsStrict({
        keeper: keeper.kp.publicKey,
        liquidatee: long.account,
        exchange: v.exchange,
        market: fixture.market,
        orderBook: fixture.orderBook,
        oracle: fixture.oracle,
        backstopRegistry: v.registry,
        vault: v.vault,
        eventAuthority: a.eventAuthority,
        program: PROGRAM_ID,
      })
      .remainingAccounts(sdkAdl.keys.slice(fixedAccounts("auto_deleverage")))
      .signers([keeper.kp]);
    assertSameIx(await adl.instruction(), sdkAdl);
    const sig = await adl.rpc();
    const e = named(a.events(sig), "autoDeleverage");
    assert.equal(big(e.baseBeforeLots), 9_000n);
    assert.equal(big(e.closedLots), 9_000n);
    assert.equal(big(e.oraclePrice), (P * 86n) / 100n);
    assert.ok(big(e.bankruptcyPrice) > big(e.oraclePrice), "a long closes at its (higher) bankruptcy price");
    const gone = (await program.account.marginAccount.fetch(long.account)).positions.find(
      (p) => p.marketIndex === 0 && big(p.baseLots) !== 0n,
    );
    assert.equal(gone, undefined, "the long's position is closed");
    const shortAfter = await Promise.all(candidates.map((c) => shortLots(c)));
    const taken = shortBefore.map((b, i) => b - shortAfter[i]);
    assert.equal(taken[0] + taken[1], 9_000n, "the shorts took the long's 9,000 lots");
    assert.equal(taken[0], shortBefore[0], "the top-ranked (most levered) short is closed first, entirely");
    assert.equal(big(e.fillCount), 2n);
  });

  it("surfaces a refused instruction as the program's IDL error (Anchor's translateError)", async () => {
    const a = anchorVenue();
    const { v, program } = a;
    await initExchange(a);
    const { fixture } = await createMarket(a, 0, defaultMarketParams());
    const healthy = await trader(a, 1_000n * USDC);
    const keeper = await trader(a, 0n);
    const call = program.methods
      .liquidate(bn(0n))
      .accountsStrict({
        keeper: keeper.kp.publicKey,
        keeperAccount: keeper.account,
        liquidatee: healthy.account,
        exchange: v.exchange,
        market: fixture.market,
        orderBook: fixture.orderBook,
        oracle: fixture.oracle,
        vault: v.vault,
        insuranceVault: v.insuranceVault,
        tokenProgram: TOKEN_PROGRAM_ID,
        eventAuthority: a.eventAuthority,
        program: PROGRAM_ID,
      })
      .signers([keeper.kp]);
    const expected = IDL.errors.find((e) => e.name === "NotLiquidatable")!;
    await assert.rejects(call.rpc(), (e: unknown) => {
      assert.ok(e instanceof ProgramError, `an Anchor ProgramError, got ${String(e)}`);
      assert.equal(e.code, expected.code);
      assert.equal(e.msg, expected.msg);
      return true;
    });
    assert.equal(await program.account.marginAccount.fetchNullable(Keypair.generate().publicKey), null);
  });
});
