/** A user error as the CLI states it: what is wrong, where, what to do. */
import type { ErrorInfo } from "../worker/protocol.js";

export function ErrorBox({
  error,
  title = "This did not work",
}: {
  error: ErrorInfo;
  title?: string;
}) {
  return (
    <div className="error" role="alert">
      <p className="error-title">
        <strong>{title}:</strong> {error.message}
      </p>
      {error.where && <p>Where: {error.where}</p>}
      {error.hint && <p>What to do: {error.hint}</p>}
    </div>
  );
}
