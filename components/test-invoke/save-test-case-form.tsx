"use client";
/** "Save as test case": the request just sent, a name, and the checks its response must pass. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { saveTestCaseAction } from "@/app/(console)/apis/[apiId]/tests/actions";
import { parseBodyContainsLines, parseJsonPathLines, variablesToSave } from "@/lib/testcase/lines";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { testCaseKeys } from "./saved-test-cases";

export interface SentRequest {
  pathWithQueryString: string;
  headers: Record<string, string>;
  /** Repeated headers only, every value. */
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded?: boolean;
  stageVariables: Record<string, string>;
  /** The stage it was sent to (null: the draft) and that stage's variables. */
  stage: string | null;
  stageDefaults: Record<string, string> | null;
}

const TEXTAREA = "mt-1 block w-full rounded-md border p-2 font-mono text-xs";

export function SaveTestCaseForm({
  apiId,
  httpMethod,
  resourcePath,
  request,
  status,
}: {
  apiId: string;
  httpMethod: string;
  resourcePath: string;
  request: SentRequest;
  status: number;
}) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [expectedStatus, setExpectedStatus] = useState(String(status));
  const [contains, setContains] = useState("");
  const [jsonChecks, setJsonChecks] = useState("");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async () => {
      const errors: Record<string, string> = {};
      const { checks, errors: lineErrors } = parseJsonPathLines(jsonChecks);
      if (lineErrors.length) errors["expectations.bodyJson"] = lineErrors.join("; ");
      const statusText = expectedStatus.trim();
      if (statusText && !/^\d+$/.test(statusText)) errors["expectations.status"] = "The expected status is a number such as 200";
      if (Object.keys(errors).length) return { ok: false as const, fieldErrors: errors, error: "Some fields are not valid" };
      const bodyContains = parseBodyContainsLines(contains);
      return saveTestCaseAction(apiId, {
        resourcePath,
        httpMethod: httpMethod as never,
        name,
        request: {
          pathWithQueryString: request.pathWithQueryString,
          headers: request.headers,
          ...(request.multiValueHeaders ? { multiValueHeaders: request.multiValueHeaders } : {}),
          body: request.body,
          ...(request.isBase64Encoded ? { isBase64Encoded: true } : {}),
          stageVariables: variablesToSave(request.stageVariables, request.stageDefaults),
        },
        expectations: {
          ...(statusText ? { status: Number(statusText) } : {}),
          ...(bodyContains.length ? { bodyContains } : {}),
          ...(checks.length ? { bodyJson: checks } : {}),
        },
      });
    },
    onSuccess: (result) => {
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setError(result.fieldErrors ? null : result.error);
        return;
      }
      setFieldErrors({});
      setError(null);
      setName("");
      client.invalidateQueries({ queryKey: testCaseKeys.method(apiId, resourcePath, httpMethod) });
    },
    onError: (e: Error) => setError(e.message),
  });
  const jsonError = Object.entries(fieldErrors)
    .filter(([k]) => k.startsWith("expectations.bodyJson"))
    .map(([k, v]) => (k === "expectations.bodyJson" ? v : `${k.replace("expectations.bodyJson.", "Check ").replace(/\.path$/, "")}: ${v}`))
    .join("; ");
  const containsError = Object.entries(fieldErrors)
    .filter(([k]) => k.startsWith("expectations.bodyContains"))
    .map(([, v]) => v)
    .join("; ");
  const otherErrors = Object.entries(fieldErrors)
    .filter(([k]) => !/^(name|expectations\.)/.test(k))
    .map(([k, v]) => `${k}: ${v}`)
    .join("; ");
  return (
    <form
      className="mt-4 grid gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-2"
      data-testid="save-test-case"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <h3 className="text-sm font-semibold text-slate-700 md:col-span-2">
        Save as test case{" "}
        <span className="font-normal text-slate-500">
          ({request.pathWithQueryString}
          {request.stage ? `, sent to stage ${request.stage}` : ""})
        </span>
      </h3>
      <Field label="Test case name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldErrors.name} placeholder="found" />
      <Field
        label="Expected status"
        name="expectations.status"
        value={expectedStatus}
        onChange={(e) => setExpectedStatus(e.target.value)}
        error={fieldErrors["expectations.status"]}
        inputMode="numeric"
        hint="Leave empty to accept any status"
      />
      <label className="text-sm font-medium text-slate-700">
        Body contains (one per line)
        <textarea
          name="expectations.bodyContains"
          value={contains}
          onChange={(e) => setContains(e.target.value)}
          rows={3}
          className={`${TEXTAREA} ${containsError ? "border-red-400" : "border-slate-300"}`}
        />
        {containsError && (
          <span className="mt-1 block text-xs text-red-600" data-field-error="expectations.bodyContains">
            {containsError}
          </span>
        )}
      </label>
      <label className="text-sm font-medium text-slate-700">
        JSON path checks ($.path = value per line)
        <textarea
          name="expectations.bodyJson"
          value={jsonChecks}
          onChange={(e) => setJsonChecks(e.target.value)}
          rows={3}
          placeholder={'$.id = "3"'}
          className={`${TEXTAREA} ${jsonError ? "border-red-400" : "border-slate-300"}`}
        />
        {jsonError && (
          <span className="mt-1 block text-xs text-red-600" data-field-error="expectations.bodyJson">
            {jsonError}
          </span>
        )}
      </label>
      <div className="md:col-span-2">
        <ErrorBanner message={error ?? (otherErrors || null)} />
        <Button type="submit" disabled={save.isPending} className="mt-2">
          {save.isPending ? "Saving…" : "Save test case"}
        </Button>
        {save.data?.ok && (
          <span className="ml-3 text-sm text-emerald-700" role="status">
            Saved {save.data.data.name}.
          </span>
        )}
      </div>
    </form>
  );
}
