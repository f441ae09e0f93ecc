"use client";

import { useState } from "react";
import type { ApiDesign, Method, Resource } from "@/lib/model/design";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Checkbox } from "@/components/ui/field";
import { RowList, errorUnder, rowInput } from "./rows";
import type { DesignEditor } from "./use-design";
import { ModelRows } from "./model-rows";
import { headerRows, methodResponseFromRows, modelRows, type HeaderRow } from "./method-forms";

interface Props {
  design: ApiDesign;
  resource: Resource;
  method: Method;
  editor: DesignEditor;
  canEdit: boolean;
}

/** Method responses: the status codes the method declares, each with its headers and models. */
export function MethodResponsesCard(props: Props) {
  const codes = Object.keys(props.method.methodResponses).sort();
  const [editing, setEditing] = useState<string | undefined>(codes[0]);
  const current = editing ? props.method.methodResponses[editing] : undefined;
  return (
    <Card title="Method responses">
      <div className="flex flex-wrap items-end gap-3">
        {codes.map((code) => (
          <button
            key={code}
            type="button"
            onClick={() => setEditing(code)}
            className={`rounded px-2 py-1 font-mono text-sm ${editing === code ? "bg-indigo-600 text-white" : "bg-slate-100"}`}
            data-testid="method-response"
          >
            {code}
          </button>
        ))}
        {props.canEdit && <AddMethodResponseForm {...props} onAdded={setEditing} />}
      </div>
      {current && <MethodResponseForm key={`${current.statusCode}:${JSON.stringify(current)}`} {...props} statusCode={current.statusCode} />}
    </Card>
  );
}

function AddMethodResponseForm({ resource, method, editor, onAdded }: Props & { onAdded: (code: string) => void }) {
  const [statusCode, setStatusCode] = useState("");
  return (
    <form
      className="flex items-end gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        const code = statusCode.trim();
        const response = { statusCode: code, responseParameters: {}, responseModels: {} };
        if ((await editor.run({ type: "putMethodResponse", resourceId: resource.id, httpMethod: method.httpMethod, response })).ok) {
          setStatusCode("");
          onAdded(code);
        }
      }}
    >
      <Field
        label="Status code"
        name="methodResponse.statusCode"
        value={statusCode}
        onChange={(e) => setStatusCode(e.target.value)}
        placeholder="404"
        error={editor.fieldErrors["methodResponse.statusCode"]}
        className="w-28"
      />
      <Button type="submit" variant="secondary" disabled={editor.pending || !statusCode.trim()}>
        Add method response
      </Button>
    </form>
  );
}

function MethodResponseForm({ design, resource, method, statusCode, editor, canEdit }: Props & { statusCode: string }) {
  const response = method.methodResponses[statusCode];
  const [headers, setHeaders] = useState(() => headerRows(response));
  const [models, setModels] = useState(() => modelRows(response.responseModels));
  const fe = editor.fieldErrors;
  const target = { resourceId: resource.id, httpMethod: method.httpMethod };
  return (
    <fieldset disabled={!canEdit} className="mt-3 grid min-w-0 gap-3 border-t border-slate-100 pt-3 sm:grid-cols-2" data-testid="method-response-form">
      <ResponseHeaderRows
        statusCode={statusCode}
        rows={headers}
        onChange={setHeaders}
        canEdit={canEdit}
        error={errorUnder(fe, "methodResponse.responseParameters")}
      />
      <ModelRows
        label={`Models of ${statusCode}`}
        addLabel="Add response model"
        controlLabel="Response model"
        design={design}
        rows={models}
        onChange={setModels}
        canEdit={canEdit}
        error={errorUnder(fe, "methodResponse.responseModels")}
      />
      {canEdit && (
        <div className="flex gap-2 sm:col-span-2">
          <Button
            type="button"
            variant="secondary"
            disabled={editor.pending}
            onClick={() => editor.run({ type: "putMethodResponse", ...target, response: methodResponseFromRows(statusCode, headers, models) })}
          >
            Save method response {statusCode}
          </Button>
          <Button
            type="button"
            variant="ghost"
            className="text-red-700"
            disabled={editor.pending}
            onClick={() => editor.run({ type: "deleteMethodResponse", ...target, statusCode })}
          >
            Delete method response {statusCode}
          </Button>
        </div>
      )}
    </fieldset>
  );
}

function ResponseHeaderRows({
  statusCode,
  rows,
  onChange,
  canEdit,
  error,
}: {
  statusCode: string;
  rows: HeaderRow[];
  onChange: (rows: HeaderRow[]) => void;
  canEdit: boolean;
  error?: string;
}) {
  return (
    <RowList
      label={`Headers of ${statusCode}`}
      rows={rows}
      onChange={onChange}
      blank={{ name: "", required: false }}
      addLabel="Add response header"
      disabled={!canEdit}
      error={error}
      render={(h, set, i) => (
        <>
          <input
            aria-label={`Response header ${i}`}
            className={rowInput}
            value={h.name}
            onChange={(e) => set({ ...h, name: e.target.value })}
            placeholder="Access-Control-Allow-Origin"
          />
          <Checkbox
            className="items-center text-xs"
            label="required"
            aria-label={`Response header ${i} required`}
            checked={h.required}
            onChange={(e) => set({ ...h, required: e.target.checked })}
          />
        </>
      )}
    />
  );
}
