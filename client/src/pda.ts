/** Program-derived addresses, mirroring the seeds in `programs/perp-margin/src/state`. */
import { PublicKey } from "@solana/web3.js";
import { PROGRAM_ID, SEEDS } from "./constants";

const u16 = (v: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
};

const find = (seeds: (Buffer | Uint8Array)[], programId = PROGRAM_ID): PublicKey =>
  PublicKey.findProgramAddressSync(seeds, programId)[0];

export const exchangePda = (exchangeId: number, programId = PROGRAM_ID) =>
  find([Buffer.from(SEEDS.exchange), u16(exchangeId)], programId);
export const vaultPda = (exchange: PublicKey, programId = PROGRAM_ID) =>
  find([Buffer.from(SEEDS.vault), exchange.toBuffer()], programId);
export const insuranceVaultPda = (exchange: PublicKey, programId = PROGRAM_ID) =>
  find([Buffer.from(SEEDS.insurance), exchange.toBuffer()], programId);
export const backstopRegistryPda = (exchange: PublicKey, programId = PROGRAM_ID) =>
  find([Buffer.from(SEEDS.backstops), exchange.toBuffer()], programId);
export const marketPda = (exchange: PublicKey, marketIndex: number, programId = PROGRAM_ID) =>
  find([Buffer.from(SEEDS.market), exchange.toBuffer(), u16(marketIndex)], programId);
export const marginAccountPda = (
  exchange: PublicKey,
  owner: PublicKey,
  subAccountId = 0,
  programId = PROGRAM_ID,
) => find([Buffer.from(SEEDS.margin), exchange.toBuffer(), owner.toBuffer(), u16(subAccountId)], programId);
export const priceFeedPda = (exchange: PublicKey, feedId: number, programId = PROGRAM_ID) =>
  find([Buffer.from(SEEDS.priceFeed), exchange.toBuffer(), u16(feedId)], programId);
export const eventAuthorityPda = (programId = PROGRAM_ID) =>
  find([Buffer.from(SEEDS.eventAuthority)], programId);
