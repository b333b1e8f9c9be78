/**
 * The worker behind every heavy step of the app: one worker per run or risk analysis, so that
 * cancelling is terminating it. Errors come back as the CLI would print them.
 */
import { UserError } from "@commonground/core";
import { runRelease, runRisk } from "./pipeline.js";
import type { ErrorInfo, WorkerRequest, WorkerResponse } from "./protocol.js";

const post = (m: WorkerResponse, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  const progress = (phase: string, fraction?: number) =>
    post({ type: "progress", phase, ...(fraction !== undefined && { fraction }) });
  try {
    if (req.type === "risk") {
      post({ type: "risk", ...(await runRisk(req, progress)) });
    } else {
      const { result, warnings } = await runRelease(req, progress);
      const buffers = [...result.public, ...result.private].map((f) => f.bytes.buffer);
      post({ type: "done", result, warnings }, buffers as ArrayBuffer[]);
    }
  } catch (e) {
    post({ type: "error", error: errorInfo(e) });
  }
};

/** A user error's message, place and hint; anything else is reported as a bug. */
export function errorInfo(e: unknown): ErrorInfo {
  if (e instanceof UserError) {
    const where: string[] = [];
    if (e.location.file) where.push(e.location.file);
    if (e.location.line !== undefined) where.push(`line ${e.location.line}`);
    if (e.location.column !== undefined) where.push(`column "${e.location.column}"`);
    return {
      message: e.message,
      ...(where.length > 0 && { where: where.join(", ") }),
      ...(e.hint && { hint: e.hint }),
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return {
    message: `Something went wrong inside CommonGround: ${message}`,
    hint: "This is a bug, not a problem with your file. Please report it with the steps that led here.",
    internal: true,
  };
}
