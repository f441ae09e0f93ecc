"use client";
/** "Run on AWS too": the same request through TestInvokeMethod, beside the local result, differences marked. */
import { awsTestInvokeAction } from "@/app/(console)/apis/aws-invoke-actions";
import type { InvokeResult } from "@/lib/invoke/index";
import { Button } from "@/components/ui/button";
import { ErrorBanner } from "@/components/ui/card";
import { useServerAction } from "@/components/ui/use-server-action";
import { prettyBody } from "./invoke-log";
import type { SentRequest } from "@/lib/testcase/test-request";

export function AwsSideBySide({ apiId, httpMethod, request, local }: { apiId: string; httpMethod: string; request: SentRequest; local: InvokeResult }) {
  const run = useServerAction(awsTestInvokeAction);
  const runOnAws = () =>
    run.run(
      apiId,
      { httpMethod, pathWithQueryString: request.pathWithQueryString, headers: request.headers, body: request.body, stageVariables: request.stageVariables },
      { status: local.status, headers: local.headers, body: local.body },
    );
  const differs = new Set(run.data?.differences?.map((d) => d.field) ?? []);
  const mark = (field: string) => (differs.has(field) ? "bg-amber-100 ring-1 ring-amber-400" : "");
  const headerFields = (headers: Record<string, string>) =>
    Object.entries(headers).map(([k, v]) => (
      <div key={k} className={mark(`header:${k.toLowerCase()}`)}>
        {k}: {v}
      </div>
    ));
  return (
    <div className="mt-4 border-t border-slate-100 pt-3" data-testid="aws-side-by-side">
      <Button variant="secondary" onClick={runOnAws} pending={run.pending}>
        {run.pending ? "Running on AWS…" : "Run on AWS too"}
      </Button>
      <div className="mt-2">
        <ErrorBanner message={run.error?.error} />
      </div>
      {run.data && (
        <>
          <p className="mt-2 text-sm" data-testid="aws-differences">
            {run.data.differences && run.data.differences.length === 0
              ? "Same answer locally and on AWS."
              : `${run.data.differences?.length ?? 0} difference(s): ${run.data.differences?.map((d) => d.field).join(", ")}`}
          </p>
          <div className="mt-2 grid gap-3 md:grid-cols-2 text-xs">
            {[
              { title: "Local (Gatehouse)", r: local },
              { title: `AWS (${run.data.awsRestApiId})`, r: run.data.aws },
            ].map(({ title, r }) => (
              <div key={title} className="rounded border border-slate-200 p-2">
                <h4 className="mb-1 font-semibold">{title}</h4>
                <div className={`font-mono ${mark("status")}`}>Status {r.status}</div>
                <div className="mt-1 font-mono">{headerFields(r.headers)}</div>
                <pre className={`mt-1 overflow-x-auto rounded bg-slate-50 p-2 ${mark("body")}`}>{prettyBody(r.body)}</pre>
              </div>
            ))}
          </div>
          <details className="mt-2 text-xs">
            <summary className="cursor-pointer text-slate-600">AWS execution log</summary>
            <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-900 p-2 text-slate-100">{run.data.aws.log}</pre>
          </details>
        </>
      )}
    </div>
  );
}
