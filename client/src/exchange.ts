/**
 * `PerpExchange`: one exchange seen through a `Chain`. Loads state, and builds every instruction
 * with its remaining accounts assembled from chain state (held markets, crossing makers), so the
 * CLI, keeper, demo and tests share one implementation.
 */
import {
  type AccountMeta,
  Keypair,
  type PublicKey,
  SystemProgram,
  type TransactionInstruction,
} from "@solana/web3.js";
import type { Chain } from "./chain";
import {
  BOOK_CAPACITY,
  DEFAULT_MIN_BACKSTOP_CAPACITY_NATIVE,
  rentExemptLamports,
  NO_MARKET,
  OrderType,
  PROGRAM_ID,
  Side,
} from "./constants";
import {
  type ExchangeState,
  type MarginAccountState,
  type MarketParamsState,
  type MarketState,
  type OrderBookState,
  type PriceFeedState,
  decodeBackstopRegistry,
  decodeExchange,
  decodeMarginAccount,
  decodeMarket,
  decodeOrderBook,
  decodePriceFeed,
  type BackstopRegistryState,
  accountsCoder,
} from "./accounts";
import {
  backstopRegistryPda,
  exchangePda,
  insuranceVaultPda,
  marginAccountPda,
  marketPda,
  priceFeedPda,
  vaultPda,
} from "./pda";
import { buildIx, ro, rw } from "./instructions";
import { OracleKind, type OracleReading, readOracle } from "./oracle";
import { heldMarkets, makersFor, marketPairs, type MarketRef, writableAccounts } from "./remaining";

export interface MarketInfo extends MarketRef {
  state: MarketState;
}

export interface OrderOptions {
  type?: OrderType;
  reduceOnly?: boolean;
  clientOrderId?: bigint;
  /** Maker accounts to pass; default: read from the book. */
  makers?: PublicKey[];
}

export class PerpExchange {
  readonly exchange: PublicKey;
  readonly vault: PublicKey;
  readonly insuranceVault: PublicKey;
  readonly registry: PublicKey;
  readonly markets = new Map<number, MarketInfo>();
  state?: ExchangeState;

  constructor(
    readonly chain: Chain,
    readonly exchangeId = 0,
    readonly programId: PublicKey = PROGRAM_ID,
  ) {
    this.exchange = exchangePda(exchangeId, programId);
    this.vault = vaultPda(this.exchange, programId);
    this.insuranceVault = insuranceVaultPda(this.exchange, programId);
    this.registry = backstopRegistryPda(this.exchange, programId);
  }

  // ------------------------------------------------------------------ reads

  /** Reloads the exchange and all its markets. */
  async refresh(): Promise<ExchangeState> {
    const [raw] = await this.chain.getAccounts([this.exchange]);
    if (!raw) throw new Error(`exchange ${this.exchange.toBase58()} (id ${this.exchangeId}) does not exist`);
    this.state = decodeExchange(raw);
    const keys = Array.from({ length: this.state.marketCount }, (_, i) =>
      marketPda(this.exchange, i, this.programId),
    );
    const datas = await this.chain.getAccounts(keys);
    datas.forEach((d, i) => {
      if (!d) return;
      const m = decodeMarket(d);
      this.markets.set(i, {
        marketIndex: i,
        market: keys[i],
        oracle: m.oracle,
        orderBook: m.orderBook,
        state: m,
      });
    });
    return this.state;
  }

  market(index: number): MarketInfo {
    const m = this.markets.get(index);
    if (!m)
      throw new Error(
        `unknown market index ${index} (known: ${[...this.markets.keys()].join(", ") || "none"}; call refresh())`,
      );
    return m;
  }

  async marginAccount(key: PublicKey): Promise<MarginAccountState | null> {
    const [d] = await this.chain.getAccounts([key]);
    return d ? decodeMarginAccount(d) : null;
  }

  async marginAccounts(keys: PublicKey[]): Promise<(MarginAccountState | null)[]> {
    return (await this.chain.getAccounts(keys)).map((d) => (d ? decodeMarginAccount(d) : null));
  }

  async allMarginAccounts(): Promise<{ pubkey: PublicKey; state: MarginAccountState }[]> {
    const all = await this.chain.getProgramAccountsOf("MarginAccount");
    return all
      .map((a) => ({ pubkey: a.pubkey, state: decodeMarginAccount(a.data) }))
      .filter((a) => a.state.exchange.equals(this.exchange));
  }

  async book(index: number): Promise<OrderBookState> {
    const [d] = await this.chain.getAccounts([this.market(index).orderBook]);
    return decodeOrderBook(d!);
  }

