/**
 * Sets up an exchange on a real local validator through the SDK over RPC (`RpcChain` +
 * `PerpExchange`): a collateral mint, the exchange, markets with their feeds, and funded traders
 * with margin accounts. The browser test uses it for everything the page is not under test for.
 */
import { Keypair, type PublicKey, type TransactionInstruction } from "@solana/web3.js";
import {
  type DepositPolicy,
  type MarketParamsState,
  PerpExchange,
  RpcChain,
  type SendResult,
  ata,
  createMintIxs,
  mintToIx,
} from "@perp-margin/client";
import { paramsFromOptions } from "../../client/src/cli/params";
import type { Localnet } from "../harness/localnet";

export interface RpcTrader {
  kp: Keypair;
  account: PublicKey;
  token: PublicKey;
}

export class RpcVenue {
  readonly chain: RpcChain;
  readonly ex: PerpExchange;
  readonly admin: Keypair;
  readonly mint = Keypair.generate();
  private feeds = 0;

  constructor(
    readonly net: Localnet,
    readonly exchangeId = 0,
  ) {
    this.chain = new RpcChain(net.connection);
    this.ex = new PerpExchange(this.chain, exchangeId);
    this.admin = net.payer;
  }

  async ok(ixs: TransactionInstruction[], signers: Keypair[]): Promise<SendResult> {
    const r = await this.chain.send(ixs, signers);
    if (!r.ok) throw new Error(`transaction failed: ${r.error?.name ?? r.rawError}\n${r.logs.join("\n")}`);
    return r;
  }

  /** Exchange with a fresh 6-decimal mint (admin = mint authority) and an insurance fund. */
  async init(policy: DepositPolicy, insurance = 0n) {
    const ixs = await createMintIxs(
      this.net.connection,
      this.admin.publicKey,
      this.mint,
      this.admin.publicKey,
      6,
    );
    await this.ok(
      [...ixs, this.ex.initializeExchangeIx(this.admin.publicKey, this.mint.publicKey, policy, 100n)],
      [this.admin, this.mint],
    );
    if (insurance > 0n) {
      const t = await this.fund(this.admin.publicKey, insurance);
      await this.ok([this.ex.depositInsuranceIx(this.admin.publicKey, t, insurance)], [this.admin]);
    }
  }

  /** Mints collateral to the owner's associated token account. */
  async fund(owner: PublicKey, amount: bigint): Promise<PublicKey> {
    const t = ata(this.admin.publicKey, owner, this.mint.publicKey);
    await this.ok(
      [t.createIx, mintToIx(this.mint.publicKey, t.address, this.admin.publicKey, amount)],
      [this.admin],
    );
    return t.address;
  }

  /** A market and its feed (authority = admin); `overrides` use the CLI's flag names in camelCase. */
  async market(
    name: string,
    price: bigint,
    overrides: Record<string, string> = {},
  ): Promise<{ index: number; params: MarketParamsState }> {
    const params = paramsFromOptions(overrides, 6, false);
    const ex = await this.ex.refresh();
    const feedId = this.feeds++;
    const feed = this.ex.createPriceFeedIx(this.admin.publicKey, feedId, this.admin.publicKey, price);
    const m = this.ex.createMarketIx(this.admin.publicKey, ex.marketCount, feed.priceFeed, name, params);
    await this.ok([feed.ix, ...m.ixs], [this.admin, ...m.signers]);
    await this.ex.refresh();
    return { index: ex.marketCount, params };
  }

  async setPrice(marketIndex: number, price: bigint) {
    await this.ok(
      [this.ex.updatePriceIx(this.admin.publicKey, this.ex.market(marketIndex).oracle, price)],
      [this.admin],
    );
  }

  /** A funded trader with a margin account holding `deposit`. */
  async trader(deposit: bigint, kp = Keypair.generate()): Promise<RpcTrader> {
    await this.net.airdrop(kp.publicKey, 10);
    const token = await this.fund(kp.publicKey, deposit > 0n ? deposit : 1n);
    const { ix, marginAccount } = this.ex.createMarginAccountIx(kp.publicKey);
    const ixs = [ix];
    if (deposit > 0n) ixs.push(this.ex.depositIx(kp.publicKey, marginAccount, token, deposit));
    await this.ok(ixs, [kp]);
    return { kp, account: marginAccount, token };
  }
}
