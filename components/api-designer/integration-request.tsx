"use client";

import { useState } from "react";
import { HTTP_METHODS, INTEGRATION_TYPES, PASSTHROUGH_BEHAVIORS, type Method, type Resource } from "@/lib/model/design";
import { checkLambdaFunctionArn, lambdaInvocationUri, parseLambdaInvocationUri } from "@/lib/model/lambda-uri";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";
import { TemplateEditor } from "@/components/editor/template-editor";
import { RowList, errorUnder, rowInput, rowSelect } from "./rows";
import type { useEditDesign } from "./use-design";

const TARGETS = ["path", "querystring", "header"];

/**
 * Integration request and the integration itself: every PutIntegration field. Lambda (AWS and
 * AWS_PROXY) is entered as a function ARN; the invocation URI is built from it.
 */
export function IntegrationRequestCard({
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
  const current = method.integration;
  const lambda = parseLambdaInvocationUri(current?.uri);
  const [type, setType] = useState(current?.type ?? "MOCK");
  const [httpMethod, setHttpMethod] = useState(current?.httpMethod ?? (current?.type === "AWS_PROXY" ? "POST" : "GET"));
  const [useLambda, setUseLambda] = useState(!!lambda || !current?.uri);
  const [functionArn, setFunctionArn] = useState(lambda?.functionArn ?? "");
  const [lambdaRegion, setLambdaRegion] = useState(lambda?.functionArn.includes(`:${lambda.region}:`) ? "" : (lambda?.region ?? ""));
  const [uri, setUri] = useState(lambda ? "" : (current?.uri ?? ""));
  const [connectionType, setConnectionType] = useState(current?.connectionType ?? "INTERNET");
  const [connectionId, setConnectionId] = useState(current?.connectionId ?? "");
  const [credentials, setCredentials] = useState(current?.credentials ?? "");
  const [passthroughBehavior, setPassthrough] = useState(current?.passthroughBehavior ?? "WHEN_NO_MATCH");
  const [contentHandling, setContentHandling] = useState(current?.contentHandling ?? "");
  const [timeout, setTimeoutMs] = useState(String(current?.timeoutInMillis ?? 29000));
  const [cacheNamespace, setCacheNamespace] = useState(current?.cacheNamespace ?? "");
  const [cacheKeys, setCacheKeys] = useState((current?.cacheKeyParameters ?? []).join(", "));
  const [skipTls, setSkipTls] = useState(current?.tlsConfig?.insecureSkipVerification ?? false);
  const [mappings, setMappings] = useState(
    Object.entries(current?.requestParameters ?? {}).map(([target, source]) => {
      const m = /^integration\.request\.([a-z]+)\.(.+)$/.exec(target);
      return { location: m?.[1] ?? "header", name: m?.[2] ?? target, source };
    }),
  );
  const [templates, setTemplates] = useState<Record<string, string>>(current?.requestTemplates ?? {});
  const [contentType, setContentType] = useState(Object.keys(current?.requestTemplates ?? {})[0] ?? "application/json");
  const [newContentType, setNewContentType] = useState("");
  const [localError, setLocalError] = useState<string | undefined>();
  const fe = editor.error?.fieldErrors ?? {};
  const isAws = type === "AWS" || type === "AWS_PROXY";
  const isHttp = type === "HTTP" || type === "HTTP_PROXY";
  const lambdaMode = isAws && (useLambda || type === "AWS_PROXY");
  const contentTypes = [...new Set([...Object.keys(templates), contentType])];

  const save = () => {
    setLocalError(undefined);
    let finalUri: string | undefined = type === "MOCK" ? undefined : uri.trim();
    if (lambdaMode) {
      const issues = checkLambdaFunctionArn(functionArn, "integration.functionArn");
      if (issues.length) return setLocalError(issues[0].message);
      try {
        finalUri = lambdaInvocationUri(functionArn, lambdaRegion || undefined);
      } catch (e) {
        return setLocalError((e as Error).message);
      }
    }
    const requestTemplates = Object.fromEntries(Object.entries(templates).filter(([, t]) => t.trim()));
    void editor.edit({
      type: "putIntegration",
      resourceId: resource.id,
      httpMethod: method.httpMethod,
      integration: {
        type,
        httpMethod: type === "MOCK" ? undefined : httpMethod,
        uri: finalUri,
        connectionType: isHttp ? connectionType : undefined,
        connectionId: isHttp && connectionType === "VPC_LINK" ? connectionId.trim() : undefined,
        credentials: credentials.trim() || undefined,
        passthroughBehavior,
        contentHandling: (contentHandling || undefined) as never,
        timeoutInMillis: Number(timeout),
        cacheNamespace: cacheNamespace.trim() || undefined,
        cacheKeyParameters: cacheKeys.split(/[\s,]+/).filter(Boolean),
        tlsConfig: isHttp && skipTls ? { insecureSkipVerification: true } : undefined,
        requestParameters: Object.fromEntries(
          mappings.filter((m) => m.name.trim()).map((m) => [`integration.request.${m.location}.${m.name.trim()}`, m.source.trim()]),
        ),
        requestTemplates,
      },
    });
  };

  return (
    <Card title="Integration request">
      <div className="space-y-3">
        <fieldset disabled={!canEdit} className="grid min-w-0 grid-cols-2 gap-3">
          <SelectField
            label="Integration type"
            name="integration.type"
            value={type}
            onChange={(e) => {
              setType(e.target.value as never);
              if (e.target.value === "AWS_PROXY") setHttpMethod("POST");
            }}
            options={INTEGRATION_TYPES}
            error={fe["integration.type"]}
          />
          {type !== "MOCK" && (
            <SelectField
              label="Backend method"
              name="integration.httpMethod"
              value={httpMethod}
              onChange={(e) => setHttpMethod(e.target.value)}
              options={HTTP_METHODS}
              error={fe["integration.httpMethod"]}
            />
          )}
          {type === "AWS" && (
            <label className="col-span-2 flex items-center gap-2 text-sm">
              <input type="checkbox" checked={useLambda} onChange={(e) => setUseLambda(e.target.checked)} /> Lambda function (otherwise another AWS service by
              URI)
            </label>
          )}
          {lambdaMode && (
            <>
              <Field
                label="Lambda function ARN"
                name="integration.functionArn"
                value={functionArn}
                onChange={(e) => setFunctionArn(e.target.value)}
                placeholder="arn:aws:lambda:us-east-1:123456789012:function:my-function"
                error={localError ?? fe["integration.uri"]}
                className="col-span-2"
              />
              <Field
                label="Lambda Region (only if the ARN's Region is a stage variable)"
                name="integration.lambdaRegion"
                value={lambdaRegion}
                onChange={(e) => setLambdaRegion(e.target.value)}
                placeholder="us-east-1"
                className="col-span-2"
              />
            </>
          )}
          {type !== "MOCK" && !lambdaMode && (
            <Field
              label={isAws ? "AWS service URI" : "Endpoint URL"}
              name="integration.uri"
              value={uri}
              onChange={(e) => setUri(e.target.value)}
              placeholder={isAws ? "arn:aws:apigateway:us-east-1:s3:path/{bucket}/{key}" : "https://${stageVariables.host}/pets/{id}"}
              error={fe["integration.uri"]}
              className="col-span-2"
            />
          )}
          {isHttp && (
            <>
              <SelectField
                label="Connection"
                name="integration.connectionType"
                value={connectionType}
                onChange={(e) => setConnectionType(e.target.value as never)}
                options={["INTERNET", "VPC_LINK"]}
                error={fe["integration.connectionType"]}
              />
              {connectionType === "VPC_LINK" ? (
                <Field
                  label="VPC link ID"
                  name="integration.connectionId"
                  value={connectionId}
                  onChange={(e) => setConnectionId(e.target.value)}
                  error={fe["integration.connectionId"]}
                />
              ) : (
                <span />
              )}
            </>
          )}
          {fe["integration.connectionId"] && connectionType !== "VPC_LINK" && (
            <p className="col-span-2 text-xs text-red-600">{fe["integration.connectionId"]}</p>
          )}
          {isAws && (
            <Field
              label="Credentials (IAM role ARN)"
              name="integration.credentials"
              value={credentials}
              onChange={(e) => setCredentials(e.target.value)}
              error={fe["integration.credentials"]}
              className="col-span-2"
            />
          )}
          <SelectField
            label="Passthrough"
            name="integration.passthroughBehavior"
            value={passthroughBehavior}
            onChange={(e) => setPassthrough(e.target.value as never)}
            options={PASSTHROUGH_BEHAVIORS}
          />
          <SelectField
            label="Content handling"
            name="integration.contentHandling"
            value={contentHandling}
            onChange={(e) => setContentHandling(e.target.value as never)}
            options={[{ value: "", label: "Passthrough (none)" }, "CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]}
          />
          <Field
            label="Timeout (ms)"
            name="integration.timeoutInMillis"
            inputMode="numeric"
            value={timeout}
            onChange={(e) => setTimeoutMs(e.target.value)}
            error={fe["integration.timeoutInMillis"]}
            hint="50 to 29000"
          />
          <Field label="Cache namespace" name="integration.cacheNamespace" value={cacheNamespace} onChange={(e) => setCacheNamespace(e.target.value)} />
          <Field
            label="Cache key parameters"
            name="integration.cacheKeyParameters"
            value={cacheKeys}
            onChange={(e) => setCacheKeys(e.target.value)}
            placeholder="method.request.path.id"
            error={errorUnder(fe, "integration.cacheKeyParameters")}
            className="col-span-2"
          />
          {isHttp && (
            <label className="col-span-2 flex items-center gap-2 text-sm">
              <input type="checkbox" checked={skipTls} onChange={(e) => setSkipTls(e.target.checked)} /> Skip TLS certificate verification
              (insecureSkipVerification)
            </label>
          )}
        </fieldset>
        {type !== "HTTP_PROXY" && type !== "AWS_PROXY" && (
          <RowList
            label="Request parameter mappings"
            rows={mappings}
            onChange={setMappings}
            blank={{ location: "header", name: "", source: "" }}
            addLabel="Add parameter mapping"
            disabled={!canEdit}
            error={errorUnder(fe, "integration.requestParameters")}
            render={(m, set, i) => (
              <>
                <select
                  aria-label={`Mapping target location ${i}`}
                  className={rowSelect}
                  value={m.location}
                  onChange={(e) => set({ ...m, location: e.target.value })}
                >
                  {TARGETS.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
                <input
                  aria-label={`Mapping target name ${i}`}
                  className={rowInput}
                  value={m.name}
                  onChange={(e) => set({ ...m, name: e.target.value })}
                  placeholder="name"
                />
                <span className="text-slate-400">←</span>
                <input
                  aria-label={`Mapped from ${i}`}
                  className={rowInput}
                  value={m.source}
                  onChange={(e) => set({ ...m, source: e.target.value })}
                  placeholder="method.request.path.id, 'static', stageVariables.x"
                />
              </>
            )}
          />
        )}
        {fe["integration.requestParameters"] && <p className="text-xs text-red-600">{fe["integration.requestParameters"]}</p>}
        {type !== "HTTP_PROXY" && type !== "AWS_PROXY" && (
          <div>
            <div className="mb-1 flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium text-slate-700">Request mapping templates</span>
              {contentTypes.map((ct) => (
                <button
                  key={ct}
                  type="button"
                  onClick={() => setContentType(ct)}
                  className={`rounded px-2 py-0.5 font-mono text-xs ${ct === contentType ? "bg-indigo-600 text-white" : "bg-slate-100"}`}
                  data-testid="request-template-type"
                >
                  {ct}
                </button>
              ))}
              {canEdit && (
                <span className="flex items-center gap-1">
                  <input
                    aria-label="Template content type"
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
                    Add content type
                  </button>
                </span>
              )}
            </div>
            <TemplateEditor
              key={contentType}
              value={templates[contentType] ?? ""}
              onChange={(v) => setTemplates((t) => ({ ...t, [contentType]: v }))}
              ariaLabel="request-template"
              readOnly={!canEdit}
              contentType={contentType}
              stageVariableNames={stageVariableNames}
              method={{ httpMethod: method.httpMethod, resourcePath: path }}
              kind="request"
            />
            {errorUnder(fe, "integration.requestTemplates") && <p className="mt-1 text-xs text-red-600">{errorUnder(fe, "integration.requestTemplates")}</p>}
          </div>
        )}
        {canEdit && (
          <Button type="button" variant="secondary" disabled={editor.pending} onClick={save}>
            Save integration request
          </Button>
        )}
      </div>
    </Card>
  );
}
