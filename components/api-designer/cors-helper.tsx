"use client";

import { useState } from "react";
import type { ApiDesign, Resource } from "@/lib/model/design";
import { CORS_METHODS, defaultCorsSettings, enableCors, type CorsChange, type CorsSettings } from "@/lib/model/cors";
import { resourcePath } from "@/lib/model/tree";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import type { useEditDesign } from "./use-design";

type Editor = ReturnType<typeof useEditDesign>;

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** "Enable CORS" for one resource, like the AWS console's, then the list of what it wrote. */
export function CorsHelper({ design, resource, editor, canEdit }: { design: ApiDesign; resource: Resource; editor: Editor; canEdit: boolean }) {
  const defaults = defaultCorsSettings(design, resource.id);
  const [origin, setOrigin] = useState(defaults.allowOrigin);
  const [methods, setMethods] = useState<string[]>(defaults.allowMethods);
  const [headers, setHeaders] = useState(defaults.allowHeaders.join(","));
  const [expose, setExpose] = useState(defaults.exposeHeaders.join(","));
  const [maxAge, setMaxAge] = useState(defaults.maxAge === undefined ? "" : String(defaults.maxAge));
  const [credentials, setCredentials] = useState(defaults.allowCredentials);
  const [written, setWritten] = useState<CorsChange[] | null>(null);
  const fe = editor.error?.fieldErrors ?? {};
  const path = resourcePath(design, resource);

  const settings = (): CorsSettings => ({
    allowOrigin: origin,
    allowMethods: CORS_METHODS.filter((m) => methods.includes(m)),
    allowHeaders: list(headers),
    exposeHeaders: list(expose),
    maxAge: maxAge.trim() === "" ? undefined : Number(maxAge),
    allowCredentials: credentials,
  });

  return (
    <Card title={`Enable CORS on ${path}`}>
      <fieldset disabled={!canEdit} className="grid min-w-0 gap-3 sm:grid-cols-2" data-testid="cors-helper">
        <Field
          label="Allowed origin"
          name="cors.allowOrigin"
          value={origin}
          onChange={(e) => setOrigin(e.target.value)}
          error={fe["cors.allowOrigin"]}
          hint="* or one origin, such as https://app.example.com"
        />
        <Field
          label="Max age (seconds)"
          name="cors.maxAge"
          inputMode="numeric"
          value={maxAge}
          onChange={(e) => setMaxAge(e.target.value)}
          error={fe["cors.maxAge"]}
          hint="Empty: not sent."
        />
        <div className="sm:col-span-2">
          <p className="text-sm font-medium text-slate-700">Allowed methods</p>
          <div className="mt-1 flex flex-wrap gap-3">
            {CORS_METHODS.map((m) => (
              <label key={m} className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  checked={methods.includes(m)}
                  onChange={(e) => setMethods((old) => (e.target.checked ? [...old, m] : old.filter((x) => x !== m)))}
                />{" "}
                {m}
              </label>
            ))}
          </div>
          {fe["cors.allowMethods"] && (
            <p className="mt-1 text-xs text-red-600" data-field-error="cors.allowMethods">
              {fe["cors.allowMethods"]}
            </p>
          )}
        </div>
        <Field
          className="sm:col-span-2"
          label="Allowed headers"
          name="cors.allowHeaders"
          value={headers}
          onChange={(e) => setHeaders(e.target.value)}
          error={fe["cors.allowHeaders"]}
        />
        <Field
          className="sm:col-span-2"
          label="Exposed headers"
          name="cors.exposeHeaders"
          value={expose}
          onChange={(e) => setExpose(e.target.value)}
          error={fe["cors.exposeHeaders"]}
          hint="Optional, comma-separated: response headers browser code may read."
        />
        <div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={credentials} onChange={(e) => setCredentials(e.target.checked)} /> Allow credentials
          </label>
          {fe["cors.allowCredentials"] && (
            <p className="mt-1 text-xs text-red-600" data-field-error="cors.allowCredentials">
              {fe["cors.allowCredentials"]}
            </p>
          )}
        </div>
      </fieldset>
      {fe.resourceId && (
        <p className="mt-2 text-xs text-red-600" data-field-error="resourceId">
          {fe.resourceId}
        </p>
      )}
      {canEdit && (
        <div className="mt-3">
          <Button
            type="button"
            variant="secondary"
            disabled={editor.pending}
            onClick={async () => {
              const input = settings();
              setWritten(null);
              // The server applies the same pure operation to the same version, so this is what it wrote.
              if (await editor.edit({ type: "enableCors", resourceId: resource.id, cors: input })) setWritten(enableCors(design, resource.id, input).changes);
            }}
          >
            Enable CORS
          </Button>
        </div>
      )}
      {written && <CorsChanges changes={written} />}
    </Card>
  );
}

const STATUS_STYLE: Record<CorsChange["status"], string> = {
  created: "bg-emerald-100 text-emerald-800",
  updated: "bg-sky-100 text-sky-800",
  unchanged: "bg-slate-100 text-slate-600",
  skipped: "bg-amber-100 text-amber-800",
};

const PART_LABEL: Record<CorsChange["part"], string> = {
  method: "method",
  integration: "integration",
  methodResponse: "method response",
  integrationResponse: "integration response",
  note: "not changed",
};

function CorsChanges({ changes }: { changes: CorsChange[] }) {
  return (
    <div className="mt-4 border-t border-slate-100 pt-3">
      <p className="mb-2 text-sm font-medium text-slate-700" role="status">
        CORS written: one history entry
      </p>
      <ul className="space-y-1.5 text-xs" data-testid="cors-changes">
        {changes.map((c, i) => (
          <li key={i} className="flex flex-wrap items-baseline gap-2" data-testid="cors-change">
            <span className={`rounded px-1.5 py-0.5 font-medium ${STATUS_STYLE[c.status]}`}>{c.status}</span>
            <span className="font-mono">{c.method}</span>
            <span>
              {PART_LABEL[c.part]}
              {c.statusCode ? ` ${c.statusCode}` : ""}
            </span>
            {c.headers && (
              <span className="font-mono text-slate-600">
                {Object.entries(c.headers)
                  .map(([h, v]) => (v === "declared" ? h : `${h}: ${v}`))
                  .join("; ")}
              </span>
            )}
            {c.detail && <span className="text-slate-500">{c.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
