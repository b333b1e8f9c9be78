/**
 * Core's messages name the command line's flags (`--bin`, `--missing`, …); in the web app a
 * steward has no flags, only steps and fields. Each flag a core message may name is said here
 * as where that setting is in the app (a test checks that every flag in core's messages is
 * listed).
 */
export const WEB_WORDS: Readonly<Record<string, string>> = {
  "--columns": "the columns ticked in the Data step",
  "--bin": "Binning (Data step)",
  "--multi-value": "“Values per cell” (Data step)",
  "--missing": "the missing-value tokens (Data step)",
  "--report-missing": "“Unknown (missing) cells” (Data step)",
  "--subject-id": "the subject ID column (Data step)",
  "--keep-identifiers": "the column's tick (Data step)",
  "--recode": "“Rename or merge values” (Data step)",
  "--normalize-numbers": "“Read a number written differently as one value” (Data step)",
  "--record-limit": "the number of rows read",
  "--delimiter": "the file's delimiter",
  "--k": "k (Risk step)",
  "--length": "L (Risk step)",
  "--mode": "the method (Synthesize step)",
  "--seed": "the seed (Synthesize step)",
  "--numeric": "the numeric columns of the evaluation (Synthesize step)",
  "--epsilon": "the privacy budget ε (Synthesize step)",
  "--delta": "δ (Synthesize step, advanced)",
  "--dp-style": "the DP style (Synthesize step, advanced)",
  "--accuracy-mode": "the accuracy setting (Synthesize step, advanced)",
  "--sigma-weights": "the noise weights (Synthesize step, advanced)",
  "--fabrication-mode": "the fabrication setting (Synthesize step, advanced)",
  "--thresholds": "the fabrication thresholds (Synthesize step, advanced)",
  "--fixed-thresholds": "the fixed thresholds (Synthesize step, advanced)",
  "--budget-total": "the total budget of the data set",
  "--license": "the licence (Data step)",
  "--release-version": "the version of the release (Data step)",
};

/** A core message in the app's words: each flag it names said as where the setting is. */
export function inWebWords(text: string): string {
  return text.replace(/--[a-z][a-z-]*/g, (flag) => WEB_WORDS[flag] ?? flag);
}
