"use client";
/**
 * A mapping-template editor: Monaco with VTL completion, hover docs and diagnostics as you type,
 * a list of the current diagnostics, and a live preview rendering the template in the browser
 * against a sample request. In "substitution" mode (gateway responses) AWS does not run Velocity:
 * the editor says so, shows no VTL diagnostics, and the preview only substitutes references.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { OnMount } from "@monaco-editor/react";
import { CodeEditor } from "./code-editor";
import { useDebounced } from "./use-debounced";
import { defaultSample, overrideLines, previewTemplate, type SampleRequest } from "./preview-input";
import { diagnose, type EditorDiagnostic } from "./template-diagnostics";
import { clearModelContext, setModelContext } from "./vtl-language";

type MonacoApi = Parameters<OnMount>[1];
type EditorApi = Parameters<OnMount>[0];

export interface TemplateEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Kept on the Monaco part (`data-code-editor`), e.g. "request-template". */
  ariaLabel: string;
  readOnly?: boolean;
  /** "vtl" for integration templates; "substitution" for gateway responses. */
  mode?: "vtl" | "substitution";
  contentType?: string;
  /** Union of this API's stages' variable names (completion and lint); undefined when the API has no stage. */
  stageVariableNames?: string[];
  /** What the sample request is prefilled from. */
  method?: { httpMethod?: string; resourcePath?: string };
  /** Labels the sample body: the client's request, or the backend's response. */
  kind?: "request" | "response" | "gateway";
  height?: number;
}

export const SUBSTITUTION_NOTE =
  "API Gateway does not run gateway-response templates through Velocity: only $context and $stageVariables references are substituted";

const SEVERITY_STYLE: Record<EditorDiagnostic["severity"], string> = {
  error: "text-red-700",
  warning: "text-amber-700",
  info: "text-sky-700",
};

export function TemplateEditor({
  value,
  onChange,
  ariaLabel,
  readOnly,
  mode = "vtl",
  contentType = "application/json",
  stageVariableNames,
  method,
  kind = "request",
  height = 200,
}: TemplateEditorProps) {
  const [mounted, setMounted] = useState<{ editor: EditorApi; monaco: MonacoApi } | null>(null);
  // Stable across renders as long as the set of names is the same.
  const namesKey = stageVariableNames ? JSON.stringify([...new Set(stageVariableNames)].sort()) : null;
  const names = useMemo<string[] | undefined>(() => (namesKey === null ? undefined : JSON.parse(namesKey)), [namesKey]);

  const template = useDebounced(value, 200);
  const diagnostics = useMemo(() => diagnose(template, { mode, contentType, stageVariableNames: names }), [template, mode, contentType, names]);

  const onMount = useCallback<OnMount>((editor, monaco) => setMounted({ editor, monaco }), []);

  // Completion and hover read the mode and stage variables of this editor's model.
  const uri = useRef<string | null>(null);
  useEffect(() => {
    const model = mounted?.editor.getModel();
    if (!model) return;
    uri.current = model.uri.toString();
    setModelContext(uri.current, { mode, stageVariableNames: names ?? [] });
  }, [mounted, mode, names]);
  useEffect(() => () => void (uri.current && clearModelContext(uri.current)), []);

  // Monaco markers for the current diagnostics.
  useEffect(() => {
    if (!mounted) return;
    const model = mounted.editor.getModel();
    if (!model) return;
    const { MarkerSeverity } = mounted.monaco;
    mounted.monaco.editor.setModelMarkers(
      model,
      "gatehouse-template",
      diagnostics.map((d) => ({
        severity: d.severity === "error" ? MarkerSeverity.Error : d.severity === "warning" ? MarkerSeverity.Warning : MarkerSeverity.Info,
        message: d.message,
        code: d.code,
        startLineNumber: d.line,
        startColumn: d.column,
        endLineNumber: d.endLine,
        endColumn: d.endColumn,
      })),
    );
  }, [mounted, diagnostics]);

  const reveal = (d: EditorDiagnostic) => {
    if (!mounted) return;
    mounted.editor.revealLineInCenter(d.line);
    mounted.editor.setPosition({ lineNumber: d.line, column: d.column });
    mounted.editor.focus();
  };

  return (
    <div className="@container" data-template-editor={ariaLabel}>
      {mode === "substitution" && (
        <p className="mb-2 rounded-md bg-sky-50 px-3 py-2 text-xs text-sky-800" data-testid="template-substitution-note">
          {SUBSTITUTION_NOTE}. <code>#if</code>, <code>#set</code>, <code>$input</code> and <code>$util</code> are sent as written.
        </p>
      )}
      <div className="grid gap-3 @3xl:grid-cols-2">
        <div className="min-w-0">
          <CodeEditor value={value} onChange={onChange} ariaLabel={ariaLabel} readOnly={readOnly} height={height} onMount={onMount} />
          <DiagnosticList diagnostics={diagnostics} onSelect={reveal} />
        </div>
        <TemplatePreview template={value} mode={mode} contentType={contentType} stageVariableNames={names} method={method} kind={kind} />
      </div>
    </div>
  );
}

