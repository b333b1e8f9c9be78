/**
 * datapackage.json: a Frictionless Data Package descriptor of the release's CSV files
 * (tabular-data-package profile; field names and types). Its description is the user's
 * description followed by the plain-language statement; `created` is the manifest's
 * `createdAt`, `licenses` and `version` the ones given. Everything in it comes from the
 * manifest, so it can be rebuilt from manifest.json alone (the showcase offers it that way).
 */
import { spreadsheetSafe } from "./csv-writer.js";
import { countColumnOf, type Manifest } from "./manifest.js";

export interface DataPackageField {
  name: string;
  title?: string;
  type: "string" | "integer";
  description?: string;
}

export function dataPackage(manifest: Manifest): Record<string, unknown> {
  // Field names are the headers as written (a formula-like name carries the `'` prefix).
  const fields: DataPackageField[] = manifest.columns.map((c) => ({
    name: spreadsheetSafe(c.name),
    ...(spreadsheetSafe(c.name) !== c.name && { title: c.name }),
    type: "string",
    ...(c.kind === "multi" && {
      description: `Several values, sorted and separated by "${c.delimiter}".`,
    }),
  }));
  const csv = {
    profile: "tabular-data-resource",
    format: "csv",
    mediatype: "text/csv",
    encoding: "utf-8",
    dialect: {
      delimiter: ",",
      lineTerminator: "\n",
      quoteChar: '"',
      doubleQuote: true,
      header: true,
    },
  };
  const resources: Record<string, unknown>[] = [];
  if (manifest.files.includes("synthetic.csv")) {
    resources.push({
      name: "synthetic-records",
      path: "synthetic.csv",
      title: "Synthetic records",
      description: syntheticDescription(manifest),
      ...hashOf(manifest, "synthetic.csv"),
      ...csv,
      schema: { fields, missingValues: [""] },
    });
  }
  resources.push({
    name: "reportable-aggregates",
    path: "aggregates.csv",
    title: "Reportable aggregates",
    ...hashOf(manifest, "aggregates.csv"),
    description: `Counts of attribute combinations of up to ${manifest.privacy.reportingLength} attributes; an empty cell means the column is not part of the combination.`,
    ...csv,
    schema: {
      fields: [
        ...fields,
        {
          name: spreadsheetSafe(countColumnOf(manifest)),
          type: "integer",
          description:
            manifest.privacy.model === "k-anonymity"
              ? `Rounded down to a multiple of ${manifest.privacy.k}.`
              : "Includes random noise (differential privacy).",
        },
      ],
      missingValues: [""],
    },
  });
  return {
    profile: "tabular-data-package",
    name: slug(manifest.title) || "commonground-release",
    ...(manifest.title && { title: manifest.title }),
    description: dataPackageDescription(manifest),
    ...(manifest.releaseVersion !== undefined && { version: manifest.releaseVersion }),
    created: manifest.createdAt,
    ...(manifest.license !== undefined && { licenses: [{ name: manifest.license }] }),
    resources,
  };
}

/** What synthetic.csv's rows are, and why some are short, in plain words. */
function syntheticDescription(m: Manifest): string {
  const rows =
    "Each row is a made-up record, not a real person. An empty cell means no value: the real " +
    "value was missing, or was left out to keep the promise above. Some rows may hold a value " +
    "in one column only: fragments, made so that each value's count stays right where no whole " +
    "record could carry it.";
  if (m.privacy.model === "differential-privacy") {
    return `Made from the noisy counts of aggregates.csv only (differential privacy). ${rows}`;
  }
  const { k, reportingLength: L } = m.privacy;
  const promise =
    m.privacy.guarantee === "up-to-length"
      ? `Every combination of up to ${L} values in a row is shared by at least ${k} real people.`
      : `Every combination of values in a row is shared by at least ${k} real people.`;
  return `${promise} ${rows}`;
}

/** datapackage.json's text, as the release writes it. */
export function dataPackageJson(manifest: Manifest): string {
  return `${JSON.stringify(dataPackage(manifest), null, 2)}\n`;
}

/** The description: the user's, when given, then the privacy statement (a paragraph each). */
export function dataPackageDescription(manifest: Pick<Manifest, "description" | "statement">) {
  const own = manifest.description.trim();
  return own === "" ? manifest.statement : `${own}\n\n${manifest.statement}`;
}

/** A resource's Frictionless `hash` ("sha256:<hex>"), when the manifest records one. */
function hashOf(manifest: Manifest, file: string): { hash?: string } {
  const hash = manifest.fileHashes?.[file];
  return hash === undefined ? {} : { hash };
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}
