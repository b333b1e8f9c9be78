// @vitest-environment happy-dom
/** The Data step's logic: the file's size at once, column choices, binning with its preview. */
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { DataSettings, RunMode } from "../../src/app/settings.js";
import type { FileState } from "../../src/app/use-file.js";
import { DataPage } from "../../src/data/DataPage.js";
import type { FileProfile } from "../../src/data/raw-table.js";
import type { ProfileClient } from "../../src/worker/profile-client.js";

afterEach(cleanup);

const profile: FileProfile = {
  fileName: "cases.csv",
  bytes: 2048,
  rows: 12000,
  delimiter: ",",
  columns: [
    { name: "age", distinct: 80, empty: 12, numeric: true, top: [{ value: "30", count: 400 }] },
    { name: "means", distinct: 40, empty: 3, numeric: false, top: [], listDelimiter: ";" },
  ],
};

/** A profile worker stand-in: rows and histograms as the worker would answer. */
const client = {
  rows: async (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => [String(from + i), "a;b"]),
  histogram: async (_column: string, spec: string) => ({
    spec,
    labels: ["<18", "18-64", "65+"],
    counts: [100, 11000, 888],
    missing: 12,
  }),
  values: async (column: string, delimiter?: string) => ({
    values:
      column === "means" && delimiter === ";"
        ? [
            { value: "threats", count: 2 },
            { value: "debt", count: 3 },
            { value: "documents", count: 900 },
          ]
        : [{ value: "30", count: 400 }],
    total: 3,
  }),
} as unknown as ProfileClient;

const latest: { settings?: DataSettings } = {};
function Page({ file, mode }: { file: FileState; mode?: RunMode }) {
  const [settings, setSettings] = useState<DataSettings>({
    columns: ["age", "means"],
    missing: [],
    multiValue: { means: ";" },
    bins: {},
  });
  latest.settings = settings;
  return (
    <DataPage
      file={file}
      settings={settings}
      onSettings={setSettings}
      onOpen={() => {}}
      onSample={() => {}}
      {...(mode && { mode })}
    />
  );
}

const withIds: FileProfile = {
  ...profile,
  rows: 500,
  columns: [
    ...profile.columns,
    { name: "case", distinct: 480, empty: 20, numeric: false, top: [] },
    { name: "", distinct: 500, empty: 0, numeric: true, top: [] },
  ],
};

/** A page over a file with an identifier-like and an unnamed column. */
function IdPage() {
  const [settings, setSettings] = useState<DataSettings>({
    columns: ["age", "means"],
    missing: [],
    multiValue: {},
    bins: {},
  });
  latest.settings = settings;
  return (
    <DataPage
      file={{ open: { file: new File([], "cases.csv"), profile: withIds, client } }}
      settings={settings}
      onSettings={setSettings}
      onOpen={() => {}}
      onSample={() => {}}
    />
  );
}

