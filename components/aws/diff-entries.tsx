import type { DiffEntry } from "@/lib/snapshot/diff";
import { formatValue } from "@/lib/snapshot/diff-format";

const KIND_STYLE = { added: "bg-emerald-100 text-emerald-800", removed: "bg-red-100 text-red-800", changed: "bg-amber-100 text-amber-800" } as const;

/** Diff entries with each field's two sides, labelled with what they are (e.g. "live" / "Gatehouse"). */
export function DiffEntries({
  entries,
  beforeLabel,
  afterLabel,
  testId,
}: {
  entries: (Omit<DiffEntry, "entity"> & { entity: string })[];
  beforeLabel: string;
  afterLabel: string;
  testId: string;
}) {
  if (entries.length === 0)
    return (
      <p className="text-sm text-slate-500" data-testid={testId}>
        No differences.
      </p>
    );
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid={testId}>
      {entries.map((e, i) => (
        <li key={i} className="py-1.5">
          <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ${KIND_STYLE[e.kind]}`}>{e.kind}</span>
          <span className="text-slate-500">{e.entity}</span> <span className="font-mono">{e.key}</span>
          {e.fields.length > 0 && (
            <table className="mt-1 w-full table-fixed text-xs">
              <thead>
                <tr className="text-left text-slate-500">
                  <th className="w-1/4 font-normal">field</th>
                  <th className="font-normal">{beforeLabel}</th>
                  <th className="font-normal">{afterLabel}</th>
                </tr>
              </thead>
              <tbody className="font-mono">
                {e.fields.slice(0, 20).map((f, j) => (
                  <tr key={j} className="align-top">
                    <td className="break-all pr-2">{f.path}</td>
                    <td className="break-all pr-2 text-red-700">{formatValue(f.before)}</td>
                    <td className="break-all text-emerald-700">{formatValue(f.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ul>
  );
}
