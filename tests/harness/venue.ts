/**
 * A test venue on LiteSVM: the SBF program loaded from target/deploy, an SPL collateral mint, and
 * builders for exchanges, price feeds, markets and traders. Every transaction goes through
 * `send`, which returns compute units, logs, decoded events and the program error, so tests can
 * assert both outcomes and costs.
 */
import { LiteSVM, FailedTransactionMetadata, type TransactionMetadata, Clock } from "litesvm";
import {
  ComputeBudgetProgram,
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  type TransactionInstruction,
} from "@solana/web3.js";
import {
  MINT_SIZE,
  ACCOUNT_SIZE,
  createInitializeMint2Instruction,
  createInitializeAccount3Instruction,
  createMintToInstruction,
  TOKEN_PROGRAM_ID,
} from "@solana/spl-token";
import * as path from "node:path";
import * as fs from "node:fs";
import {
  PROGRAM_ID,
  buildIx,
  decodeEvents,
  errorByCode,
  type ProgramErrorInfo,
  type PerpEvent,
  exchangePda,
  vaultPda,
  insuranceVaultPda,
  backstopRegistryPda,
  marginAccountPda,
  priceFeedPda,
  decodeExchange,
  decodeMarket,
  decodeMarginAccount,
  decodeOrderBook,
  decodePriceFeed,
  decodeBackstopRegistry,
  type Side,
  type MarketParamsState,
  type ExchangeState,
  type MarginAccountState,
  type MarketInfo,
  type OrderOptions,
  PerpExchange,
  type Chain,
  type SendResult,
  type AccountName,
  accountKind,
  defaultMarketParams,
  DEFAULT_MIN_BACKSTOP_CAPACITY_NATIVE,
} from "@perp-margin/client";

export const SO_PATH = path.resolve(__dirname, "../../target/deploy/perp_margin.so");

export interface TxResult {
  ok: boolean;
  cu: number;
  logs: string[];
  events: PerpEvent[];
  error?: ProgramErrorInfo;
  /** Raw transaction error text when it is not a program error. */
  rawError?: string;
}

export interface Trader {
  kp: Keypair;
  account: PublicKey;
  token: PublicKey;
  subAccountId: number;
}

export interface MarketFixture extends MarketInfo {
  feed: PublicKey;
  feedAuthority: Keypair;
}

export class Venue {
  readonly svm: LiteSVM;
  readonly admin = Keypair.generate();
  readonly mintAuthority = Keypair.generate();
  readonly mint: PublicKey;
  readonly exchangeId: number;
  readonly exchange: PublicKey;
  readonly vault: PublicKey;
  readonly insuranceVault: PublicKey;
  readonly registry: PublicKey;
  readonly markets = new Map<number, MarketFixture>();
  readonly adminToken: PublicKey;
  private nextFeedId = 0;
  /** Every successful transaction's events, in order. */
  readonly eventLog: PerpEvent[] = [];
  /** Program accounts created through this venue (LiteSVM 0.8 has no getProgramAccounts). */
  readonly known: PublicKey[] = [];
  /** The SDK over this LiteSVM instance. */
  readonly client: PerpExchange;

  constructor(opts: { exchangeId?: number; svm?: LiteSVM } = {}) {
    if (!fs.existsSync(SO_PATH)) throw new Error(`${SO_PATH} missing: run npm run build:program`);
    this.svm = opts.svm ?? new LiteSVM();
    this.svm.addProgramFromFile(PROGRAM_ID, SO_PATH);
    this.svm.airdrop(this.admin.publicKey, 1_000_000_000_000n);
    this.exchangeId = opts.exchangeId ?? 0;
    this.exchange = exchangePda(this.exchangeId);
    this.vault = vaultPda(this.exchange);
    this.insuranceVault = insuranceVaultPda(this.exchange);
    this.registry = backstopRegistryPda(this.exchange);
    this.mint = this.createMint(6);
    this.adminToken = this.createTokenAccount(this.admin.publicKey, 0n);
    this.client = new PerpExchange(new LiteSvmChain(this), this.exchangeId);
    this.known.push(this.exchange, this.registry);
  }

  // ---------------------------------------------------------------- transactions

  /** Surplus the vaults should hold: plain transfers made by tests, minus what `sweep_surplus` moved. */
  readonly surplusExpected = { vault: 0n, insurance: 0n };

  /** Records a plain SPL transfer a test made into `vault` (see `conservation`). */
  expectDonation(vault: PublicKey, amount: bigint) {
    if (vault.equals(this.vault)) this.surplusExpected.vault += amount;
    else if (vault.equals(this.insuranceVault)) this.surplusExpected.insurance += amount;
  }

