"use client";

import { useState } from "react";
import type { ApiDesign } from "@/lib/model/design";
import { findResourceByPath, resourcePath, resourcesInTreeOrder } from "@/lib/model/tree";
import { Button } from "@/components/ui/button";
import { Field, SelectField } from "@/components/ui/field";
import { type DesignEditor, savedDesign } from "./use-design";

/** Adds one path part under a parent, or a whole path like /pets/{id} when it starts with "/". */
export function AddResourceForm({
  design,
  defaultParentId,
  editor,
  onAdded,
}: {
  design: ApiDesign;
  defaultParentId: string;
  editor: DesignEditor;
  onAdded: (resourceId: string) => void;
}) {
  const [parentId, setParentId] = useState<string | null>(null);
  const [pathPart, setPathPart] = useState("");
  const options = resourcesInTreeOrder(design).map((r) => ({ value: r.id, label: resourcePath(design, r) }));
  const parent = parentId && options.some((o) => o.value === parentId) ? parentId : defaultParentId;
  const fieldError = editor.fieldErrors.pathPart ?? editor.fieldErrors.path ?? editor.fieldErrors.parentId;
  return (
    <form
      className="space-y-3"
      onSubmit={async (e) => {
        e.preventDefault();
        const value = pathPart.trim();
        const isPath = value.startsWith("/");
        const parentPath = resourcePath(design, design.resources.find((r) => r.id === parent)!);
        const saved = savedDesign(
          await editor.run(isPath ? { type: "addResourcePath", path: value } : { type: "addResource", parentId: parent, pathPart: value }),
        );
        if (!saved) return;
        setPathPart("");
        const fullPath = isPath ? "/" + value.split("/").filter(Boolean).join("/") : `${parentPath === "/" ? "" : parentPath}/${value}`;
        const added = findResourceByPath(saved, fullPath);
        if (added) onAdded(added.id);
      }}
    >
      <SelectField label="Parent" name="parentId" value={parent} onChange={(e) => setParentId(e.target.value)} options={options} />
      <Field
        label="Path part"
        name="pathPart"
        value={pathPart}
        onChange={(e) => setPathPart(e.target.value)}
        placeholder="pets, {id}, {proxy+} or /pets/{id}"
        error={fieldError}
        hint="One segment under the parent, or a full path from / to add every missing segment."
      />
      <Button type="submit" disabled={editor.pending || !pathPart.trim()}>
        Add resource
      </Button>
    </form>
  );
}
