"use client";
/** AWS's execution log with its pipeline steps highlighted, and the steps as chips with their timings. */
import type { InvokeStep } from "@/lib/invoke/index";

const STEP_LABELS: Record<string, string> = {
  parse: "Parse",
  route: "Route",
  methodRequest: "Method request",
  integrationRequest: "Integration request",
  integration: "Integration",
  integrationResponse: "Integration response",
  methodResponse: "Method response",
};

/** Which pipeline step a log line belongs to, by the phrases AWS's log uses. */
export function logLineKind(
  line: string,
): "start" | "method-request" | "integration-request" | "integration" | "integration-response" | "method-response" | "error" | "done" | null {
  if (/Execution failed|failed|error:/i.test(line)) return "error";
  if (/Starting execution|HTTP Method: .*Resource Path/.test(line)) return "start";
  if (/Method request (path|query|headers|body)/.test(line)) return "method-request";
  if (/Endpoint request (URI|headers|body)/.test(line)) return "integration-request";
  if (/Sending request to|Received response|Endpoint response (headers|body)/.test(line)) return "integration";
  if (/after transformations|Integration response|Method response body/.test(line))
    return /Method response/.test(line) ? "method-response" : "integration-response";
  if (/Method response|Method completed/.test(line)) return /completed/.test(line) ? "done" : "method-response";
  return null;
}

const KIND_CLASS: Record<string, string> = {
  start: "text-sky-300",
  "method-request": "text-amber-200",
  "integration-request": "text-violet-300",
  integration: "text-cyan-300",
  "integration-response": "text-fuchsia-300",
  "method-response": "text-lime-300",
  error: "text-red-300 font-semibold",
  done: "text-emerald-300 font-semibold",
};

export function InvokeLog({ log, steps, testId = "invoke-log" }: { log: string; steps?: InvokeStep[]; testId?: string }) {
  return (
    <div>
      {steps && steps.length > 0 && (
        <ol className="mb-1 flex flex-wrap gap-1 text-[11px]" data-testid="invoke-steps">
          {steps.map((s) => (
            <li key={s.name} className={`rounded px-1.5 py-0.5 ${s.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`} title={`${s.ms} ms`}>
              {s.ok ? "✓" : "✗"} {STEP_LABELS[s.name] ?? s.name}
            </li>
          ))}
        </ol>
      )}
      <pre className="max-h-80 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100" data-testid={testId}>
        {log.split("\n").map((line, i) => {
          const kind = logLineKind(line);
          return (
            <div key={i} className={kind ? KIND_CLASS[kind] : undefined} data-log-kind={kind ?? undefined}>
              {line}
            </div>
          );
        })}
      </pre>
    </div>
  );
}

export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
