/**
 * `Program<PerpMargin>` over JSON-RPC, run by `anchor test --validator legacy --script rpc`
 * (scripts/anchor-test.sh): anchor starts solana-test-validator with `--bpf-program <id>
 * target/deploy/perp_margin.so` and hands this suite ANCHOR_PROVIDER_URL and ANCHOR_WALLET (the
 * genesis mint). Named `*.anchor.ts`, not `*.test.ts`: it needs that validator, so `npm test` (which
 * starts its own validators, tests/e2e) does not pick it up.
 *
 * An exchange, a market, two funded traders and a crossing trade, every program instruction sent by
 * `program.methods.….rpc()` through Anchor's own `AnchorProvider`; state read with
 * `program.account.*.fetch`; events decoded from the confirmed transactions' inner instructions.
 */
import { strict as assert } from "node:assert";
import { AnchorProvider, BN, utils, type Wallet } from "@coral-xyz/anchor";
import { Keypair, LAMPORTS_PER_SOL, SystemProgram, type PublicKey } from "@solana/web3.js";
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import {
  IDL,
  PROGRAM_ID,
  PerpExchange,
  RpcChain,
  Side,
  OrderType,
  type AnchorEvent,
  decodeMarket,
  fetchTransaction,
  defaultMarketParams,
  eventAuthorityPda,
  marketPda,
  perpMarginProgram,
  priceFeedPda,
  programEvents,
} from "@perp-margin/client";
import { createCollateralMint, fundSol, fundTokenAccounts } from "@perp-margin/client/src/demo/mint";

const P = 1_000_000n;
const bn = (x: bigint) => new BN(x.toString());
const big = (x: BN) => BigInt(x.toString());
const fixed = (name: string) => IDL.instructions.find((i) => i.name === name)!.accounts.length;

