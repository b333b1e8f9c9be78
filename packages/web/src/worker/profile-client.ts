/** The page's handle on the profile worker: one per opened file, requests answered by id. */
import type { FileProfile, Histogram, ValueList } from "../data/raw-table.js";
import type { ProfileRequest, ProfileResponse } from "./profile-protocol.js";
import type { ErrorInfo } from "./protocol.js";

export class WorkerError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

type Unsent<T> = T extends unknown ? Omit<T, "id"> : never;

type Pending = { resolve: (m: ProfileResponse) => void; onReading?: (f: number) => void };

export class ProfileClient {
  private readonly worker = new Worker(new URL("./profile.worker.ts", import.meta.url), {
    type: "module",
  });
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    this.worker.onmessage = (event: MessageEvent<ProfileResponse>) => {
      const m = event.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === "reading") {
        p.onReading?.(m.fraction);
        return;
      }
      this.pending.delete(m.id);
      p.resolve(m);
    };
    this.worker.onerror = (event) => {
      const error: ErrorInfo = {
        message: `The background worker stopped: ${event.message || "out of memory?"}`,
        hint: "The file may be too large for this browser's memory. Try the command line for very large files.",
        internal: true,
      };
      for (const [id, p] of this.pending) p.resolve({ type: "error", id, error });
      this.pending.clear();
    };
  }

  private ask(req: Unsent<ProfileRequest>, onReading?: (f: number) => void) {
    const id = this.next++;
    return new Promise<ProfileResponse>((resolve) => {
      this.pending.set(id, { resolve, ...(onReading && { onReading }) });
      this.worker.postMessage({ ...req, id } as ProfileRequest);
    }).then((m) => {
      if (m.type === "error") throw new WorkerError(m.error);
      return m;
    });
  }

  async open(file: File, onReading?: (f: number) => void): Promise<FileProfile> {
    const m = await this.ask({ type: "open", file }, onReading);
    if (m.type !== "profile") throw new Error(`unexpected answer ${m.type}`);
    return m.profile;
  }

  async rows(from: number, to: number): Promise<string[][]> {
    const m = await this.ask({ type: "rows", from, to });
    if (m.type !== "rows") throw new Error(`unexpected answer ${m.type}`);
    return m.rows;
  }

  async histogram(column: string, spec: string): Promise<Histogram> {
    const m = await this.ask({ type: "histogram", column, spec });
    if (m.type !== "histogram") throw new Error(`unexpected answer ${m.type}`);
    return m.histogram;
  }

  /** A column's values with their row counts, rarest first (RawTable.valueList). */
  async values(column: string, delimiter?: string): Promise<ValueList> {
    const m = await this.ask({ type: "values", column, ...(delimiter && { delimiter }) });
    if (m.type !== "values") throw new Error(`unexpected answer ${m.type}`);
    return m.list;
  }

  close(): void {
    this.worker.terminate();
    this.pending.clear();
  }
}
