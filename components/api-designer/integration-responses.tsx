"use client";

import { useState } from "react";
import type { IntegrationResponse, Method, Resource } from "@/lib/model/design";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField, Select } from "@/components/ui/field";
import { RowList, errorUnder, rowInput } from "./rows";
import type { DesignEditor } from "./use-design";
import { useFormState } from "./use-form-state";
import { CONTENT_HANDLING } from "./integration-fields";
import { MappingTemplates } from "./mapping-templates";
import { TemplateSaveWarning } from "@/components/editor/lazy";
import { headerName, integrationResponseForm, integrationResponseFromForm, type HeaderMappingRow } from "./method-forms";

interface Props {
  resource: Resource;
  method: Method;
  editor: DesignEditor;
  canEdit: boolean;
  path: string;
  stageVariableNames?: string[];
}

/** Integration responses: which backend outcome maps to which method response, and its template. */
export function IntegrationResponses(props: Props) {
  const responses = props.method.integration?.integrationResponses ?? {};
  const codes = Object.keys(props.method.methodResponses).sort();
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
        {...props}
        statusCode={editing}
        codes={codes}
        initial={current}
        onStatusChange={setEditing}
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
}: Props & { statusCode: string; codes: string[]; initial?: IntegrationResponse; onStatusChange: (code: string) => void }) {
  const { form, set, setForm } = useFormState(() => integrationResponseForm(initial));
  const fe = editor.fieldErrors;
  const declared = Object.keys(method.methodResponses[statusCode]?.responseParameters ?? {}).map(headerName);
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
          value={form.pattern}
          onChange={(e) => set("pattern", e.target.value)}
          placeholder="4\d{2}"
          error={fe["integrationResponse.selectionPattern"]}
        />
        <SelectField
          label="Response content handling"
          name="integrationResponse.contentHandling"
          value={form.contentHandling}
          onChange={(e) => set("contentHandling", e.target.value)}
          options={CONTENT_HANDLING}
        />
      </fieldset>
      <ResponseHeaderMappings
        mappings={form.mappings}
        onChange={(mappings) => set("mappings", mappings)}
        declared={declared}
        canEdit={canEdit}
        error={errorUnder(fe, "integrationResponse.responseParameters")}
      />
      {declared.length === 0 && <p className="text-xs text-slate-500">Declare headers on method response {statusCode} to map them here.</p>}
      <MappingTemplates
        title="Response mapping templates"
        kind="response"
        templates={form.templates}
        onChange={(update) => setForm((f) => ({ ...f, templates: update(f.templates) }))}
        canEdit={canEdit}
        error={errorUnder(fe, "integrationResponse.responseTemplates")}
        stageVariableNames={stageVariableNames}
        method={{ httpMethod: method.httpMethod, resourcePath: path }}
      />
      {canEdit && <TemplateSaveWarning templates={form.templates} />}
      {canEdit && (
        <Button
          type="button"
          variant="secondary"
          disabled={editor.pending}
          onClick={() =>
            editor.run({
              type: "putIntegrationResponse",
              resourceId: resource.id,
              httpMethod: method.httpMethod,
              response: integrationResponseFromForm(statusCode, form),
            })
          }
        >
          Save integration response {statusCode}
        </Button>
      )}
    </div>
  );
}

/** method.response.header.{name} ← an integration response value; only headers the method response declares are offered. */
function ResponseHeaderMappings({
  mappings,
  onChange,
  declared,
  canEdit,
  error,
}: {
  mappings: HeaderMappingRow[];
  onChange: (rows: HeaderMappingRow[]) => void;
  declared: string[];
  canEdit: boolean;
  error?: string;
}) {
  return (
    <RowList
      label="Response header mappings"
      rows={mappings}
      onChange={onChange}
      blank={{ header: declared[0] ?? "", source: "" }}
      addLabel="Add header mapping"
      disabled={!canEdit}
      error={error}
      render={(m, set, i) => (
        <>
          <Select
            aria-label={`Mapped header ${i}`}
            value={m.header}
            onChange={(e) => set({ ...m, header: e.target.value })}
            options={declared.includes(m.header) || !m.header ? declared : [m.header, ...declared]}
          />
          <span className="text-slate-500" aria-hidden="true">
            ←
          </span>
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
  );
}
