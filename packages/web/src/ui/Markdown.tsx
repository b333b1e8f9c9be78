/**
 * The small Markdown of core's explanations (paragraphs, "- " lists, **bold**, `code`, _italic_)
 * as React elements: no HTML strings, so nothing in a text can become markup.
 */
import type { ReactNode } from "react";

export function Markdown({ text }: { text: string }) {
  const blocks = text.trim().split(/\n\s*\n/);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split("\n");
        if (lines.every((l) => l.startsWith("- "))) {
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: static text, never reordered
            <ul key={i}>
              {lines.map((l, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static text, never reordered
                <li key={j}>{inline(l.slice(2))}</li>
              ))}
            </ul>
          );
        }
        // biome-ignore lint/suspicious/noArrayIndexKey: static text, never reordered
        return <p key={i}>{inline(lines.join(" "))}</p>;
      })}
    </>
  );
}

/** **bold**, `code` and _italic_ spans. */
export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  const pattern = /\*\*(.+?)\*\*|`(.+?)`|(?<![\w])_(.+?)_(?![\w])/g;
  let last = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const key = out.length;
    if (m[1] !== undefined) out.push(<strong key={key}>{m[1]}</strong>);
    else if (m[2] !== undefined) out.push(<code key={key}>{m[2]}</code>);
    else out.push(<em key={key}>{m[3]}</em>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
