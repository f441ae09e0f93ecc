"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { importOpenApiIntoApiAction, previewOpenApiImportAction } from "@/app/(console)/apis/[apiId]/openapi/actions";
import type { ImportIssue } from "@/lib/openapi/import";
import type { ImportPreview } from "@/lib/restapi/openapi-service";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { DEFAULT_IMPORT_SETTINGS, DocumentInput, ImportSettingsFields, type ImportSettingsValue, ProblemList, WarningList } from "./document-input";

type Mode = "merge" | "overwrite";

function SummaryCounts({ preview }: { preview: ImportPreview }) {
  const s = preview.summary;
  const rows: [string, { added: number; removed: number; changed: number }][] = [
    ["Resources", s.resources],
    ["Methods", s.methods],
    ["Integrations", s.integrations],
    ["Models", s.models],
    ["Validators", s.requestValidators],
    ["Authorizers", s.authorizers],
    ["Gateway responses", s.gatewayResponses],
  ];
  return (
    <ul className="text-sm">
      {rows
        .filter(([, c]) => c.added + c.removed + c.changed > 0)
        .map(([label, c]) => (
          <li key={label}>
            {label}: {c.added} added, {c.removed} removed, {c.changed} changed
          </li>
        ))}
      {s.apiSettings.length > 0 && <li>API settings: {s.apiSettings.join(", ")}</li>}
    </ul>
  );
}

/** Import into this API: merge applies at once; overwrite shows what it changes and asks first. */
export function ImportIntoApiForm({ apiId, version }: { apiId: string; version: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [document, setDocument] = useState("");
  const [mode, setMode] = useState<Mode>("merge");
  const [settings, setSettings] = useState<ImportSettingsValue>(DEFAULT_IMPORT_SETTINGS);
  const [problems, setProblems] = useState<ImportIssue[]>([]);
  const [error, setError] = useState<string>();
  const [confirming, setConfirming] = useState<ImportPreview>();
  const [done, setDone] = useState<{ mode: Mode; changes: number; warnings: ImportIssue[] }>();

  const reset = () => {
    setProblems([]);
    setError(undefined);
    setDone(undefined);
  };
  const apply = (baseVersion: number) =>
    start(async () => {
      reset();
      const result = await importOpenApiIntoApiAction(apiId, baseVersion, { document, mode, ...settings });
      setConfirming(undefined);
      if (!result.ok) return setError(result.error);
      if (result.data.kind === "invalid") {
        setError(result.data.message);
        return setProblems(result.data.problems);
      }
      setDone({ mode, changes: result.data.preview.summary.changes, warnings: result.data.preview.warnings });
      router.refresh();
    });

  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === "merge") return apply(version);
        start(async () => {
          reset();
          const result = await previewOpenApiImportAction(apiId, { document, mode, ...settings });
          if (!result.ok) return setError(result.error);
          if (result.data.kind === "invalid") {
            setError(result.data.message);
            return setProblems(result.data.problems);
          }
          setConfirming(result.data);
        });
      }}
    >
      <DocumentInput value={document} onChange={setDocument} rows={8} />
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium text-slate-700">Mode</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="mode" value="merge" checked={mode === "merge"} onChange={() => setMode("merge")} />
          <span>
            <strong>Merge</strong>: add or replace what the file defines (a method it defines replaces ours whole); keep everything else
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="mode" value="overwrite" checked={mode === "overwrite"} onChange={() => setMode("overwrite")} />
          <span>
            <strong>Overwrite</strong>: the design becomes the file&apos;s; what it doesn&apos;t define is deleted
          </span>
        </label>
      </fieldset>
      <ImportSettingsFields value={settings} onChange={setSettings} />
      <ErrorBanner message={error} />
      <ProblemList problems={problems} />
      {confirming ? (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="overwrite-confirmation">
          <p className="text-sm font-semibold text-amber-900">
            Overwrite this API? {confirming.summary.changes} change{confirming.summary.changes === 1 ? "" : "s"}:
          </p>
          <SummaryCounts preview={confirming} />
          <ul className="max-h-48 overflow-auto font-mono text-xs">
            {confirming.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
          <WarningList warnings={confirming.warnings} />
          <div className="flex gap-2">
            <Button type="button" variant="danger" disabled={pending} onClick={() => apply(confirming.version)}>
              Confirm overwrite
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(undefined)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : (
        <Button type="submit" disabled={pending || !document.trim()}>
          {pending ? "Importing…" : "Import"}
        </Button>
      )}
      {done && (
        <div className="space-y-2">
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Imported ({done.mode}): {done.changes} change{done.changes === 1 ? "" : "s"} saved to the draft.
          </p>
          <WarningList warnings={done.warnings} open />
        </div>
      )}
    </form>
  );
}
