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
}

export function barListSpec(title: string, items: BarItem[], max?: number): BarListSpec {
  const top = max ?? Math.max(0, ...items.map((i) => i.value));
  return {
    title,
    rows: items.map((i) => {
      const text = i.text ?? i.value.toLocaleString("en-US");
      return {
        label: i.label,
        text,
        width: top > 0 ? Math.max(0, Math.min(1, i.value / top)) : 0,
        description: `${i.label}: ${text}`,
      };
    }),
  };
}
