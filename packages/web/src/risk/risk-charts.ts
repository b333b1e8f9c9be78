/** Chart specs of the risk page (pure, snapshot-tested). */
import type { RiskReport } from "@commonground/core/internal";
import { attributes, type BarListSpec, barListSpec } from "../ui/bar-list-spec.js";

const pct = (x: number) => `${x.toFixed(1)} %`;

/**
 * Records by the length of their shortest unique / rare combination: a record counted at
 * length 2 is first singled out by a combination of 2 attributes.
 */
export function byLengthSpecs(risk: RiskReport): BarListSpec[] {
  return [
    barListSpec(
      "Records first made unique (no one else has it) by a combination of",
      risk.byLength.map((l) => ({
        label: attributes(l.length),
        value: l.uniquePercent,
        text: `${pct(l.uniquePercent)} (${l.uniqueRecords.toLocaleString("en-US")})`,
      })),
      "percent",
    ),
    barListSpec(
      `Records first made rare (fewer than ${risk.k} people have it) by a combination of`,
      risk.byLength.map((l) => ({
        label: attributes(l.length),
        value: l.rarePercent,
        text: `${pct(l.rarePercent)} (${l.rareRecords.toLocaleString("en-US")})`,
      })),
      "percent",
    ),
  ];
}

/** The most linkable columns and values (first `top`). */
export function linkabilitySpecs(risk: RiskReport, top = 10): BarListSpec[] {
  return [
    barListSpec(
      "Most linkable columns: average share of a value's records that hold a rare combination with it",
      risk.columns.slice(0, top).map((c) => ({
        label: c.column,
        value: c.linkability,
        text: pct(c.linkability),
      })),
      "percent",
    ),
    barListSpec(
      "Most linkable values: share of their records that hold a rare combination with them",
      risk.attributes.slice(0, top).map((a) => ({
        label: `${a.value} (${a.column})`,
        value: a.percent,
        text: `${pct(a.percent)} of ${a.records.toLocaleString("en-US")}`,
      })),
      "percent",
    ),
  ];
}
