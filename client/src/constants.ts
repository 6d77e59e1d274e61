/** Program id, seeds and the enumerations the program encodes as small integers. */
import { PublicKey } from "@solana/web3.js";
import { IDL } from "./idl";

export const PROGRAM_ID = new PublicKey(IDL.address);
export const TOKEN_PROGRAM_ID = new PublicKey("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");

export const SEEDS = {
  exchange: "exchange",
  vault: "vault",
  insurance: "insurance",
  backstops: "backstops",
  market: "market",
  margin: "margin",
  priceFeed: "price_feed",
  eventAuthority: "__event_authority",
} as const;

export enum Side {
  Bid = 0,
  Ask = 1,
}

export enum OrderType {
  Limit = 0,
  PostOnly = 1,
  ImmediateOrCancel = 2,
}

export enum DepositPolicy {
  /** Default: deposits into an account with an unresolved deficit are rejected until it is resolved. */
  CreditFirst = 0,
  /** Opt-in: the deposit repays at most the user-signed `maxDebtRepayment`. */
  RepayDebtFirst = 1,
}

export enum AccountStatus {
  Healthy = 0,
  BeingLiquidated = 1,
  Bankrupt = 2,
}

/** Liquidation waterfall stages as recorded in events. */
export enum Stage {
  Book = 1,
  Backstop = 2,
  Insurance = 3,
  Adl = 4,
  SocializedLoss = 5,
}

export const NO_MARKET = 0xffff;
export const MAX_POSITIONS = 8;
export const BOOK_CAPACITY = 512;

/** Most resting orders one account may hold in one market. */
export const MAX_OPEN_ORDERS_PER_MARKET = 64;

/**
 * Lamports that make an account of `space` bytes rent-exempt: (128 + space) bytes × 3 480
 * lamports per byte-year × 2 years, the rent every cluster runs (`Rent::default`).
 */
export const rentExemptLamports = (space: number): number => (128 + space) * 3_480 * 2;

/** Slots a backstop can neither leave nor lower its commitment after registering or raising it. */
export const BACKSTOP_LOCK_SLOTS = 9_000;

/** Backstop registry slots. */
export const MAX_BACKSTOPS = 16;
/** Default minimum capacity a backstop commits (100 USDC, native 6 decimals). */
export const DEFAULT_MIN_BACKSTOP_CAPACITY_NATIVE = 100_000_000n;

/** Why a registry entry changed (`BackstopChanged.reason`). */
export enum BackstopChangeReason {
  Owner = 0,
  Evicted = 1,
  Admin = 2,
  Displaced = 3,
}
/** Anchor's event-CPI tag, little-endian bytes of 0x1d9acb512ea545e4. */
export const EVENT_IX_TAG = Buffer.from([0xe4, 0x45, 0xa5, 0x2e, 0x51, 0xcb, 0x9a, 0x1d]);
