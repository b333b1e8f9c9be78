/** A setting's explanation from core (written once, shared with `commonground explain`). */
import { EXPLANATIONS, type ExplanationKey } from "@commonground/core/internal";
import { Markdown } from "./Markdown.js";

export function Help({ topic }: { topic: ExplanationKey }) {
  const e = EXPLANATIONS[topic];
  return (
    <details className="help">
      <summary>
        About{" "}
        {/^[A-Z][A-Z]/.test(e.title) ? e.title : e.title.charAt(0).toLowerCase() + e.title.slice(1)}
      </summary>
      <Markdown text={e.body} />
    </details>
  );
}
