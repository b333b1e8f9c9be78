/**
 * The spec of a horizontal bar list (risk and evaluation charts): one row per item, label and
 * bar in the same row (never misaligned), the value printed as text beside the bar.
 */
export interface BarItem {
  label: string;
  value: number;
  /** Shown instead of the value (e.g. "12.5 %"). */
  text?: string;
}

export interface BarRow {
  label: string;
  text: string;
  /** Bar length as a share of the row's width, 0…1. */
  width: number;
  /** For assistive technology: "label: text". */
  description: string;
}

export interface BarListSpec {
  title: string;
  rows: BarRow[];
  /** How the bars are scaled, when it is not the obvious way (e.g. "the longest is 0.5 %"). */
  scale?: string;
}

/** A row label of combination lengths: "1 attribute", "2 attributes". */
export const attributes = (n: number) => `${n} attribute${n === 1 ? "" : "s"}`;

/** The shortest visible bar, as a share of the row: a value above 0 never looks like none. */
export const MIN_BAR = 0.01;

/**
 * Bars scaled to `max` (e.g. 100 for percentages), or to the largest value. With
 * `percentOf100`, values are percentages and bars are scaled to the largest when it is small
 * (below 20 %), with the scale said, so that 0.3 % is not a sliver.
 */
export function barListSpec(
  title: string,
  items: BarItem[],
  max?: number | "percent",
): BarListSpec {
  const largest = Math.max(0, ...items.map((i) => i.value));
  let top = typeof max === "number" ? max : largest;
  let scale: string | undefined;
  if (max === "percent") {
    top = largest >= 20 ? 100 : largest;
    if (top < 100 && top > 0) scale = `Bars to scale: the longest is ${percentText(top)}.`;
  }
  const spec: BarListSpec = {
    title,
    rows: items.map((i) => {
      const text = i.text ?? i.value.toLocaleString("en-US");
      const share = top > 0 ? Math.max(0, Math.min(1, i.value / top)) : 0;
      return {
        label: i.label,
        text,
        width: i.value > 0 ? Math.max(MIN_BAR, share) : 0,
        description: `${i.label}: ${text}`,
      };
    }),
  };
  if (scale) spec.scale = scale;
  return spec;
}

const percentText = (x: number) => `${x.toFixed(1)} %`;
