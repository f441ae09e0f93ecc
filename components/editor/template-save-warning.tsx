"use client";
/** Next to a Save button: the template errors it would save (see template-save-check.ts). */
import { useMemo } from "react";
import { saveWarning, templateErrors } from "./template-save-check";
import { useDebounced } from "./use-debounced";

export function TemplateSaveWarning({ templates }: { templates: Record<string, string> }) {
  const settled = useDebounced(templates, 200);
  const warning = useMemo(() => saveWarning(templateErrors(settled)), [settled]);
  if (!warning) return null;
  return (
    <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800" data-testid="template-save-warning">
      {warning}
    </p>
  );
}
