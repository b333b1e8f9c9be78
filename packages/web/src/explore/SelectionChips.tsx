/**
 * The selection as removable chips: one button per selected value (activate it, or press
 * Delete or Backspace on it, to remove that value) and "Clear all". After a removal, focus
 * moves to the next chip, or to the group when none is left, so keyboard users keep their place.
 */
import type { SelectedValue } from "@commonground/core/internal";
import { type KeyboardEvent, useEffect, useRef } from "react";

export interface SelectionChipsProps {
  chips: readonly SelectedValue[];
  onRemove: (chip: SelectedValue) => void;
  onClearAll: () => void;
}

/** Chips of the selected values, and "Clear all". */
export function SelectionChips({ chips, onRemove, onClearAll }: SelectionChipsProps) {
  const group = useRef<HTMLFieldSetElement>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  // Index of the chip to focus after the next update (set by a removal).
  const pending = useRef<number | null>(null);

  useEffect(() => {
    const at = pending.current;
    if (at === null) return;
    pending.current = null;
    const target =
      chips.length === 0 ? group.current : buttons.current[Math.min(at, chips.length - 1)];
    target?.focus();
  }, [chips]);

  const remove = (chip: SelectedValue, index: number) => {
    pending.current = index;
    onRemove(chip);
  };
  const onKeyDown = (e: KeyboardEvent, chip: SelectedValue, index: number) => {
    if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      remove(chip, index);
    }
  };

  return (
    <fieldset className="cg-chips" ref={group} tabIndex={-1}>
      <legend className="cg-chips-title">Selection</legend>
      <div className="cg-chips-body">
        {chips.length === 0 ? (
          <span className="cg-muted">Nothing selected: the charts count every record.</span>
        ) : (
          <>
            <ul className="cg-chip-list">
              {chips.map((chip, i) => (
                <li key={`${chip.column}:${chip.value}`}>
                  <button
                    type="button"
                    className="cg-chip"
                    ref={(el) => {
                      buttons.current[i] = el;
                    }}
                    aria-label={`Remove ${chip.columnName}: ${chip.label}`}
                    onClick={() => remove(chip, i)}
                    onKeyDown={(e) => onKeyDown(e, chip, i)}
                  >
                    {chip.columnName}: <strong>{chip.label}</strong>
                    <span className="cg-chip-x" aria-hidden="true">
                      ×
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="cg-clear"
              onClick={() => {
                pending.current = 0;
                onClearAll();
              }}
            >
              Clear all
            </button>
          </>
        )}
      </div>
    </fieldset>
  );
}
