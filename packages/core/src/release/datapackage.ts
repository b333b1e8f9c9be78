/**
 * datapackage.json: a Frictionless Data Package descriptor of the release's CSV files
 * (tabular-data-package profile; field names and types; the plain-language statement as the
 * description). It holds no time stamp, so the same seed gives the same bytes.
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
    description: manifest.statement,
    ...(manifest.description && { "x-commonground-description": manifest.description }),
    resources,
  };
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
