"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import { setupMonaco } from "./monaco-setup";

setupMonaco();

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  language?: "vtl" | "json" | "plaintext";
  height?: number;
  readOnly?: boolean;
  ariaLabel?: string;
  /** The editor and the bundled monaco namespace, once mounted (markers, model context). */
  onMount?: OnMount;
}

export default function CodeEditorImpl({ value, onChange, language = "vtl", height = 160, readOnly, ariaLabel, onMount }: CodeEditorProps) {
  return (
    <div className="overflow-hidden rounded-md border border-slate-300" data-code-editor={ariaLabel}>
      <Editor
        value={value}
        onChange={(v) => onChange(v ?? "")}
        onMount={onMount}
        language={language}
        height={height}
        options={{
          minimap: { enabled: false },
          wordWrap: "on",
          tabSize: 2,
          fontSize: 13,
          scrollBeyondLastLine: false,
          readOnly,
          ariaLabel,
          automaticLayout: true,
          lineNumbersMinChars: 3,
          fixedOverflowWidgets: true,
        }}
      />
    </div>
  );
}
