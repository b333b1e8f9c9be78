/**
 * Opens the sensitive input for streaming: clear errors for a missing file or a folder,
 * a SHA-256 of the bytes as they pass (for run.json), and progress in bytes.
 */
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { resolve } from "node:path";
import { UserError } from "@commonground/core/internal";

export interface InputFile {
  path: string;
  bytes: number;
  chunks: AsyncIterable<Uint8Array>;
  /**
   * SHA-256 of the whole file (hex): computed while streaming, or by reading the rest of the
   * file when reading stopped early (a record limit).
   */
  sha256(): Promise<string>;
}

export function openInput(
  path: string,
  onBytes?: (read: number, total: number) => void,
): InputFile {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      throw new UserError(
        "not-a-file",
        `${path} is a folder, not a data file.`,
        { file: path },
        "Give the path of the CSV file inside it.",
      );
    }
    size = stat.size;
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(
      "file-not-found",
      code === "ENOENT"
        ? `The input file ${path} does not exist.`
        : `The input file ${path} cannot be read (${code ?? "unknown reason"}).`,
      { file: path },
      code === "ENOENT"
        ? `Check the path (relative paths start from ${process.cwd()}).`
        : "Check that you are allowed to read it.",
    );
  }
  const hash = createHash("sha256");
  let digest: string | undefined;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let read = 0;
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      read += bytes.length;
      onBytes?.(read, size);
      yield bytes;
    }
    digest = hash.digest("hex");
  }
  return {
    path: resolve(path),
    bytes: size,
    chunks: chunks(),
    sha256: async () => {
      if (digest !== undefined) return digest;
      const whole = createHash("sha256");
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
        whole.update(chunk as Buffer);
      }
      digest = whole.digest("hex");
      return digest;
    },
  };
}
