/** A comma-separated list typed freely, applied when the field is left or Enter is pressed. */
import { useEffect, useState } from "react";

export function ListInput({
  value,
  onChange,
  placeholder,
  id,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  placeholder?: string;
  id?: string;
}) {
  const joined = value.join(", ");
  const [draft, setDraft] = useState(joined);
  useEffect(() => setDraft(joined), [joined]);
  const apply = () =>
    onChange(
      draft
        .split(",")
        .map((t) => t.trim())
        .filter((t) => t !== ""),
    );
  return (
    <input
      {...(id && { id })}
      value={draft}
      {...(placeholder && { placeholder })}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={apply}
      onKeyDown={(e) => {
        if (e.key === "Enter") apply();
      }}
    />
  );
}
