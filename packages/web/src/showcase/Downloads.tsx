/**
 * Download links of the release's files, rebuilt from the embedded data byte for byte. Each is
 * a real `<a download>` link; its blob: URL is made on the first activation (building a large
 * CSV file takes a moment, so not while the page opens) and kept for later ones. A download is
 * a navigation, not a fetch: the page's `default-src 'none'` does not stop it.
 */
import { type MouseEvent, useRef } from "react";
import { type DownloadFile, downloadFiles, fileText, type LoadedRelease } from "./load-release.js";
import { formatBytes } from "./showcase-text.js";

export interface DownloadsProps {
  release: LoadedRelease;
}

/** The "Download" section. */
export function Downloads({ release }: DownloadsProps) {
  const urls = useRef(new Map<string, string>());
  const prepare = (e: MouseEvent<HTMLAnchorElement>, file: DownloadFile) => {
    let url = urls.current.get(file.name);
    if (url === undefined) {
      const text = fileText({ release, file: file.name });
      url = URL.createObjectURL(new Blob([text], { type: file.type }));
      urls.current.set(file.name, url);
    }
    // Set before the click's default action runs, which then follows the blob: URL.
    e.currentTarget.href = url;
  };
  return (
    <section id="sc-downloads" className="sc-section" aria-labelledby="sc-downloads-title">
      <h2 id="sc-downloads-title">Download</h2>
      <p>
        The release’s public files, exactly as published. Open the CSV files in a spreadsheet or any
        data tool.
      </p>
      <ul className="sc-downloads">
        {downloadFiles({ release }).map((file) => (
          <li key={file.name}>
            {/* biome-ignore lint/a11y/useValidAnchor: a real download link; its blob: URL is made
                when it is activated (onClick sets href before the default action follows it). */}
            <a
              href="#sc-downloads"
              download={file.name}
              data-file={file.name}
              onClick={(e) => prepare(e, file)}
            >
              {file.name}
            </a>{" "}
            <span className="sc-muted">
              ({formatBytes(file.bytes)}): {file.about}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
