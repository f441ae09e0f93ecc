"use client";
/**
 * Runs the method through the local pipeline — the draft, or a stage's deployment with its
 * variables — and shows status, headers, body and AWS's execution log; the request can be saved
 * as a test case, and the method's saved cases run from here.
 */
import { useState } from "react";
import { MASKING_NOTE } from "@/lib/audit/mask";
import { startingPath } from "@/lib/testcase/path-params";
import { variableLines, type TestRequestText } from "@/lib/testcase/test-request";
import { Button } from "@/components/ui/button";
import { Card, ErrorBanner } from "@/components/ui/card";
import { Field, TextAreaField } from "@/components/ui/field";
import { matchesShortcut, runFrom } from "@/components/ui/use-shortcut";
import { AuthorizerInput, useAuthorizerInput } from "./authorizer-input";
import { InvokeOutcome } from "./invoke-outcome";
import { PathFields } from "./path-fields";
import { RequestBodyInput } from "./request-body";
import { SavedTestCases, useSavedTestCases } from "./saved-test-cases";
import { DRAFT, TargetSelect, type StageOption } from "./target-select";
import { useTestInvoke } from "./use-test-invoke";

type Props = {
  apiId: string;
  httpMethod: string;
  resourcePath: string;
  stages?: StageOption[];
  onAws?: boolean;
  /** The method's authorization type: CUSTOM and COGNITO_USER_POOLS get the simulated-authorizer inputs. */
  authorizationType?: string;
};

const EMPTY_TEXT: Omit<TestRequestText, "path"> = { query: "", headerText: "", stageVariableText: "", body: "", bodyIsBase64: false };

export function TestInvokePanel({ apiId, httpMethod, resourcePath, stages = [], onAws = false, authorizationType }: Props) {
  const [target, setTarget] = useState(DRAFT);
  // Until the tester types a path, it follows the saved test cases as they load (their parameter values).
  const [typedPath, setTypedPath] = useState<string | null>(null);
  const [text, setText] = useState(EMPTY_TEXT);
  const update = (change: Partial<typeof EMPTY_TEXT>) => setText((t) => ({ ...t, ...change }));
  const saved = useSavedTestCases(apiId, resourcePath, httpMethod);
  const path = typedPath ?? startingPath(resourcePath, saved.data?.map((c) => c.request.pathWithQueryString) ?? []);
  const authorizer = useAuthorizerInput(apiId, authorizationType);
  const stage = stages.find((s) => s.name === target) ?? null;

  const invoke = useTestInvoke(apiId, httpMethod);
  const chooseTarget = (name: string) => {
    setTarget(name);
    const chosen = stages.find((s) => s.name === name);
    update({ stageVariableText: chosen ? variableLines(chosen.variables) : "" });
  };
  return (
    // Ctrl/Cmd+Enter anywhere in the panel sends (Monaco's body editor handles it itself: see code-editor-impl).
    // biome-ignore lint/a11y/noStaticElementInteractions: a keyboard shortcut for the whole panel; Send is the control it presses
    <div
      data-run-scope
      onKeyDown={(e) => {
        if (e.defaultPrevented || !matchesShortcut(e.nativeEvent, "mod+enter")) return;
        e.preventDefault();
        runFrom(e.currentTarget);
      }}
    >
      <Card title={`Test ${httpMethod} ${resourcePath}`}>
        <form
          className="grid gap-3 md:grid-cols-2"
          onSubmit={(e) => {
            e.preventDefault();
            invoke.send({ ...text, path }, stage, authorizer.payload());
          }}
        >
          <TargetSelect stages={stages} value={target} onChange={chooseTarget} />
          <div className="hidden md:block" />
          <PathFields resourcePath={resourcePath} path={path} onChange={setTypedPath} />
          <Field
            label="Query string"
            name="test.query"
            value={text.query}
            onChange={(e) => update({ query: e.target.value })}
            placeholder="scope=internal&limit=10"
          />
          <TextAreaField
            label="Headers (Name: value per line; repeat a name for several values)"
            name="test.headers"
            value={text.headerText}
            onChange={(e) => update({ headerText: e.target.value })}
            rows={3}
            mono
          />
          <TextAreaField
            label="Stage variables (name=value per line)"
            name="test.stageVariables"
            value={text.stageVariableText}
            onChange={(e) => update({ stageVariableText: e.target.value })}
            rows={3}
            mono
          />
          <AuthorizerInput input={authorizer} />
          <RequestBodyInput
            body={text.body}
            isBase64={text.bodyIsBase64}
            onChange={(c) => update({ ...(c.body !== undefined ? { body: c.body } : {}), ...(c.isBase64 !== undefined ? { bodyIsBase64: c.isBase64 } : {}) })}
          />
          <div className="md:col-span-2">
            <Button type="submit" pending={invoke.pending} data-run-action aria-keyshortcuts="Control+Enter Meta+Enter">
              {invoke.pending ? "Sending…" : "Send"}
            </Button>
            <p className="mt-1 text-xs text-slate-500" data-testid="masking-note">
              Each invocation is kept in the history. {MASKING_NOTE}
            </p>
          </div>
        </form>
        <div className="mt-3">
          <ErrorBanner message={invoke.error} />
        </div>
        {invoke.invocation && <InvokeOutcome apiId={apiId} httpMethod={httpMethod} resourcePath={resourcePath} onAws={onAws} invocation={invoke.invocation} />}
        <SavedTestCases apiId={apiId} httpMethod={httpMethod} resourcePath={resourcePath} target={target} />
      </Card>
    </div>
  );
}
