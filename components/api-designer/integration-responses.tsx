"use client";

import { useState } from "react";
import type { Method, Resource } from "@/lib/model/design";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";
import { TemplateEditor } from "@/components/editor/template-editor";
import { RowList, errorUnder, rowInput, rowSelect } from "./rows";
import type { useEditDesign } from "./use-design";

/** Integration responses: which backend outcome maps to which method response, and its template. */
export function IntegrationResponses({
  resource,
  method,
  editor,
  canEdit,
  path,
  stageVariableNames,
}: {
  resource: Resource;
  method: Method;
  editor: ReturnType<typeof useEditDesign>;
  canEdit: boolean;
  path: string;
  stageVariableNames?: string[];
}) {
  const responses = method.integration?.integrationResponses ?? {};
  const codes = Object.keys(method.methodResponses).sort();
  const [editing, setEditing] = useState<string>(Object.keys(responses).sort()[0] ?? codes[0] ?? "200");
  const current = responses[editing];
  return (
    <Card title="Integration responses">
      <div className="mb-3 flex flex-wrap gap-2">
        {Object.values(responses)
          .sort((a, b) => a.statusCode.localeCompare(b.statusCode))
          .map((r) => (
            <button
              type="button"
              key={r.statusCode}
              onClick={() => setEditing(r.statusCode)}
              className={`rounded px-2 py-1 font-mono text-xs ${editing === r.statusCode ? "bg-indigo-600 text-white" : "bg-slate-100"}`}
              data-testid="integration-response"
            >
              {r.statusCode} {r.selectionPattern ? `/${r.selectionPattern}/` : "(default)"}
            </button>
          ))}
      </div>
      <IntegrationResponseForm
        key={`${editing}:${JSON.stringify(current ?? null)}`}
        resource={resource}
        method={method}
        statusCode={editing}
        codes={codes}
        initial={current}
        editor={editor}
        canEdit={canEdit}
        onStatusChange={setEditing}
        path={path}
        stageVariableNames={stageVariableNames}
      />
    </Card>
  );
}

