/**
 * The shape of a k-anonymity manifest.json (docs/design.md §7), checked field by field before anything
 * in it is used: `verify` trusts nothing in a release that it has not checked. Each problem
 * names the field and what was found.
 */
import { MISSING_LABEL } from "../ingest/types.js";
import type { DpManifest, KAnonymityManifest, ReleaseMode } from "./manifest.js";

export const VERIFIABLE_MODES: readonly ReleaseMode[] = [
  "row-seeded",
  "value-seeded",
  "unseeded",
  "aggregate-seeded",
  "aggregates-only",
];

export type ManifestCheck = { manifest: KAnonymityManifest; problems: [] } | { problems: string[] };
export type DpManifestCheck = { manifest: DpManifest; problems: [] } | { problems: string[] };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isWhole = (v: unknown, min: number): v is number =>
  Number.isInteger(v) && (v as number) >= min;
const show = (v: unknown): string => (v === undefined ? "nothing" : JSON.stringify(v));

/** The checks every manifest shares: an object, the tool, the text fields. */
function start(value: unknown): { problems: string[]; need: Need; m?: Json } {
  const problems: string[] = [];
  const need = (ok: boolean, field: string, expected: string, got: unknown) => {
    if (!ok) problems.push(`"${field}" must be ${expected} (found ${show(got)})`);
    return ok;
  };
  if (!need(isObject(value), "manifest", "a JSON object", value)) return { problems, need };
  const m = value as Json;
  need(m.tool === "CommonGround", "tool", '"CommonGround"', m.tool);
  for (const f of ["version", "createdAt", "title", "description", "statement"]) {
    need(isString(m[f]), f, "a string", m[f]);
  }
  for (const f of ["license", "releaseVersion"]) {
    if (m[f] !== undefined) need(isString(m[f]), f, "a string when present", m[f]);
  }
  return { problems, need, m };
}

/** Checks that `value` (parsed JSON) is a k-anonymity manifest; returns it typed, or the problems. */
export function validateManifest(value: unknown): ManifestCheck {
  const { problems, need, m } = start(value);
  if (m === undefined) return { problems };
  if (m.mode === "dp" || (isObject(m.privacy) && m.privacy.model === "differential-privacy")) {
    problems.push(
      "the release was made with differential privacy (check it with validateDpManifest)",
    );
    return { problems };
  }
  need(
    VERIFIABLE_MODES.includes(m.mode as ReleaseMode),
    "mode",
    `one of ${VERIFIABLE_MODES.join(", ")}`,
    m.mode,
  );
  const p = m.privacy;
  if (need(isObject(p), "privacy", "an object", p)) {
    const privacy = p as Json;
    need(privacy.model === "k-anonymity", "privacy.model", '"k-anonymity"', privacy.model);
    need(isWhole(privacy.k, 1), "privacy.k", "a whole number of at least 1", privacy.k);
    need(
      isWhole(privacy.reportingLength, 1),
      "privacy.reportingLength",
      "a whole number of at least 1",
      privacy.reportingLength,
    );
    need(
      privacy.guarantee === "all-lengths" || privacy.guarantee === "up-to-length",
      "privacy.guarantee",
      '"all-lengths" or "up-to-length"',
      privacy.guarantee,
    );
    if (privacy.attributeCounts !== undefined) {
      need(
        privacy.attributeCounts === "exact" || privacy.attributeCounts === "at-most",
        "privacy.attributeCounts",
        '"exact" or "at-most"',
        privacy.attributeCounts,
      );
    }
  }
  const r = m.records;
  if (need(isObject(r), "records", "an object", r)) {
    const records = r as Json;
    need(isWhole(records.reported, 0), "records.reported", "a whole number", records.reported);
    if (records.synthetic !== undefined) {
      need(isWhole(records.synthetic, 0), "records.synthetic", "a whole number", records.synthetic);
    }
  }
  checkListings(m, need);
  return problems.length === 0
    ? { manifest: m as unknown as KAnonymityManifest, problems: [] }
    : { problems };
}