  async priceFeed(index: number): Promise<PriceFeedState> {
    const [d] = await this.chain.getAccounts([this.market(index).oracle]);
    return decodePriceFeed(d!);
  }

  /** The market's oracle as the program reads it (program feed or Pyth), native per lot. */
  async oracleReading(index: number): Promise<OracleReading> {
    const [d] = await this.chain.getAccounts([this.market(index).oracle]);
    return readOracle(this.market(index).state, d!);
  }

  async backstops(): Promise<BackstopRegistryState> {
    const [d] = await this.chain.getAccounts([this.registry]);
    return decodeBackstopRegistry(d!);
  }

  marginPda(owner: PublicKey, subAccountId = 0) {
    return marginAccountPda(this.exchange, owner, subAccountId, this.programId);
  }

  /** `(market, oracle)` pairs for everything `accounts` hold, plus `extra`, minus `exclude`. */
  async pairsFor(accounts: PublicKey[], exclude?: number, extra: number[] = []): Promise<AccountMeta[]> {
    const states = (await this.marginAccounts(accounts)).filter((s): s is MarginAccountState => !!s);
    const idx = [...new Set([...heldMarkets(states), ...extra])].sort((a, b) => a - b);
    return marketPairs(idx, this.markets, exclude);
  }

  // ------------------------------------------------------------------ admin

  initializeExchangeIx(
    admin: PublicKey,
    collateralMint: PublicKey,
    depositPolicy = 0,
    insuranceWithdrawDelaySlots = 216_000n,
    minBackstopCapacityNative = DEFAULT_MIN_BACKSTOP_CAPACITY_NATIVE,
  ) {
    return buildIx(
      "initialize_exchange",
      {
        admin,
        exchange: this.exchange,
        collateralMint,
        vault: this.vault,
        insuranceVault: this.insuranceVault,
        backstopRegistry: this.registry,
      },
      { exchangeId: this.exchangeId, depositPolicy, insuranceWithdrawDelaySlots, minBackstopCapacityNative },
      [],
      this.programId,
    );
  }

  setConfigIx(
    admin: PublicKey,
    depositPolicy: number,
    paused: number,
    minBackstopCapacityNative = DEFAULT_MIN_BACKSTOP_CAPACITY_NATIVE,
  ) {
    return buildIx(
      "set_exchange_config",
      { admin, exchange: this.exchange },
      { depositPolicy, paused, minBackstopCapacityNative },
      [],
      this.programId,
    );
  }

  setMarketStatusIx(admin: PublicKey, marketIndex: number, status: number) {
    return buildIx(
      "set_market_status",
      { admin, exchange: this.exchange, market: this.market(marketIndex).market },
      { status },
      [],
      this.programId,
    );
  }

  createPriceFeedIx(admin: PublicKey, feedId: number, authority: PublicKey, price: bigint, confidence = 0n) {
    const priceFeed = priceFeedPda(this.exchange, feedId, this.programId);
    return {
      ix: buildIx(
        "create_price_feed",
        { admin, exchange: this.exchange, priceFeed },
        { feedId, authority, price, confidence },
        [],
        this.programId,
      ),
      priceFeed,
    };
  }

  updatePriceIx(authority: PublicKey, priceFeed: PublicKey, price: bigint, confidence = 0n) {
    return buildIx(
      "update_price",
      { authority, exchange: this.exchange, priceFeed },
      { price, confidence },
      [],
      this.programId,
    );
  }

  /**
   * `oracle` is a `PriceFeed` of this exchange (kind 0, the default) or a Pyth `PriceUpdateV2`
   * account (kind 1, with the feed id it must carry and the base asset's decimals).
   */
  /**
   * `create_market` and the account its order book needs: the book (73 784 bytes) is larger than a
   * program may create by CPI, so the admin creates it (owned by the program, zeroed) in the same
   * transaction. Send `ixs` signed by the admin and `signers` (the new book's keypair).
   */
  createMarketIx(
    admin: PublicKey,
    marketIndex: number,
    oracle: PublicKey,
    name: string,
    params: MarketParamsState,
    source: { kind?: OracleKind; baseDecimals?: number; pythFeedId?: Buffer } = {},
    orderBookKeypair: Keypair = Keypair.generate(),
  ) {
    const market = marketPda(this.exchange, marketIndex, this.programId);
    const orderBook = orderBookKeypair.publicKey;
    const space = accountsCoder.size("OrderBook");
    const createBook = SystemProgram.createAccount({
      fromPubkey: admin,
      newAccountPubkey: orderBook,
      lamports: rentExemptLamports(space),
      space,
      programId: this.programId,
    });
    const nameBytes = Array.from(Buffer.concat([Buffer.from(name), Buffer.alloc(16)]).subarray(0, 16));
    const args = {
      name: nameBytes,
      params,
      oracleKind: source.kind ?? OracleKind.ProgramFeed,
      baseDecimals: source.baseDecimals ?? 9,
      pythFeedId: Array.from(source.pythFeedId ?? Buffer.alloc(32)),
    };
    const create = buildIx(
      "create_market",
      { admin, exchange: this.exchange, market, orderBook, oracle },
      args,
      [],
      this.programId,
    );
    return { ixs: [createBook, create], signers: [orderBookKeypair], market, orderBook };
  }