describe("Program<PerpMargin> over JSON-RPC (anchor test --validator legacy)", function () {
  this.timeout(180_000);
  assert.ok(process.env.ANCHOR_PROVIDER_URL, "run through `anchor test` (ANCHOR_PROVIDER_URL unset)");
  // ANCHOR_PROVIDER_URL / ANCHOR_WALLET, confirming at `confirmed` (env()'s default is `processed`,
  // which getTransaction does not serve).
  const env = AnchorProvider.env();
  const provider = new AnchorProvider(env.connection, env.wallet, {
    commitment: "confirmed",
    preflightCommitment: "confirmed",
  });
  const program = perpMarginProgram(provider);
  const connection = provider.connection;
  const payer = (provider.wallet as Wallet).payer;
  const ex = new PerpExchange(new RpcChain(connection), 0);
  const eventAuthority = eventAuthorityPda();

  async function events(sig: string): Promise<AnchorEvent[]> {
    const tx = await fetchTransaction(connection, sig);
    assert.ok(tx?.meta, `transaction ${sig} not found`);
    const keys = tx.transaction.message.getAccountKeys({ accountKeysFromLookups: tx.meta.loadedAddresses });
    const out: AnchorEvent[] = [];
    for (const group of tx.meta.innerInstructions ?? [])
      for (const ix of group.instructions)
        if (keys.get(ix.programIdIndex)?.equals(PROGRAM_ID))
          out.push(...programEvents(program, utils.bytes.bs58.decode(ix.data)));
    return out;
  }
  const named = (evs: AnchorEvent[], name: string) => {
    const e = evs.find((x) => x.name === name);
    assert.ok(e, `expected ${name}, got ${evs.map((x) => x.name).join(", ")}`);
    return e.data;
  };

  it("the program is deployed at its id by anchor (genesis --bpf-program)", async () => {
    const info = await connection.getAccountInfo(PROGRAM_ID);
    assert.ok(info?.executable, "perp-margin is not an executable account on this validator");
  });

  it("init exchange, market, deposits and a crossing trade via program.methods", async () => {
    const mint = await createCollateralMint(connection, payer, payer.publicKey);
    await program.methods
      .initializeExchange(0, 0, bn(100n), bn(100_000_000n))
      .accountsStrict({
        admin: payer.publicKey,
        exchange: ex.exchange,
        collateralMint: mint,
        vault: ex.vault,
        insuranceVault: ex.insuranceVault,
        backstopRegistry: ex.registry,
        systemProgram: SystemProgram.programId,
        tokenProgram: TOKEN_PROGRAM_ID,
        eventAuthority,
        program: PROGRAM_ID,
      })
      .rpc();
    const exchange = await program.account.exchange.fetch(ex.exchange);
    assert.ok(exchange.admin.equals(payer.publicKey));
    assert.ok(exchange.collateralMint.equals(mint));

    const feedAuthority = Keypair.generate();
    const feed = priceFeedPda(ex.exchange, 0);
    await program.methods
      .createPriceFeed(0, feedAuthority.publicKey, bn(P), bn(0n))
      .accountsStrict({
        admin: payer.publicKey,
        exchange: ex.exchange,
        priceFeed: feed,
        systemProgram: SystemProgram.programId,
        eventAuthority,
        program: PROGRAM_ID,
      })
      .rpc();
    const params = defaultMarketParams();
    const bookKp = Keypair.generate();
    const sdk = ex.createMarketIx(payer.publicKey, 0, feed, "SOL-PERP", params, {}, bookKp);
    const toBn = (o: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === "bigint" ? bn(v) : v]));
    const marketSig = await program.methods
      .createMarket(
        Array.from(Buffer.concat([Buffer.from("SOL-PERP"), Buffer.alloc(8)])),
        toBn(params as unknown as Record<string, unknown>) as never,
        0,
        9,
        Array.from(Buffer.alloc(32)),
      )
      .accountsStrict({
        admin: payer.publicKey,
        exchange: ex.exchange,
        market: marketPda(ex.exchange, 0),
        orderBook: bookKp.publicKey,
        oracle: feed,
        systemProgram: SystemProgram.programId,
        eventAuthority,
        program: PROGRAM_ID,
      })
      .preInstructions(sdk.ixs.slice(0, -1))
      .signers([bookKp])
      .rpc();
    assert.equal(named(await events(marketSig), "marketCreated").marketIndex, 0);
    const raw = await connection.getAccountInfo(sdk.market);
    ex.markets.set(0, {
      marketIndex: 0,
      market: sdk.market,
      oracle: feed,
      orderBook: sdk.orderBook,
      state: decodeMarket(raw!.data),
    });

    const [maker, taker] = [Keypair.generate(), Keypair.generate()];
    await fundSol(connection, payer, [maker.publicKey, taker.publicKey], LAMPORTS_PER_SOL);
    const [makerToken, takerToken] = await fundTokenAccounts(connection, payer, mint, payer, [
      { owner: maker.publicKey, amount: 10_000_000_000n },
      { owner: taker.publicKey, amount: 10_000_000_000n },
    ]);
    const accounts: PublicKey[] = [];
    for (const [kp, token] of [
      [maker, makerToken],
      [taker, takerToken],
    ] as const) {
      const account = ex.marginPda(kp.publicKey, 0);
      accounts.push(account);
      await program.methods
        .createMarginAccount(0)
        .accountsStrict({
          owner: kp.publicKey,
          exchange: ex.exchange,
          marginAccount: account,
          systemProgram: SystemProgram.programId,
          eventAuthority,
          program: PROGRAM_ID,
        })
        .signers([kp])
        .rpc();
      const sig = await program.methods
        .deposit(bn(10_000_000_000n), bn(0n))
        .accountsStrict({
          owner: kp.publicKey,
          marginAccount: account,
          exchange: ex.exchange,
          vault: ex.vault,
          ownerToken: token,
          tokenProgram: TOKEN_PROGRAM_ID,
          eventAuthority,
          program: PROGRAM_ID,
        })
        .signers([kp])
        .rpc();
      assert.equal(big(named(await events(sig), "deposit").creditedNative as BN), 10_000_000_000n);
    }
    const [makerAccount, takerAccount] = accounts;

    const place = async (kp: Keypair, account: PublicKey, side: Side, lots: bigint) => {
      const sdkIx = await ex.placeOrderIx(kp.publicKey, account, 0, side, P, lots);
      return program.methods
        .placeOrder(side, OrderType.Limit, 0, bn(P), bn(lots), bn(0n))
        .accountsStrict({
          owner: kp.publicKey,
          marginAccount: account,
          exchange: ex.exchange,
          market: sdk.market,
          orderBook: sdk.orderBook,
          oracle: feed,
          vault: ex.vault,
          eventAuthority,
          program: PROGRAM_ID,
        })
        .remainingAccounts(sdkIx.keys.slice(fixed("place_order")))
        .signers([kp])
        .rpc();
    };
    await place(maker, makerAccount, Side.Ask, 500n);
    const fill = named(await events(await place(taker, takerAccount, Side.Bid, 500n)), "fill");
    assert.equal(big(fill.lots as BN), 500n);
    assert.ok((fill.maker as PublicKey).equals(makerAccount));
    const t = await program.account.marginAccount.fetch(takerAccount);
    assert.equal(big(t.positions.find((p) => p.marketIndex === 0)!.baseLots), 500n);
    const m = await program.account.marginAccount.fetch(makerAccount);
    assert.equal(big(m.positions.find((p) => p.marketIndex === 0)!.baseLots), -500n);
    assert.equal(big((await program.account.market.fetch(sdk.market)).fillCount), 1n);
  });
});
