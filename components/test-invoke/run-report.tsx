"use client";
/** A test run's pass/fail report: a summary line, then each case with its failures and an expandable log. */
import type { TestRunReport } from "@/lib/testcase/index";
import { InvokeLog, prettyBody } from "./invoke-log";

export function RunReport({ report }: { report: TestRunReport }) {
  const target = report.target === "draft" ? "the draft" : `stage ${report.target.stage}`;
  return (
    <div className="space-y-2" data-testid="run-report">
      <p className={`text-sm font-semibold ${report.failed ? "text-red-700" : "text-emerald-700"}`} data-testid="run-summary">
        {report.passed} passed, {report.failed} failed
        <span className="font-normal text-slate-500">
          {" "}
          · {report.total} test case{report.total === 1 ? "" : "s"} against {target}
        </span>
      </p>
      {report.total === 0 && <p className="text-sm text-slate-500">No saved test cases to run.</p>}
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
        {report.results.map((r) => (
          <li key={r.testCase.id} className="p-2 text-sm" data-testid="run-result" data-result={r.passed ? "passed" : "failed"} data-name={r.testCase.name}>
            <div className="flex flex-wrap items-center gap-2">
              <span
                className={`rounded px-1.5 py-0.5 text-xs font-semibold ${r.passed ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`}
                data-testid="run-verdict"
              >
                {r.passed ? "PASS" : "FAIL"}
              </span>
              <span className="font-medium">{r.testCase.name}</span>
              <span className="font-mono text-xs text-slate-500">
                {r.testCase.httpMethod} {r.testCase.pathWithQueryString}
              </span>
              <span className="ml-auto font-mono text-xs text-slate-500">
                {r.status} · {r.latencyMs} ms
              </span>
            </div>
            {r.failures.length > 0 && (
              <ul className="mt-1 list-disc pl-6 text-xs text-red-700" data-testid="run-failures">
                {r.failures.map((f, i) => (
                  <li key={i}>{f}</li>
                ))}
              </ul>
            )}
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-indigo-700">Response and log</summary>
              <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 text-xs" data-testid="run-body">
                {prettyBody(r.body)}
              </pre>
              <div className="mt-1">
                <InvokeLog log={r.log} testId="run-log" />
              </div>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
