/**
 * The showcase page under happy-dom, on releases decoded from their embedded form exactly as
 * the page does it: the statement verbatim with its consequence for long selections, the facts,
 * the columns, the Explore view, the table of reportable counts (filter, sort, pages) and the
 * download links, whose blob: files hold the release's own bytes.
 */
// @vitest-environment happy-dom
import { encodeRelease } from "@commonground/core/internal";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PAGE_SIZE } from "../../src/showcase/AggregatesTable.js";
import { type LoadedRelease, loadRelease } from "../../src/showcase/load-release.js";
import { Showcase } from "../../src/showcase/Showcase.js";
import { longerSelectionNote, releaseFacts } from "../../src/showcase/showcase-text.js";
import { type Fixture, fixtureFiles, ORACLE } from "../explore/release-fixture.js";

afterEach(cleanup);

function load(f: Fixture): { release: LoadedRelease; files: Record<string, string> } {
  const files = fixtureFiles(f);
  const text = {
    "manifest.json": JSON.stringify(files.manifest, null, 2),
    "synthetic.csv": files.synthetic,
    "aggregates.csv": files.aggregates,
  };
  const encoded = encodeRelease({
    manifest: text["manifest.json"],
    synthetic: text["synthetic.csv"],
    aggregates: text["aggregates.csv"],
  });
  return { release: loadRelease({ encoded: JSON.parse(JSON.stringify(encoded)) }), files: text };
}

/** 120 values of one column, each reported alone with a distinct count. */
const MANY: Fixture = {
  columns: [{ name: "code", kind: "single" }],
  records: [[["c000"]]],
  aggregates: Array.from({ length: 120 }, (_, i) => ({
    cells: [[`c${String(i).padStart(3, "0")}`]],
    count: 1000 - i,
  })),
  length: 1,
};

describe("Showcase", () => {
  it("shows the statement verbatim, what it means for long selections, and the facts", () => {
    const { release } = load(ORACLE);
    const { container } = render(<Showcase release={release} />);
    const statement = container.querySelector("[data-statement]");
    expect(statement?.textContent).toBe(release.view.statement);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Fixture");
    expect(screen.getByText(longerSelectionNote({ view: release.view }))).toBeTruthy();
    for (const fact of releaseFacts({ view: release.view, manifest: release.decoded.manifest })) {
      expect(screen.getByText(fact.detail)).toBeTruthy();
    }
    for (const name of ["Privacy promise", "How to read this", "Columns", "Reportable counts"]) {
      expect(screen.getByRole("heading", { level: 2, name })).toBeTruthy();
    }
    // The shared Explore view, with its charts one level below.
    expect(screen.getByRole("heading", { level: 2, name: "Explore the release" })).toBeTruthy();
    expect(screen.getAllByRole("button", { name: /^a1 ?:/ })).toHaveLength(1);
  });

  it("filters and sorts the reportable counts", () => {
    const { release } = load(ORACLE);
    render(<Showcase release={release} />);
    const table = screen.getByRole("table", { name: /Reportable counts/ });
    const rows = () => within(table).getAllByRole("row").slice(1);
    expect(rows()).toHaveLength(7);
    fireEvent.change(screen.getByLabelText("Contains"), { target: { value: "b2 c1" } });
    expect(rows()).toHaveLength(1);
    expect(screen.getByText("1 of 7 combinations match.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Contains"), { target: { value: "" } });
    fireEvent.change(screen.getByLabelText("Column"), { target: { value: "0" } });
    fireEvent.change(screen.getByLabelText("Value"), { target: { value: "1" } });
    expect(rows().map((r) => r.textContent)).toEqual(["A: a212"]);
    fireEvent.change(screen.getByLabelText("Column"), { target: { value: "" } });
    fireEvent.change(screen.getByLabelText("Length"), { target: { value: "2" } });
    expect(rows()).toHaveLength(3);
    const length = screen.getByRole("columnheader", { name: /Length/ });
    fireEvent.click(within(length).getByRole("button"));
    expect(length.getAttribute("aria-sort")).toBe("ascending");
    fireEvent.click(within(length).getByRole("button"));
    expect(length.getAttribute("aria-sort")).toBe("descending");
    fireEvent.click(within(length).getByRole("button"));
    expect(length.getAttribute("aria-sort")).toBe("none");
  });

  it("pages a long table", () => {
    const { release } = load(MANY);
    render(<Showcase release={release} />);
    const table = screen.getByRole("table", { name: /Reportable counts/ });
    const rows = () => within(table).getAllByRole("row").slice(1);
    expect(rows()).toHaveLength(PAGE_SIZE);
    expect(screen.getByText(/Page 1 of 3/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Last" }));
    expect(rows()).toHaveLength(120 - 2 * PAGE_SIZE);
    expect(rows().at(-1)?.textContent).toBe("code: c1191881");
    const count = screen.getByRole("columnheader", { name: /Count/ });
    fireEvent.click(within(count).getByRole("button"));
    fireEvent.click(within(count).getByRole("button"));
    expect(count.getAttribute("aria-sort")).toBe("ascending");
    expect(screen.getByText(/Page 1 of 3/)).toBeTruthy();
    expect(rows()[0]?.textContent).toBe("code: c1191881");
  });

  it("offers the files for download, rebuilt byte for byte", async () => {
    const { release, files } = load(ORACLE);
    const blobs = new Map<string, Blob>();
    let n = 0;
    const create = vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      const url = `blob:test/${n++}`;
      blobs.set(url, blob as Blob);
      return url;
    });
    try {
      render(<Showcase release={release} />);
      for (const name of ["synthetic.csv", "aggregates.csv", "manifest.json"]) {
        const link = screen.getByRole("link", { name });
        expect(link.getAttribute("download")).toBe(name);
        link.addEventListener("click", (e) => e.preventDefault());
        fireEvent.click(link);
        const href = link.getAttribute("href")!;
        expect(href).toMatch(/^blob:/);
        expect(await blobs.get(href)!.text()).toBe(files[name]);
        fireEvent.click(link);
        expect(link.getAttribute("href")).toBe(href);
      }
      expect(create).toHaveBeenCalledTimes(3);
    } finally {
      create.mockRestore();
    }
  });
});
