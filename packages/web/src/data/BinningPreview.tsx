/** The histogram a binning spec gives a numeric column, before it is used. */
import { useEffect, useState } from "react";
import { BarList } from "../ui/BarList.js";
import { barListSpec } from "../ui/bar-list-spec.js";
import type { ProfileClient } from "../worker/profile-client.js";
import { WorkerError } from "../worker/profile-client.js";
import type { Histogram } from "./raw-table.js";

export function BinningPreview({
  client,
  column,
  spec,
}: {
  client: ProfileClient;
  column: string;
  spec: string;
}) {
  const [state, setState] = useState<{ histogram?: Histogram; error?: string }>({});
  useEffect(() => {
    let live = true;
    client
      .histogram(column, spec)
      .then((histogram) => live && setState({ histogram }))
      .catch(
        (e) => live && setState({ error: e instanceof WorkerError ? e.info.message : String(e) }),
      );
    return () => {
      live = false;
    };
  }, [client, column, spec]);
  if (state.error) return <p className="field-error">{state.error}</p>;
  const h = state.histogram;
  if (!h) return <p>Computing the bins…</p>;
  return (
    <BarList
      spec={barListSpec(
        `Rows per bin of ${column}${h.missing > 0 ? ` (${h.missing.toLocaleString("en-US")} rows without a number)` : ""}`,
        h.labels.map((label, i) => ({ label, value: h.counts[i]! })),
      )}
    />
  );
}