function IntegrationResponseForm({
  resource,
  method,
  statusCode,
  codes,
  initial,
  editor,
  canEdit,
  onStatusChange,
  path,
  stageVariableNames,
}: {
  resource: Resource;
  method: Method;
  statusCode: string;
  codes: string[];
  initial?: { selectionPattern?: string; responseTemplates: Record<string, string>; responseParameters: Record<string, string>; contentHandling?: string };
  editor: ReturnType<typeof useEditDesign>;
  canEdit: boolean;
  onStatusChange: (code: string) => void;
  path: string;
  stageVariableNames?: string[];
}) {
  const [pattern, setPattern] = useState(initial?.selectionPattern ?? "");
  const [templates, setTemplates] = useState<Record<string, string>>(initial?.responseTemplates ?? {});
  const [contentType, setContentType] = useState(Object.keys(initial?.responseTemplates ?? {})[0] ?? "application/json");
  const [newContentType, setNewContentType] = useState("");
  const [contentHandling, setContentHandling] = useState(initial?.contentHandling ?? "");
  const [mappings, setMappings] = useState(
    Object.entries(initial?.responseParameters ?? {}).map(([target, source]) => ({ header: target.replace(/^method\.response\.header\./, ""), source })),
  );
  const fe = editor.error?.fieldErrors ?? {};
  const declared = Object.keys(method.methodResponses[statusCode]?.responseParameters ?? {}).map((k) => k.replace(/^method\.response\.header\./, ""));
  const contentTypes = [...new Set([...Object.keys(templates), contentType])];
  return (
    <div className="space-y-3">
      <fieldset disabled={!canEdit} className="grid min-w-0 grid-cols-2 gap-3">
        <SelectField
          label="Method response status"
          name="integrationResponse.statusCode"
          value={statusCode}
          onChange={(e) => onStatusChange(e.target.value)}
          options={codes.length ? codes : [statusCode]}
          error={fe["integrationResponse.statusCode"]}
        />
        <Field
          label="Selection pattern (Java regex; empty = default)"
          name="integrationResponse.selectionPattern"
          value={pattern}
          onChange={(e) => setPattern(e.target.value)}
          placeholder="4\d{2}"
          error={fe["integrationResponse.selectionPattern"]}
        />
        <SelectField
          label="Response content handling"
          name="integrationResponse.contentHandling"
          value={contentHandling}
          onChange={(e) => setContentHandling(e.target.value)}
          options={[{ value: "", label: "Passthrough (none)" }, "CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]}
        />
      </fieldset>
      <RowList
        label="Response header mappings"
        rows={mappings}
        onChange={setMappings}
        blank={{ header: declared[0] ?? "", source: "" }}
        addLabel="Add header mapping"
        disabled={!canEdit}
        error={errorUnder(fe, "integrationResponse.responseParameters")}
        render={(m, set, i) => (
          <>
            <select aria-label={`Mapped header ${i}`} className={rowSelect} value={m.header} onChange={(e) => set({ ...m, header: e.target.value })}>
              {(declared.includes(m.header) || !m.header ? declared : [m.header, ...declared]).map((h) => (
                <option key={h}>{h}</option>
              ))}
            </select>
            <span className="text-slate-400">←</span>
            <input
              aria-label={`Header mapped from ${i}`}
              className={rowInput}
              value={m.source}
              onChange={(e) => set({ ...m, source: e.target.value })}
              placeholder="integration.response.header.X, 'static'"
            />
          </>
        )}
      />
      {declared.length === 0 && <p className="text-xs text-slate-500">Declare headers on method response {statusCode} to map them here.</p>}
      <div>
        <div className="mb-1 flex flex-wrap items-center gap-2">
          <span className="text-sm font-medium text-slate-700">Response mapping templates</span>
          {contentTypes.map((ct) => (
            <button
              key={ct}
              type="button"
              onClick={() => setContentType(ct)}
              className={`rounded px-2 py-0.5 font-mono text-xs ${ct === contentType ? "bg-indigo-600 text-white" : "bg-slate-100"}`}
              data-testid="response-template-type"
            >
              {ct}
            </button>
          ))}
          {canEdit && (
            <span className="flex items-center gap-1">
              <input
                aria-label="Response template content type"
                className="w-40 rounded border border-slate-300 px-1.5 py-0.5 text-xs"
                value={newContentType}
                onChange={(e) => setNewContentType(e.target.value)}
                placeholder="application/xml"
              />
              <button
                type="button"
                className="text-xs text-indigo-700 hover:underline"
                onClick={() => {
                  if (newContentType.trim()) {
                    setContentType(newContentType.trim());
                    setNewContentType("");
                  }
                }}
              >
                Add response content type
              </button>
            </span>
          )}
        </div>
        <TemplateEditor
          key={contentType}
          value={templates[contentType] ?? ""}
          onChange={(v) => setTemplates((t) => ({ ...t, [contentType]: v }))}
          ariaLabel="response-template"
          readOnly={!canEdit}
          contentType={contentType}
          stageVariableNames={stageVariableNames}
          method={{ httpMethod: method.httpMethod, resourcePath: path }}
          kind="response"
        />
        {errorUnder(fe, "integrationResponse.responseTemplates") && (
          <p className="mt-1 text-xs text-red-600">{errorUnder(fe, "integrationResponse.responseTemplates")}</p>
        )}
      </div>
      {canEdit && (
        <Button
          type="button"
          variant="secondary"
          disabled={editor.pending}
          onClick={() =>
            editor.edit({
              type: "putIntegrationResponse",
              resourceId: resource.id,
              httpMethod: method.httpMethod,
              response: {
                statusCode,
                selectionPattern: pattern || undefined,
                contentHandling: (contentHandling || undefined) as never,
                responseParameters: Object.fromEntries(
                  mappings.filter((m) => m.header.trim()).map((m) => [`method.response.header.${m.header.trim()}`, m.source.trim()]),
                ),
                responseTemplates: Object.fromEntries(Object.entries(templates).filter(([, t]) => t.trim())),
              },
            })
          }
        >
          Save integration response {statusCode}
        </Button>
      )}
    </div>
  );
}
