/** create_margin_account, deposit, withdraw: happy paths, oracle scoping, and bad input. */
import { strict as assert } from "node:assert";
import { Keypair } from "@solana/web3.js";
import { Venue } from "../harness/venue";
import { expectError, expectOk, withMeta, accountIndex, assertConserved } from "../harness/expect";
import { Side, marginAccountPda } from "@perp-margin/client";

describe("collateral: margin accounts, deposits, withdrawals", () => {
  let v: Venue;
  beforeEach(() => {
    v = new Venue();
    v.initExchange();
    v.createMarket(1_000_000n);
    v.createMarket(2_000_000n);
  });

  it("create_margin_account: PDA per owner and sub-account, once", () => {
    const t = v.createTrader(0n);
    const a = v.account(t);
    assert.ok(a.owner.equals(t.kp.publicKey));
    assert.equal(
      a.positions.every((p) => p.marketIndex === 0xffff),
      true,
    );
    const again = v.client.createMarginAccountIx(t.kp.publicKey, 0);
    expectError(v, [again.ix], [t.kp], "AlreadyInitialized", [t.account]);
    const other = v.client.createMarginAccountIx(t.kp.publicKey, 1);
    expectError(
      v,
      [
        withMeta(other.ix, accountIndex("margin_account", "create_margin_account"), {
          pubkey: marginAccountPda(v.exchange, t.kp.publicKey, 2),
        }),
      ],
      [t.kp],
      "WrongPda",
    );
    expectOk(v.send([other.ix], [t.kp]));
    assert.equal(v.exchangeState().marginAccountCount, 2n);
  });

  it("deposit credits cash, moves tokens, emits the split, keeps conservation", () => {
    const t = v.createTrader(0n);
    v.mintTo(t.token, 5_000_000n);
    const r = expectOk(v.deposit(t, 5_000_000n));
    console.log(`      deposit CU ${r.cu}`);
    assert.equal(v.account(t).cashNative, 5_000_000n);
    assert.equal(v.tokenBalance(v.vault), 5_000_000n);
    assert.equal(v.tokenBalance(t.token), 0n);
    const e = r.events[0];
    assert.equal(e.name, "Deposit");
    assert.equal(e.data.creditedNative, 5_000_000n);
    assert.equal(e.data.toDebtNative, 0n);
    assertConserved(v);
  });

  it("deposit rejects zero, wrong mint, wrong vault, someone else's account, and more than the balance", () => {
    const t = v.createTrader(1_000n);
    const watch = [t.account, v.exchange, v.vault, t.token];
    expectError(v, [v.depositIx(t, 0n)], [t.kp], "ZeroAmount", watch);
    const otherMint = v.createMint(6);
    const wrongToken = v.createTokenAccount(t.kp.publicKey, 100n, otherMint);
    expectError(
      v,
      [v.client.depositIx(t.kp.publicKey, t.account, wrongToken, 10n)],
      [t.kp],
      "WrongMint",
      watch,
    );
    const ix = v.depositIx(t, 10n);
    expectError(
      v,
      [withMeta(ix, accountIndex("vault", "deposit"), { pubkey: v.insuranceVault })],
      [t.kp],
      "WrongVault",
      watch,
    );
    const mallory = v.createTrader(1_000n);
    expectError(
      v,
      [v.client.depositIx(mallory.kp.publicKey, t.account, mallory.token, 10n)],
      [mallory.kp],
      "NotAccountOwner",
      watch,
    );
    expectError(v, [v.depositIx(t, 2_000n)], [t.kp], "InsufficientTokenBalance", watch);
    const foreign = v.createTokenAccount(mallory.kp.publicKey, 100n);
    expectError(
      v,
      [v.client.depositIx(t.kp.publicKey, t.account, foreign, 10n)],
      [t.kp],
      "TokenAccountOwnerMismatch",
      watch,
    );
    expectError(v, [withMeta(ix, 0, { isSigner: false })], [v.admin], "MissingSigner", watch);
    expectError(
      v,
      [withMeta(ix, accountIndex("margin_account", "deposit"), { isWritable: false })],
      [t.kp],
      "AccountNotWritable",
      watch,
    );
    expectError(
      v,
      [withMeta(ix, accountIndex("margin_account", "deposit"), { pubkey: v.exchange })],
      [t.kp],
      "WrongAccountType",
      watch,
    );
    expectError(
      v,
      [withMeta(ix, accountIndex("margin_account", "deposit"), { pubkey: t.token })],
      [t.kp],
      "WrongAccountOwner",
      watch,
    );
  });

  it("withdraw keeps equity ≥ initial margin and checks only the oracles of held markets", async () => {
    const a = v.createTrader(1_000_000_000n); // 1 000 USDC
    const b = v.createTrader(1_000_000_000n);
    expectOk(await v.order(a, 0, Side.Ask, 1_000_000n, 3_000n));
    expectOk(await v.order(b, 0, Side.Bid, 1_000_000n, 3_000n)); // b: long 3 000 lots (3 000 USDC), IM 300
    const watch = [b.account, v.exchange, v.vault, b.token];
    // equity ≈ 1 000 − fees; free ≈ 700 − fees
    expectError(v, [await v.withdrawIx(b, 701_000_000n)], [b.kp], "InsufficientCollateral", watch);
    const w = expectOk(await v.withdraw(b, 600_000_000n));
    console.log(`      withdraw CU ${w.cu}`);
    assert.equal(v.tokenBalance(b.token), 600_000_000n);
    assertConserved(v);
    // market 1's oracle goes stale: b holds only market 0, so it can still withdraw
    v.warp(30);
    v.setPrice(0, 1_000_000n);
    expectOk(await v.withdraw(b, 1_000_000n));
    // market 0's oracle stale → withdraw fails with OracleStale
    v.warp(30);
    expectError(v, [await v.withdrawIx(b, 1_000_000n)], [b.kp], "OracleStale", watch);
    v.setPrice(0, 1_000_000n, 50_000n); // confidence 5% > 2%
    expectError(v, [await v.withdrawIx(b, 1_000_000n)], [b.kp], "OracleConfidenceTooWide", watch);
    v.setPrice(0, 1_000_000n, 0n);
    // without the held market's accounts → MissingMarketAccounts
    const bare = await v.client.withdrawIx(b.kp.publicKey, b.account, b.token, 1_000_000n);
    const stripped = new (require("@solana/web3.js").TransactionInstruction)({
      programId: bare.programId,
      keys: bare.keys.slice(0, 9), // the fixed accounts, no (market, oracle) pairs
      data: bare.data,
    });
    expectError(v, [stripped], [b.kp], "MissingMarketAccounts", watch);
    expectError(v, [await v.withdrawIx(b, 0n)], [b.kp], "ZeroAmount", watch);
    expectError(v, [await v.withdrawIx(b, 1n << 63n)], [b.kp], "AmountTooLarge", watch);
  });

  it("withdraw of everything from a flat account, then nothing more", async () => {
    const t = v.createTrader(10_000n);
    expectOk(await v.withdraw(t, 10_000n));
    assert.equal(v.account(t).cashNative, 0n);
    expectError(v, [await v.withdrawIx(t, 1n)], [t.kp], "InsufficientCollateral", [t.account]);
    const stranger = Keypair.generate();
    v.svm.airdrop(stranger.publicKey, 1_000_000_000n);
    const ix = await v.client.withdrawIx(stranger.publicKey, t.account, t.token, 1n);
    expectError(v, [ix], [stranger], "NotAccountOwner", [t.account]);
  });
});
