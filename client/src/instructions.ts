/**
 * Instruction builders, generated from the IDL at the type level: `buildIx("place_order", accounts,
 * args)` takes exactly the instruction's accounts (camelCase) and arguments, fills in the fixed
 * program accounts (system, token, event authority, this program), and encodes with Anchor's
 * coder. Argument types are derived from the IDL (`idl-types.ts`): 64-bit integers are `bigint`,
 * smaller ones `number`, public keys `PublicKey`; they are converted for the coder here.
 */
import { BorshInstructionCoder } from "@coral-xyz/anchor";
import { type AccountMeta, PublicKey, SystemProgram, TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import { IDL } from "./idl";
import { PROGRAM_ID, TOKEN_PROGRAM_ID } from "./constants";
import { eventAuthorityPda } from "./pda";
import type { Camel, IxArgs, IxDef, IxName } from "./idl-types";

/** Accounts the builder fills in itself. */
type Fixed = "systemProgram" | "tokenProgram" | "eventAuthority" | "program";
export type IxAccounts<N extends IxName> = Omit<
  { [K in IxDef<N>["accounts"][number]["name"] as Camel<K>]: PublicKey },
  Fixed
> &
  Partial<Record<Fixed, PublicKey>>;

export const instructionCoder = new BorshInstructionCoder(IDL);
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** An argument value as Anchor's coder takes it: `BN` for 64-bit integers, snake_case struct fields. */
function toCoder(v: unknown): unknown {
  if (typeof v === "bigint") return new BN(v.toString());
  if (Array.isArray(v)) return v.map(toCoder);
  if (v && typeof v === "object" && !(v instanceof PublicKey)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[snake(k)] = toCoder(x);
    return out;
  }
  return v;
}

/** Builds one instruction of this program. `remaining` follow the fixed accounts in order. */
export function buildIx<N extends IxName>(
  name: N,
  accounts: IxAccounts<N>,
  args: IxArgs<N>,
  remaining: AccountMeta[] = [],
  programId: PublicKey = PROGRAM_ID,
): TransactionInstruction {
  const def = IDL.instructions.find((i) => i.name === name);
  if (!def) throw new Error(`unknown instruction ${name}`);
  const fixed: Record<Fixed, PublicKey> = {
    systemProgram: SystemProgram.programId,
    tokenProgram: TOKEN_PROGRAM_ID,
    eventAuthority: eventAuthorityPda(programId),
    program: programId,
  };
  const given = accounts as Record<string, PublicKey | undefined>;
  const accountDefs: readonly { name: string; writable?: boolean; signer?: boolean }[] = def.accounts;
  const keys: AccountMeta[] = accountDefs.map((a) => {
    const key = given[camel(a.name)] ?? fixed[camel(a.name) as Fixed];
    if (!key) throw new Error(`${name}: missing account ${camel(a.name)}`);
    return { pubkey: key, isWritable: !!a.writable, isSigner: !!a.signer };
  });
  const argDefs: readonly { name: string }[] = def.args;
  const givenArgs = args as Record<string, unknown>;
  const coderArgs: Record<string, unknown> = {};
  for (const a of argDefs) {
    const v = givenArgs[camel(a.name)];
    if (v === undefined) throw new Error(`${name}: missing argument ${camel(a.name)}`);
    coderArgs[a.name] = toCoder(v);
  }
  const data = instructionCoder.encode(name, coderArgs);
  return new TransactionInstruction({ programId, keys: [...keys, ...remaining], data });
}

/** Read-only meta. */
export const ro = (pubkey: PublicKey): AccountMeta => ({ pubkey, isWritable: false, isSigner: false });
/** Writable meta. */
export const rw = (pubkey: PublicKey): AccountMeta => ({ pubkey, isWritable: true, isSigner: false });
