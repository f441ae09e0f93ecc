"use client";

import { Checkbox, Field, SelectField, TextAreaField } from "@/components/ui/field";
import type { ImportIssue } from "@/lib/openapi/import";

/** The "OpenAPI document" textarea with a file input that fills it. */
export function DocumentInput({ value, onChange, rows = 10 }: { value: string; onChange: (text: string) => void; rows?: number }) {
  return (
    <div className="space-y-2">
      <TextAreaField
        label="OpenAPI document"
        name="document"
        rows={rows}
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={"openapi: 3.0.1\ninfo:\n  title: Orders\npaths: …"}
        mono
      />
      <Field
        label="Or choose a file"
        type="file"
        accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
        onChange={async (e) => {
          const file = e.target.files?.[0];
          if (file) onChange(await file.text());
        }}
      />
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

const BASE_PATH_MODES = [
  { value: "ignore", label: "Ignore (paths relative to the host)" },
  { value: "prepend", label: "Prepend (basePath /v1 + /pets → /v1/pets)" },
  { value: "split", label: "Split (first segment is the stage, the rest is prepended)" },
];

export function ImportSettingsFields({
  value,
  onChange,
  basePathError,
}: {
  value: ImportSettingsValue;
  onChange: (next: ImportSettingsValue) => void;
  basePathError?: string;
}) {
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <SelectField
        label="Base path"
        name="basePath"
        value={value.basePath}
        onChange={(e) => onChange({ ...value, basePath: e.target.value as ImportSettingsValue["basePath"] })}
        options={BASE_PATH_MODES}
        hint="Swagger 2 basePath, or the path of an OpenAPI 3 server URL"
        error={basePathError}
      />
      <Checkbox
        className="sm:pt-6"
        name="failOnWarnings"
        checked={value.failOnWarnings}
        onChange={(e) => onChange({ ...value, failOnWarnings: e.target.checked })}
        label={
          <>
            <strong>Fail on warnings</strong>: refuse the document if any part of it would be skipped
          </>
        }
      />
    </div>
  );
}