  // ------------------------------------------------------------------ trader

  createMarginAccountIx(owner: PublicKey, subAccountId = 0) {
    const marginAccount = this.marginPda(owner, subAccountId);
    return {
      ix: buildIx(
        "create_margin_account",
        { owner, exchange: this.exchange, marginAccount },
        { subAccountId },
        [],
        this.programId,
      ),
      marginAccount,
    };
  }

  depositIx(
    owner: PublicKey,
    marginAccount: PublicKey,
    ownerToken: PublicKey,
    amount: bigint,
    maxDebtRepayment = 0n,
  ) {
    return buildIx(
      "deposit",
      { owner, marginAccount, exchange: this.exchange, vault: this.vault, ownerToken },
      { amount, maxDebtRepayment },
      [],
      this.programId,
    );
  }

  async withdrawIx(owner: PublicKey, marginAccount: PublicKey, ownerToken: PublicKey, amount: bigint) {
    return buildIx(
      "withdraw",
      {
        owner,
        marginAccount,
        exchange: this.exchange,
        vault: this.vault,
        backstopRegistry: this.registry,
        ownerToken,
      },
      { amount },
      await this.pairsFor([marginAccount]),
      this.programId,
    );
  }

  async placeOrderIx(
    owner: PublicKey,
    marginAccount: PublicKey,
    marketIndex: number,
    side: Side,
    price: bigint,
    lots: bigint,
    opts: OrderOptions = {},
  ) {
    const m = this.market(marketIndex);
    const type = opts.type ?? OrderType.Limit;
    const book = await this.book(marketIndex);
    const makers =
      opts.makers ?? (type === OrderType.PostOnly ? [] : makersFor(book, side, price, lots, marginAccount));
    // A full side: a better order evicts the least aggressive one, whose owner the program updates.
    const own = side === Side.Bid ? book.bids : book.asks;
    const worst = own[own.length - 1];
    if (type !== OrderType.ImmediateOrCancel && own.length >= BOOK_CAPACITY && worst)
      if (!worst.owner.equals(marginAccount) && !makers.some((k) => k.equals(worst.owner)))
        makers.push(worst.owner);
    return buildIx(
      "place_order",
      {
        owner,
        marginAccount,
        exchange: this.exchange,
        market: m.market,
        orderBook: m.orderBook,
        oracle: m.oracle,
        vault: this.vault,
      },
      {
        side,
        orderType: type,
        reduceOnly: opts.reduceOnly ? 1 : 0,
        price,
        lots,
        clientOrderId: opts.clientOrderId ?? 0n,
      },
      // The maker check needs every market the makers hold, too.
      [...(await this.pairsFor([marginAccount, ...makers], marketIndex)), ...writableAccounts(makers)],
      this.programId,
    );
  }

  /** Cancels one resting order; its side and price locate it in the book (binary search). */
  cancelOrderIx(
    owner: PublicKey,
    marginAccount: PublicKey,
    marketIndex: number,
    order: { orderId: bigint; side: Side; price: bigint },
  ) {
    const m = this.market(marketIndex);
    return buildIx(
      "cancel_order",
      { owner, marginAccount, exchange: this.exchange, market: m.market, orderBook: m.orderBook },
      { orderId: order.orderId, side: order.side, price: order.price },
      [],
      this.programId,
    );
  }

  /**
   * `cancel_order` by id alone: reads the book for the order's side and price. An id that is not
   * resting is sent as is, and the program answers `OrderNotFound`.
   */
  async cancelOrderByIdIx(owner: PublicKey, marginAccount: PublicKey, marketIndex: number, orderId: bigint) {
    const book = await this.book(marketIndex);
    const bid = book.bids.find((o) => o.orderId === orderId);
    const ask = book.asks.find((o) => o.orderId === orderId);
    const o = bid ?? ask;
    return this.cancelOrderIx(owner, marginAccount, marketIndex, {
      orderId,
      side: ask && !bid ? Side.Ask : Side.Bid,
      price: o?.price ?? 0n,
    });
  }

