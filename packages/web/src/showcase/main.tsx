/**
 * Entry of the showcase page (showcase.html, built into one file by vite.showcase.config.ts):
 * reads the embedded release and renders it. Marks `cg-interactive` (performance.mark) once the
 * page is on screen and answers clicks, for the benchmark. The bare template (no data filled
 * in) says how to make a showcase.
 */
import { type ReactNode, StrictMode, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { type LoadedRelease, loadEmbedded } from "./load-release.js";
import { Showcase } from "./Showcase.js";
import "./showcase.css";

function Ready({ release }: { release: LoadedRelease }) {
  useEffect(() => {
    performance.mark("cg-interactive");
    document.documentElement.dataset.ready = "true";
  }, []);
  return <Showcase release={release} />;
}

function Problem({ text }: { text: string }) {
  return (
    <main className="sc-main">
      <h1>This showcase cannot be shown</h1>
      <p>{text}</p>
    </main>
  );
}

const root = createRoot(document.getElementById("root")!);
let page: ReactNode;
try {
  const release = loadEmbedded({ document });
  page =
    release === undefined ? (
      <Problem text="This is the showcase template, without a release in it. Make a showcase with: commonground showcase <release-folder>" />
    ) : (
      <Ready release={release} />
    );
} catch (e) {
  page = (
    <Problem
      text={`The release embedded in this page could not be read (${e instanceof Error ? e.message : String(e)}). Make the showcase again with: commonground showcase <release-folder>`}
    />
  );
}
root.render(<StrictMode>{page}</StrictMode>);
