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
          placeholder={"openapi: 3.0.1\ninfo:\n  title: Orders\npaths: …"}
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
export function WarningList({ warnings, open = false }: { warnings: ImportIssue[]; open?: boolean }) {
  if (warnings.length === 0) return null;
  return (
    <details open={open} className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="openapi-warnings">
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

/** ImportRestApi's own import parameters: `basepath` and `failOnWarnings`. */
export interface ImportSettingsValue {
  basePath: "ignore" | "prepend" | "split";
  failOnWarnings: boolean;
}

export const DEFAULT_IMPORT_SETTINGS: ImportSettingsValue = { basePath: "ignore", failOnWarnings: false };

export function ImportSettingsFields({ value, onChange }: { value: ImportSettingsValue; onChange: (next: ImportSettingsValue) => void }) {
  const id = useId();
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <div>
        <label htmlFor={`${id}-base`} className="block text-sm font-medium text-slate-700">
          Base path
        </label>
        <select
          id={`${id}-base`}
          name="basePath"
          value={value.basePath}
          onChange={(e) => onChange({ ...value, basePath: e.target.value as ImportSettingsValue["basePath"] })}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500"
        >
          <option value="ignore">Ignore (paths relative to the host)</option>
          <option value="prepend">Prepend (basePath /v1 + /pets → /v1/pets)</option>
          <option value="split">Split (first segment is the stage, the rest is prepended)</option>
        </select>
        <p className="mt-1 text-xs text-slate-500">Swagger 2 basePath, or the path of an OpenAPI 3 server URL</p>
      </div>
      <label className="flex items-start gap-2 text-sm sm:pt-6">
        <input
          type="checkbox"
          name="failOnWarnings"
          checked={value.failOnWarnings}
          onChange={(e) => onChange({ ...value, failOnWarnings: e.target.checked })}
        />
        <span>
          <strong>Fail on warnings</strong>: refuse the document if any part of it would be skipped
        </span>
      </label>
    </div>
  );
}
