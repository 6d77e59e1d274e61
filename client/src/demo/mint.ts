/**
 * The collateral side of a demo or test over RPC: a USDC-like SPL mint (6 decimals) and funded
 * token accounts, created with `@solana/spl-token` against any validator. Token accounts are
 * associated token accounts, so a restarted process finds them again from (mint, owner).
 */
import {
  type Commitment,
  type Connection,
  Keypair,
  type PublicKey,
  SystemProgram,
  Transaction,
  type TransactionInstruction,
  sendAndConfirmTransaction,
} from "@solana/web3.js";
import {
  createAssociatedTokenAccountIdempotentInstruction,
  createMint,
  createMintToInstruction,
  getAccount,
  getAssociatedTokenAddressSync,
} from "@solana/spl-token";

export const COLLATERAL_DECIMALS = 6;
/** `usdc(1.5)` = 1_500_000 native units. */
export const usdc = (x: number): bigint => BigInt(Math.round(x * 10 ** COLLATERAL_DECIMALS));

/** Sends plain web3.js instructions (fee payer = signers[0]) and waits for `confirmed`. */
export async function sendIxs(
  connection: Connection,
  ixs: TransactionInstruction[],
  signers: Keypair[],
  commitment: Commitment = "confirmed",
) {
  return sendAndConfirmTransaction(connection, new Transaction().add(...ixs), signers, {
    commitment,
    preflightCommitment: commitment,
  });
}

/**
 * Creates the collateral mint (`mintKeypair` fixes its address, e.g. a key saved for the demo).
 * If the account already exists as a mint, it is reused.
 */
export async function createCollateralMint(
  connection: Connection,
  payer: Keypair,
  mintAuthority: PublicKey,
  mintKeypair: Keypair = Keypair.generate(),
  decimals = COLLATERAL_DECIMALS,
): Promise<PublicKey> {
  const existing = await connection.getAccountInfo(mintKeypair.publicKey, "confirmed");
  if (existing) return mintKeypair.publicKey;
  return createMint(connection, payer, mintAuthority, null, decimals, mintKeypair, {
    commitment: "confirmed",
  });
}

export interface TokenFunding {
  owner: PublicKey;
  /** Native units to mint into the owner's associated token account (0: just create it). */
  amount: bigint;
}

/**
 * Creates (idempotently) the associated token accounts of `fundings` and mints the amounts into
 * them, several owners per transaction. Returns the token accounts in order.
 */
export async function fundTokenAccounts(
  connection: Connection,
  payer: Keypair,
  mint: PublicKey,
  mintAuthority: Keypair,
  fundings: TokenFunding[],
  perTx = 4,
): Promise<PublicKey[]> {
  const atas = fundings.map((f) => getAssociatedTokenAddressSync(mint, f.owner, true));
  const batches: Promise<unknown>[] = [];
  for (let i = 0; i < fundings.length; i += perTx) {
    const ixs: TransactionInstruction[] = [];
    let mints = false;
    for (let j = i; j < Math.min(i + perTx, fundings.length); j++) {
      ixs.push(
        createAssociatedTokenAccountIdempotentInstruction(payer.publicKey, atas[j], fundings[j].owner, mint),
      );
      if (fundings[j].amount > 0n) {
        ixs.push(createMintToInstruction(mint, atas[j], mintAuthority.publicKey, fundings[j].amount));
        mints = true;
      }
    }
    const signers =
      mints && !mintAuthority.publicKey.equals(payer.publicKey) ? [payer, mintAuthority] : [payer];
    batches.push(sendIxs(connection, ixs, signers));
  }
  await Promise.all(batches);
  return atas;
}

/** Mints more collateral into an existing token account. */
export async function mintCollateral(
  connection: Connection,
  payer: Keypair,
  mint: PublicKey,
  mintAuthority: Keypair,
  to: PublicKey,
  amount: bigint,
) {
  const signers = mintAuthority.publicKey.equals(payer.publicKey) ? [payer] : [payer, mintAuthority];
  return sendIxs(connection, [createMintToInstruction(mint, to, mintAuthority.publicKey, amount)], signers);
}

/** Token balance in native units (0 if the account does not exist). */
export async function tokenBalance(
  connection: Connection,
  account: PublicKey,
  commitment: Commitment = "confirmed",
): Promise<bigint> {
  try {
    return (await getAccount(connection, account, commitment)).amount;
  } catch {
    return 0n;
  }
}

/** Sends `lamports` from `payer` to each recipient (one transaction per 20 recipients). */
export async function fundSol(
  connection: Connection,
  payer: Keypair,
  recipients: PublicKey[],
  lamports: number,
) {
  const txs: Promise<unknown>[] = [];
  for (let i = 0; i < recipients.length; i += 20) {
    const ixs = recipients
      .slice(i, i + 20)
      .map((to) => SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: to, lamports }));
    txs.push(sendIxs(connection, ixs, [payer]));
  }
  await Promise.all(txs);
}
