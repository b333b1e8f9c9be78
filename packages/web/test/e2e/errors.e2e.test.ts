/**
 * What goes wrong, in chromium: a bad file gets the CLI's own message (what, where, what to do),
 * and a run can be cancelled at once, leaving the page usable.
 */
import { readDataset, UserError } from "@commonground/core/internal";
import { expect, it } from "vitest";
import { describeE2E, E2E_TIMEOUT, useAppSession } from "./browser.js";

const RAGGED = "region,age\nnorth,30\nsouth\n";

async function cliError(text: string, fileName: string): Promise<UserError> {
  const error = await readDataset([new TextEncoder().encode(text)], { fileName }).catch((e) => e);
  if (!(error instanceof UserError)) throw new Error("expected a user error");
  return error;
}

describeE2E("errors and cancelling in the web app", () => {
  const running = useAppSession();

  it(
    "shows the CLI's message for a file with a short row",
    async () => {
      const page = running.session().page;
      await page.goto(running.app().url);
      await page.locator('input[type="file"]').setInputFiles({
        name: "ragged.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(RAGGED),
      });
      const alert = page.getByRole("alert");
      await alert.waitFor();
      const expected = await cliError(RAGGED, "ragged.csv");
      const text = (await alert.textContent()) ?? "";
      expect(text).toContain(expected.message);
      expect(text).toContain("Where: ragged.csv, line 3");
      expect(text).toContain(`What to do: ${expected.hint}`);
      // The other steps stay closed until a file is open.
      const steps = page.getByRole("navigation", { name: "Steps" });
      expect(await steps.getByRole("button", { name: "Synthesize" }).isDisabled()).toBe(true);
    },
    E2E_TIMEOUT,
  );

  it(
    "cancels a run at once and can start another",
    async () => {
      const page = running.session().page;
      await page.getByRole("button", { name: /Load the bundled sample/ }).click();
      await page.getByTestId("file-facts").waitFor();
      const steps = page.getByRole("navigation", { name: "Steps" });
      await steps.getByRole("button", { name: "Synthesize" }).click();
      await page.getByLabel(/Value-seeded/).check();
      await page.getByRole("button", { name: "Start the run" }).click();
      await page.getByTestId("run-1").getByRole("button", { name: "Cancel" }).click();
      await page.getByTestId("run-1").filter({ hasText: "Cancelled" }).waitFor();
      expect(await page.getByTestId("run-1").textContent()).not.toMatch(/synthetic records from/);
      await page.getByLabel(/Row-seeded/).check();
      await page.getByRole("button", { name: "Start the run" }).click();
      await page.getByTestId("run-2").filter({ hasText: "Finished" }).waitFor({ timeout: 120_000 });
    },
    E2E_TIMEOUT * 2,
  );
});
