/**
 * Progress of a synthesis: a callback given the share of the work done, in [0, 1], called at
 * most every PROGRESS_STEP of the work and once with 1 at the end. Hosts show it (the CLI's
 * status line, the web app's bar); it carries no data, only how far the run is.
 */
export type OnProgress = (fraction: number) => void;

/** Smallest step between two reports (1 %). */
export const PROGRESS_STEP = 0.01;

/**
 * The reports of a sub-task that spans [from, from + width) of a run's bar, never going back
 * and throttled to PROGRESS_STEP.
 */
export function progressSpan(
  onProgress: OnProgress | undefined,
  from: number,
  width: number,
): OnProgress | undefined {
  if (onProgress === undefined) return undefined;
  let last = Number.NEGATIVE_INFINITY;
  return (fraction) => {
    const at = from + width * Math.min(1, Math.max(0, fraction));
    if (at - last < PROGRESS_STEP && fraction < 1) return;
    last = at;
    onProgress(at);
  };
}
