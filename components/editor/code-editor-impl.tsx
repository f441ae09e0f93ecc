"use client";

import Editor, { type OnMount } from "@monaco-editor/react";
import { useLayoutEffect, useRef } from "react";
import { CODE_EDITOR_OPTIONS } from "./editor-options";
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

/**
 * Monaco owns the text while the user types. @monaco-editor/react's controlled `value` writes the
 * parent's value back from a passive effect; Monaco types through EditContext `textupdate` events
 * that React does not treat as discrete, so a keystroke's echo can land after the next keystroke
 * and erase it (fast typing lost characters). Here the model is created from `defaultValue`, the
 * parent's value is written only when it is not an echo of something Monaco reported, and the
 * write happens in a layout effect (same task as the render).
 */
export default function CodeEditorImpl({ value, onChange, language = "vtl", height = 160, readOnly, ariaLabel, onMount }: CodeEditorProps) {
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  /** Values Monaco reported since the parent last caught up with the model. */
  const reported = useRef<string[]>([]);
  const latest = useRef(value);
  useLayoutEffect(() => {
    latest.current = value;
    const model = editorRef.current?.getModel();
    if (!model) return;
    if (model.getValue() === value) {
      reported.current = [];
      return;
    }
    if (reported.current.includes(value)) return; // an echo of typing the model is already past
    reported.current = [];
    // As one undoable edit (works on read-only editors too).
    model.pushStackElement();
    model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value, forceMoveMarkers: true }], () => null);
    model.pushStackElement();
  }, [value]);
  return (
    <div className="overflow-hidden rounded-md border border-slate-300" data-code-editor={ariaLabel}>
      <Editor
        defaultValue={value}
        onChange={(v) => {
          const text = v ?? "";
          reported.current.push(text);
          if (reported.current.length > 50) reported.current.shift();
          onChange(text);
        }}
        onMount={(editor, monaco) => {
          editorRef.current = editor;
          // A value set between the first render and the mount.
          if (editor.getValue() !== latest.current) editor.setValue(latest.current);
          onMount?.(editor, monaco);
        }}
        language={language}
        height={height}
        options={{ ...CODE_EDITOR_OPTIONS, readOnly, ariaLabel }}
      />
    </div>
  );
}
