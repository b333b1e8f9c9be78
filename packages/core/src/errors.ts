/**
 * Two kinds of failure, kept apart (STYLE: user errors vs internal bugs).
 *
 * - `UserError`: the input or the options are wrong. The message says what is wrong and
 *   what to do; `location` pins it to a file, line and column where that applies.
 *   The CLI maps it to exit code 2.
 * - `InternalError`: a broken invariant inside CommonGround (a bug). The CLI maps it to 70.
 *
 * Core never logs and never exits: it throws these, or returns warnings with its results.
 */

/** Where a user error sits in the input. Lines are 1-based physical lines of the file. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  /** Column name (or 1-based field number when the header is unknown). */
  column?: string;
  /**
   * The option at fault, by its key in core's options (camelCase, e.g. "seed", "workLimit");
   * each host names it its own way (the CLI as a flag, the web app as a field).
   */
  option?: string;
}

export type UserErrorCode =
  | "file-not-found"
  | "not-a-file"
  | "empty-file"
  | "no-data-rows"
  | "all-missing"
  | "ragged-row"
  | "unterminated-quote"
  | "duplicate-column"
  | "unnamed-column"
  | "identifier-column"
  | "unknown-column"
  | "subject-id-conflict"
  | "empty-subject-id"
  | "invalid-option"
  | "k-too-large"
  | "binary-file"
  | "too-many-columns"
  | "bad-encoding"
  | "output-exists"
  | "work-limit"
  | "bad-bin-spec"
  | "reserved-label"
  | "non-numeric-value"
  | "bad-config"
  | "bad-release";

export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    readonly code: UserErrorCode,
    message: string,
    readonly location: ErrorLocation = {},
    /** What the user should do about it, in plain words. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

export class InternalError extends Error {
  override readonly name = "InternalError";
}

/** Throws an InternalError when an invariant does not hold. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InternalError(message);
}

/** A soft problem returned with a result (never thrown). */
export interface Warning {
  code:
    | "length-clamped"
    | "high-cardinality"
    | "unused-recode"
    | "numbers-written-differently"
    | "identifier-column"
    | "unnamed-column"
    | "empty-release"
    | "weak-setting"
    | "ignored-option"
    | "row-privacy-unit"
    | "fitted-length"
    | "differencing";
  message: string;
  column?: string;
  /** The option it is about, by its key in core's options (as ErrorLocation.option). */
  option?: string;
  /** About the protection itself: hosts always show it (even when asked to be quiet). */
  privacy?: boolean;
}
