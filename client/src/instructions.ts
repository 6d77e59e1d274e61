/**
 * Instruction builders, generated from the IDL at the type level: `buildIx("place_order", accounts,
 * args)` takes exactly the instruction's accounts (camelCase) and arguments, fills in the fixed
 * program accounts (system, token, event authority, this program), and encodes with Anchor's
 * coder. Integers are `bigint` or `number`; they are converted for the coder here.
 */
import { BorshInstructionCoder } from "@coral-xyz/anchor";
import { AccountMeta, PublicKey, SystemProgram, TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import { IDL, PerpMargin } from "./idl";
import { PROGRAM_ID, TOKEN_PROGRAM_ID } from "./constants";
import { eventAuthorityPda } from "./pda";

type Ix = PerpMargin["instructions"][number];
export type IxName = Ix["name"];
type IxByName<N extends IxName> = Extract<Ix, { name: N }>;
type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

/** Accounts the builder fills in itself. */
type Fixed = "systemProgram" | "tokenProgram" | "eventAuthority" | "program";
export type IxAccounts<N extends IxName> = Omit<
  { [K in IxByName<N>["accounts"][number]["name"] as Camel<K>]: PublicKey },
  Fixed
> &
  Partial<Record<Fixed, PublicKey>>;
export type ArgValue = bigint | number | PublicKey | number[] | { [k: string]: ArgValue };
export type IxArgs<N extends IxName> = { [K in IxByName<N>["args"][number]["name"] as Camel<K>]: ArgValue };

export const instructionCoder = new BorshInstructionCoder(IDL as any);
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function toCoder(v: ArgValue): unknown {
  if (typeof v === "bigint") return new BN(v.toString());
  if (v instanceof PublicKey || typeof v === "number") return v;
  if (Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[snake(k)] = toCoder(x);
  return out;
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
  const keys: AccountMeta[] = def.accounts.map(
    (a: { name: string; writable?: boolean; signer?: boolean }) => {
      const key = given[camel(a.name)] ?? fixed[camel(a.name) as Fixed];
      if (!key) throw new Error(`${name}: missing account ${camel(a.name)}`);
      return { pubkey: key, isWritable: !!a.writable, isSigner: !!a.signer };
    },
  );
  const coderArgs: Record<string, unknown> = {};
  for (const a of def.args as { name: string }[]) {
    const v = (args as Record<string, ArgValue>)[camel(a.name)];
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
