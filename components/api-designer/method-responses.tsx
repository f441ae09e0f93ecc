"use client";

import { useState } from "react";
import type { ApiDesign, Method, Resource } from "@/lib/model/design";
import { BUILT_IN_MODELS } from "@/lib/model/rules";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { RowList, errorUnder, rowInput, rowSelect } from "./rows";
import type { useEditDesign } from "./use-design";

type Editor = ReturnType<typeof useEditDesign>;

/** Method responses: the status codes the method declares, each with its headers and models. */
export function MethodResponsesCard({
  design,
  resource,
  method,
  editor,
  canEdit,
}: {
  design: ApiDesign;
  resource: Resource;
  method: Method;
  editor: Editor;
  canEdit: boolean;
}) {
  const [statusCode, setStatusCode] = useState("");
  const codes = Object.keys(method.methodResponses).sort();
  const [editing, setEditing] = useState<string | undefined>(codes[0]);
  const current = editing ? method.methodResponses[editing] : undefined;
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
        {canEdit && (
          <form
            className="flex items-end gap-2"
            onSubmit={async (e) => {
              e.preventDefault();
              const code = statusCode.trim();
              if (
                await editor.edit({
                  type: "putMethodResponse",
                  resourceId: resource.id,
                  httpMethod: method.httpMethod,
                  response: { statusCode: code, responseParameters: {}, responseModels: {} },
                })
              ) {
                setStatusCode("");
                setEditing(code);
              }
            }}
          >
            <Field
              label="Status code"
              name="methodResponse.statusCode"
              value={statusCode}
              onChange={(e) => setStatusCode(e.target.value)}
              placeholder="404"
              error={editor.error?.fieldErrors?.["methodResponse.statusCode"]}
              className="w-28"
            />
            <Button type="submit" variant="secondary" disabled={editor.pending || !statusCode.trim()}>
              Add method response
            </Button>
          </form>
        )}
      </div>
      {current && (
        <MethodResponseForm
          key={`${current.statusCode}:${JSON.stringify(current)}`}
          design={design}
          resource={resource}
          method={method}
          statusCode={current.statusCode}
          editor={editor}
          canEdit={canEdit}
        />
      )}
    </Card>
  );
}

function MethodResponseForm({
  design,
  resource,
  method,
  statusCode,
  editor,
  canEdit,
}: {
  design: ApiDesign;
  resource: Resource;
  method: Method;
  statusCode: string;
  editor: Editor;
  canEdit: boolean;
}) {
  const response = method.methodResponses[statusCode];
  const [headers, setHeaders] = useState(
    Object.entries(response.responseParameters).map(([key, required]) => ({ name: key.replace(/^method\.response\.header\./, ""), required })),
  );
  const [models, setModels] = useState(Object.entries(response.responseModels).map(([contentType, model]) => ({ contentType, model })));
  const fe = editor.error?.fieldErrors ?? {};
  const modelNames = [...BUILT_IN_MODELS, ...design.models.map((m) => m.name)];
  return (
    <fieldset disabled={!canEdit} className="mt-3 grid min-w-0 gap-3 border-t border-slate-100 pt-3 sm:grid-cols-2" data-testid="method-response-form">
      <RowList
        label={`Headers of ${statusCode}`}
        rows={headers}
        onChange={setHeaders}
        blank={{ name: "", required: false }}
        addLabel="Add response header"
        disabled={!canEdit}
        error={errorUnder(fe, "methodResponse.responseParameters")}
        render={(h, set, i) => (
          <>
            <input
              aria-label={`Response header ${i}`}
              className={rowInput}
              value={h.name}
              onChange={(e) => set({ ...h, name: e.target.value })}
              placeholder="Access-Control-Allow-Origin"
            />
            <label className="flex items-center gap-1 text-xs">
              <input
                type="checkbox"
                aria-label={`Response header ${i} required`}
                checked={h.required}
                onChange={(e) => set({ ...h, required: e.target.checked })}
              />{" "}
              required
            </label>
          </>
        )}
      />
      <RowList
        label={`Models of ${statusCode}`}
        rows={models}
        onChange={setModels}
        blank={{ contentType: "application/json", model: "Empty" }}
        addLabel="Add response model"
        disabled={!canEdit}
        error={errorUnder(fe, "methodResponse.responseModels")}
        render={(m, set, i) => (
          <>
            <input
              aria-label={`Response model content type ${i}`}
              className={rowInput}
              value={m.contentType}
              onChange={(e) => set({ ...m, contentType: e.target.value })}
            />
            <select aria-label={`Response model ${i}`} className={rowSelect} value={m.model} onChange={(e) => set({ ...m, model: e.target.value })}>
              {(modelNames.includes(m.model) ? modelNames : [m.model, ...modelNames]).map((n) => (
                <option key={n}>{n}</option>
              ))}
            </select>
          </>
        )}
      />
      {canEdit && (
        <div className="flex gap-2 sm:col-span-2">
          <Button
            type="button"
            variant="secondary"
            disabled={editor.pending}
            onClick={() =>
              editor.edit({
                type: "putMethodResponse",
                resourceId: resource.id,
                httpMethod: method.httpMethod,
                response: {
                  statusCode,
                  responseParameters: Object.fromEntries(
                    headers.filter((h) => h.name.trim()).map((h) => [`method.response.header.${h.name.trim()}`, h.required]),
                  ),
                  responseModels: Object.fromEntries(models.filter((m) => m.contentType.trim()).map((m) => [m.contentType.trim(), m.model])),
                },
              })
            }
          >
            Save method response {statusCode}
          </Button>
          <Button
            type="button"
            variant="ghost"
            className="text-red-700"
            disabled={editor.pending}
            onClick={() => editor.edit({ type: "deleteMethodResponse", resourceId: resource.id, httpMethod: method.httpMethod, statusCode })}
          >
            Delete method response {statusCode}
          </Button>
        </div>
      )}
    </fieldset>
  );
}
