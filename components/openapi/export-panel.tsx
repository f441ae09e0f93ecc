"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { queryKeys } from "@/components/query-keys";
import { Checkbox, SelectField } from "@/components/ui/field";

/** Export: format, draft or a deployment, a preview of the document, and its download. */
export function ExportPanel({ apiId, deployments }: { apiId: string; deployments: { value: string; label: string }[] }) {
  const [format, setFormat] = useState<"json" | "yaml">("yaml");
  const [source, setSource] = useState("");
  const [awsOnly, setAwsOnly] = useState(false);
  const href = `/api/apis/${apiId}/openapi?format=${format}${source ? `&deploymentId=${encodeURIComponent(source)}` : ""}${awsOnly ? "&shape=aws" : ""}`;
  const preview = useQuery({
    queryKey: queryKeys.openapi.export(apiId, format, source, awsOnly),
    queryFn: async () => {
      const res = await fetch(href, { cache: "no-store" });
      if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { message?: string } | null)?.message ?? `Export failed (${res.status})`);
      return res.text();
    },
  });
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Format"
          value={format}
          onChange={(e) => setFormat(e.target.value as "json" | "yaml")}
          options={[
            { value: "yaml", label: "YAML" },
            { value: "json", label: "JSON" },
          ]}
        />
        <SelectField
          label="Export"
          value={source}
          onChange={(e) => setSource(e.target.value)}
          options={[{ value: "", label: "Draft (current design)" }, ...deployments]}
        />
      </div>
      <Checkbox
        checked={awsOnly}
        onChange={(e) => setAwsOnly(e.target.checked)}
        label={
          <>
            <strong>API Gateway&apos;s shape only</strong>: leave out the x-gatehouse-* extensions that keep model descriptions, content types and multi-value
            parameters (AWS ignores them)
          </>
        }
      />
      <div className="flex items-center gap-3">
        <a
          href={href}
          download
          className="inline-flex items-center rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
        >
          Download
        </a>
        <span className="text-xs text-slate-500">OpenAPI 3.0.1 with x-amazon-apigateway extensions, as API Gateway&apos;s export shapes it</span>
      </div>
      {preview.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {(preview.error as Error).message}
        </p>
      )}
      <pre
        className="max-h-[32rem] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100"
        data-testid="openapi-preview"
        title="Export preview"
        // Focusable so keyboard users can scroll the document (axe: scrollable-region-focusable).
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
        tabIndex={0}
      >
        {preview.isPending ? "Loading…" : preview.data}
      </pre>
    </div>
  );
}
