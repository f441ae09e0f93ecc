"use client";
/** The template editor's live preview: a sample request (or error) and the template rendered against it in the browser. */
import { useMemo } from "react";
import { Field, TextAreaField } from "@/components/ui/field";
import { useDebounced } from "./use-debounced";
import { defaultSample, overrideLines, previewTemplate, type SampleRequest } from "./preview-input";
import { sampleKey } from "./sample-store";
import { usePreviewSample } from "./use-preview-sample";

type Kind = "request" | "response" | "gateway";
type Preview = ReturnType<typeof previewTemplate>;

export function TemplatePreview({
  template,
  mode,
  contentType,
  stageVariableNames,
  method,
  kind,
}: {
  template: string;
  mode: "vtl" | "substitution";
  contentType: string;
  stageVariableNames?: string[];
  method?: { httpMethod?: string; resourcePath?: string };
  kind: Kind;
}) {
  // Kept per method, side and content type, not per component: a save remounts the editor.
  const [sample, setSample] = usePreviewSample(sampleKey({ kind, contentType, method }), () =>
    defaultSample({ ...method, gatewayResponse: kind === "gateway" }, stageVariableNames),
  );
  const settledTemplate = useDebounced(template, 200);
  const settledSample = useDebounced(sample, 200);
  const result = useMemo(() => previewTemplate(settledTemplate, settledSample, { mode, contentType }), [settledTemplate, settledSample, mode, contentType]);
  return (
    <div className="min-w-0 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="template-preview">
      <details open className="text-xs">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Sample {kind === "gateway" ? "error" : "request"}</summary>
        <div className="mt-2 grid gap-2 @lg:grid-cols-2">
          <SampleInputs kind={kind} sample={sample} onChange={setSample} />
          <ContextInputs sample={sample} onChange={setSample} />
        </div>
      </details>
      <RenderedOutput result={result} mode={mode} contentType={contentType} />
    </div>
  );
}

type SampleProps = { sample: SampleRequest; onChange: (update: (s: SampleRequest) => SampleRequest) => void };

function SampleArea({
  label,
  field,
  sample,
  onChange,
  className,
  rows = 2,
  placeholder,
}: SampleProps & {
  label: string;
  field: Exclude<keyof SampleRequest, "context">;
  className?: string;
  rows?: number;
  placeholder?: string;
}) {
  return (
    <TextAreaField
      className={className}
      mono
      label={label}
      rows={rows}
      value={sample[field]}
      onChange={(e) => onChange((s) => ({ ...s, [field]: e.target.value }))}
      spellCheck={false}
      placeholder={placeholder}
    />
  );
}

/** Body, parameters and headers (not for gateway responses, which have no request to map), and stage variables. */
function SampleInputs({ kind, ...props }: SampleProps & { kind: Kind }) {
  return (
    <>
      {kind !== "gateway" && (
        <>
          <SampleArea
            {...props}
            field="body"
            label={kind === "response" ? "Sample backend response body" : "Sample request body"}
            className="@lg:col-span-2"
            rows={3}
          />
          <SampleArea {...props} field="path" label="Sample path parameters (name=value)" placeholder="petId=7" />
          <SampleArea {...props} field="querystring" label="Sample query parameters (name=value)" placeholder="limit=10" />
          <SampleArea {...props} field="header" label="Sample headers (name=value)" />
        </>
      )}
      <SampleArea {...props} field="stageVariables" label="Sample stage variables (name=value)" placeholder="backend=example.com" />
    </>
  );
}

function ContextInputs({ sample, onChange }: SampleProps) {
  return (
    <div className="grid grid-cols-2 gap-x-2 gap-y-1 @lg:col-span-2 @xl:grid-cols-3">
      {Object.entries(sample.context).map(([key, v]) => (
        <Field
          key={key}
          className="min-w-0"
          label={
            <span className="block truncate font-mono text-xs font-normal text-slate-600" title={`$context.${key}`}>
              $context.{key}
            </span>
          }
          value={v}
          onChange={(e) => onChange((s) => ({ ...s, context: { ...s.context, [key]: e.target.value } }))}
          spellCheck={false}
        />
      ))}
    </div>
  );
}

function RenderedOutput({ result, mode, contentType }: { result: Preview; mode: "vtl" | "substitution"; contentType: string }) {
  const overrides = overrideLines(result.overrides);
  return (
    <div>
      <p className="text-sm font-medium text-slate-700">Rendered output{mode === "substitution" ? " (substitution only)" : ""}</p>
      {result.error ? (
        <p role="alert" className="mt-1 rounded bg-red-50 px-2 py-1 font-mono text-xs text-red-700" data-testid="template-preview-error">
          {result.error.line !== undefined ? `line ${result.error.line}:${result.error.column ?? 1}: ` : ""}
          {result.error.message}
        </p>
      ) : (
        <pre
          className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded border border-slate-200 bg-white p-2 font-mono text-xs"
          data-testid="template-preview-output"
        >
          {result.output}
        </pre>
      )}
      {result.jsonNote && (
        <p className="mt-1 text-xs text-amber-700" data-testid="template-preview-json-note">
          Output is not valid JSON ({contentType}): {result.jsonNote}
        </p>
      )}
      {overrides.length > 0 && (
        <ul className="mt-1 font-mono text-xs text-slate-600" data-testid="template-preview-overrides">
          {overrides.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
