/**
 * Step 5 of the web app, Explore: picks a finished run and shows its Explore view (built by the
 * worker from the run's public files only, exactly as the showcase builds it).
 */
import type { Run } from "../synthesize/use-runs.js";
import { Page } from "../ui/Page.js";
import { type FocusProps, RunPicker, useFocusedRun } from "../ui/RunPicker.js";
import { Explore } from "./Explore.js";

export interface ExplorePageProps extends FocusProps {
  runs: readonly Run[];
}

/** The Explore step: a run chooser and the Explore view of the chosen run. */
export function ExplorePage({ runs, ...focus }: ExplorePageProps) {
  const done = runs.filter((r) => r.result !== undefined);
  const [run, pick] = useFocusedRun(done, focus);
  return (
    <Page id="explore" title="5. Explore">
      {run?.result === undefined ? (
        <p>Finish a run on the Synthesize step to explore its release.</p>
      ) : (
        <>
          <p>
            What anyone holding the release can see: computed from its public files only
            (synthetic.csv, aggregates.csv, manifest.json).
          </p>
          {done.length > 1 && <RunPicker label="Run" runs={done} value={run.id} onChange={pick} />}
          <Explore key={run.id} view={run.result.view} headingLevel={3} />
        </>
      )}
    </Page>
  );
}
