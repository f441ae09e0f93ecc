"use client";
/** "Save as test case": the request just sent, a name, and the checks its response must pass. */
import { useState } from "react";
import { saveTestCaseAction } from "@/app/(console)/apis/[apiId]/tests/actions";
import { readExpectationText, variablesToSave } from "@/lib/testcase/lines";
import type { SentRequest } from "@/lib/testcase/test-request";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { Field, TextAreaField } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";
import { queryKeys } from "@/components/query-keys";

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

type Props = { apiId: string; httpMethod: string; resourcePath: string; request: SentRequest; status: number };

/** The form's state and its save: the boxes are read here first, so what cannot be read never reaches the server. */
function useSaveTestCase(p: Props) {
  const [name, setName] = useState("");
  const [text, setText] = useState({ status: String(p.status), bodyContains: "", bodyJson: "" });
  const [unreadable, setUnreadable] = useState<Record<string, string> | null>(null);
  const save = useServerAction(saveTestCaseAction, {
    invalidate: [queryKeys.testCases.method(p.apiId, p.resourcePath, p.httpMethod)],
    onSuccess: () => setName(""),
  });
  const submit = () => {
    const read = readExpectationText(text);
    setUnreadable(read.ok ? null : read.fieldErrors);
    if (!read.ok) return;
    save.run(p.apiId, {
      resourcePath: p.resourcePath,
      httpMethod: p.httpMethod as never,
      name,
      request: requestToSave(p.request),
      expectations: read.expectations,
    });
  };
  const fieldErrors = unreadable ?? save.fieldErrors;
  return {
    name,
    setName,
    text,
    setText,
    submit,
    pending: save.pending,
    fieldErrors,
    /** A failure that names no field (field errors stand next to their fields). */
    error: unreadable || save.error?.fieldErrors ? null : (save.error?.error ?? null),
    savedName: save.data && !unreadable && !save.error ? save.data.name : null,
  };
}

export function SaveTestCaseForm(p: Props) {
  const { name, setName, text, setText, submit, pending, fieldErrors, error, savedName } = useSaveTestCase(p);
  const boxErrors = errorsByBox(fieldErrors);
  return (
    <form
      className="mt-4 grid gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-2"
      data-testid="save-test-case"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
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
      <TextAreaField
        label="Body contains (one per line)"
        name="expectations.bodyContains"
        value={text.bodyContains}
        onChange={(e) => setText({ ...text, bodyContains: e.target.value })}
        error={boxErrors.contains || undefined}
        rows={3}
        mono
      />
      <TextAreaField
        label="JSON path checks ($.path = value per line)"
        name="expectations.bodyJson"
        value={text.bodyJson}
        onChange={(e) => setText({ ...text, bodyJson: e.target.value })}
        error={boxErrors.json || undefined}
        rows={3}
        mono
        placeholder={'$.id = "3"'}
      />
      <div className="md:col-span-2">
        <ErrorBanner message={error ?? (boxErrors.other || null)} />
        <Button type="submit" pending={pending} className="mt-2">
          {pending ? "Saving…" : "Save test case"}
        </Button>
        {savedName && (
          <span className="ml-3 text-sm text-emerald-700" role="status">
            Saved {savedName}.
          </span>
        )}
      </div>
    </form>
  );
}
