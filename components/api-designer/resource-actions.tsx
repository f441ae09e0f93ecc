"use client";

import { useState } from "react";
import type { ApiDesign, Resource } from "@/lib/model/design";
import { describeSubtree, indexTree } from "@/lib/model/tree";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import type { DesignEditor } from "./use-design";

/** Rename, move and delete the selected resource; delete first shows everything that goes with it. */
export function ResourceActions({
  design,
  resource,
  editor,
  onDeleted,
}: {
  design: ApiDesign;
  resource: Resource;
  editor: DesignEditor;
  onDeleted: (parentId: string) => void;
}) {
  const [mode, setMode] = useState<"none" | "rename" | "move" | "delete">("none");
  if (resource.parentId === null) return null;
  const fe = editor.fieldErrors;
  return (
    <div className="mt-3 border-t border-slate-100 pt-3" data-testid="resource-actions">
      <div className="flex gap-2">
        {(["rename", "move", "delete"] as const).map((m) => (
          <Button
            key={m}
            type="button"
            variant={m === "delete" ? "ghost" : "secondary"}
            className={m === "delete" ? "text-red-700" : ""}
            onClick={() => setMode(mode === m ? "none" : m)}
            aria-pressed={mode === m}
          >
            {m === "rename" ? "Rename resource" : m === "move" ? "Move resource" : "Delete resource"}
          </Button>
        ))}
      </div>
      {mode === "rename" && <RenameForm key={resource.id} resource={resource} editor={editor} error={fe.pathPart} onDone={() => setMode("none")} />}
      {mode === "move" && <MoveForm key={resource.id} design={design} resource={resource} editor={editor} error={fe.parentId} onDone={() => setMode("none")} />}
      {mode === "delete" && (
        <DeleteConfirm design={design} resource={resource} editor={editor} onCancel={() => setMode("none")} onDeleted={() => onDeleted(resource.parentId!)} />
      )}
    </div>
  );
}

function RenameForm({ resource, editor, error, onDone }: { resource: Resource; editor: DesignEditor; error?: string; onDone: () => void }) {
  const [value, setValue] = useState(resource.pathPart);
  return (
    <form
      className="mt-3 flex items-end gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if ((await editor.run({ type: "renameResource", resourceId: resource.id, pathPart: value })).ok) onDone();
      }}
    >
      <Field label="Rename to" name="pathPart" value={value} onChange={(e) => setValue(e.target.value)} error={error} className="flex-1" />
      <Button type="submit" disabled={editor.pending || !value.trim()}>
        Save name
      </Button>
    </form>
  );
}

function MoveForm({
  design,
  resource,
  editor,
  error,
  onDone,
}: {
  design: ApiDesign;
  resource: Resource;
  editor: DesignEditor;
  error?: string;
  onDone: () => void;
}) {
  const index = indexTree(design);
  const below = new Set(describeSubtree(design, resource.id).resources.map((r) => r.id));
  // Offered: every resource not in the subtree itself (the server still checks greedy parents and siblings).
  const options = [...index.pathOf]
    .filter(([id]) => !below.has(id) && id !== resource.parentId)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const [parentId, setParentId] = useState(options[0]?.value ?? "");
  if (!options.length) return <p className="mt-3 text-sm text-slate-500">There is no other place to move this resource to.</p>;
  return (
    <form
      className="mt-3 flex items-end gap-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if ((await editor.run({ type: "moveResource", resourceId: resource.id, parentId })).ok) onDone();
      }}
    >
      <SelectField
        label="New parent"
        name="parentId"
        value={parentId}
        onChange={(e) => setParentId(e.target.value)}
        options={options}
        error={error}
        className="flex-1"
      />
      <Button type="submit" disabled={editor.pending || !parentId}>
        Move here
      </Button>
    </form>
  );
}

function DeleteConfirm({
  design,
  resource,
  editor,
  onCancel,
  onDeleted,
}: {
  design: ApiDesign;
  resource: Resource;
  editor: DesignEditor;
  onCancel: () => void;
  onDeleted: () => void;
}) {
  const summary = describeSubtree(design, resource.id);
  const children = summary.resources.length - 1;
  return (
    <div className="mt-3 rounded-md border border-red-200 bg-red-50 p-3 text-sm" data-testid="delete-preview">
      <p className="font-medium text-red-800">
        Delete {summary.path}, {children} child resource{children === 1 ? "" : "s"} and {summary.methodCount} method{summary.methodCount === 1 ? "" : "s"}?
      </p>
      <ul className="mt-2 max-h-48 overflow-y-auto font-mono text-xs text-red-900">
        {summary.resources.map((r) => (
          <li key={r.id} data-testid="delete-preview-item">
            {r.path}
            {r.methods.length ? ` — ${r.methods.join(", ")}` : ""}
          </li>
        ))}
      </ul>
      <div className="mt-3 flex gap-2">
        <Button
          type="button"
          variant="danger"
          disabled={editor.pending}
          onClick={async () => {
            if ((await editor.run({ type: "deleteResource", resourceId: resource.id })).ok) onDeleted();
          }}
        >
          Delete {summary.resources.length} resource{summary.resources.length === 1 ? "" : "s"}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
