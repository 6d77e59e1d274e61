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

/** Error raised by the client for a failed transaction, with the program error when known. */
export class PerpTransactionError extends Error {
  constructor(
    message: string,
    readonly programError?: ProgramErrorInfo,
    readonly logs: string[] = [],
  ) {
    super(programError ? `${programError.name} (${programError.code}): ${programError.msg}` : message);
  }
}