  cancelAllOrdersIx(owner: PublicKey, marginAccount: PublicKey, marketIndex: number) {
    const m = this.market(marketIndex);
    return buildIx(
      "cancel_all_orders",
      { owner, marginAccount, exchange: this.exchange, market: m.market, orderBook: m.orderBook },
      {},
      [],
      this.programId,
    );
  }

  updateFundingIx(marketIndex: number) {
    const m = this.market(marketIndex);
    return buildIx(
      "update_funding",
      { exchange: this.exchange, market: m.market, orderBook: m.orderBook, oracle: m.oracle },
      {},
      [],
      this.programId,
    );
  }

  /**
   * Registers (or updates) a backstop committing `capacityNative` of free collateral, which the
   * account must hold now (every held oracle good). A full registry: the weakest entry is displaced
   * when this commitment is larger.
   */
  async registerBackstopIx(
    owner: PublicKey,
    marginAccount: PublicKey,
    marketMask: bigint,
    capacityNative: bigint,
  ) {
    return buildIx(
      "register_backstop",
      { owner, marginAccount, exchange: this.exchange, backstopRegistry: this.registry },
      { marketMask, capacityNative },
      await this.pairsFor([marginAccount]),
      this.programId,
    );
  }

  /**
   * Anyone: removes a registered backstop that is bankrupt or no longer holds its capacity — or,
   * with `marketIndex`, drops that market from an entry whose account has no position slot left
   * for it.
   */
  async evictBackstopIx(caller: PublicKey, marginAccount: PublicKey, marketIndex: number = NO_MARKET) {
    return buildIx(
      "evict_backstop",
      { caller, marginAccount, exchange: this.exchange, backstopRegistry: this.registry },
      { marketIndex },
      await this.pairsFor([marginAccount]),
      this.programId,
    );
  }

  /** Admin: removes any registered backstop. */
  removeBackstopIx(admin: PublicKey, marginAccount: PublicKey) {
    return buildIx(
      "remove_backstop",
      { caller: admin, marginAccount, exchange: this.exchange, backstopRegistry: this.registry },
      {},
      [],
      this.programId,
    );
  }

  deregisterBackstopIx(owner: PublicKey, marginAccount: PublicKey) {
    return buildIx(
      "deregister_backstop",
      { owner, marginAccount, exchange: this.exchange, backstopRegistry: this.registry },
      {},
      [],
      this.programId,
    );
  }

  // ------------------------------------------------------------------ insurance

  depositInsuranceIx(funder: PublicKey, funderToken: PublicKey, amount: bigint) {
    return buildIx(
      "deposit_insurance",
      { funder, exchange: this.exchange, insuranceVault: this.insuranceVault, funderToken },
      { amount },
      [],
      this.programId,
    );
  }

  sweepFeesIx(caller: PublicKey) {
    return buildIx(
      "sweep_fees",
      { caller, exchange: this.exchange, vault: this.vault, insuranceVault: this.insuranceVault },
      {},
      [],
      this.programId,
    );
  }

  requestInsuranceWithdrawalIx(admin: PublicKey, amount: bigint) {
    return buildIx(
      "request_insurance_withdrawal",
      { admin, exchange: this.exchange },
      { amount },
      [],
      this.programId,
    );
  }

  executeInsuranceWithdrawalIx(admin: PublicKey, adminToken: PublicKey) {
    return buildIx(
      "execute_insurance_withdrawal",
      { admin, exchange: this.exchange, insuranceVault: this.insuranceVault, adminToken },
      {},
      [],
      this.programId,
    );
  }

  // ------------------------------------------------------------------ waterfall (permissionless)

  /** Stage 1: book liquidation in one market; makers read from the book inside the band. */
  async liquidateIx(
    keeper: PublicKey,
    keeperAccount: PublicKey,
    liquidatee: PublicKey,
    marketIndex: number,
    maxLots = 0n,
    makers?: PublicKey[],
  ) {
    const m = this.market(marketIndex);
    const acct = await this.marginAccount(liquidatee);
    const pos = acct?.positions.find((p) => p.marketIndex === marketIndex);
    const base = pos?.baseLots ?? 0n;
    let makerKeys = makers;
    if (!makerKeys) {
      const book = await this.book(marketIndex);
      const side = base > 0n ? Side.Ask : Side.Bid;
      const limit = side === Side.Ask ? 0n : 1n << 62n;
      const lots = base < 0n ? -base : base;
      makerKeys = makersFor(book, side, limit, lots, liquidatee);
    }
    return buildIx(
      "liquidate",
      {
        keeper,
        keeperAccount,
        liquidatee,
        exchange: this.exchange,
        market: m.market,
        orderBook: m.orderBook,
        oracle: m.oracle,
        vault: this.vault,
        insuranceVault: this.insuranceVault,
      },
      { maxLots },
      [...(await this.pairsFor([liquidatee, ...makerKeys], marketIndex)), ...writableAccounts(makerKeys)],
      this.programId,
    );
  }

