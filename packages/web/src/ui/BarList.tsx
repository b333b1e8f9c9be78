/** Renders a BarListSpec as a table (readable without the bars, by screen readers too). */
import type { BarListSpec } from "./bar-list-spec.js";

export function BarList({ spec }: { spec: BarListSpec }) {
  return (
    <figure className="bar-list">
      <figcaption>
        {spec.title}
        {spec.scale && <span className="bar-scale">{spec.scale}</span>}
      </figcaption>
      <table>
        <tbody>
          {spec.rows.map((r) => (
            <tr key={r.label}>
              {/* Long labels are cut on screen: the whole label shows on hover (and is read). */}
              <th scope="row" title={r.label}>
                {r.label}
              </th>
              <td className="bar-cell" aria-hidden="true">
                <span className="bar" style={{ width: `${(100 * r.width).toFixed(1)}%` }} />
              </td>
              <td className="bar-value">{r.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
