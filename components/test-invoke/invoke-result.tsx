"use client";
/** One invocation's answer: status, latency, every header value, the body (binary as base64 with a download), and the log. */
import type { InvokeResult } from "@/lib/invoke/index";
import { Button } from "@/components/ui/button";
import { InvokeLog, prettyBody } from "./invoke-log";
import { base64ByteLength, downloadBase64, formatBytes, responseFileName } from "./binary-body";

function headerValue(headers: Record<string, string>, name: string): string {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key ? headers[key] : "";
}

export function InvokeResultView({ result }: { result: InvokeResult }) {
  const ok = result.status < 400;
  const contentType = headerValue(result.headers, "content-type");
  return (
    <div className="mt-4 space-y-3" data-testid="invoke-result">
      <div className="flex items-center gap-3 text-sm">
        <span
          className={`rounded px-2 py-0.5 font-mono font-semibold ${ok ? "bg-emerald-100 text-emerald-800" : "bg-red-100 text-red-800"}`}
          data-testid="invoke-status"
        >
          {result.status}
        </span>
        <span className="text-slate-500" data-testid="invoke-latency">
          Latency {result.latencyMs} ms
        </span>
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
        {result.isBase64Encoded && (
          <div className="mt-1 flex items-center gap-3 text-xs text-slate-600" data-testid="invoke-binary">
            <span>
              {contentType || "no Content-Type"}, {formatBytes(base64ByteLength(result.body))}
            </span>
            <Button type="button" variant="secondary" onClick={() => downloadBase64(result.body, contentType, responseFileName(contentType))}>
              Download body
            </Button>
          </div>
        )}
        <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs" data-testid="invoke-body">
          {result.isBase64Encoded ? result.body : prettyBody(result.body)}
        </pre>
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
