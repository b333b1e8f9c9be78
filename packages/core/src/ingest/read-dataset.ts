/**
 * Reads a CSV byte stream into a Dataset (docs/design.md §2). Streaming: only the current chunk and
 * the compact per-column arrays are in memory, never the whole text.
 */

import { encodeUtf8 } from "../util/text.js";
import { createCsvParser } from "./csv-parser.js";
import { DatasetBuilder, RecordLimitReached } from "./dataset-builder.js";
import type { IngestOptions } from "./options.js";
import type { Dataset } from "./types.js";

export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Reads a whole CSV stream; `options` as documented in IngestOptions. */
export async function readDataset(
  source: ByteSource,
  options: IngestOptions = {},
): Promise<Dataset> {
  const { builder, parser } = start(options);
  try {
    for await (const chunk of source) parser.push(chunk);
    parser.end();
  } catch (e) {
    if (!(e instanceof RecordLimitReached)) throw e;
  }
  return { ...builder.finish(), delimiter: parser.delimiter ?? "," };
}

/** Synchronous variant for text already in memory (tests, small inputs). */
export function readDatasetFromText(text: string, options: IngestOptions = {}): Dataset {
  const { builder, parser } = start(options);
  try {
    parser.push(encodeUtf8(text));
    parser.end();
  } catch (e) {
    if (!(e instanceof RecordLimitReached)) throw e;
  }
  return { ...builder.finish(), delimiter: parser.delimiter ?? "," };
}

function start(options: IngestOptions) {
  const builder = new DatasetBuilder(options);
  const parser = createCsvParser({
    ...(options.fileName !== undefined && { fileName: options.fileName }),
    ...(options.delimiter !== undefined && { delimiter: options.delimiter }),
    onRow: (fields, line) => builder.row(fields, line),
  });
  return { builder, parser };
}
