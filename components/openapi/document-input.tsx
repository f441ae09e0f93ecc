"use client";

import { useId } from "react";
import type { ImportIssue } from "@/lib/openapi/import";

/** The "OpenAPI document" textarea with a file input that fills it. */
export function DocumentInput({ value, onChange, rows = 10 }: { value: string; onChange: (text: string) => void; rows?: number }) {
  const id = useId();
  return (
    <div className="space-y-2">
      <div>
        <label htmlFor={`${id}-doc`} className="block text-sm font-medium text-slate-700">
          OpenAPI document
        </label>
        <textarea
          id={`${id}-doc`}
          name="document"
          rows={rows}
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={'openapi: 3.0.1\ninfo:\n  title: Orders\npaths: …'}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-xs shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500"
        />
      </div>
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-700">
          Or choose a file
        </label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
          className="mt-1 block text-sm"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) onChange(await file.text());
          }}
        />
      </div>
    </div>
  );
}

/** Every problem of a refused document: its JSON pointer and what is wrong there. */
export function ProblemList({ problems }: { problems: ImportIssue[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="max-h-64 space-y-1 overflow-auto rounded-md bg-red-50 px-3 py-2 text-xs text-red-800" data-testid="openapi-problems">
      {problems.map((p, i) => (
        <li key={i}>
          <code className="font-semibold">{p.pointer || "(document)"}</code>: {p.message}
        </li>
      ))}
    </ul>
  );
}

/** What the import skipped (extensions a REST API doesn't use, undefined schemes…). */
export function WarningList({ warnings }: { warnings: ImportIssue[] }) {
  if (warnings.length === 0) return null;
  return (
    <details className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="openapi-warnings">
      <summary>
        {warnings.length} part{warnings.length === 1 ? "" : "s"} of the document skipped
      </summary>
      <ul className="mt-1 space-y-1">
        {warnings.map((w, i) => (
          <li key={i}>
            <code>{w.pointer || "(document)"}</code>: {w.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