function DiagnosticList({ diagnostics, onSelect }: { diagnostics: EditorDiagnostic[]; onSelect: (d: EditorDiagnostic) => void }) {
  return (
    <ul className="mt-1 space-y-0.5 text-xs" data-testid="template-diagnostics" aria-label="Template diagnostics">
      {diagnostics.length === 0 && <li className="text-slate-400">No problems found</li>}
      {diagnostics.map((d, i) => (
        <li key={`${d.line}:${d.column}:${d.code}:${i}`} data-severity={d.severity} data-code={d.code}>
          <button type="button" className={`text-left hover:underline ${SEVERITY_STYLE[d.severity]}`} onClick={() => onSelect(d)}>
            <span className="font-semibold capitalize">{d.severity}</span>{" "}
            <span className="font-mono">
              line {d.line}:{d.column}
            </span>{" "}
            {d.message}
          </button>
        </li>
      ))}
    </ul>
  );
}

function TemplatePreview({
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
  kind: "request" | "response" | "gateway";
}) {
  const id = useId();
  const [sample, setSample] = useState<SampleRequest>(() => defaultSample({ ...method, gatewayResponse: kind === "gateway" }, stageVariableNames));
  const settledTemplate = useDebounced(template, 200);
  const settledSample = useDebounced(sample, 200);
  const result = useMemo(() => previewTemplate(settledTemplate, settledSample, { mode, contentType }), [settledTemplate, settledSample, mode, contentType]);
  const overrides = overrideLines(result.overrides);
  const set = (field: Exclude<keyof SampleRequest, "context">) => (e: { target: { value: string } }) => setSample((s) => ({ ...s, [field]: e.target.value }));
  const area = "mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs focus:outline-none focus:ring-2 focus:ring-indigo-500";

  return (
    <div className="min-w-0 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="template-preview">
      <details open className="text-xs">
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Sample {kind === "gateway" ? "error" : "request"}</summary>
        <div className="mt-2 grid gap-2 @lg:grid-cols-2">
          {kind !== "gateway" && (
            <label className="@lg:col-span-2">
              <span className="text-slate-600">{kind === "response" ? "Sample backend response body" : "Sample request body"}</span>
              <textarea className={area} rows={3} value={sample.body} onChange={set("body")} spellCheck={false} />
            </label>
          )}
          {kind !== "gateway" && (
            <>
              <label>
                <span className="text-slate-600">Sample path parameters (name=value)</span>
                <textarea className={area} rows={2} value={sample.path} onChange={set("path")} spellCheck={false} placeholder="petId=7" />
              </label>
              <label>
                <span className="text-slate-600">Sample query parameters (name=value)</span>
                <textarea className={area} rows={2} value={sample.querystring} onChange={set("querystring")} spellCheck={false} placeholder="limit=10" />
              </label>
              <label>
                <span className="text-slate-600">Sample headers (name=value)</span>
                <textarea className={area} rows={2} value={sample.header} onChange={set("header")} spellCheck={false} />
              </label>
            </>
          )}
          <label>
            <span className="text-slate-600">Sample stage variables (name=value)</span>
            <textarea
              className={area}
              rows={2}
              value={sample.stageVariables}
              onChange={set("stageVariables")}
              spellCheck={false}
              placeholder="backend=example.com"
            />
          </label>
          <div className="grid grid-cols-2 gap-x-2 gap-y-1 @lg:col-span-2 @xl:grid-cols-3">
            {Object.entries(sample.context).map(([key, v]) => (
              <label key={key} htmlFor={`${id}-${key}`} className="min-w-0">
                <span className="block truncate font-mono text-slate-600" title={`$context.${key}`}>
                  $context.{key}
                </span>
                <input
                  id={`${id}-${key}`}
                  className={area}
                  value={v}
                  onChange={(e) => setSample((s) => ({ ...s, context: { ...s.context, [key]: e.target.value } }))}
                  spellCheck={false}
                />
              </label>
            ))}
          </div>
        </div>
      </details>
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
    </div>
  );
}
