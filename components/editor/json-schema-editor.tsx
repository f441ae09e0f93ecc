"use client";
/**
 * A model's JSON Schema in Monaco (JSON language), checked as the user types with the same rules
 * the server applies (lib/model/components checkModelSchema: JSON, draft 4, $refs to this API's
 * models): the problems are underlined in the editor and listed below it.
 */
import type { OnMount } from "@monaco-editor/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { ApiDesign } from "@/lib/model/design";
import { checkModelSchema } from "@/lib/model/components";
import { CodeEditor } from "./code-editor";
import { useDebounced } from "./use-debounced";

type EditorApi = Parameters<OnMount>[0];
type MonacoApi = Parameters<OnMount>[1];

/** Line and column of a problem: the JSON.parse position, or the key the schema path ends in. */
function locate(text: string, message: string): { line: number; column: number } {
  const at = (offset: number) => {
    const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
    const lines = before.split("\n");
    return { line: lines.length, column: lines[lines.length - 1].length + 1 };
  };
  const position = /position (\d+)/.exec(message);
  if (position) return at(Number(position[1]));
  const pointer = /draft 4: (\/[^\s]*)/.exec(message)?.[1];
  const key = pointer?.split("/").filter(Boolean).pop();
  if (key) {
    const index = text.indexOf(`"${key}"`);
    if (index >= 0) return at(index);
  }
  const ref = /\$ref (\S+):/.exec(message)?.[1];
  if (ref) {
    const index = text.indexOf(ref);
    if (index >= 0) return at(index);
  }
  return { line: 1, column: 1 };
}

export interface JsonSchemaEditorProps {
  value: string;
  onChange: (value: string) => void;
  design: ApiDesign;
  /** The model's (new) name: its own $ref URL resolves to itself. */
  modelName?: string;
  ariaLabel?: string;
  readOnly?: boolean;
  height?: number;
}

export function JsonSchemaEditor({ value, onChange, design, modelName, ariaLabel = "model-schema", readOnly, height = 220 }: JsonSchemaEditorProps) {
  const [mounted, setMounted] = useState<{ editor: EditorApi; monaco: MonacoApi } | null>(null);
  const settled = useDebounced(value, 250);
  const issues = useMemo(() => checkModelSchema(design, settled, modelName || undefined), [design, settled, modelName]);
  const onMount = useCallback<OnMount>((editor, monaco) => setMounted({ editor, monaco }), []);

  useEffect(() => {
    const model = mounted?.editor.getModel();
    if (!mounted || !model) return;
    mounted.monaco.editor.setModelMarkers(
      model,
      "gatehouse-schema",
      issues.map((issue) => {
        const { line, column } = locate(settled, issue.message);
        return {
          severity: mounted.monaco.MarkerSeverity.Error,
          message: issue.message,
          startLineNumber: line,
          startColumn: column,
          endLineNumber: line,
          endColumn: model.getLineMaxColumn(Math.min(line, model.getLineCount())),
        };
      }),
    );
  }, [mounted, issues, settled]);

  return (
    <div>
      <CodeEditor value={value} onChange={onChange} language="json" ariaLabel={ariaLabel} readOnly={readOnly} height={height} onMount={onMount} />
      {issues.length > 0 ? (
        <ul className="mt-1 space-y-0.5 text-xs text-red-700" data-testid="schema-problems">
          {issues.map((issue, i) => (
            <li key={i}>{issue.message}</li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-xs text-emerald-700" data-testid="schema-ok">
          Valid JSON Schema draft 4{value === settled ? "" : "…"}
        </p>
      )}
    </div>
  );
}
