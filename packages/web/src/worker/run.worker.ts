/**
 * The worker behind every heavy step of the app: one worker per run or risk analysis, so that
 * cancelling is terminating it. Errors come back as the CLI would print them.
 */
import { errorInfo } from "./error-info.js";
import { runRelease, runRisk } from "./pipeline.js";
import type { WorkerRequest, WorkerResponse } from "./protocol.js";

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
