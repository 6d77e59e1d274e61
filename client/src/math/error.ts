/**
 * The error every mirrored math function throws: the name of the Rust `PerpError` variant the
 * on-chain code returns in the same case ("MathOverflow", "DivisionByZero", "AmountTooLarge", …),
 * so a client-side preview fails exactly where the program would.
 */

/** `PerpError` variants the math and account-health mirrors can raise. */
export type MathErrorName =
  | "MathOverflow"
  | "DivisionByZero"
  | "AmountTooLarge"
  | "ZeroAmount"
  | "AccountHasUnresolvedDeficit"
  | "InvalidDepositPolicy"
  | "MissingMarketAccounts"
  | "NoPosition"
  | "InvalidOracle"
  | "OracleStale"
  | "OracleConfidenceTooWide"
  | "OracleNotFullyVerified"
  | "OracleFeedMismatch";

export class MathError extends Error {
  override readonly name = "MathError";

  constructor(
    /** The Rust `PerpError` variant name; the program's code is `errorCode(code)`. */
    readonly code: MathErrorName,
    detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

/** The `PerpError` name of a thrown `MathError`; anything else is rethrown (a bug, not a result). */
export function mathErrorName(e: unknown): MathErrorName {
  if (e instanceof MathError) return e.code;
  throw e;
}
