"use client";
/** "Save as test case": the request just sent, a name, and the checks its response must pass. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { saveTestCaseAction } from "@/app/(console)/apis/[apiId]/tests/actions";
import { readExpectationText, variablesToSave } from "@/lib/testcase/lines";
import type { SentRequest } from "@/lib/testcase/test-request";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { testCaseKeys } from "./saved-test-cases";

const TEXTAREA = "mt-1 block w-full rounded-md border p-2 font-mono text-xs";

/** The server's field errors placed under the box they belong to; the rest go to the form's banner. */
function errorsByBox(fieldErrors: Record<string, string>) {
  const entries = Object.entries(fieldErrors);
  const json = entries
    .filter(([k]) => k.startsWith("expectations.bodyJson"))
    .map(([k, v]) => (k === "expectations.bodyJson" ? v : `${k.replace("expectations.bodyJson.", "Check ").replace(/\.path$/, "")}: ${v}`))
    .join("; ");
  const contains = entries
    .filter(([k]) => k.startsWith("expectations.bodyContains"))
    .map(([, v]) => v)
    .join("; ");
  const other = entries
    .filter(([k]) => !/^(name|expectations\.)/.test(k))
    .map(([k, v]) => `${k}: ${v}`)
    .join("; ");
  return { json, contains, other };
}

function LinesBox(props: { label: string; name: string; value: string; onChange: (v: string) => void; error: string; placeholder?: string }) {
  return (
    <label className="text-sm font-medium text-slate-700">
      {props.label}
      <textarea
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        rows={3}
        placeholder={props.placeholder}
        className={`${TEXTAREA} ${props.error ? "border-red-400" : "border-slate-300"}`}
      />
      {props.error && (
        <span className="mt-1 block text-xs text-red-600" data-field-error={props.name}>
          {props.error}
        </span>
      )}
    </label>
  );
}

/** The request as a saved case keeps it: on a stage, only the variables that differ from the stage's. */
function requestToSave(request: SentRequest) {
  return {
    pathWithQueryString: request.pathWithQueryString,
    headers: request.headers,
    ...(request.multiValueHeaders ? { multiValueHeaders: request.multiValueHeaders } : {}),
    body: request.body,
    ...(request.isBase64Encoded ? { isBase64Encoded: true } : {}),
    stageVariables: variablesToSave(request.stageVariables, request.stageDefaults),
  };
}

export function SaveTestCaseForm(p: { apiId: string; httpMethod: string; resourcePath: string; request: SentRequest; status: number }) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const [text, setText] = useState({ status: String(p.status), bodyContains: "", bodyJson: "" });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async () => {
      const read = readExpectationText(text);
      if (!read.ok) return { ok: false as const, fieldErrors: read.fieldErrors, error: "Some fields are not valid" };
      return saveTestCaseAction(p.apiId, {
        resourcePath: p.resourcePath,
        httpMethod: p.httpMethod as never,
        name,
        request: requestToSave(p.request),
        expectations: read.expectations,
      });
    },
    onSuccess: (result) => {
      setFieldErrors(result.ok ? {} : (result.fieldErrors ?? {}));
      setError(result.ok || result.fieldErrors ? null : result.error);
      if (!result.ok) return;
      setName("");
      client.invalidateQueries({ queryKey: testCaseKeys.method(p.apiId, p.resourcePath, p.httpMethod) });
    },
    onError: (e: Error) => setError(e.message),
  });
  const boxErrors = errorsByBox(fieldErrors);
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
          ({p.request.pathWithQueryString}
          {p.request.stage ? `, sent to stage ${p.request.stage}` : ""})
        </span>
      </h3>
      <Field label="Test case name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldErrors.name} placeholder="found" />
      <Field
        label="Expected status"
        name="expectations.status"
        value={text.status}
        onChange={(e) => setText({ ...text, status: e.target.value })}
        error={fieldErrors["expectations.status"]}
        inputMode="numeric"
        hint="Leave empty to accept any status"
      />
      <LinesBox
        label="Body contains (one per line)"
        name="expectations.bodyContains"
        value={text.bodyContains}
        onChange={(v) => setText({ ...text, bodyContains: v })}
        error={boxErrors.contains}
      />
      <LinesBox
        label="JSON path checks ($.path = value per line)"
        name="expectations.bodyJson"
        value={text.bodyJson}
        onChange={(v) => setText({ ...text, bodyJson: v })}
        error={boxErrors.json}
        placeholder={'$.id = "3"'}
      />
      <div className="md:col-span-2">
        <ErrorBanner message={error ?? (boxErrors.other || null)} />
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
