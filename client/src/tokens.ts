/** Collateral token helpers: a fresh mint for localnet, associated token accounts, balances. */
import {
  type Connection,
  type Keypair,
  type PublicKey,
  SystemProgram,
  type TransactionInstruction,
} from "@solana/web3.js";
import {
  MINT_SIZE,
  TOKEN_PROGRAM_ID,
  createAssociatedTokenAccountIdempotentInstruction,
  createInitializeMint2Instruction,
  createMintToInstruction,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";

/** Instructions creating a new SPL mint with `authority` as mint authority. */
export async function createMintIxs(
  connection: Connection,
  payer: PublicKey,
  mint: Keypair,
  authority: PublicKey,
  decimals: number,
): Promise<TransactionInstruction[]> {
  const lamports = await connection.getMinimumBalanceForRentExemption(MINT_SIZE);
  return [
    SystemProgram.createAccount({
      fromPubkey: payer,
      newAccountPubkey: mint.publicKey,
      lamports,
      space: MINT_SIZE,
      programId: TOKEN_PROGRAM_ID,
    }),
    createInitializeMint2Instruction(mint.publicKey, decimals, authority, null),
  ];
}

/** The owner's associated token account for `mint`, and an idempotent create instruction. */
export function ata(
  payer: PublicKey,
  owner: PublicKey,
  mint: PublicKey,
): { address: PublicKey; createIx: TransactionInstruction } {
  const address = getAssociatedTokenAddressSync(mint, owner, true);
  return {
    address,
    createIx: createAssociatedTokenAccountIdempotentInstruction(payer, address, owner, mint),
  };
}

export const mintToIx = (mint: PublicKey, to: PublicKey, authority: PublicKey, amount: bigint) =>
  createMintToInstruction(mint, to, authority, amount);

/** SPL token account amount from raw account data (offset 64, u64 LE); null if not a token account. */
export function tokenAmount(data: Buffer | Uint8Array | null | undefined): bigint | null {
  if (!data || data.length < 72) return null;
  return Buffer.from(data).readBigUInt64LE(64);
}
