/**
 * The showcase page's side of its embedded data: the id of the data block (a
 * `<script type="application/json">`, never executed, so the CSP does not apply to it) and
 * reading it. The template's placeholder (a JSON string, not an object) reads as "no data".
 */

import { SHOWCASE_DATA_ID } from "@commonground/core/internal";

/** The id of the data block (core's, so that verify finds it in a page's HTML). */
export const DATA_ELEMENT_ID = SHOWCASE_DATA_ID;

/** What is used of the page's document (kept structural: the CLI type-checks without the DOM). */
export interface PageDocument {
  getElementById(id: string): { textContent: string | null } | null;
}

/** The parsed data block of a page, or undefined when it holds none (the bare template). */
export function readDataBlock(doc: PageDocument): unknown {
  const text = doc.getElementById(DATA_ELEMENT_ID)?.textContent?.trim() ?? "";
  return text.startsWith("{") ? JSON.parse(text) : undefined;
}
