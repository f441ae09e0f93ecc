"use client";
/**
 * A mapping-template editor: Monaco with VTL completion, hover docs and diagnostics as you type,
 * a list of the current diagnostics, and a live preview rendering the template in the browser
 * against a sample request. In "substitution" mode (gateway responses) AWS does not run Velocity:
 * the editor says so, shows no VTL diagnostics, and the preview only substitutes references.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { OnMount } from "@monaco-editor/react";
import { CodeEditor } from "./code-editor";
import { useDebounced } from "./use-debounced";
import { diagnose, type EditorDiagnostic } from "./template-diagnostics";
import { clearModelContext, setModelContext } from "./vtl-language";
import { TemplatePreview } from "./template-preview";

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
      {diagnostics.length === 0 && <li className="text-slate-500">No problems found</li>}
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
