"use client";

import { useState } from "react";
import { AUTHORIZATION_TYPES, INTEGRATION_TYPES, PASSTHROUGH_BEHAVIORS, HTTP_METHODS, type ApiDesign, type Method, type Resource } from "@/lib/model/design";
import { resourcePath } from "@/lib/model/tree";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";
import { TemplateEditor } from "@/components/editor/template-editor";
import { IntegrationResponses } from "./integration-responses";
import { TestInvokePanel } from "@/components/test-invoke/test-invoke-panel";
import type { StageOption } from "@/components/test-invoke/target-select";
import type { useEditDesign } from "./use-design";

type Editor = ReturnType<typeof useEditDesign>;

/** The AWS flow for one method: method request → integration request → responses, each editable in place, and a Test panel. */
export function MethodEditor({ apiId, design, resource, method, editor, canEdit, canInvoke, stageVariableNames, stages, onAws = false }: {
  onAws?: boolean;
  apiId: string; design: ApiDesign; resource: Resource; method: Method; editor: Editor; canEdit: boolean; canInvoke: boolean; stageVariableNames?: string[]; stages?: StageOption[];
}) {
  const path = resourcePath(design, resource);
  return (
    <div className="space-y-4" data-testid="method-editor">
      <div className="flex items-baseline gap-3">
        <h2 className="font-mono text-lg font-semibold">
          {method.httpMethod} {path}
        </h2>
        <a href={`/apis/${apiId}/history?entity=${encodeURIComponent(`${path} ${method.httpMethod}`)}`} className="text-xs text-indigo-700 hover:underline">
          History of this method
        </a>
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <MethodRequestCard resource={resource} method={method} editor={editor} canEdit={canEdit} />
        <IntegrationRequestCard resource={resource} method={method} editor={editor} canEdit={canEdit} path={path} stageVariableNames={stageVariableNames} />
      </div>
      <MethodResponsesCard resource={resource} method={method} editor={editor} canEdit={canEdit} />
      {method.integration && <IntegrationResponses resource={resource} method={method} editor={editor} canEdit={canEdit} path={path} stageVariableNames={stageVariableNames} />}
      {canInvoke && <TestInvokePanel apiId={apiId} httpMethod={method.httpMethod} resourcePath={path} stages={stages} onAws={onAws} authorizationType={method.authorizationType} />}
    </div>
  );
}

function MethodRequestCard({ resource, method, editor, canEdit }: { resource: Resource; method: Method; editor: Editor; canEdit: boolean }) {
  const [authorizationType, setAuth] = useState(method.authorizationType);
  const [apiKeyRequired, setApiKey] = useState(method.apiKeyRequired);
  const [operationName, setOp] = useState(method.operationName ?? "");
  return (
    <Card title="Method request">
      <fieldset disabled={!canEdit} className="space-y-3">
        <SelectField label="Authorization" name="authorizationType" value={authorizationType} onChange={(e) => setAuth(e.target.value as never)} options={AUTHORIZATION_TYPES} error={editor.error?.fieldErrors?.["method.authorizerId"]} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={apiKeyRequired} onChange={(e) => setApiKey(e.target.checked)} /> API key required
        </label>
        <Field label="Operation name" name="operationName" value={operationName} onChange={(e) => setOp(e.target.value)} />
        <p className="text-xs text-slate-500">
          Parameters: {Object.keys(method.requestParameters).join(", ") || "none"}
        </p>
        {canEdit && (
          <Button
            type="button"
            variant="secondary"
            disabled={editor.pending}
            onClick={() => editor.edit({ type: "updateMethod", resourceId: resource.id, httpMethod: method.httpMethod, changes: { authorizationType, apiKeyRequired, operationName: operationName || undefined } })}
          >
            Save method request
          </Button>
        )}
      </fieldset>
    </Card>
  );
}

