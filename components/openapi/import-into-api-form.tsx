"use client";

import { useState } from "react";
import { importOpenApiIntoApiAction, previewOpenApiImportAction } from "@/app/(console)/apis/[apiId]/openapi/actions";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/field";
import { Dialog } from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ImportPreview } from "@/lib/restapi/openapi-service";
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

/** Asks before an overwrite, showing what it changes (what goes, what stays). */
function OverwriteDialog({
  preview,
  pending,
  onConfirm,
  onCancel,
}: {
  preview?: ImportPreview;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog
      open={!!preview}
      onClose={onCancel}
      testId="overwrite-confirmation"
      title={`Overwrite this API? ${preview?.summary.changes ?? 0} change${preview?.summary.changes === 1 ? "" : "s"}:`}
      actions={
        <>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button variant="danger" pending={pending} onClick={onConfirm}>
            Confirm overwrite
          </Button>
        </>
      }
    >
      {preview && (
        <div className="space-y-2">
          <SummaryCounts preview={preview} />
          <ul className="max-h-48 overflow-auto font-mono text-xs">
            {preview.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
          <WarningList warnings={preview.warnings} />
        </div>
      )}
    </Dialog>
  );
}

/** Import into this API: merge applies at once; overwrite shows what it changes and asks first. */
export function ImportIntoApiForm({ apiId, version }: { apiId: string; version: number }) {
  const [document, setDocument] = useState("");
  const [mode, setMode] = useState<Mode>("merge");
  const [settings, setSettings] = useState<ImportSettingsValue>(DEFAULT_IMPORT_SETTINGS);
  const preview = useServerAction(previewOpenApiImportAction);
  // The mode the import ran in (the radio may have moved since).
  const [doneMode, setDoneMode] = useState<string>(mode);
  const apply = useServerAction(importOpenApiIntoApiAction, { refresh: true, onSuccess: (_data, _apiId, _version, input) => setDoneMode(input.mode) });
  // Each run clears what the other one said, so only the latest answer shows.
  const runPreview = () => {
    apply.reset();
    void preview.run(apiId, { document, mode, ...settings });
  };
  const runApply = (baseVersion: number) => {
    preview.reset();
    void apply.run(apiId, baseVersion, { document, mode, ...settings });
  };
  const answer = preview.data ?? apply.data;
  const invalid = answer?.kind === "invalid" ? answer : undefined;
  const confirming = preview.data?.kind === "preview" ? preview.data : undefined;
  const done = apply.data?.kind === "imported" ? apply.data.preview : undefined;
  const failure = preview.error ?? apply.error;
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === "merge") runApply(version);
        else runPreview();
      }}
    >
      <DocumentInput value={document} onChange={setDocument} rows={8} />
      <fieldset className="space-y-1 text-sm">
        <legend className="font-medium text-slate-700">Mode</legend>
        <Checkbox
          type="radio"
          name="mode"
          value="merge"
          checked={mode === "merge"}
          onChange={() => setMode("merge")}
          label={
            <>
              <strong>Merge</strong>: add or replace what the file defines (a method it defines replaces ours whole); keep everything else
            </>
          }
        />
        <Checkbox
          type="radio"
          name="mode"
          value="overwrite"
          checked={mode === "overwrite"}
          onChange={() => setMode("overwrite")}
          label={
            <>
              <strong>Overwrite</strong>: the design becomes the file&apos;s; what it doesn&apos;t define is deleted
            </>
          }
        />
      </fieldset>
      <ImportSettingsFields value={settings} onChange={setSettings} />
      {/* The message itself, even when it names a field: this form shows no field errors of its own. */}
      <FormError failure={failure && { ...failure, fieldErrors: undefined }} />
      {invalid && <FormError failure={{ status: 400, error: invalid.message }} />}
      <ProblemList problems={invalid?.problems ?? []} />
      <Button type="submit" pending={preview.pending || apply.pending} disabled={!document.trim()}>
        {preview.pending || apply.pending ? "Importing…" : "Import"}
      </Button>
      <OverwriteDialog preview={confirming} pending={apply.pending} onConfirm={() => confirming && runApply(confirming.version)} onCancel={preview.reset} />
      {done && (
        <div className="space-y-2">
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
            Imported ({doneMode}): {done.summary.changes} change{done.summary.changes === 1 ? "" : "s"} saved to the draft.
          </p>
          <WarningList warnings={done.warnings} open />
        </div>
      )}
    </form>
  );
}
