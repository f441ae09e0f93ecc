"use client";

import { useState } from "react";
import type { ApiDesign, Resource } from "@/lib/model/design";
import { CORS_METHODS, defaultCorsSettings, enableCors, type CorsChange } from "@/lib/model/cors";
import { resourcePath } from "@/lib/model/tree";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Checkbox } from "@/components/ui/field";
import type { DesignEditor } from "./use-design";
import { useFormState, type SetField } from "./use-form-state";
import { corsForm, corsSettings, type CorsFormState } from "./cors-form";

/** "Enable CORS" for one resource, like the AWS console's, then the list of what it wrote. */
export function CorsHelper({ design, resource, editor, canEdit }: { design: ApiDesign; resource: Resource; editor: DesignEditor; canEdit: boolean }) {
  const { form, set } = useFormState(() => corsForm(defaultCorsSettings(design, resource.id)));
  const [written, setWritten] = useState<CorsChange[] | null>(null);
  const fe = editor.fieldErrors;

  const enable = async () => {
    const input = corsSettings(form);
    setWritten(null);
    // The server applies the same pure operation to the same version, so this is what it wrote.
    // The list of what was written is the confirmation, so no toast.
    if ((await editor.run({ type: "enableCors", resourceId: resource.id, cors: input }, null)).ok) setWritten(enableCors(design, resource.id, input).changes);
  };

  return (
    <Card title={`Enable CORS on ${resourcePath(design, resource)}`}>
      <fieldset disabled={!canEdit} className="grid min-w-0 gap-3 sm:grid-cols-2" data-testid="cors-helper">
        <CorsFields form={form} set={set} fe={fe} />
      </fieldset>
      <FieldError fe={fe} name="resourceId" className="mt-2" />
      {canEdit && (
        <div className="mt-3">
          <Button type="button" variant="secondary" disabled={editor.pending} onClick={() => void enable()}>
            Enable CORS
          </Button>
        </div>
      )}
      {written && <CorsChanges changes={written} />}
    </Card>
  );
}

function FieldError({ fe, name, className = "" }: { fe: Record<string, string>; name: string; className?: string }) {
  if (!fe[name]) return null;
  return (
    <p className={`text-xs text-red-600 ${className}`} data-field-error={name}>
      {fe[name]}
    </p>
  );
}

function CorsFields({ form, set, fe }: { form: CorsFormState; set: SetField<CorsFormState>; fe: Record<string, string> }) {
  return (
    <>
      <Field
        label="Allowed origin"
        name="cors.allowOrigin"
        value={form.origin}
        onChange={(e) => set("origin", e.target.value)}
        error={fe["cors.allowOrigin"]}
        hint="* or one origin, such as https://app.example.com"
      />
      <Field
        label="Max age (seconds)"
        name="cors.maxAge"
        inputMode="numeric"
        value={form.maxAge}
        onChange={(e) => set("maxAge", e.target.value)}
        error={fe["cors.maxAge"]}
        hint="Empty: not sent."
      />
      <div className="sm:col-span-2">
        <p className="text-sm font-medium text-slate-700">Allowed methods</p>
        <div className="mt-1 flex flex-wrap gap-3">
          {CORS_METHODS.map((m) => (
            <Checkbox
              key={m}
              label={m}
              checked={form.methods.includes(m)}
              onChange={(e) => set("methods", e.target.checked ? [...form.methods, m] : form.methods.filter((x) => x !== m))}
            />
          ))}
        </div>
        <FieldError fe={fe} name="cors.allowMethods" className="mt-1" />
      </div>
      <Field
        className="sm:col-span-2"
        label="Allowed headers"
        name="cors.allowHeaders"
        value={form.headers}
        onChange={(e) => set("headers", e.target.value)}
        error={fe["cors.allowHeaders"]}
      />
      <Field
        className="sm:col-span-2"
        label="Exposed headers"
        name="cors.exposeHeaders"
        value={form.expose}
        onChange={(e) => set("expose", e.target.value)}
        error={fe["cors.exposeHeaders"]}
        hint="Optional, comma-separated: response headers browser code may read."
      />
      <div>
        <Checkbox label="Allow credentials" checked={form.credentials} onChange={(e) => set("credentials", e.target.checked)} />
        <FieldError fe={fe} name="cors.allowCredentials" className="mt-1" />
      </div>
    </>
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
