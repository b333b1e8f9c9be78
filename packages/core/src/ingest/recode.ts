/**
 * Recode tables (IngestOptions.recode) as hosts receive them: the command line's rules
 * "COLUMN=a,b:New", or JSON (a config file, run.json) holding rules or { "COLUMN": { "a": "New" } }.
 */
import { UserError } from "../errors.js";

/** Per column, each old value to its new one. */
export type Recodes = Record<string, Record<string, string>>;

/** Rules "COLUMN=a,b:New", merged per column; a rule that cannot be read is a UserError. */
export function parseRecodeRules(rules: readonly string[]): Recodes {
  const out: Recodes = {};
  for (const rule of rules) {
    const eq = rule.indexOf("=");
    const colon = rule.lastIndexOf(":");
    const from = eq > 0 && colon > eq ? rule.slice(eq + 1, colon).split(",") : [];
    const to = colon > 0 ? rule.slice(colon + 1).trim() : "";
    if (from.length === 0 || from.some((v) => v.trim() === "") || to === "") {
      throw new UserError(
        "invalid-option",
        `--recode expects COLUMN=VALUE,VALUE:NEW (got "${rule}").`,
        { option: "recode" },
        'For example --recode "citizenship=MD,BY:Other" merges MD and BY into Other. Values holding a comma or a colon go in the config file: "recode": { "COL": { "a, b": "Other" } }.',
      );
    }
    const column = rule.slice(0, eq).trim();
    out[column] ??= {};
    for (const v of from) out[column][v.trim()] = to;
  }
  return out;
}

/**
 * A recode table from JSON: rules (parsed, UserError when one cannot be read) or an object of
 * columns to { old: new } texts; undefined for any other shape.
 */
export function recodesOf(value: unknown): Recodes | undefined {
  if (Array.isArray(value) && value.every((r) => typeof r === "string")) {
    return parseRecodeRules(value);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const out: Recodes = {};
  for (const [column, map] of Object.entries(value)) {
    if (typeof map !== "object" || map === null || Array.isArray(map)) return undefined;
    if (!Object.values(map).every((v) => typeof v === "string")) return undefined;
    out[column] = { ...(map as Record<string, string>) };
  }
  return out;
}
