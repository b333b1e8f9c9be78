// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import axe from "axe-core";
import { afterEach, describe, expect, it } from "vitest";
import { Explore } from "../../src/explore/Explore.js";
import { ExplorePage } from "../../src/explore/ExplorePage.js";
import { releaseView } from "../../src/explore/release-view.js";
import type { Run } from "../../src/synthesize/use-runs.js";
import { fixtureFiles, ORACLE, UNKNOWN } from "./release-fixture.js";

afterEach(cleanup);

// A: a1 a2 · B: b2 b1 · C: c1 c2; five records, seven reportable combinations, L = 3.
const view = releaseView(fixtureFiles(ORACLE));

const chart = (name: string) => screen.getByRole("region", { name });
const bar = (chartName: string, label: string) =>
  within(chart(chartName)).getByRole("button", { name: new RegExp(`^${label} ?:`) });
/** The row's full sentence (its tooltip; its accessible name reads the same words). */
const name = (el: HTMLElement) => el.getAttribute("title");
const chips = () =>
  screen.queryAllByRole("button", { name: /^Remove / }).map((b) => b.getAttribute("aria-label"));

describe("Explore", () => {
  it("shows one chart per column, the statement and the reporting length's consequence", () => {
    render(<Explore view={view} />);
    expect(
      screen.getAllByRole("region").map((r) => r.getAttribute("aria-labelledby")),
    ).toHaveLength(4);
    expect(screen.getByText(/combinations of up to 3 attributes/)).toBeTruthy();
    expect(screen.getByText(/describes at least 2 people/)).toBeTruthy();
    expect(name(bar("B", "b2"))).toBe("b2: 3 synthetic records, 2 reportable");
    expect(name(bar("B", "b1"))).toBe("b1: 1 synthetic record, not in the reportable counts");
    expect(screen.getByText("5 of 5 synthetic records match the selection.")).toBeTruthy();
  });

  it("keeps each value's bars and numbers inside its own row", () => {
    render(<Explore view={view} />);
    for (const column of ["A", "B", "C"]) {
      const rows = within(chart(column)).getAllByRole("listitem");
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.querySelectorAll(".cg-bar-label")).toHaveLength(1);
        expect(row.querySelectorAll(".cg-bar")).toHaveLength(2);
        expect(row.querySelectorAll(".cg-bar-number")).toHaveLength(2);
      }
    }
    const b1 = bar("B", "b1");
    expect(b1.querySelector('[data-kind="synthetic"]')?.textContent).toBe("1");
    expect(b1.querySelector('[data-kind="reportable"]')?.textContent).toBe("not reported");
    expect((b1.querySelector(".cg-bar--reportable") as HTMLElement).style.width).toBe("0.00%");
  });

  it("clicking a bar selects it: a chip appears and the other charts' counts change", () => {
    render(<Explore view={view} />);
    fireEvent.click(bar("A", "a1"));
    expect(chips()).toEqual(["Remove A: a1"]);
    expect(bar("A", "a1").getAttribute("aria-pressed")).toBe("true");
    expect(name(bar("B", "b2"))).toBe("b2: 2 synthetic records, 2 reportable");
    expect(name(bar("C", "c2"))).toBe("c2: 0 synthetic records, not in the reportable counts");
    expect(screen.getByText("3 of 5 synthetic records match the selection.")).toBeTruthy();
    // Another value of a single-value column replaces it; the same one deselects it.
    fireEvent.click(bar("A", "a2"));
    expect(chips()).toEqual(["Remove A: a2"]);
    expect(bar("A", "a1").getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(bar("A", "a2"));
    expect(chips()).toEqual([]);
  });

  it("Clear all resets every count", () => {
    render(<Explore view={view} />);
    fireEvent.click(bar("A", "a1"));
    fireEvent.click(bar("B", "b2"));
    expect(chips()).toEqual(["Remove A: a1", "Remove B: b2"]);
    expect(name(bar("C", "c1"))).toBe("c1: 1 synthetic record, not in the reportable counts");
    fireEvent.click(screen.getByRole("button", { name: "Clear all" }));
    expect(chips()).toEqual([]);
    expect(screen.queryByRole("button", { name: "Clear all" })).toBeNull();
    expect(name(bar("C", "c1"))).toBe("c1: 3 synthetic records, 2 reportable");
    expect(document.activeElement).toBe(screen.getByRole("group", { name: "Selection" }));
  });

  it("works from the keyboard: bars are native buttons; a chip goes with Delete, focus moves on", () => {
    render(<Explore view={view} />);
    for (const b of within(chart("A")).getAllByRole("button")) {
      expect(b.tagName).toBe("BUTTON");
      expect(b.getAttribute("type")).toBe("button");
      expect(b.tabIndex).toBe(0);
    }
    fireEvent.click(bar("A", "a1"));
    fireEvent.click(bar("B", "b2"));
    const first = screen.getByRole("button", { name: "Remove A: a1" });
    first.focus();
    fireEvent.keyDown(first, { key: "Delete" });
    expect(chips()).toEqual(["Remove B: b2"]);
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Remove B: b2" }));
    fireEvent.keyDown(document.activeElement as Element, { key: "Backspace" });
    expect(chips()).toEqual([]);
    expect(name(bar("B", "b2"))).toBe("b2: 3 synthetic records, 2 reportable");
    // Other keys do nothing.
    fireEvent.click(bar("C", "c1"));
    fireEvent.keyDown(screen.getByRole("button", { name: "Remove C: c1" }), { key: "a" });
    expect(chips()).toEqual(["Remove C: c1"]);
  });

  it("the column chooser adds and removes charts", () => {
    render(<Explore view={view} initialColumns={[0, 2]} />);
    expect(screen.queryByRole("region", { name: "B" })).toBeNull();
    fireEvent.click(screen.getByRole("checkbox", { name: "B" }));
    expect(chart("B")).toBeTruthy();
    fireEvent.click(screen.getByRole("checkbox", { name: "A" }));
    expect(screen.queryByRole("region", { name: "A" })).toBeNull();
    const names = screen.getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(names).toEqual(["B", "C"]);
  });

  it("has no serious or critical axe-core violations", async () => {
    const { container } = render(<Explore view={view} />);
    fireEvent.click(bar("A", "a1"));
    const result = await axe.run(container, {
      // happy-dom computes no layout or colours; contrast is checked in the browser tests.
      rules: { "color-contrast": { enabled: false } },
    });
    const serious = result.violations.filter(
      (v) => v.impact === "serious" || v.impact === "critical",
    );
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

describe("Explore with published unknown cells", () => {
  const unknownView = releaseView(fixtureFiles(UNKNOWN));
  const labels = (chartName: string) =>
    within(chart(chartName))
      .getAllByRole("button")
      .map((b) => b.querySelector(".cg-bar-label")?.textContent);

  it("labels the missing cells' bar Unknown, keeps the exact label, and lists it last", () => {
    render(<Explore view={unknownView} />);
    // "(missing)" is G's largest count (first in aggregates.csv), yet its bar comes last.
    expect(labels("G")).toEqual(["f", "m", "Unknown"]);
    expect(labels("M")).toEqual(["x", "y", "Unknown"]);
    const unknown = bar("G", "Unknown");
    expect(name(unknown)).toBe(
      "Unknown, “(missing)” in the files: 3 synthetic records, 3 reportable",
    );
    expect(unknown.getAttribute("data-value")).toBe("(missing)");
    expect(unknown.classList.contains("cg-bar-row--unknown")).toBe(true);
    expect(bar("G", "f").classList.contains("cg-bar-row--unknown")).toBe(false);
    expect(screen.getByRole("list", { name: "Legend" }).textContent).toContain("Unknown");
  });

  it("selects the unknown value like any other, its chip reading Unknown", () => {
    render(<Explore view={unknownView} />);
    fireEvent.click(bar("G", "Unknown"));
    expect(chips()).toEqual(["Remove G: Unknown"]);
    expect(name(bar("M", "y"))).toBe("y: 2 synthetic records, 2 reportable");
    expect(name(bar("M", "Unknown"))).toBe(
      "Unknown, “(missing)” in the files: 1 synthetic record, not in the reportable counts",
    );
  });

  it("shows no Unknown where the manifest publishes no missing cells", () => {
    const files = fixtureFiles({
      ...UNKNOWN,
      columns: UNKNOWN.columns.map(({ missingLabel: _, ...c }) => c),
    });
    render(<Explore view={releaseView(files)} />);
    expect(labels("G")).toEqual(["(missing)", "f", "m"]);
    expect(screen.getByRole("list", { name: "Legend" }).textContent).not.toContain("Unknown");
  });

  it("has no serious or critical axe-core violations", async () => {
    const { container } = render(<Explore view={unknownView} />);
    fireEvent.click(bar("G", "Unknown"));
    const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
    const serious = result.violations.filter(
      (v) => v.impact === "serious" || v.impact === "critical",
    );
    expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

describe("ExplorePage (the web app's step 5)", () => {
  // Only the fields the page reads; the rest of a Run does not matter here.
  const run = (id: number, title: string) =>
    ({
      id,
      name: `Run ${id}`,
      result: { view: { ...view, title } },
    }) as unknown as Run;

  it("asks for a finished run first", () => {
    render(<ExplorePage runs={[]} />);
    expect(screen.getByText(/Finish a run on the Synthesize step/)).toBeTruthy();
    expect(screen.queryByRole("region", { name: "A" })).toBeNull();
  });

  it("shows the latest finished run, and another one on request", () => {
    render(<ExplorePage runs={[run(1, "First"), run(2, "Second")]} />);
    expect(screen.getByText("Second")).toBeTruthy();
    fireEvent.click(bar("A", "a1"));
    expect(chips()).toEqual(["Remove A: a1"]);
    fireEvent.change(screen.getByRole("combobox", { name: "Run" }), { target: { value: "1" } });
    expect(screen.getByText("First")).toBeTruthy();
    // A new release starts with nothing selected.
    expect(chips()).toEqual([]);
    expect(screen.getAllByRole("heading", { level: 4 }).map((h) => h.textContent)).toEqual([
      "A",
      "B",
      "C",
    ]);
  });
});