  /** Runs the transaction without committing it: does the program accept it right now? */
  simulate(ixs: TransactionInstruction[], signers: Keypair[], cuLimit = 1_400_000): { ok: boolean } {
    const tx = new Transaction();
    tx.add(ComputeBudgetProgram.setComputeUnitLimit({ units: cuLimit }));
    tx.add(...ixs);
    tx.recentBlockhash = this.svm.latestBlockhash();
    tx.feePayer = signers[0].publicKey;
    tx.sign(...signers);
    return { ok: !(this.svm.simulateTransaction(tx) instanceof FailedTransactionMetadata) };
  }

  send(ixs: TransactionInstruction[], signers: Keypair[], cuLimit = 1_400_000): TxResult {
    const tx = new Transaction();
    tx.add(ComputeBudgetProgram.setComputeUnitLimit({ units: cuLimit }));
    tx.add(...ixs);
    tx.recentBlockhash = this.svm.latestBlockhash();
    tx.feePayer = signers[0].publicKey;
    tx.sign(...signers);
    const keys = tx.compileMessage().accountKeys;
    const r = this.svm.sendTransaction(tx);
    this.svm.expireBlockhash();
    if (r instanceof FailedTransactionMetadata) {
      const meta = r.meta();
      const errText = r.err().toString();
      const m = /code: (\d+)/.exec(errText);
      return {
        ok: false,
        cu: Number(meta.computeUnitsConsumed()),
        logs: meta.logs(),
        events: [],
        error: m ? errorByCode(Number(m[1])) : undefined,
        rawError: errText,
      };
    }
    const meta = r as TransactionMetadata;
    const events: PerpEvent[] = [];
    for (const group of meta.innerInstructions()) {
      for (const inner of group) {
        const ci = inner.instruction();
        if (!keys[ci.programIdIndex()].equals(PROGRAM_ID)) continue;
        events.push(...decodeEvents(Buffer.from(ci.data())));
      }
    }
    this.eventLog.push(...events);
    for (const e of events) {
      if (e.name !== "SurplusSwept") continue;
      this.surplusExpected.vault -= e.data.vaultSurplusNative;
      this.surplusExpected.insurance -= e.data.insuranceSurplusNative;
    }
    return { ok: true, cu: Number(meta.computeUnitsConsumed()), logs: meta.logs(), events };
  }

  /** Sends and throws unless it succeeded. */
  ok(ixs: TransactionInstruction[], signers: Keypair[], cuLimit?: number): TxResult {
    const r = this.send(ixs, signers, cuLimit);
    if (!r.ok) {
      throw new Error(`transaction failed: ${r.error ? r.error.name : r.rawError}\n${r.logs.join("\n")}`);
    }
    return r;
  }

  // ---------------------------------------------------------------- clock

  slot(): bigint {
    return this.svm.getClock().slot;
  }

  warp(slots: number) {
    const c = this.svm.getClock();
    this.svm.setClock(
      new Clock(
        c.slot + BigInt(slots),
        c.epochStartTimestamp,
        c.epoch,
        c.leaderScheduleEpoch,
        c.unixTimestamp + BigInt(Math.ceil(slots * 0.4)),
      ),
    );
  }

  // ---------------------------------------------------------------- tokens

  createMint(decimals: number): PublicKey {
    const mint = Keypair.generate();
    const lamports = Number(this.svm.minimumBalanceForRentExemption(BigInt(MINT_SIZE)));
    this.ok(
      [
        SystemProgram.createAccount({
          fromPubkey: this.admin.publicKey,
          newAccountPubkey: mint.publicKey,
          lamports,
          space: MINT_SIZE,
          programId: TOKEN_PROGRAM_ID,
        }),
        createInitializeMint2Instruction(mint.publicKey, decimals, this.mintAuthority.publicKey, null),
      ],
      [this.admin, mint],
    );
    return mint.publicKey;
  }

  createTokenAccount(owner: PublicKey, amount: bigint, mint = this.mint): PublicKey {
    const acct = Keypair.generate();
    const lamports = Number(this.svm.minimumBalanceForRentExemption(BigInt(ACCOUNT_SIZE)));
    const ixs = [
      SystemProgram.createAccount({
        fromPubkey: this.admin.publicKey,
        newAccountPubkey: acct.publicKey,
        lamports,
        space: ACCOUNT_SIZE,
        programId: TOKEN_PROGRAM_ID,
      }),
      createInitializeAccount3Instruction(acct.publicKey, mint, owner),
    ];
    const signers = [this.admin, acct];
    if (amount > 0n) {
      ixs.push(createMintToInstruction(mint, acct.publicKey, this.mintAuthority.publicKey, amount));
      signers.push(this.mintAuthority);
    }
    this.ok(ixs, signers);
    return acct.publicKey;
  }

  mintTo(token: PublicKey, amount: bigint) {
    this.ok(
      [createMintToInstruction(this.mint, token, this.mintAuthority.publicKey, amount)],
      [this.admin, this.mintAuthority],
    );
  }

