/** Program error codes → names and messages, from the IDL's `errors` section (stable numbers). */
import { IDL } from "./idl";

export interface ProgramErrorInfo {
  code: number;
  name: string;
  msg: string;
}

const byCode = new Map<number, ProgramErrorInfo>((IDL.errors as ProgramErrorInfo[]).map((e) => [e.code, e]));
const byName = new Map<string, ProgramErrorInfo>((IDL.errors as ProgramErrorInfo[]).map((e) => [e.name, e]));

export const errorByCode = (code: number): ProgramErrorInfo | undefined => byCode.get(code);
export const errorCode = (name: string): number => {
  const e = byName.get(name);
  if (!e) throw new Error(`no program error named ${name}`);
  return e.code;
};

/** Finds this program's custom error in transaction logs ("custom program error: 0x…"). */
export function errorFromLogs(logs: string[] | null | undefined): ProgramErrorInfo | undefined {
  for (const l of logs ?? []) {
    const m = /custom program error: (0x[0-9a-fA-F]+)/.exec(l);
    if (m) return byCode.get(parseInt(m[1], 16));
  }
  return undefined;
}

/** A program error named anywhere in a text ("custom program error: 0x183b" or `"Custom":6203`). */
export function errorFromText(text: string): ProgramErrorInfo | undefined {
  const hex = /custom program error: (0x[0-9a-fA-F]+)/.exec(text);
  if (hex) return byCode.get(parseInt(hex[1], 16));
  const dec = /"Custom":\s*(\d+)/.exec(text);
  return dec ? byCode.get(Number(dec[1])) : undefined;
}

/** `Name (code): message`, as the CLI and the page print a program error. */
export const describeProgramError = (e: ProgramErrorInfo) => `${e.name} (${e.code}): ${e.msg}`;

/** Error raised by the client for a failed transaction, with the program error when known. */
export class PerpTransactionError extends Error {
  constructor(
    message: string,
    readonly programError?: ProgramErrorInfo,
    readonly logs: string[] = [],
  ) {
    super(programError ? describeProgramError(programError) : message);
  }
}
