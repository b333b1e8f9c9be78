/** One step of the app: a section named by its heading, which takes the focus on arrival. */
import type { ReactNode } from "react";

export function Page({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
