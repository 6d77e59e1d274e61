/**
 * Mirror of `math/deposit.rs`: how a deposit splits between an unresolved deficit and cash, plus the
 * preview the UI shows before the user signs.
 *
 * - `CreditFirst` (default): an account with a deficit cannot take deposits
 *   (`AccountHasUnresolvedDeficit`) until `resolve_bankruptcy` runs; a deposit never pays an old
 *   deficit.
 * - `RepayDebtFirst` (opt-in per exchange): min(maxDebtRepayment, deficit, amount) goes to the
 *   deficit, the rest is credited. Non-recourse: never more than the deficit or the deposit.
 * The split is exact: toDebt + credited = amount.
 */
import { DepositPolicy } from "../constants";
import { MathError, type MathErrorName } from "./error";
import { checkU64, I64_MAX } from "./wide";

/** The two parts of a deposit, native. */
export interface DepositSplit {
  /** Applied to the unresolved deficit, native. */
  toDebtNative: bigint;
  /** Credited to cash, native. */
  creditedNative: bigint;
}

/**
 * Splits a deposit of `amount` under the exchange's `policy` byte for an account whose unresolved
 * deficit is `deficitNative`. An unknown policy is `InvalidDepositPolicy`, whatever the deficit.
 */
export function depositSplit(
  policy: number,
  deficitNative: bigint,
  amount: bigint,
  maxDebtRepayment: bigint,
): DepositSplit {
  checkU64(deficitNative, "deficitNative");
  checkU64(amount, "amount");
  checkU64(maxDebtRepayment, "maxDebtRepayment");
  if (policy !== DepositPolicy.CreditFirst && policy !== DepositPolicy.RepayDebtFirst) {
    throw new MathError("InvalidDepositPolicy");
  }
  let toDebtNative = 0n;
  if (deficitNative > 0n) {
    if (policy === DepositPolicy.CreditFirst) throw new MathError("AccountHasUnresolvedDeficit");
    toDebtNative = [maxDebtRepayment, deficitNative, amount].reduce((a, b) => (a < b ? a : b));
  }
  return { toDebtNative, creditedNative: amount - toDebtNative };
}

/** What a deposit would do under one policy. */
export type DepositOutcome =
  | {
      ok: true;
      /** Goes to the deficit, native. */
      toDebtNative: bigint;
      /** Credited to cash, native. */
      creditedNative: bigint;
      /** The deficit left afterwards, native. */
      deficitAfterNative: bigint;
      /** The deposit clears the deficit (the account becomes healthy again). */
      clearsDeficit: boolean;
    }
  | {
      ok: false;
      /** The `PerpError` the `deposit` instruction would fail with. */
      error: MathErrorName;
    };

export interface DepositPreview {
  amountNative: bigint;
  deficitNative: bigint;
  maxDebtRepaymentNative: bigint;
  /** Outcome under CreditFirst. */
  creditFirst: DepositOutcome;
  /** Outcome under RepayDebtFirst. */
  repayDebtFirst: DepositOutcome;
  /** Outcome under the exchange's policy, when it was given. */
  active?: DepositOutcome;
}

/** The outcome of the `deposit` instruction's amount checks and split under one policy byte. */
export function depositOutcome(
  policy: number,
  deficitNative: bigint,
  amountNative: bigint,
  maxDebtRepaymentNative: bigint,
): DepositOutcome {
  try {
    // The handler's argument checks come first (before the pause flag and the policy).
    if (amountNative === 0n) throw new MathError("ZeroAmount");
    if (amountNative > I64_MAX) throw new MathError("AmountTooLarge");
    const s = depositSplit(policy, deficitNative, amountNative, maxDebtRepaymentNative);
    const deficitAfterNative = deficitNative - s.toDebtNative;
    return {
      ok: true,
      ...s,
      deficitAfterNative,
      clearsDeficit: deficitNative > 0n && deficitAfterNative === 0n,
    };
  } catch (e) {
    if (e instanceof MathError) return { ok: false, error: e.code };
    throw e;
  }
}

/**
 * Before signing: how much of a deposit would go to the account's deficit under each policy, and
 * under the exchange's own policy when `policy` is given (`ExchangeState.depositPolicy`).
 */
export function depositPreview(args: {
  amountNative: bigint;
  deficitNative: bigint;
  maxDebtRepaymentNative: bigint;
  policy?: number;
}): DepositPreview {
  const { amountNative, deficitNative, maxDebtRepaymentNative } = args;
  const at = (p: number) => depositOutcome(p, deficitNative, amountNative, maxDebtRepaymentNative);
  return {
    amountNative,
    deficitNative,
    maxDebtRepaymentNative,
    creditFirst: at(DepositPolicy.CreditFirst),
    repayDebtFirst: at(DepositPolicy.RepayDebtFirst),
    ...(args.policy === undefined ? {} : { active: at(args.policy) }),
  };
}
