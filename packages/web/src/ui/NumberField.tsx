/** A labelled number input that only reports valid numbers (typing stays free meanwhile). */
import { useEffect, useId, useState } from "react";

export function NumberField({
  label,
  value,
  onChange,
  min,
  above,
  max,
  step,
  integer = true,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min?: number;
  /** Values must be greater than this. */
  above?: number;
  max?: number;
  step?: number | string;
  integer?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const ok = (text: string) => {
    const n = Number(text);
    return (
      text.trim() !== "" &&
      Number.isFinite(n) &&
      (!integer || Number.isInteger(n)) &&
      (min === undefined || n >= min) &&
      (above === undefined || n > above) &&
      (max === undefined || n <= max)
    );
  };
  const valid = ok(draft);
  const rule = [
    integer ? "a whole number" : "a number",
    min !== undefined && `from ${min}`,
    above !== undefined && `above ${above}`,
    max !== undefined && `up to ${max}`,
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={integer ? "numeric" : "decimal"}
        value={draft}
        {...(min !== undefined && { min })}
        {...(max !== undefined && { max })}
        step={step ?? (integer ? 1 : "any")}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-error`}
        onChange={(e) => {
          setDraft(e.target.value);
          if (ok(e.target.value)) onChange(Number(e.target.value));
        }}
      />
      {!valid && (
        <span id={`${id}-error`} className="field-error">
          Enter {rule}.
        </span>
      )}
    </div>
  );
}