describe("the Data step", () => {
  it("offers a standard file input and the sample before a file is open", () => {
    render(<Page file={{}} />);
    expect(screen.getByLabelText("Data file (CSV or TSV)").getAttribute("type")).toBe("file");
    expect(screen.getByRole("button", { name: /Load the bundled sample/ })).toBeTruthy();
  });

  it("states the rows and columns at once and lets columns be chosen and read", async () => {
    render(<Page file={{ open: { file: new File([], "cases.csv"), profile, client } }} />);
    expect(screen.getByTestId("file-facts").textContent).toMatch(/12,000 rows, 2 columns/);
    fireEvent.click(screen.getByLabelText("Use column means"));
    expect(latest.settings?.columns).toEqual(["age"]);
    fireEvent.click(screen.getByLabelText("Use column means"));
    expect(latest.settings?.columns).toEqual(["age", "means"]);
    fireEvent.change(screen.getByLabelText("Values per cell in means"), { target: { value: "" } });
    expect(latest.settings?.multiValue).toEqual({});
    fireEvent.change(screen.getByLabelText(/Subject ID column/), { target: { value: "age" } });
    expect(latest.settings?.subjectId).toBe("age");
    expect(latest.settings?.columns).toEqual(["means"]);
  });

  it("says why an identifier-like column is not ticked, keeps it when ticked; an unnamed one cannot be", () => {
    render(<IdPage />);
    const table = within(document.querySelector(".columns-table") as HTMLElement);
    const row = table.getByRole("row", { name: /identifies people/ });
    const use = within(row).getByRole("checkbox", { name: "Use column case" }) as HTMLInputElement;
    expect(use.checked).toBe(false);
    expect(within(row).getByText(/Different for every row, so it is left out/)).toBeTruthy();
    fireEvent.click(use);
    expect(latest.settings?.columns).toContain("case");
    expect(latest.settings?.keepIdentifiers).toEqual(["case"]);
    expect(within(row).getByText(/every record will be unique/)).toBeTruthy();
    fireEvent.click(use);
    expect(latest.settings?.keepIdentifiers).toEqual([]);
    // Nothing here names a command-line flag.
    expect(document.body.textContent).not.toMatch(/--[a-z]/);
    const unnamed = table.getByRole("row", { name: /no name/ });
    const unnamedUse = within(unnamed).getAllByRole("checkbox")[0] as HTMLInputElement;
    expect(unnamedUse.disabled).toBe(true);
    expect(unnamedUse.checked).toBe(false);
    // A column that some rows share is no identifier.
    expect(table.getAllByText(/identifies people/)).toHaveLength(1);
  });

  it("merges rare values into a new one, undoes it, and reads numbers written differently as one", async () => {
    render(<Page file={{ open: { file: new File([], "cases.csv"), profile, client } }} />);
    const section = within(screen.getByRole("region", { name: "Rename or merge values" }));
    fireEvent.change(section.getByLabelText("Column"), { target: { value: "means" } });
    await waitFor(() => expect(section.getByLabelText(/threats \(2 rows\)/)).toBeTruthy());
    fireEvent.click(section.getByLabelText(/threats \(2 rows\)/));
    fireEvent.click(section.getByLabelText(/debt \(3 rows\)/));
    fireEvent.change(section.getByLabelText("New value for the ticked ones"), {
      target: { value: "other means" },
    });
    fireEvent.click(section.getByRole("button", { name: /Rename 2 to/ }));
    expect(latest.settings?.recode).toEqual({
      means: { threats: "other means", debt: "other means" },
    });
    fireEvent.click(section.getByRole("button", { name: "Undo threats" }));
    expect(latest.settings?.recode).toEqual({ means: { debt: "other means" } });
    fireEvent.change(section.getByLabelText("Column"), { target: { value: "age" } });
    fireEvent.click(section.getByLabelText(/Read a number written differently as one value/));
    expect(latest.settings?.normalizeNumbers).toEqual(["age"]);
  });

  it("bins a numeric column and previews the bins' counts", async () => {
    render(<Page file={{ open: { file: new File([], "cases.csv"), profile, client } }} />);
    fireEvent.change(screen.getByLabelText("Binning of age"), { target: { value: "edges" } });
    expect(latest.settings?.bins).toEqual({ age: "edges:18,25,65" });
    const value = screen.getByLabelText("Binning value for age");
    fireEvent.change(value, { target: { value: "18,65" } });
    fireEvent.blur(value);
    expect(latest.settings?.bins).toEqual({ age: "edges:18,65" });
    await waitFor(() => expect(screen.getByText(/Rows per bin of age/)).toBeTruthy());
    expect(screen.getByText(/12 rows without a number/)).toBeTruthy();
    expect(screen.getByText("11,000")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("Binning of age"), { target: { value: "" } });
    expect(latest.settings?.bins).toEqual({});
  });

  it("lets the unknown cells follow the mode's default, every column, none, or the ticked ones", () => {
    const open = { file: new File([], "cases.csv"), profile, client };
    render(<Page file={{ open }} mode="row-seeded" />);
    const group = screen.getByRole("group", { name: "Unknown (missing) cells" });
    const choice = (name: RegExp) => within(group).getByRole("radio", { name });
    const tick = (column: string) =>
      screen.getByRole("checkbox", {
        name: `Publish unknown cells of ${column} as a value`,
      }) as HTMLInputElement;
    // By default the mode decides: row-seeded publishes none.
    expect((choice(/^The default of the synthesis method/) as HTMLInputElement).checked).toBe(true);
    expect(choice(/^The default/).parentElement?.textContent).toContain(
      "(row-seeded: not published)",
    );
    expect(latest.settings?.reportMissing).toBeUndefined();
    expect([tick("age").checked, tick("means").checked]).toEqual([false, false]);
    // Ticking a column publishes that one only.
    fireEvent.click(tick("means"));
    expect(latest.settings?.reportMissing).toBe("columns");
    expect(latest.settings?.reportMissingColumns).toEqual(["means"]);
    expect([tick("age").checked, tick("means").checked]).toEqual([false, true]);
    expect((choice(/ticked under/) as HTMLInputElement).checked).toBe(true);
    // Every column, then unticking one keeps the others that were in effect.
    fireEvent.click(choice(/^Publish them for every column/));
    expect([tick("age").checked, tick("means").checked]).toEqual([true, true]);
    fireEvent.click(tick("age"));
    expect(latest.settings?.reportMissing).toBe("columns");
    expect(latest.settings?.reportMissingColumns).toEqual(["means"]);
    fireEvent.click(choice(/^Never publish them/));
    expect(latest.settings?.reportMissing).toBe("none");
    expect([tick("age").checked, tick("means").checked]).toEqual([false, false]);
    fireEvent.click(choice(/^Publish them for every column/));
    expect(latest.settings?.reportMissing).toBe("all");
    fireEvent.click(choice(/^The default/));
    expect(latest.settings).not.toHaveProperty("reportMissing");
    expect(group.textContent).not.toMatch(/--|report-missing/);
  });

  it("says that under DP unknown cells are always counted, and offers no choice", () => {
    const open = { file: new File([], "cases.csv"), profile, client };
    render(<Page file={{ open }} mode="dp" />);
    const group = screen.getByRole("group", { name: "Unknown (missing) cells" });
    expect(group.hasAttribute("disabled")).toBe(true);
    expect(group.textContent).toContain(
      "Under differential privacy unknown cells are always counted, for every column.",
    );
    const tick = screen.getByRole("checkbox", {
      name: "Publish unknown cells of age as a value",
    }) as HTMLInputElement;
    expect(tick.checked).toBe(true);
    expect(tick.disabled).toBe(true);
  });

  it("shows a bad file's error as the CLI words it", () => {
    render(
      <Page
        file={{
          error: {
            message: "Line 3 has 1 field but the header has 2.",
            where: "bad.csv, line 3",
            hint: "Check that line.",
          },
        }}
      />,
    );
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Line 3 has 1 field but the header has 2.");
    expect(alert.textContent).toContain("Where: bad.csv, line 3");
    expect(alert.textContent).toContain("What to do: Check that line.");
  });
});
