/** A labelled number input that only reports valid numbers (typing stays free meanwhile). */
import {
  describeNumber,
  NUMBER_OPTIONS,
  type NumberOption,
  type NumberOptionKey,
  numberAllowed,
} from "@commonground/core/internal";
import { useEffect, useId, useState } from "react";

/**
 * The limits of a field: those of one of core's options (NUMBER_OPTIONS, so that the form
 * accepts exactly what core does), optionally narrowed (e.g. L up to the number of columns);
 * or limits of the form's own (a field where 0 means "the default").
 */
export function NumberField({
  label,
  value,
  onChange,
  option,
  min,
  above,
  max,
  step,
  integer,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  /** Core's option whose bounds the field takes. */
  option?: NumberOptionKey;
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
  const base: NumberOption | undefined = option === undefined ? undefined : NUMBER_OPTIONS[option];
  const limits: NumberOption = {
    title: label,
    summary: label,
    example: 0,
    integer: integer ?? base?.integer ?? true,
    ...(base?.min !== undefined && { min: base.min }),
    ...(base?.above !== undefined && { above: base.above }),
    ...(base?.max !== undefined && { max: base.max }),
    ...(base?.below !== undefined && { below: base.below }),
    ...(min !== undefined && { min }),
    ...(above !== undefined && { above }),
    ...(max !== undefined && { max: Math.min(max, base?.max ?? max) }),
  };
  const ok = (text: string) => text.trim() !== "" && numberAllowed(limits, Number(text));
  const valid = ok(draft);
  const rule = describeNumber(limits);
  const lowest = limits.min;
  const highest = limits.max;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={limits.integer ? "numeric" : "decimal"}
        value={draft}
        {...(lowest !== undefined && { min: lowest })}
        {...(highest !== undefined && { max: highest })}
        step={step ?? (limits.integer ? 1 : "any")}
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
