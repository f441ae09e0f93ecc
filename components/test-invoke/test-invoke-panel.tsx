"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { testInvokeAction } from "@/app/(console)/apis/actions";
import type { InvokeResult } from "@/lib/invoke/index";
import { Button } from "@/components/ui/button";
import { Card, ErrorBanner } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { parseHeaderLines, parseVariableLines } from "./parse-headers";

/** Runs the method through the local pipeline and shows status, headers, body and AWS's execution log. */
export function TestInvokePanel({ apiId, httpMethod, resourcePath }: { apiId: string; httpMethod: string; resourcePath: string }) {
  const [path, setPath] = useState(resourcePath);
  const [query, setQuery] = useState("");
  const [headerText, setHeaderText] = useState("");
  const [stageVarText, setStageVarText] = useState("");
  const [body, setBody] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const invoke = useMutation({
    mutationFn: async () => {
      const { headers, errors } = parseHeaderLines(headerText);
      if (errors.length) throw new Error(errors.join("; "));
      const pathWithQueryString = query.trim() ? `${path}?${query.trim().replace(/^\?/, "")}` : path;
      const result = await testInvokeAction(apiId, { httpMethod: httpMethod === "ANY" ? "GET" : httpMethod, pathWithQueryString, headers, body, stageVariables: parseVariableLines(stageVarText) });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    onMutate: () => setFormError(null),
    onError: (e: Error) => setFormError(e.message),
  });
  return (
    <Card title={`Test ${httpMethod} ${resourcePath}`}>
      <form
        className="grid gap-3 md:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          invoke.mutate();
        }}
      >
        <Field label="Path" name="test.path" value={path} onChange={(e) => setPath(e.target.value)} hint="Replace {params} with values, e.g. /pets/1" />
        <Field label="Query string" name="test.query" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="scope=internal&limit=10" />
        <label className="text-sm font-medium text-slate-700">
          Headers (Name: value per line)
          <textarea name="test.headers" value={headerText} onChange={(e) => setHeaderText(e.target.value)} rows={3} className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs" />
        </label>
        <label className="text-sm font-medium text-slate-700">
          Stage variables (name=value per line)
          <textarea name="test.stageVariables" value={stageVarText} onChange={(e) => setStageVarText(e.target.value)} rows={3} className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs" />
        </label>
        <label className="text-sm font-medium text-slate-700 md:col-span-2">
          Request body
          <textarea name="test.body" value={body} onChange={(e) => setBody(e.target.value)} rows={4} className="mt-1 block w-full rounded-md border border-slate-300 p-2 font-mono text-xs" />
        </label>
        <div className="md:col-span-2">
          <Button type="submit" disabled={invoke.isPending}>
            {invoke.isPending ? "Sending…" : "Send"}
          </Button>
        </div>
      </form>
      <div className="mt-3">
        <ErrorBanner message={formError} />
      </div>
      {invoke.data && <InvokeResultView result={invoke.data} />}
    </Card>
  );
}

function InvokeResultView({ result }: { result: InvokeResult }) {
  const ok = result.status < 400;
  let pretty = result.body;
  try {
    pretty = JSON.stringify(JSON.parse(result.body), null, 2);
  } catch {
    /* not JSON: show as sent */
  }
  return (
    <div className="mt-4 space-y-3" data-testid="invoke-result">
      <div className="flex items-center gap-3 text-sm">
        <span className={`rounded px-2 py-0.5 font-mono font-semibold ${ok ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`} data-testid="invoke-status">
          {result.status}
        </span>
        <span className="text-slate-500">Latency {result.latencyMs} ms</span>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase text-slate-500">Response headers</h3>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs" data-testid="invoke-headers">
          {Object.entries(result.headers).map(([k, v]) => `${k}: ${v}`).join("\n")}
        </pre>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase text-slate-500">Response body</h3>
        <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs" data-testid="invoke-body">{pretty}</pre>
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase text-slate-500">Execution log</h3>
        <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100" data-testid="invoke-log">
          {result.log.split("\n").map((line, i) => (
            <div key={i} className={/failed|error/i.test(line) ? "text-red-300" : /Method completed|Starting execution/.test(line) ? "text-emerald-300" : undefined}>
              {line}
            </div>
          ))}
        </pre>
      </div>
    </div>
  );
}