  tokenBalance(token: PublicKey): bigint {
    const a = this.svm.getAccount(token);
    if (!a) return 0n;
    return Buffer.from(a.data).readBigUInt64LE(64);
  }

  // ---------------------------------------------------------------- state

  raw(key: PublicKey): Buffer | null {
    const a = this.svm.getAccount(key);
    return a ? Buffer.from(a.data) : null;
  }
  exchangeState(): ExchangeState {
    return decodeExchange(this.raw(this.exchange)!);
  }
  marketState(index: number) {
    return decodeMarket(this.raw(this.markets.get(index)!.market)!);
  }
  bookState(index: number) {
    return decodeOrderBook(this.raw(this.markets.get(index)!.orderBook)!);
  }
  account(t: Trader | PublicKey): MarginAccountState {
    return decodeMarginAccount(this.raw(t instanceof PublicKey ? t : t.account)!);
  }
  feedState(index: number) {
    return decodePriceFeed(this.raw(this.markets.get(index)!.feed)!);
  }
  registryState() {
    return decodeBackstopRegistry(this.raw(this.registry)!);
  }

  /**
   * The exact solvency rule: `vault + bad debt == Σcash − Σdeficit + fees + pending + surplus` and
   * `insurance vault == fund + insurance surplus`, where the surplus is exactly what tests donated
   * by plain transfer and `sweep_surplus` has not moved yet.
   */
  conservation() {
    const ex = this.exchangeState();
    const vault = this.tokenBalance(this.vault);
    const required =
      ex.totalCashNative -
      ex.totalDeficitNative +
      ex.feePoolNative +
      ex.pendingSettlementNative -
      ex.badDebtNative;
    const insuranceVault = this.tokenBalance(this.insuranceVault);
    const { vault: expectedVaultSurplus, insurance: expectedInsuranceSurplus } = this.surplusExpected;
    return {
      vault,
      required,
      insuranceVault,
      insurance: ex.insuranceNative,
      expectedVaultSurplus,
      expectedInsuranceSurplus,
      holds:
        vault - required === expectedVaultSurplus &&
        insuranceVault - ex.insuranceNative === expectedInsuranceSurplus,
    };
  }

  // ---------------------------------------------------------------- setup builders

  initExchange(
    opts: {
      depositPolicy?: number;
      insuranceDelaySlots?: bigint;
      insurance?: bigint;
      /** Minimum backstop capacity, native (default 100 USDC). */
      minBackstopCapacity?: bigint;
    } = {},
  ): TxResult {
    const r = this.ok(
      [
        buildIx(
          "initialize_exchange",
          {
            admin: this.admin.publicKey,
            exchange: this.exchange,
            collateralMint: this.mint,
            vault: this.vault,
            insuranceVault: this.insuranceVault,
            backstopRegistry: this.registry,
          },
          {
            exchangeId: this.exchangeId,
            depositPolicy: opts.depositPolicy ?? 0,
            insuranceWithdrawDelaySlots: opts.insuranceDelaySlots ?? 100n,
            minBackstopCapacityNative: opts.minBackstopCapacity ?? DEFAULT_MIN_BACKSTOP_CAPACITY_NATIVE,
          },
        ),
      ],
      [this.admin],
    );
    if (opts.insurance && opts.insurance > 0n) this.fundInsurance(opts.insurance);
    return r;
  }

  fundInsurance(amount: bigint): TxResult {
    this.mintTo(this.adminToken, amount);
    return this.ok(
      [
        buildIx(
          "deposit_insurance",
          {
            funder: this.admin.publicKey,
            exchange: this.exchange,
            insuranceVault: this.insuranceVault,
            funderToken: this.adminToken,
          },
          { amount },
        ),
      ],
      [this.admin],
    );
  }

  createFeed(
    price: bigint,
    confidence = 0n,
    authority = Keypair.generate(),
  ): { feed: PublicKey; authority: Keypair } {
    const feedId = this.nextFeedId++;
    const feed = priceFeedPda(this.exchange, feedId);
    this.ok(
      [
        buildIx(
          "create_price_feed",
          { admin: this.admin.publicKey, exchange: this.exchange, priceFeed: feed },
          { feedId, authority: authority.publicKey, price, confidence },
        ),
      ],
      [this.admin],
    );
    this.svm.airdrop(authority.publicKey, 10_000_000_000n);
    return { feed, authority };
  }

  setPrice(marketIndex: number, price: bigint, confidence = 0n): TxResult {
    const m = this.markets.get(marketIndex)!;
    return this.ok(
      [
        buildIx(
          "update_price",
          { authority: m.feedAuthority.publicKey, exchange: this.exchange, priceFeed: m.feed },
          { price, confidence },
        ),
      ],
      [m.feedAuthority],
    );
  }

