"use client";
/** Small list editors for the designer's maps (parameters, mappings, models): rows in, rows out. */
import type { ReactNode } from "react";

export function RowList<T>({
  label,
  rows,
  onChange,
  blank,
  render,
  addLabel,
  error,
  disabled,
}: {
  label: string;
  rows: T[];
  onChange: (rows: T[]) => void;
  blank: T;
  render: (row: T, set: (row: T) => void, i: number) => ReactNode;
  addLabel: string;
  error?: string;
  disabled?: boolean;
}) {
  return (
    <div>
      <p className="text-sm font-medium text-slate-700">{label}</p>
      <div className="mt-1 space-y-1.5">
        {rows.map((row, i) => (
          <div key={i} className="flex items-center gap-2">
            {render(row, (r) => onChange(rows.map((x, j) => (j === i ? r : x))), i + 1)}
            {!disabled && (
              <button
                type="button"
                className="text-xs text-slate-500 hover:text-red-600"
                aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            )}
          </div>
        ))}
        {rows.length === 0 && <p className="text-xs text-slate-500">None.</p>}
      </div>
      {!disabled && (
        <button type="button" className="mt-1 text-xs text-indigo-700 hover:underline" onClick={() => onChange([...rows, blank])}>
          {addLabel}
        </button>
      )}
      {error && (
        <p className="mt-1 text-xs text-red-600" data-field-error={label}>
          {error}
        </p>
      )}
    </div>
  );
}

export const rowInput = "min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm";

/** The first field error whose key starts with one of the prefixes, with the key's tail as context. */
export function errorUnder(fe: Record<string, string>, ...prefixes: string[]): string | undefined {
  for (const [k, v] of Object.entries(fe)) {
    for (const p of prefixes) if (k === p || k.startsWith(`${p}.`)) return k === p ? v : `${k.slice(p.length + 1)}: ${v}`;
  }
  return undefined;
}

/** The first field error at or under the prefix, as written: for messages that already name their item. */
export function errorAt(fe: Record<string, string>, prefix: string): string | undefined {
  return Object.entries(fe).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
}
