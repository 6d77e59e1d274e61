/**
 * `CrashEnv` over JSON-RPC: runs the crash scenario against a real validator (the e2e suite and
 * `npm start -- --crash`). Traders get fresh keys, SOL and minted collateral; time advances by
 * waiting for slots; conservation is read from chain after every transaction (one
 * getMultipleAccounts: exchange, vault, insurance vault).
 */
import { type Connection, Keypair, LAMPORTS_PER_SOL } from "@solana/web3.js";
import type { PerpExchange } from "../exchange";
import { decodeExchange } from "../accounts";
import { fundSol, fundTokenAccounts, mintCollateral } from "../demo/mint";
import type { CrashEnv, CrashTrader } from "./crash";
import type { PublicKey } from "@solana/web3.js";

export interface RpcCrashEnvOptions {
  connection: Connection;
  ex: PerpExchange;
  /** Exchange admin (creates the crash market and publishes its prices). */
  admin: Keypair;
  /** Pays SOL to the new traders. */
  payer: Keypair;
  mint: PublicKey;
  mintAuthority: Keypair;
  /** Feed id for the crash market's price feed (must be unused). */
  feedId?: number;
}

export function rpcCrashEnv(o: RpcCrashEnvOptions): CrashEnv {
  const { connection, ex, admin } = o;
  const feeds = new Map<number, PublicKey>();
  const newTrader = async (deposit: bigint): Promise<CrashTrader> => {
    const kp = Keypair.generate();
    await fundSol(connection, o.payer, [kp.publicKey], LAMPORTS_PER_SOL / 10);
    const [token] = await fundTokenAccounts(connection, o.payer, o.mint, o.mintAuthority, [
      { owner: kp.publicKey, amount: deposit },
    ]);
    const { ix, marginAccount } = ex.createMarginAccountIx(kp.publicKey, 0);
    const ixs = [ix];
    if (deposit > 0n) ixs.push(ex.depositIx(kp.publicKey, marginAccount, token, deposit));
    const r = await ex.chain.send(ixs, [kp]);
    if (!r.ok) throw new Error(`trader setup failed: ${r.error?.name ?? r.rawError}`);
    return { kp, account: marginAccount, token };
  };
  return {
    ex,
    admin,
    newTrader,
    newKeeper: () => newTrader(0n),
    fund: async (t, amount) => {
      await mintCollateral(connection, o.payer, o.mint, o.mintAuthority, t.token, amount);
    },
    setPrice: async (marketIndex, price, confidence) => {
      const feed = feeds.get(marketIndex) ?? ex.market(marketIndex).oracle;
      const r = await ex.chain.send([ex.updatePriceIx(admin.publicKey, feed, price, confidence)], [admin]);
      if (!r.ok) throw new Error(`update_price failed: ${r.error?.name ?? r.rawError}`);
    },
    advance: async (slots) => {
      const target = (await ex.chain.slot()) + BigInt(slots);
      while ((await ex.chain.slot()) < target) await new Promise((res) => setTimeout(res, 100));
    },
    send: (ixs, signers) => ex.chain.send(ixs, signers),
    check: async (when) => {
      const [exRaw, vault, ins] = await ex.chain.getAccounts([ex.exchange, ex.vault, ex.insuranceVault]);
      const s = decodeExchange(exRaw!);
      const bal = (b: Buffer | null) => (b ? b.readBigUInt64LE(64) : 0n);
      const required =
        s.totalCashNative -
        s.totalDeficitNative +
        s.feePoolNative +
        s.pendingSettlementNative -
        s.badDebtNative;
      if (bal(vault) !== required || bal(ins) !== s.insuranceNative) {
        throw new Error(
          `conservation broken ${when}: vault ${bal(vault)} vs ${required}, insurance ${bal(ins)} vs ${s.insuranceNative}`,
        );
      }
    },
    createMarket: async (price, params, name) => {
      const st = await ex.refresh();
      const feedId = o.feedId ?? 1000 + st.marketCount;
      const feed = ex.createPriceFeedIx(admin.publicKey, feedId, admin.publicKey, price);
      const mk = ex.createMarketIx(admin.publicKey, st.marketCount, feed.priceFeed, name, params);
      const r = await ex.chain.send([feed.ix, ...mk.ixs], [admin, ...mk.signers]);
      if (!r.ok) throw new Error(`create crash market failed: ${r.error?.name ?? r.rawError}`);
      await ex.refresh();
      feeds.set(st.marketCount, feed.priceFeed);
      return st.marketCount;
    },
  };
}
