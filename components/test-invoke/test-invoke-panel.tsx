"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { testInvokeAction } from "@/app/(console)/apis/actions";
import type { InvokeResult } from "@/lib/invoke/index";
import { Button } from "@/components/ui/button";
import { Card, ErrorBanner } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { CodeEditor } from "@/components/editor/code-editor";
import { InvokeLog, prettyBody } from "./invoke-log";
import { parseHeaderLines, parseVariableLines, repeatedHeaders } from "./parse-headers";
import { SaveTestCaseForm, type SentRequest } from "./save-test-case-form";
import { SavedTestCases } from "./saved-test-cases";
import { AwsSideBySide } from "./aws-side-by-side";
import { DRAFT, TargetSelect, type StageOption } from "./target-select";
import { AuthorizerModeSelect, EMPTY_SIMULATED_AUTHORIZER, hasAuthorizer, SimulatedAuthorizerFields, simulatedAuthorizerPayload, type AuthorizerMode } from "./simulated-authorizer";

const variableLines = (vars: Record<string, string>) => Object.entries(vars).map(([k, v]) => `${k}=${v}`).join("\n");

/**
 * Runs the method through the local pipeline — the draft, or a stage's deployment with its
 * variables — and shows status, headers, body and AWS's execution log; the request can be saved
 * as a test case, and the method's saved cases run from here.
 */
