/**
 * The published showcase of one release: title and description, the privacy statement verbatim
 * with what it means for long selections, how to read the page, the columns at a glance, the
 * Explore view (shared with the web app), the table of reportable counts and the files to
 * download. Everything comes from the release embedded in the page; nothing is fetched.
 */
import { Explore } from "../explore/Explore.js";
import { AggregatesTable } from "./AggregatesTable.js";
import { ColumnOverview } from "./ColumnOverview.js";
import { Downloads } from "./Downloads.js";
import type { LoadedRelease } from "./load-release.js";
import { longerSelectionNote, releaseFacts } from "./showcase-text.js";

const SECTIONS = [
  ["sc-privacy", "Privacy promise"],
  ["sc-how", "How to read this"],
  ["sc-columns", "Columns"],
  ["sc-explore", "Explore"],
  ["sc-aggregates", "Reportable counts"],
  ["sc-downloads", "Download"],
] as const;

export interface ShowcaseProps {
  release: LoadedRelease;
}

/** The whole showcase page. */
export function Showcase({ release }: ShowcaseProps) {
  const { view } = release;
  return (
    <>
      <a className="sc-skip" href="#sc-main">
        Skip to the content
      </a>
      <header className="sc-header">
        <p className="sc-kicker">A privacy-protected data release</p>
        <h1>{view.title === "" ? "Data release" : view.title}</h1>
        {view.description !== "" && <p className="sc-description">{view.description}</p>}
        <nav aria-label="Contents" className="sc-nav">
          <ul>
            {SECTIONS.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="sc-main" className="sc-main">
        <section id="sc-privacy" className="sc-section" aria-labelledby="sc-privacy-title">
          <h2 id="sc-privacy-title">Privacy promise</h2>
          <p className="sc-statement" data-statement="">
            {view.statement}
          </p>
          <p className="sc-longer">{longerSelectionNote({ view })}</p>
          <dl className="sc-facts">
            {releaseFacts({ view, manifest: release.decoded.manifest }).map((f) => (
              <div key={f.term}>
                <dt>{f.term}</dt>
                <dd>{f.detail}</dd>
              </div>
            ))}
          </dl>
        </section>
        <HowToRead release={release} />
        <ColumnOverview view={view} />
        <div id="sc-explore" className="sc-section sc-explore">
          <Explore view={view} headingLevel={2} showStatement={false} />
        </div>
        <AggregatesTable view={view} />
        <Downloads release={release} />
      </main>
      <footer className="sc-footer">
        <p>
          This page is a single file that holds the whole public release. It works offline: it loads
          nothing from the internet and sends nothing anywhere. Made with CommonGround.
        </p>
      </footer>
    </>
  );
}

/** A short guide to the page's numbers. */
function HowToRead({ release }: ShowcaseProps) {
  const { view } = release;
  const L = view.reportingLength;
  const dp = view.privacy.model === "differential-privacy";
  const k = view.privacy.model === "k-anonymity" ? view.privacy.k : undefined;
  return (
    <section id="sc-how" className="sc-section" aria-labelledby="sc-how-title">
      <h2 id="sc-how-title">How to read this</h2>
      <ul className="sc-how">
        {view.recordCount > 0 && (
          <li>
            <strong>Synthetic records</strong> are made-up records, not real people. They were
            generated so that counting them gives figures close to the real ones. In the charts they
            are the upper, solid bar and the first number.
          </li>
        )}
        <li>
          <strong>Reportable counts</strong> (aggregates.csv) count real people, for combinations of
          up to {L} {L === 1 ? "value" : "values"}.{" "}
          {dp
            ? "They include random noise, so small differences mean little."
            : `Each is rounded down to a multiple of ${k}, and only combinations that at least ${k} people share are published.`}{" "}
          In the charts they are the lower, striped bar and the second number; “not reported” means
          the combination is not in the file, “synthetic only” that it is longer than {L}.
        </li>
        {view.columns.some((c) => c.missingLabel !== undefined) && (
          <li>
            <strong>Unknown</strong> counts the records that have no value in a column (written
            “(missing)” in the files). It is shown last, with grey hatched bars, and counted and
            protected like any other value.
          </li>
        )}
        <li>
          <strong>Selecting:</strong> click a value’s bar to select it; the other charts then count
          only the records with that value. Selections in different columns combine (“and”); in a
          column that holds several values per record, selecting more than one means “includes all
          of them”. Click again to deselect.
        </li>
        <li>
          <strong>Nothing leaves this page:</strong> it is one self-contained file that works
          offline. The downloads below are the release’s own files, rebuilt from the page.
        </li>
      </ul>
    </section>
  );
}
