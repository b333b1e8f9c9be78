/**
 * Starts a worker for one job and hands back its result; `cancel()` terminates it at once.
 * A job that is cancelled or superseded never reports.
 */
import type { WorkerRequest, WorkerResponse } from "./protocol.js";

export interface Job<T> {
  result: Promise<T>;
  cancel(): void;
}

export type Outcome = Exclude<WorkerResponse, { type: "progress" }>;

export function startJob(
  request: WorkerRequest,
  onProgress: (phase: string, fraction?: number) => void,
): Job<Outcome> {
  const worker = new Worker(new URL("./run.worker.ts", import.meta.url), { type: "module" });
  let settle: (o: Outcome) => void = () => {};
  const result = new Promise<Outcome>((resolve) => {
    settle = resolve;
  });
  let live = true;
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    if (!live) return;
    const m = event.data;
    if (m.type === "progress") onProgress(m.phase, m.fraction);
    else {
      live = false;
      worker.terminate();
      settle(m);
    }
  };
  worker.onerror = (event) => {
    if (!live) return;
    live = false;
    worker.terminate();
    settle({
      type: "error",
      error: {
        message: `The background worker stopped: ${event.message || "out of memory?"}`,
        hint: "The file may be too large for this browser's memory. Try fewer columns, or the command line.",
        internal: true,
      },
    });
  };
  worker.postMessage(request);
  return {
    result,
    cancel() {
      if (!live) return;
      live = false;
      worker.terminate();
      settle({ type: "error", error: { message: "Cancelled." } });
    },
  };
}