export function TestInvokePanel({
  apiId,
  httpMethod,
  resourcePath,
  stages = [],
  onAws = false,
  authorizationType,
}: {
  apiId: string;
  httpMethod: string;
  resourcePath: string;
  stages?: StageOption[];
  onAws?: boolean;
  /** The method's authorization type: CUSTOM and COGNITO_USER_POOLS get the simulated-authorizer inputs. */
  authorizationType?: string;
}) {
  const [target, setTarget] = useState(DRAFT);
  const [path, setPath] = useState(resourcePath);
  const [query, setQuery] = useState("");
  const [headerText, setHeaderText] = useState("");
  const [stageVarText, setStageVarText] = useState("");
  const [body, setBody] = useState("");
  const [simulated, setSimulated] = useState(EMPTY_SIMULATED_AUTHORIZER);
  const [authorizerMode, setAuthorizerMode] = useState<AuthorizerMode>("simulated");
  const [formError, setFormError] = useState<string | null>(null);
  const stage = stages.find((s) => s.name === target) ?? null;
  const invoke = useMutation({
    mutationFn: async (): Promise<{ result: InvokeResult; request: SentRequest }> => {
      const { headers, multiValueHeaders, errors } = parseHeaderLines(headerText);
      if (errors.length) throw new Error(errors.join("; "));
      const repeated = repeatedHeaders(multiValueHeaders);
      const pathWithQueryString = query.trim() ? `${path}?${query.trim().replace(/^\?/, "")}` : path;
      const stageVariables = parseVariableLines(stageVarText);
      const request = { pathWithQueryString, headers, body, stageVariables };
      const callAuthorizer = authorizationType === "CUSTOM" && authorizerMode === "aws";
      const authorizer = callAuthorizer ? undefined : simulatedAuthorizerPayload(authorizationType, simulated);
      const result = await testInvokeAction(apiId, {
        httpMethod: httpMethod === "ANY" ? "GET" : httpMethod,
        ...request,
        ...(repeated ? { multiValueHeaders: repeated } : {}),
        ...(stage ? { stage: stage.name } : {}),
        ...(authorizer ? { authorizer } : {}),
        ...(callAuthorizer ? { callAuthorizer: true } : {}),
      });
      if (!result.ok) throw new Error(result.fieldErrors ? Object.values(result.fieldErrors).join("; ") : result.error);
      return { result: result.data, request: { ...request, stage: stage?.name ?? null, stageDefaults: stage?.variables ?? null } };
    },
    onMutate: () => setFormError(null),
    onError: (e: Error) => setFormError(e.message),
  });
  const chooseTarget = (name: string) => {
    setTarget(name);
    const chosen = stages.find((s) => s.name === name);
    setStageVarText(chosen ? variableLines(chosen.variables) : "");
  };
  return (
    <Card title={`Test ${httpMethod} ${resourcePath}`}>
      <form
        className="grid gap-3 md:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          invoke.mutate();
        }}
      >
        <TargetSelect stages={stages} value={target} onChange={chooseTarget} />
        <div className="hidden md:block" />
        <Field label="Path" name="test.path" value={path} onChange={(e) => setPath(e.target.value)} hint="Replace {params} with values, e.g. /pets/1" />
        <Field label="Query string" name="test.query" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="scope=internal&limit=10" />
        <label className="text-sm font-medium text-slate-700">
          Headers (Name: value per line; repeat a name for several values)
          <textarea name="test.headers" value={headerText} onChange={(e) => setHeaderText(e.target.value)} rows={3} className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs" />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Stage variables (name=value per line)
          <textarea name="test.stageVariables" value={stageVarText} onChange={(e) => setStageVarText(e.target.value)} rows={3} className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs" />
        </label>
        {authorizationType === "CUSTOM" && <AuthorizerModeSelect value={authorizerMode} onChange={setAuthorizerMode} />}
        {authorizationType && hasAuthorizer(authorizationType) && !(authorizationType === "CUSTOM" && authorizerMode === "aws") && (
          <SimulatedAuthorizerFields authorizationType={authorizationType} value={simulated} onChange={setSimulated} />
        )}
        <div className="text-sm font-medium text-slate-700 md:col-span-2">
          Request body
          <div className="mt-1">
            <CodeEditor value={body} onChange={setBody} language="json" height={120} ariaLabel="test-body" />
          </div>
        </div>
        <div className="md:col-span-2">
          <Button type="submit" disabled={invoke.isPending}>
            {invoke.isPending ? "Sending…" : "Send"}
          </Button>
        </div>
      </form>
      <div className="mt-3">
        <ErrorBanner message={formError} />
      </div>
      {invoke.data && (
        <>
          <InvokeResultView result={invoke.data.result} />
          {onAws && !invoke.data.request.stage && <AwsSideBySide key={`aws-${invoke.submittedAt}`} apiId={apiId} httpMethod={httpMethod === "ANY" ? "GET" : httpMethod} request={invoke.data.request} local={invoke.data.result} />}
          <SaveTestCaseForm key={invoke.submittedAt} apiId={apiId} httpMethod={httpMethod} resourcePath={resourcePath} request={invoke.data.request} status={invoke.data.result.status} />
        </>
      )}
      <SavedTestCases apiId={apiId} httpMethod={httpMethod} resourcePath={resourcePath} target={target} />
    </Card>
  );
}

function InvokeResultView({ result }: { result: InvokeResult }) {
  const ok = result.status < 400;
  return (
    <div className="mt-4 space-y-3" data-testid="invoke-result">
      <div className="flex items-center gap-3 text-sm">
        <span className={`rounded px-2 py-0.5 font-mono font-semibold ${ok ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`} data-testid="invoke-status">
          {result.status}
        </span>
        <span className="text-slate-500" data-testid="invoke-latency">Latency {result.latencyMs} ms</span>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase text-slate-500">Response headers</h3>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs" data-testid="invoke-headers">
          {Object.entries(result.headers)
            .flatMap(([k, v]) => (result.multiValueHeaders?.[k] ?? [v]).map((value) => `${k}: ${value}`))
            .join("\n")}
        </pre>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase text-slate-500">Response body{result.isBase64Encoded ? " (binary, shown as base64)" : ""}</h3>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs" data-testid="invoke-body">{result.isBase64Encoded ? result.body : prettyBody(result.body)}</pre>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase text-slate-500">Execution log</h3>
        <div className="mt-1">
          <InvokeLog log={result.log} steps={result.steps} />
        </div>
      </div>
    </div>
  );
}
