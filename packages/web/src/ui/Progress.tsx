/** A labelled progress bar with the phase and the time elapsed. */
import { useEffect, useState } from "react";

export function Progress({
  phase,
  fraction,
  startedAt,
  label,
}: {
  phase: string;
  fraction?: number | undefined;
  startedAt?: number;
  label: string;
}) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (startedAt === undefined) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [startedAt]);
  const pct = fraction === undefined ? undefined : Math.round(100 * fraction);
  return (
    <div className="progress">
      <progress aria-label={label} max={100} {...(pct !== undefined && { value: pct })} />
      <span className="progress-text" aria-live="polite">
        {phase}
        {pct !== undefined && ` ${pct} %`}
        {startedAt !== undefined && ` · ${((now - startedAt) / 1000).toFixed(1)} s`}
      </span>
    </div>
  );
}
