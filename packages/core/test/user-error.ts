/** Test helper: runs `run` and returns the UserError it throws (fails on anything else). */
import { UserError } from "../src/errors.js";

export function userError(run: () => unknown): UserError {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("expected a UserError");
}
