/**
 * initialize_exchange, set_exchange_config, create_price_feed, update_price, create_market:
 * happy paths (accounts checked byte for byte against the IDL encoding) and bad input.
 */
import { strict as assert } from "node:assert";
import { Keypair, SystemProgram } from "@solana/web3.js";
import { Venue } from "../harness/venue";
import { expectError, expectOk, withMeta, withData, accountIndex } from "../harness/expect";
import {
  accountsCoder,
  exchangePda,
  priceFeedPda,
  DepositPolicy,
  type MarketParamsState,
  accountLayout,
  defaultMarketParams,
  PROGRAM_ID,
} from "@perp-margin/client";
import BN from "bn.js";

describe("exchange setup instructions", () => {
  it("initialize_exchange creates the exchange, both vaults and the registry; account bytes match the IDL encoding", () => {
    const v = new Venue();
    const r = v.initExchange({ depositPolicy: DepositPolicy.RepayDebtFirst, insuranceDelaySlots: 777n });
    console.log(`      CU ${r.cu}`);
    const raw = v.raw(v.exchange)!;
    const decoded = accountsCoder.decode("Exchange", raw);
    const expected = {
      ...decoded,
      admin: v.admin.publicKey,
      collateral_mint: v.mint,
      vault: v.vault,
      insurance_vault: v.insuranceVault,
      exchange_id: 0,
      deposit_policy: 1,
      paused: 0,
      collateral_decimals: 6,
      market_count: 0,
      total_cash_native: new BN(0),
      insurance_native: new BN(0),
      insurance_withdraw_delay_slots: new BN(777),
      event_seq: new BN(1),
    };
    const encoded = Buffer.alloc(raw.length);
    accountsCoder.accountDiscriminator("Exchange").copy(encoded, 0);
    accountLayout("Exchange").encode(expected, encoded, 8);
    assert.equal(raw.toString("hex"), encoded.toString("hex"));
    assert.equal(v.tokenBalance(v.vault), 0n);
    assert.equal(r.events[0].name, "ExchangeInitialized");
    assert.equal(r.events[0].data.seq, 0n);
    assert.equal(v.registryState().count, 0);
  });

  it("initialize_exchange rejects a second initialization, a wrong PDA, a non-mint, a missing signer, bad policy and malformed data", () => {
    const v = new Venue();
    v.initExchange();
    const ix = v.client.initializeExchangeIx(v.admin.publicKey, v.mint);
    expectError(v, [ix], [v.admin], "AlreadyInitialized", [v.exchange]);

    const v2 = new Venue();
    const good = v2.client.initializeExchangeIx(v2.admin.publicKey, v2.mint);
    expectError(
      v2,
      [withMeta(good, accountIndex("exchange", "initialize_exchange"), { pubkey: exchangePda(5) })],
      [v2.admin],
      "WrongPda",
    );
    expectError(
      v2,
      [
        withMeta(good, accountIndex("vault", "initialize_exchange"), {
          pubkey: Keypair.generate().publicKey,
        }),
      ],
      [v2.admin],
      "WrongPda",
    );
    expectError(
      v2,
      [withMeta(good, accountIndex("collateral_mint", "initialize_exchange"), { pubkey: v2.adminToken })],
      [v2.admin],
      "WrongMint",
    );
    const payer = Keypair.generate();
    v2.svm.airdrop(payer.publicKey, 1_000_000_000n);
    expectError(v2, [withMeta(good, 0, { isSigner: false })], [payer], "MissingSigner");
    const badPolicy = v2.client.initializeExchangeIx(v2.admin.publicKey, v2.mint, 9);
    expectError(v2, [badPolicy], [v2.admin], "InvalidDepositPolicy");
    expectError(
      v2,
      [withData(good, Buffer.concat([Buffer.from(good.data), Buffer.from([0])]))],
      [v2.admin],
      "InvalidInstructionData",
    );
    expectError(
      v2,
      [withData(good, Buffer.from(good.data).subarray(0, 10))],
      [v2.admin],
      "InvalidInstructionData",
    );
    expectOk(v2.send([good], [v2.admin]));
  });

  it("set_exchange_config: admin only, valid values only", () => {
    const v = new Venue();
    v.initExchange();
    const stranger = Keypair.generate();
    v.svm.airdrop(stranger.publicKey, 1_000_000_000n);
    expectError(v, [v.client.setConfigIx(stranger.publicKey, 1, 0)], [stranger], "NotAdmin", [v.exchange]);
    expectError(v, [v.client.setConfigIx(v.admin.publicKey, 2, 0)], [v.admin], "InvalidDepositPolicy", [
      v.exchange,
    ]);
    expectError(v, [v.client.setConfigIx(v.admin.publicKey, 0, 8)], [v.admin], "InvalidConfig", [v.exchange]);
    const r = expectOk(v.send([v.client.setConfigIx(v.admin.publicKey, 1, 4)], [v.admin]));
    assert.equal(r.events[0].name, "ConfigChanged");
    assert.equal(v.exchangeState().depositPolicy, 1);
    assert.equal(v.exchangeState().paused, 4);
  });

  it("price feeds: created by the admin, published only by their authority, with a valid price", () => {
    const v = new Venue();
    v.initExchange();
    const { feed, authority } = v.createFeed(123n, 1n);
    const f = v.client;
    const stranger = Keypair.generate();
    v.svm.airdrop(stranger.publicKey, 1_000_000_000n);
    expectError(v, [f.updatePriceIx(stranger.publicKey, feed, 5n)], [stranger], "NotOracleAuthority", [feed]);
    expectError(v, [f.updatePriceIx(authority.publicKey, feed, 0n)], [authority], "InvalidPrice", [feed]);
    expectError(v, [f.updatePriceIx(authority.publicKey, feed, 1n << 41n)], [authority], "InvalidPrice", [
      feed,
    ]);
    v.warp(10);
    const r = expectOk(v.send([f.updatePriceIx(authority.publicKey, feed, 456n, 2n)], [authority]));
    assert.equal(r.events[0].name, "PriceUpdated");
    const st = require("@perp-margin/client").decodePriceFeed(v.raw(feed)!);
    assert.equal(st.price, 456n);
    assert.equal(st.publishSlot, v.slot());
    const other = f.createPriceFeedIx(stranger.publicKey, 9, stranger.publicKey, 5n);
    expectError(v, [other.ix], [stranger], "NotAdmin");
    const wrongPda = f.createPriceFeedIx(v.admin.publicKey, 9, stranger.publicKey, 5n);
    expectError(
      v,
      [
        withMeta(wrongPda.ix, accountIndex("price_feed", "create_price_feed"), {
          pubkey: priceFeedPda(v.exchange, 10),
        }),
      ],
      [v.admin],
      "WrongPda",
    );
  });

  it("create_market: admin, valid parameters, its own oracle, the next index, a fresh book", () => {
    const v = new Venue();
    v.initExchange();
    const { feed } = v.createFeed(1_000n);
    const c = v.client;
    /** Sends a create_market transaction (its book account created in it) expecting `error`. */
    const refused = (m: ReturnType<typeof c.createMarketIx>, error: string, signer: Keypair = v.admin) =>
      expectError(v, m.ixs, [signer, ...m.signers], error, [v.exchange]);
    const stranger = Keypair.generate();
    v.svm.airdrop(stranger.publicKey, 1_000_000_000n);
    refused(c.createMarketIx(stranger.publicKey, 0, feed, "X", defaultMarketParams()), "NotAdmin", stranger);
    // Each bad set is refused with the error naming the relation it breaks.
    const bads: [Partial<MarketParamsState>, string][] = [
      [{ maintenanceMarginBps: 1000 }, "MarginFractionsInvalid"], // not below initial
      [{ tickSize: 0n }, "InvalidConfig"],
      [{ liquidationFeeBps: 600 }, "LiquidationCostNotBelowMaintenance"], // above maintenance
      [{ liquidationBandBps: 400 }, "LiquidationCostNotBelowMaintenance"], // 4% band + 1% fee = maintenance
      [{ priceBandBps: 1001 }, "PriceBandExceedsInitialMargin"],
      [{ priceBandBps: 200 }, "LiquidationBandExceedsPriceBand"], // below the 3% liquidation band
      [{ maxAdlCounterparties: 9 }, "InvalidConfig"],
      [{ fundingPeriodSlots: 0n }, "FundingParamsOutOfRange"],
    ];
    for (const [bad, error] of bads)
      refused(c.createMarketIx(v.admin.publicKey, 0, feed, "X", defaultMarketParams(bad)), error);
    refused(
      c.createMarketIx(v.admin.publicKey, 0, v.adminToken, "X", defaultMarketParams()),
      "InvalidOracle",
    );
    refused(c.createMarketIx(v.admin.publicKey, 1, feed, "X", defaultMarketParams()), "WrongPda");
    // The book must be a fresh, zeroed account of the right size owned by the program.
    const good = c.createMarketIx(v.admin.publicKey, 0, feed, "SOL-PERP", defaultMarketParams());
    const small = Keypair.generate();
    const smallBook = SystemProgram.createAccount({
      fromPubkey: v.admin.publicKey,
      newAccountPubkey: small.publicKey,
      lamports: 1_000_000_000,
      space: 10_240,
      programId: PROGRAM_ID,
    });
    const withSmall = withMeta(good.ixs[1], accountIndex("order_book", "create_market"), {
      pubkey: small.publicKey,
    });
    expectError(v, [smallBook, withSmall], [v.admin, small], "WrongAccountSize", [v.exchange]);
    const r = expectOk(v.send(good.ixs, [v.admin, ...good.signers]));
    console.log(`      create_market CU ${r.cu}`);
    assert.equal(v.exchangeState().marketCount, 1);
    const m = require("@perp-margin/client").decodeMarket(v.raw(good.market)!);
    assert.equal(m.params.initialMarginBps, 1000);
    assert.ok(m.oracle.equals(feed));
    assert.ok(m.orderBook.equals(good.orderBook));
    assert.equal(v.raw(good.orderBook)!.length, 73_784);
    // Index 0 is taken: the next market is 1. And the book of market 0 cannot be reused for it.
    const next = c.createMarketIx(v.admin.publicKey, 1, feed, "ETH-PERP", defaultMarketParams());
    const reuse = withMeta(next.ixs[1], accountIndex("order_book", "create_market"), {
      pubkey: good.orderBook,
    });
    expectError(v, [reuse], [v.admin], "AlreadyInitialized", [v.exchange, good.orderBook]);
  });
});
