/** Errors as the page shows them: core's message, place and hint, in the app's words. */
import { UserError } from "@commonground/core/internal";
import type { ErrorInfo } from "./protocol.js";
import { inWebWords } from "./web-words.js";

/** A user error's message, place and hint; anything else is reported as a bug. */
export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof UserError) {
    const where: string[] = [];
    if (e.location.file) where.push(e.location.file);
    if (e.location.line !== undefined) where.push(`line ${e.location.line}`);
    if (e.location.column !== undefined) where.push(`column "${e.location.column}"`);
    return {
      message: inWebWords(e.message),
      ...(where.length > 0 && { where: where.join(", ") }),
      ...(e.hint && { hint: inWebWords(e.hint) }),
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return {
    message: `Something went wrong inside CommonGround: ${message}`,
    hint: "This is a bug, not a problem with your file. Please report it with the steps that led here.",
    internal: true,
  };
}
