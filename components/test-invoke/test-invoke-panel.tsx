"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { testInvokeAction } from "@/app/(console)/apis/actions";
import { invokeCapabilitiesAction } from "@/app/(console)/apis/[apiId]/tests/actions";
import type { InvokeResult } from "@/lib/invoke/index";
import { MASKING_NOTE } from "@/lib/audit/mask";
import { Button } from "@/components/ui/button";
import { Card, ErrorBanner } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { CodeEditor } from "@/components/editor/code-editor";
import { InvokeResultView } from "./invoke-result";
import { base64ByteLength, fileToBase64, formatBytes } from "./binary-body";
import { parseHeaderLines, parseVariableLines, repeatedHeaders } from "./parse-headers";
import { SaveTestCaseForm, type SentRequest } from "./save-test-case-form";
import { SavedTestCases } from "./saved-test-cases";
import { AwsSideBySide } from "./aws-side-by-side";
import { DRAFT, TargetSelect, type StageOption } from "./target-select";
import {
  AuthorizerModeSelect,
  EMPTY_SIMULATED_AUTHORIZER,
  hasAuthorizer,
  SimulatedAuthorizerFields,
  simulatedAuthorizerPayload,
  type AuthorizerMode,
} from "./simulated-authorizer";

const variableLines = (vars: Record<string, string>) =>
  Object.entries(vars)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");

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
  const [bodyIsBase64, setBodyIsBase64] = useState(false);
  const [fileNote, setFileNote] = useState<string | null>(null);
  // The editor echoes a value set from a file through onChange: only a real edit drops the file's note.
  const loadedBody = useRef<string | null>(null);
  const [simulated, setSimulated] = useState(EMPTY_SIMULATED_AUTHORIZER);
  const [authorizerMode, setAuthorizerMode] = useState<AuthorizerMode>("simulated");
  const [formError, setFormError] = useState<string | null>(null);
  const stage = stages.find((s) => s.name === target) ?? null;
  const capabilities = useQuery({
    queryKey: ["api", apiId, "invoke-capabilities"],
    queryFn: async () => {
      const r = await invokeCapabilitiesAction(apiId);
      if (!r.ok) throw new Error(r.error);
      return r.data;
    },
    enabled: authorizationType === "CUSTOM",
  });
  const awsConnected = !!capabilities.data?.awsConnection;
  const invoke = useMutation({
    mutationFn: async (): Promise<{ result: InvokeResult; request: SentRequest }> => {
      const { headers, multiValueHeaders, errors } = parseHeaderLines(headerText);
      if (errors.length) throw new Error(errors.join("; "));
      const repeated = repeatedHeaders(multiValueHeaders);
      const pathWithQueryString = query.trim() ? `${path}?${query.trim().replace(/^\?/, "")}` : path;
      const stageVariables = parseVariableLines(stageVarText);
      const request = {
        pathWithQueryString,
        headers,
        ...(repeated ? { multiValueHeaders: repeated } : {}),
        body,
        ...(bodyIsBase64 ? { isBase64Encoded: true } : {}),
        stageVariables,
      };
      const callAuthorizer = authorizationType === "CUSTOM" && authorizerMode === "aws" && awsConnected;
      const authorizer = callAuthorizer ? undefined : simulatedAuthorizerPayload(authorizationType, simulated);
      const result = await testInvokeAction(apiId, {
        httpMethod: httpMethod === "ANY" ? "GET" : httpMethod,
        ...request,
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
          <textarea
            name="test.headers"
            value={headerText}
            onChange={(e) => setHeaderText(e.target.value)}
            rows={3}
            className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
          />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Stage variables (name=value per line)
          <textarea
            name="test.stageVariables"
            value={stageVarText}
            onChange={(e) => setStageVarText(e.target.value)}
            rows={3}
            className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
          />
        </label>
        {authorizationType === "CUSTOM" && (
          <AuthorizerModeSelect
            value={awsConnected ? authorizerMode : "simulated"}
            onChange={setAuthorizerMode}
            awsConnection={capabilities.data?.awsConnection ?? null}
          />
        )}
        {authorizationType && hasAuthorizer(authorizationType) && !(authorizationType === "CUSTOM" && authorizerMode === "aws" && awsConnected) && (
          <SimulatedAuthorizerFields authorizationType={authorizationType} value={simulated} onChange={setSimulated} />
        )}
        <div className="text-sm font-medium text-slate-700 md:col-span-2">
          Request body
          <div className="mt-1 flex flex-wrap items-center gap-4 text-xs font-normal">
            <label className="flex items-center gap-1">
              <input type="checkbox" name="test.isBase64Encoded" checked={bodyIsBase64} onChange={(e) => setBodyIsBase64(e.target.checked)} />
              Body is base64 (binary)
            </label>
            <label className="flex items-center gap-1">
              Load a file as the body
              <input
                type="file"
                name="test.file"
                className="text-xs"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  if (!file) return;
                  const encoded = await fileToBase64(file);
                  loadedBody.current = encoded;
                  setBody(encoded);
                  setBodyIsBase64(true);
                  setFileNote(
                    `${file.name}, ${formatBytes(file.size)}${file.type ? `, ${file.type}` : ""}: sent as its bytes; set Content-Type in the headers`,
                  );
                  e.target.value = "";
                }}
              />
            </label>
            {bodyIsBase64 && (
              <span className="text-slate-500" data-testid="binary-body-note">
                {fileNote ?? `The server decodes this base64 and sends ${formatBytes(base64ByteLength(body))}`}
              </span>
            )}
          </div>
          <div className="mt-1">
            <CodeEditor
              value={body}
              onChange={(v) => {
                setBody(v);
                if (v !== loadedBody.current) setFileNote(null);
              }}
              language={bodyIsBase64 ? "plaintext" : "json"}
              height={120}
              ariaLabel="test-body"
            />
          </div>
        </div>
        <div className="md:col-span-2">
          <Button type="submit" disabled={invoke.isPending}>
            {invoke.isPending ? "Sending…" : "Send"}
          </Button>
          <p className="mt-1 text-xs text-slate-500" data-testid="masking-note">
            Each invocation is kept in the history. {MASKING_NOTE}
          </p>
        </div>
      </form>
      <div className="mt-3">
        <ErrorBanner message={formError} />
      </div>
      {invoke.data && (
        <>
          <InvokeResultView result={invoke.data.result} />
          {onAws && !invoke.data.request.stage && (
            <AwsSideBySide
              key={`aws-${invoke.submittedAt}`}
              apiId={apiId}
              httpMethod={httpMethod === "ANY" ? "GET" : httpMethod}
              request={invoke.data.request}
              local={invoke.data.result}
            />
          )}
          <SaveTestCaseForm
            key={invoke.submittedAt}
            apiId={apiId}
            httpMethod={httpMethod}
            resourcePath={resourcePath}
            request={invoke.data.request}
            status={invoke.data.result.status}
          />
        </>
      )}
      <SavedTestCases apiId={apiId} httpMethod={httpMethod} resourcePath={resourcePath} target={target} />
    </Card>
  );
}