function IntegrationRequestCard({ resource, method, editor, canEdit, path, stageVariableNames }: { resource: Resource; method: Method; editor: Editor; canEdit: boolean; path: string; stageVariableNames?: string[] }) {
  const current = method.integration;
  const [type, setType] = useState(current?.type ?? "MOCK");
  const [httpMethod, setHttpMethod] = useState(current?.httpMethod ?? "GET");
  const [uri, setUri] = useState(current?.uri ?? "");
  const [passthroughBehavior, setPassthrough] = useState(current?.passthroughBehavior ?? "WHEN_NO_MATCH");
  const [timeout, setTimeoutMs] = useState(String(current?.timeoutInMillis ?? 29000));
  const [contentType, setContentType] = useState(Object.keys(current?.requestTemplates ?? {})[0] ?? "application/json");
  const [template, setTemplate] = useState(current?.requestTemplates?.[contentType] ?? "");
  const fe = editor.error?.fieldErrors ?? {};
  return (
    <Card title="Integration request">
      <div className="space-y-3">
        <fieldset disabled={!canEdit} className="grid min-w-0 grid-cols-2 gap-3">
          <SelectField label="Integration type" name="integration.type" value={type} onChange={(e) => setType(e.target.value as never)} options={INTEGRATION_TYPES} />
          <SelectField label="Passthrough" name="integration.passthroughBehavior" value={passthroughBehavior} onChange={(e) => setPassthrough(e.target.value as never)} options={PASSTHROUGH_BEHAVIORS} />
          {type !== "MOCK" && (
            <>
              <SelectField label="Backend method" name="integration.httpMethod" value={httpMethod} onChange={(e) => setHttpMethod(e.target.value)} options={HTTP_METHODS.filter((m) => m !== "ANY")} error={fe["integration.httpMethod"]} />
              <Field label="Endpoint URL" name="integration.uri" value={uri} onChange={(e) => setUri(e.target.value)} error={fe["integration.uri"]} />
            </>
          )}
          <Field label="Timeout (ms)" name="integration.timeoutInMillis" inputMode="numeric" value={timeout} onChange={(e) => setTimeoutMs(e.target.value)} error={fe["integration.timeoutInMillis"]} />
          <Field label="Template content type" name="templateContentType" value={contentType} onChange={(e) => setContentType(e.target.value)} />
        </fieldset>
        <div>
          <p className="mb-1 text-sm font-medium text-slate-700">Request mapping template</p>
          <TemplateEditor
            value={template}
            onChange={setTemplate}
            ariaLabel="request-template"
            readOnly={!canEdit}
            contentType={contentType}
            stageVariableNames={stageVariableNames}
            method={{ httpMethod: method.httpMethod, resourcePath: path }}
            kind="request"
          />
        </div>
        {canEdit && (
          <Button
            type="button"
            variant="secondary"
            disabled={editor.pending}
            onClick={() => {
              const others = { ...(current?.requestTemplates ?? {}) };
              delete others[contentType];
              const requestTemplates = template.trim() ? { ...others, [contentType]: template } : others;
              void editor.edit({
                type: "putIntegration",
                resourceId: resource.id,
                httpMethod: method.httpMethod,
                integration: {
                  ...(current ? { ...current, integrationResponses: undefined } : {}),
                  type,
                  httpMethod: type === "MOCK" ? undefined : httpMethod,
                  uri: type === "MOCK" ? undefined : uri,
                  passthroughBehavior,
                  timeoutInMillis: Number(timeout),
                  requestTemplates,
                },
              });
            }}
          >
            Save integration request
          </Button>
        )}
      </div>
    </Card>
  );
}

function MethodResponsesCard({ resource, method, editor, canEdit }: { resource: Resource; method: Method; editor: Editor; canEdit: boolean }) {
  const [statusCode, setStatusCode] = useState("");
  return (
    <Card title="Method responses">
      <div className="flex flex-wrap items-end gap-3">
        {Object.keys(method.methodResponses).sort().map((code) => (
          <span key={code} className="rounded bg-slate-100 px-2 py-1 font-mono text-sm" data-testid="method-response">
            {code}
          </span>
        ))}
        {canEdit && (
          <form
            className="flex items-end gap-2"
            onSubmit={async (e) => {
              e.preventDefault();
              if (await editor.edit({ type: "putMethodResponse", resourceId: resource.id, httpMethod: method.httpMethod, response: { statusCode: statusCode.trim(), responseParameters: {}, responseModels: {} } })) setStatusCode("");
            }}
          >
            <Field label="Status code" name="methodResponse.statusCode" value={statusCode} onChange={(e) => setStatusCode(e.target.value)} placeholder="404" error={editor.error?.fieldErrors?.["methodResponse.statusCode"]} className="w-28" />
            <Button type="submit" variant="secondary" disabled={editor.pending || !statusCode.trim()}>
              Add method response
            </Button>
          </form>
        )}
      </div>
    </Card>
  );
}
