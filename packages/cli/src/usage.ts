import { UserError } from "@commonground/core/internal";

/** A bad flag or option value: what is wrong and what to do (exit 2). */
export const usage = (message: string, hint: string): UserError =>
  new UserError("invalid-option", message, {}, hint);