  createMarket(
    price: bigint,
    params: MarketParamsState = defaultMarketParams(),
    name = "TEST-PERP",
  ): MarketFixture {
    const index = this.markets.size;
    const { feed, authority } = this.createFeed(price);
    const { ixs, signers, market, orderBook } = this.client.createMarketIx(
      this.admin.publicKey,
      index,
      feed,
      name,
      params,
    );
    this.ok(ixs, [this.admin, ...signers]);
    const state = decodeMarket(this.raw(market)!);
    const f: MarketFixture = {
      marketIndex: index,
      market,
      oracle: feed,
      orderBook,
      state,
      feed,
      feedAuthority: authority,
    };
    this.markets.set(index, f);
    this.client.markets.set(index, f);
    this.known.push(market, orderBook, feed);
    return f;
  }

  createTrader(deposit: bigint, subAccountId = 0, kp = Keypair.generate()): Trader {
    this.svm.airdrop(kp.publicKey, 10_000_000_000n);
    const account = marginAccountPda(this.exchange, kp.publicKey, subAccountId);
    const token = this.createTokenAccount(kp.publicKey, deposit);
    this.ok(
      [
        buildIx(
          "create_margin_account",
          { owner: kp.publicKey, exchange: this.exchange, marginAccount: account },
          { subAccountId },
        ),
      ],
      [kp],
    );
    const t = { kp, account, token, subAccountId };
    this.known.push(account);
    if (deposit > 0n) this.deposit(t, deposit);
    return t;
  }

  depositIx(t: Trader, amount: bigint, maxDebtRepayment = 0n) {
    return buildIx(
      "deposit",
      {
        owner: t.kp.publicKey,
        marginAccount: t.account,
        exchange: this.exchange,
        vault: this.vault,
        ownerToken: t.token,
      },
      { amount, maxDebtRepayment },
    );
  }

  deposit(t: Trader, amount: bigint, maxDebtRepayment = 0n): TxResult {
    return this.ok([this.depositIx(t, amount, maxDebtRepayment)], [t.kp]);
  }

  withdrawIx(t: Trader, amount: bigint) {
    return this.client.withdrawIx(t.kp.publicKey, t.account, t.token, amount);
  }

  async withdraw(t: Trader, amount: bigint): Promise<TxResult> {
    return this.send([await this.withdrawIx(t, amount)], [t.kp]);
  }

  orderIx(t: Trader, marketIndex: number, side: Side, price: bigint, lots: bigint, opts: OrderOptions = {}) {
    return this.client.placeOrderIx(t.kp.publicKey, t.account, marketIndex, side, price, lots, opts);
  }

  async order(
    t: Trader,
    marketIndex: number,
    side: Side,
    price: bigint,
    lots: bigint,
    opts: OrderOptions = {},
  ): Promise<TxResult> {
    return this.send([await this.orderIx(t, marketIndex, side, price, lots, opts)], [t.kp]);
  }

  /** `cancel_order` of `orderId`, its side and price read from the book (0 / bid if not resting). */
  cancelIx(t: Trader, marketIndex: number, orderId: bigint) {
    const book = this.bookState(marketIndex);
    const ask = book.asks.find((o) => o.orderId === orderId);
    const o = book.bids.find((x) => x.orderId === orderId) ?? ask;
    return this.client.cancelOrderIx(t.kp.publicKey, t.account, marketIndex, {
      orderId,
      side: o === ask && ask ? 1 : 0,
      price: o?.price ?? 0n,
    });
  }

  cancelAllIx(t: Trader, marketIndex: number) {
    return this.client.cancelAllOrdersIx(t.kp.publicKey, t.account, marketIndex);
  }

  /** A keeper with a margin account to collect liquidation fees. */
  createKeeper(): Trader {
    return this.createTrader(0n);
  }
}

/** `Chain` over a venue's LiteSVM. */
export class LiteSvmChain implements Chain {
  constructor(readonly venue: Venue) {}
  async getAccounts(keys: PublicKey[]) {
    return keys.map((k) => this.venue.raw(k));
  }
  async getProgramAccountsOf(name: AccountName) {
    const out: { pubkey: PublicKey; data: Buffer }[] = [];
    for (const k of this.venue.known) {
      const d = this.venue.raw(k);
      if (d && accountKind(d) === name) out.push({ pubkey: k, data: d });
    }
    return out;
  }
  async send(ixs: TransactionInstruction[], signers: Keypair[], cuLimit?: number): Promise<SendResult> {
    return this.venue.send(ixs, signers, cuLimit);
  }
  async slot() {
    return this.venue.slot();
  }
}

/** Snapshot of raw account bytes, for "nothing changed" assertions. */
export function snapshot(v: Venue, keys: PublicKey[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const k of keys) m.set(k.toBase58(), v.raw(k)?.toString("hex") ?? "<none>");
  return m;
}
