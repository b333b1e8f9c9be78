/**
 * A box that scrolls sideways when its table is wider than the screen (a phone): a named region
 * that the keyboard can reach, so that its hidden part can be scrolled to without a mouse.
 */
import type { ReactNode } from "react";

export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