/** Checks that `value` is a DP manifest (mode dp, docs/design.md §7); returns it typed, or the problems. */
export function validateDpManifest(value: unknown): DpManifestCheck {
  const { problems, need, m } = start(value);
  if (m === undefined) return { problems };
  need(m.mode === "dp", "mode", '"dp"', m.mode);
  const isPositive = (v: unknown): v is number =>
    typeof v === "number" && Number.isFinite(v) && v > 0;
  const p = m.privacy;
  if (need(isObject(p), "privacy", "an object", p)) {
    const privacy = p as Json;
    need(
      privacy.model === "differential-privacy",
      "privacy.model",
      '"differential-privacy"',
      privacy.model,
    );
    need(isPositive(privacy.epsilon), "privacy.epsilon", "a positive number", privacy.epsilon);
    need(
      isPositive(privacy.delta) && (privacy.delta as number) < 1,
      "privacy.delta",
      "a number between 0 and 1",
      privacy.delta,
    );
    need(
      privacy.privacyUnit === "person" || privacy.privacyUnit === "row",
      "privacy.privacyUnit",
      '"person" or "row"',
      privacy.privacyUnit,
    );
    need(
      isWhole(privacy.reportingLength, 1),
      "privacy.reportingLength",
      "a whole number of at least 1",
      privacy.reportingLength,
    );
    need(
      privacy.style === "fitted" || privacy.style === "sds",
      "privacy.style",
      '"fitted" or "sds"',
      privacy.style,
    );
    if (privacy.requestedLength !== undefined) {
      need(
        isWhole(privacy.requestedLength, 1),
        "privacy.requestedLength",
        "a whole number of at least 1",
        privacy.requestedLength,
      );
    }
    if (privacy.lengthNote !== undefined) {
      need(isString(privacy.lengthNote), "privacy.lengthNote", "a string", privacy.lengthNote);
    }
    need(privacy.randomness === "secure", "privacy.randomness", '"secure"', privacy.randomness);
    const split = privacy.split;
    if (need(isObject(split), "privacy.split", "an object", split)) {
      const sp = split as Json;
      const rc = sp.recordCount as Json | undefined;
      need(
        isObject(rc) && isPositive(rc.epsilon),
        "privacy.split.recordCount.epsilon",
        "a positive number",
        rc?.epsilon,
      );
      const pc = sp.percentiles as Json | undefined;
      need(
        isObject(pc) && isPositive(pc.rho) && isPositive(pc.epsilonEach) && isWhole(pc.count, 1),
        "privacy.split.percentiles",
        "{ rho, epsilonEach, count }",
        pc,
      );
      const nz = sp.noise as Json | undefined;
      need(
        isObject(nz) &&
          isPositive(nz.rho) &&
          Array.isArray(nz.sigmas) &&
          nz.sigmas.every(isPositive),
        "privacy.split.noise",
        "{ rho, sigmas }",
        nz,
      );
      const bounds = isObject(nz) ? nz.contributionBounds : undefined;
      if (bounds !== undefined) {
        need(
          Array.isArray(bounds) &&
            bounds.every((b) => isWhole(b, 0)) &&
            bounds.length === (nz as Json & { sigmas: unknown[] }).sigmas.length,
          "privacy.split.noise.contributionBounds",
          "a whole number per length",
          bounds,
        );
      }
      need(isPositive(sp.rho), "privacy.split.rho", "a positive number", sp.rho);
    }
  }
  const r = m.records;
  if (need(isObject(r), "records", "an object", r)) {
    const records = r as Json;
    need(
      isWhole(records.reported, 1),
      "records.reported",
      "a whole number of at least 1",
      records.reported,
    );
    need(isWhole(records.synthetic, 0), "records.synthetic", "a whole number", records.synthetic);
  }
  checkListings(m, need);
  return problems.length === 0
    ? { manifest: m as unknown as DpManifest, problems: [] }
    : { problems };
}