  /** Stage 2: a registered backstop takes over (book inside the band exhausted). */
  async backstopLiquidateIx(
    keeper: PublicKey,
    backstopAccount: PublicKey,
    liquidatee: PublicKey,
    marketIndex: number,
    maxLots = 0n,
  ) {
    const m = this.market(marketIndex);
    return buildIx(
      "backstop_liquidate",
      {
        keeper,
        backstopAccount,
        liquidatee,
        exchange: this.exchange,
        market: m.market,
        orderBook: m.orderBook,
        oracle: m.oracle,
        backstopRegistry: this.registry,
        vault: this.vault,
      },
      { maxLots },
      await this.pairsFor([liquidatee, backstopAccount], marketIndex),
      this.programId,
    );
  }

  /** Stage 3: insurance pays a position-free account's deficit (market = where it arose). */
  async resolveBankruptcyIx(keeper: PublicKey, liquidatee: PublicKey) {
    const acct = await this.marginAccount(liquidatee);
    if (!acct) throw new Error("no such margin account");
    if (acct.deficitMarketIndex === NO_MARKET) throw new Error("account has no deficit market");
    const m = this.market(acct.deficitMarketIndex);
    return buildIx(
      "resolve_bankruptcy",
      {
        keeper,
        liquidatee,
        exchange: this.exchange,
        market: m.market,
        vault: this.vault,
        insuranceVault: this.insuranceVault,
      },
      {},
      [],
      this.programId,
    );
  }

  /** Stage 4: ADL against `candidates` (highest score first). */
  async autoDeleverageIx(
    keeper: PublicKey,
    liquidatee: PublicKey,
    marketIndex: number,
    candidates: PublicKey[],
    maxLots = 0n,
  ) {
    const m = this.market(marketIndex);
    return buildIx(
      "auto_deleverage",
      {
        keeper,
        liquidatee,
        exchange: this.exchange,
        market: m.market,
        orderBook: m.orderBook,
        oracle: m.oracle,
        backstopRegistry: this.registry,
        vault: this.vault,
      },
      { maxLots },
      [...(await this.pairsFor([liquidatee, ...candidates], marketIndex)), ...writableAccounts(candidates)],
      this.programId,
    );
  }

  /** Stage 5: socialize what insurance cannot pay (or book bad debt). */
  async socializeLossIx(keeper: PublicKey, liquidatee: PublicKey) {
    const acct = await this.marginAccount(liquidatee);
    if (!acct) throw new Error("no such margin account");
    if (acct.deficitMarketIndex === NO_MARKET) throw new Error("account has no deficit market");
    const m = this.market(acct.deficitMarketIndex);
    return buildIx(
      "socialize_loss",
      { keeper, liquidatee, exchange: this.exchange, market: m.market, oracle: m.oracle, vault: this.vault },
      {},
      [],
      this.programId,
    );
  }

  /** Records (or clears) the negative equity of an account no waterfall stage can progress yet. */
  async markUnderwaterIx(keeper: PublicKey, marginAccount: PublicKey) {
    return buildIx(
      "mark_underwater",
      { keeper, marginAccount, exchange: this.exchange },
      {},
      await this.pairsFor([marginAccount]),
      this.programId,
    );
  }

  /** Unreserved insurance pays uncovered bad debt back into the trading vault. */
  coverBadDebtIx(caller: PublicKey) {
    return buildIx(
      "cover_bad_debt",
      { caller, exchange: this.exchange, vault: this.vault, insuranceVault: this.insuranceVault },
      {},
      [],
      this.programId,
    );
  }

  /** Moves unsolicited tokens in either vault (surplus) into the insurance fund. */
  sweepSurplusIx(caller: PublicKey) {
    return buildIx(
      "sweep_surplus",
      { caller, exchange: this.exchange, vault: this.vault, insuranceVault: this.insuranceVault },
      {},
      [],
      this.programId,
    );
  }
}

export type { Keypair, TransactionInstruction };
export { ro, rw };
