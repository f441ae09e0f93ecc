"use client";
/**
 * Mapping templates by content type: one tab per content type, a field to add another, and the
 * template editor for the selected one. Shared by integration requests and responses.
 */
import { useState } from "react";
import { TemplateEditor } from "@/components/editor/lazy";

export interface MappingTemplatesProps {
  title: string;
  templates: Record<string, string>;
  /** Takes an update, not a value: Monaco may report several keystrokes before the next render. */
  onChange: (update: (templates: Record<string, string>) => Record<string, string>) => void;
  canEdit: boolean;
  error?: string;
  /** Which side of the integration: names the editor, the tabs' test id and the add controls. */
  kind: "request" | "response";
  stageVariableNames?: string[];
  method: { httpMethod: string; resourcePath: string };
}

const ADD_LABELS = {
  request: { input: "Template content type", button: "Add content type" },
  response: { input: "Response template content type", button: "Add response content type" },
};

export function MappingTemplates({ title, templates, onChange, canEdit, error, kind, stageVariableNames, method }: MappingTemplatesProps) {
  const [contentType, setContentType] = useState(Object.keys(templates)[0] ?? "application/json");
  const contentTypes = [...new Set([...Object.keys(templates), contentType])];
  return (
    <div>
      <div className="mb-1 flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-slate-700">{title}</span>
        {contentTypes.map((ct) => (
          <button
            key={ct}
            type="button"
            onClick={() => setContentType(ct)}
            className={`rounded px-2 py-0.5 font-mono text-xs ${ct === contentType ? "bg-indigo-600 text-white" : "bg-slate-100"}`}
            data-testid={`${kind}-template-type`}
          >
            {ct}
          </button>
        ))}
        {canEdit && <AddContentType labels={ADD_LABELS[kind]} onAdd={setContentType} />}
      </div>
      <TemplateEditor
        key={contentType}
        value={templates[contentType] ?? ""}
        onChange={(v) => onChange((t) => ({ ...t, [contentType]: v }))}
        ariaLabel={`${kind}-template`}
        readOnly={!canEdit}
        contentType={contentType}
        stageVariableNames={stageVariableNames}
        method={method}
        kind={kind}
      />
      {error && <p className="mt-1 text-xs text-red-600">{error}</p>}
    </div>
  );
}

function AddContentType({ labels, onAdd }: { labels: { input: string; button: string }; onAdd: (contentType: string) => void }) {
  const [value, setValue] = useState("");
  return (
    <span className="flex items-center gap-1">
      <input
        aria-label={labels.input}
        className="w-40 rounded border border-slate-300 px-1.5 py-0.5 text-xs"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="application/xml"
      />
      <button
        type="button"
        className="text-xs text-indigo-700 hover:underline"
        onClick={() => {
          if (!value.trim()) return;
          onAdd(value.trim());
          setValue("");
        }}
      >
        {labels.button}
      </button>
    </span>
  );
}
