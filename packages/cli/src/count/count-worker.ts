/** Worker thread of workerExecutor: counts the tasks it is sent into one partial result. */
import { parentPort, workerData } from "node:worker_threads";
import {
  type CountingInput,
  type CountSettings,
  countPartition,
  emptyPartial,
  type PartialCounts,
} from "@commonground/core/internal";

const { input, settings } = workerData as { input: CountingInput; settings: CountSettings };
let partial: PartialCounts | undefined;
const port = parentPort!;

port.on("message", (msg: { type: string; firsts?: Uint32Array; cost?: number }) => {
  if (msg.type === "task") {
    partial = countPartition(input, settings, msg.firsts!, partial);
    port.postMessage({ type: "done", cost: msg.cost });
    return;
  }
  const result = partial ?? emptyPartial(input, settings.length);
  const transfer = [
    result.comboAttrs,
    result.comboCounts,
    result.minUnique,
    result.minRare,
    result.recordWide,
    result.entryRare,
  ].map((a) => a.buffer as ArrayBuffer);
  port.postMessage({ type: "result", partial: result }, transfer);
  port.close(); // nothing is left to do: let the thread end
});
