// @vitest-environment happy-dom
/** The Data step's settings file: saved as the config file's JSON, loaded back with a message. */
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppSettings } from "../../src/app/config-file.js";
import { SettingsFile } from "../../src/app/SettingsFile.js";

afterEach(cleanup);

const settings: AppSettings = {
  data: { columns: ["a", "b"], missing: [], multiValue: {}, bins: {} },
  resolution: { k: 10, length: 3 },
  synthesis: { mode: "row-seeded", seed: "7" },
};

describe("the settings file", () => {
  it("saves the settings as the command line's config file", async () => {
    let saved: Blob | undefined;
    const create = vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      saved = blob as Blob;
      return "blob:test/1";
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    try {
      render(<SettingsFile settings={settings} onLoad={() => {}} />);
      fireEvent.click(screen.getByRole("button", { name: "Save the settings" }));
      expect(click).toHaveBeenCalledTimes(1);
      expect(JSON.parse(await saved!.text())).toEqual({
        columns: ["a", "b"],
        k: 10,
        length: 3,
        mode: "row-seeded",
        seed: "7",
      });
    } finally {
      create.mockRestore();
      click.mockRestore();
    }
  });

  it("loads a file, and says why one cannot be loaded", async () => {
    const onLoad = vi.fn();
    render(<SettingsFile settings={settings} onLoad={onLoad} />);
    const input = screen.getByLabelText("Load settings from a file");
    const good = new File([JSON.stringify({ columns: ["b"], k: 5, out: "x" })], "recipe.json");
    fireEvent.change(input, { target: { files: [good] } });
    await waitFor(() => expect(onLoad).toHaveBeenCalledTimes(1));
    expect(onLoad.mock.calls[0]![0]).toMatchObject({
      data: { columns: ["b"] },
      resolution: { k: 5, length: 3 },
    });
    expect(screen.getByRole("status").textContent).toMatch(/loaded from recipe\.json.*out/);
    const bad = new File(["{ nope"], "broken.json");
    fireEvent.change(input, { target: { files: [bad] } });
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/not valid JSON/));
    expect(onLoad).toHaveBeenCalledTimes(1);
  });
});