type Need = (ok: boolean, field: string, expected: string, got: unknown) => boolean;

/** The parts every manifest lists: columns, input settings, files. */
function checkListings(m: Json, need: Need): void {
  checkColumns(m.columns, need);
  if (m.countColumn !== undefined) {
    const names = Array.isArray(m.columns)
      ? (m.columns as unknown[]).map((c) => (isObject(c) ? c.name : undefined))
      : [];
    need(
      isString(m.countColumn) && m.countColumn !== "" && !names.includes(m.countColumn),
      "countColumn",
      "a name that no column has",
      m.countColumn,
    );
  }
  checkInput(m.input, need);
  need(isStringList(m.files), "files", "a list of file names", m.files);
  if (m.fileHashes !== undefined) {
    need(
      isObject(m.fileHashes) &&
        Object.values(m.fileHashes).every((h) => isString(h) && /^sha256:[0-9a-f]{64}$/.test(h)),
      "fileHashes",
      'an object of "sha256:" hashes by file name',
      m.fileHashes,
    );
  }
}

function checkColumns(columns: unknown, need: Need): void {
  if (!need(Array.isArray(columns) && columns.length > 0, "columns", "a non-empty list", columns)) {
    return;
  }
  const names = new Set<string>();
  (columns as unknown[]).forEach((c, i) => {
    const at = `columns[${i}]`;
    if (!need(isObject(c), at, "an object", c)) return;
    const col = c as Json;
    if (need(isString(col.name) && col.name.trim() !== "", `${at}.name`, "a name", col.name)) {
      need(!names.has(col.name as string), `${at}.name`, "unique", col.name);
      names.add(col.name as string);
    }
    need(
      col.kind === "single" || col.kind === "multi",
      `${at}.kind`,
      '"single" or "multi"',
      col.kind,
    );
    if (col.kind === "multi" || col.delimiter !== undefined) {
      need(
        isString(col.delimiter) && col.delimiter !== "",
        `${at}.delimiter`,
        "a non-empty string",
        col.delimiter,
      );
    }
    if (col.missingLabel !== undefined) {
      need(
        col.missingLabel === MISSING_LABEL,
        `${at}.missingLabel`,
        `"${MISSING_LABEL}"`,
        col.missingLabel,
      );
    }
    if (col.bins !== undefined) {
      const b = col.bins;
      if (need(isObject(b), `${at}.bins`, "an object", b)) {
        const bins = b as Json;
        need(isString(bins.spec), `${at}.bins.spec`, "a string", bins.spec);
        need(
          Array.isArray(bins.edges) && bins.edges.every((e) => typeof e === "number"),
          `${at}.bins.edges`,
          "a list of numbers",
          bins.edges,
        );
        need(isStringList(bins.labels), `${at}.bins.labels`, "a list of strings", bins.labels);
      }
    }
  });
}

function checkInput(input: unknown, need: Need): void {
  if (!need(isObject(input), "input", "an object", input)) return;
  const i = input as Json;
  need(
    isString(i.delimiter) && i.delimiter.length === 1,
    "input.delimiter",
    "one character",
    i.delimiter,
  );
  need(isStringList(i.missing), "input.missing", "a list of strings", i.missing);
  if (i.missingByColumn !== undefined) {
    need(
      isObject(i.missingByColumn) && Object.values(i.missingByColumn).every(isStringList),
      "input.missingByColumn",
      "an object of string lists",
      i.missingByColumn,
    );
  }
  if (i.subjectIdColumn !== undefined) {
    need(isString(i.subjectIdColumn), "input.subjectIdColumn", "a string", i.subjectIdColumn);
  }
  if (i.recordLimit !== undefined) {
    need(
      isWhole(i.recordLimit, 1),
      "input.recordLimit",
      "a whole number of at least 1",
      i.recordLimit,
    );
  }
}
