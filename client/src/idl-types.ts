/**
 * TypeScript types derived from the IDL type (`generated/perp_margin.ts`) at compile time, so an
 * instruction argument, an account field or an event field has exactly the type its IDL entry
 * says — a renamed or retyped field in the Rust source breaks the client build, not a test run.
 *
 * The mapping follows what the SDK hands out after `normalize` (see `accounts.ts`):
 *   u8 u16 u32 i8 i16 i32 → number; u64 i64 u128 i128 → bigint; bool → boolean; pubkey → PublicKey;
 *   `{ array: [T, N] }` → T[] (so `[u8; N]` is `number[]`, as Anchor's coder reads and writes it);
 *   `{ defined: { name: "Index128" } }` → bigint (signed 128-bit, from its two words);
 *   `{ defined: { name } }` → the named type of `PerpMargin["types"]`, recursively;
 *   field names snake_case → camelCase; reserved fields (`_pad0`, `_reserved`) are left out.
 */
import type { PublicKey } from "@solana/web3.js";
import type { PerpMargin } from "./generated/perp_margin";

/** snake_case → camelCase, as a type. */
export type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

interface Primitives {
  u8: number;
  u16: number;
  u32: number;
  i8: number;
  i16: number;
  i32: number;
  u64: bigint;
  i64: bigint;
  u128: bigint;
  i128: bigint;
  bool: boolean;
  pubkey: PublicKey;
}

type TypeDef = PerpMargin["types"][number];
/** Names of the IDL's defined types (structs: params, accounts, events and their parts). */
export type IdlTypeName = TypeDef["name"];

/** The TypeScript value of one IDL type expression. */
export type IdlValue<T> = T extends keyof Primitives
  ? Primitives[T]
  : T extends { array: readonly [infer E, number] }
    ? IdlValue<E>[]
    : T extends { defined: { name: "Index128" } }
      ? bigint
      : T extends { defined: { name: infer N extends IdlTypeName } }
        ? IdlType<N>
        : never;

type Field = { name: string; type: unknown };

/** An object with one camelCase property per field (reserved `_…` fields dropped). */
export type IdlStruct<F extends readonly Field[]> = {
  [K in F[number] as K["name"] extends `_${string}` ? never : Camel<K["name"]>]: IdlValue<K["type"]>;
};

/** The decoded value of a defined type, by name. */
export type IdlType<N extends IdlTypeName> = IdlStruct<Extract<TypeDef, { name: N }>["type"]["fields"]>;

type Instruction = PerpMargin["instructions"][number];
/** Instruction names (snake_case, as in the IDL). */
export type IxName = Instruction["name"];
/** The IDL entry of one instruction. */
export type IxDef<N extends IxName> = Extract<Instruction, { name: N }>;
/** Exact arguments of an instruction, camelCase. */
export type IxArgs<N extends IxName> = IdlStruct<IxDef<N>["args"]>;

/** Program account types (each is also a defined type of the same name). */
export type AccountName = PerpMargin["accounts"][number]["name"];
/** Event names (each is also a defined type of the same name). */
export type EventName = PerpMargin["events"][number]["name"];

/**
 * One decoded event: a union discriminated by `name`, so `if (e.name === "Fill")` narrows `e.data`
 * to the `Fill` fields.
 */
export type PerpEvent = { [N in EventName]: { name: N; data: IdlType<N> } }[EventName];
/** The event of one name (for a single name, the member of `PerpEvent` with that name). */
export type PerpEventOf<N extends EventName> = { name: N; data: IdlType<N> };
