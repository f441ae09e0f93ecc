"use client";

import { useState } from "react";
import type { Method, Resource } from "@/lib/model/design";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";
import { TemplateEditor } from "@/components/editor/template-editor";
import type { useEditDesign } from "./use-design";

/** Integration responses: which backend outcome maps to which method response, and its template. */
export function IntegrationResponses({ resource, method, editor, canEdit, path, stageVariableNames }: {
  resource: Resource; method: Method; editor: ReturnType<typeof useEditDesign>; canEdit: boolean; path: string; stageVariableNames?: string[];
}) {
  const responses = method.integration?.integrationResponses ?? {};
  const codes = Object.keys(method.methodResponses).sort();
  const [editing, setEditing] = useState<string>(Object.keys(responses).sort()[0] ?? codes[0] ?? "200");
  const current = responses[editing];
  return (
    <Card title="Integration responses">
      <div className="mb-3 flex flex-wrap gap-2">
        {Object.values(responses).sort((a, b) => a.statusCode.localeCompare(b.statusCode)).map((r) => (
          <button
            key={r.statusCode}
            onClick={() => setEditing(r.statusCode)}
            className={`rounded px-2 py-1 font-mono text-xs ${editing === r.statusCode ? "bg-indigo-600 text-white" : "bg-slate-100"}`}
            data-testid="integration-response"
          >
            {r.statusCode} {r.selectionPattern ? `/${r.selectionPattern}/` : "(default)"}
          </button>
        ))}
      </div>
      <IntegrationResponseForm key={editing} resource={resource} method={method} statusCode={editing} codes={codes} initial={current} editor={editor} canEdit={canEdit} onStatusChange={setEditing} path={path} stageVariableNames={stageVariableNames} />
    </Card>
  );
}

function IntegrationResponseForm({ resource, method, statusCode, codes, initial, editor, canEdit, onStatusChange, path, stageVariableNames }: {
  resource: Resource; method: Method; statusCode: string; codes: string[]; initial?: { selectionPattern?: string; responseTemplates: Record<string, string>; responseParameters: Record<string, string> };
  editor: ReturnType<typeof useEditDesign>; canEdit: boolean; onStatusChange: (code: string) => void; path: string; stageVariableNames?: string[];
}) {
  const [pattern, setPattern] = useState(initial?.selectionPattern ?? "");
  const [template, setTemplate] = useState(initial?.responseTemplates["application/json"] ?? "");
  const fe = editor.error?.fieldErrors ?? {};
  return (
    <div className="space-y-3">
      <fieldset disabled={!canEdit} className="grid min-w-0 grid-cols-2 gap-3">
        <SelectField label="Method response status" name="integrationResponse.statusCode" value={statusCode} onChange={(e) => onStatusChange(e.target.value)} options={codes.length ? codes : [statusCode]} error={fe["integrationResponse.statusCode"]} />
        <Field label="Selection pattern (Java regex; empty = default)" name="integrationResponse.selectionPattern" value={pattern} onChange={(e) => setPattern(e.target.value)} placeholder="4\d{2}" error={fe["integrationResponse.selectionPattern"]} />
      </fieldset>
      <div>
        <p className="mb-1 text-sm font-medium text-slate-700">Response mapping template (application/json)</p>
        <TemplateEditor
          value={template}
          onChange={setTemplate}
          ariaLabel="response-template"
          readOnly={!canEdit}
          contentType="application/json"
          stageVariableNames={stageVariableNames}
          method={{ httpMethod: method.httpMethod, resourcePath: path }}
          kind="response"
        />
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
                responseParameters: initial?.responseParameters ?? {},
                responseTemplates: template.trim() ? { ...(initial?.responseTemplates ?? {}), "application/json": template } : {},
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
