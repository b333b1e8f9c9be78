/**
 * The worker that holds the opened file as read (RawTable): its profile, rows for the preview
 * on demand (the page never holds all rows), and binning histograms.
 */
import { RawTable } from "../data/raw-table.js";
import { errorInfo } from "./error-info.js";
import { fileChunks } from "./pipeline.js";
import type { ProfileRequest, ProfileResponse } from "./profile-protocol.js";

let table: RawTable | undefined;
const post = (m: ProfileResponse) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (event: MessageEvent<ProfileRequest>) => {
  const req = event.data;
  try {
    if (req.type === "open") {
      table = undefined;
      const file = req.file;
      table = await RawTable.read(fileChunks(file), file.name, (bytes) =>
        post({ type: "reading", id: req.id, fraction: file.size > 0 ? bytes / file.size : 1 }),
      );
      post({ type: "profile", id: req.id, profile: table.profile(file.name, file.size) });
    } else if (req.type === "rows") {
      post({
        type: "rows",
        id: req.id,
        from: req.from,
        rows: table?.slice(req.from, req.to) ?? [],
      });
    } else if (req.type === "values") {
      if (!table) throw new Error("No file is open.");
      post({ type: "values", id: req.id, list: table.valueList(req.column, req.delimiter) });
    } else {
      if (!table) throw new Error("No file is open.");
      post({ type: "histogram", id: req.id, histogram: table.histogram(req.column, req.spec) });
    }
  } catch (e) {
    post({ type: "error", id: req.id, error: errorInfo(e) });
  }
};
