// biome-ignore-all lint/a11y/useSemanticElements: a virtualised table is made of positioned divs; ARIA table roles keep it a table to assistive technology
// biome-ignore-all lint/a11y/useFocusableInteractive: rows and cells of a read-only table are not controls; the scrolling region itself takes the focus
/**
 * A virtualised preview of every row of the file: only the visible rows are in the page, asked
 * from the profile worker in pages as the user scrolls.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";
import type { ProfileClient } from "../worker/profile-client.js";

const PAGE = 200;
const ROW_HEIGHT = 28;
const COLUMN_WIDTH = "10rem";

export function Preview({
  client,
  header,
  facts,
  rows,
}: {
  client: ProfileClient;
  header: string[];
  /** Per column, shown under its name (e.g. "80 distinct · 12 empty"). */
  facts?: string[];
  rows: number;
}) {
  const parent = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState(() => new Map<number, string[][]>());
  const asked = useRef(new Set<number>());
  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => parent.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    for (let p = Math.floor(first / PAGE); p <= Math.floor(last / PAGE); p++) {
      if (asked.current.has(p)) continue;
      asked.current.add(p);
      client
        .rows(p * PAGE, (p + 1) * PAGE)
        .then((r) => setPages((m) => new Map(m).set(p, r)))
        .catch(() => asked.current.delete(p));
    }
  }, [client, first, last]);
  const cell = (row: number) => pages.get(Math.floor(row / PAGE))?.[row % PAGE];
  // Fixed widths: every row is its own grid, so only fixed tracks keep the columns aligned.
  const template = `4.5rem repeat(${header.length}, ${COLUMN_WIDTH})`;
  return (
    <div className="preview">
      <div
        ref={parent}
        className="preview-scroll"
        role="table"
        aria-label={`Preview of all ${rows.toLocaleString("en-US")} rows`}
        aria-rowcount={rows + 1}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling region must be reachable by keyboard
        tabIndex={0}
      >
        <div className="preview-head" role="row" style={{ gridTemplateColumns: template }}>
          <span role="columnheader">Row</span>
          {header.map((h, j) => (
            <span role="columnheader" key={h}>
              {h}
              {facts?.[j] && <span className="preview-facts">{facts[j]}</span>}
            </span>
          ))}
        </div>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const values = cell(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className="preview-row"
                style={{
                  gridTemplateColumns: template,
                  transform: `translateY(${item.start}px)`,
                  height: ROW_HEIGHT,
                }}
              >
                <span role="cell" className="preview-n">
                  {(item.index + 1).toLocaleString("en-US")}
                </span>
                {header.map((h, j) => (
                  <span role="cell" key={h} title={values?.[j]}>
                    {values ? values[j] : "…"}
                  </span>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
