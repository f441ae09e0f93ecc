"use client";
/**
 * The template editor, the save warning and the model schema editor as the designer imports them:
 * their code (the VTL engine for diagnostics and the live preview, ~100 KB gzip with its regex and
 * JSONPath libraries; Ajv for the schema check) is fetched only when a method, gateway response
 * or model is open, not with the API page. The editors also wait until their place is on screen
 * (WhenVisible), as the Monaco inside them would anyway.
 */
import dynamic from "next/dynamic";
import { WhenVisible } from "@/components/ui/when-visible";
import type { JsonSchemaEditorProps } from "./json-schema-editor";
import type { TemplateEditorProps } from "./template-editor";

function EditorPlaceholder({ height }: { height: number }) {
  return <div className="animate-pulse rounded-md border border-slate-200 bg-slate-50" style={{ height }} data-editor-placeholder />;
}

const TemplateEditorImpl = dynamic(() => import("./template-editor").then((m) => m.TemplateEditor), {
  ssr: false,
  loading: () => <EditorPlaceholder height={200} />,
});

export function TemplateEditor(props: TemplateEditorProps) {
  return (
    <WhenVisible placeholder={<EditorPlaceholder height={props.height ?? 200} />}>
      <TemplateEditorImpl {...props} />
    </WhenVisible>
  );
}

/** Shows nothing until loaded: a warning a moment late is better than the engine on every page load. */
export const TemplateSaveWarning = dynamic(() => import("./template-save-warning").then((m) => m.TemplateSaveWarning), { ssr: false });

const JsonSchemaEditorImpl = dynamic(() => import("./json-schema-editor").then((m) => m.JsonSchemaEditor), {
  ssr: false,
  loading: () => <EditorPlaceholder height={220} />,
});

export function JsonSchemaEditor(props: JsonSchemaEditorProps) {
  return (
    <WhenVisible placeholder={<EditorPlaceholder height={props.height ?? 220} />}>
      <JsonSchemaEditorImpl {...props} />
    </WhenVisible>
  );
}
