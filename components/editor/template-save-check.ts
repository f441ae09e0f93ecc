/**
 * What a Save button says about the templates it is about to save. API Gateway accepts a broken
 * mapping template and fails only when a request runs it (500 "Internal server error"), so
 * Gatehouse saves it too, but not silently: the errors the editor marks are counted next to the
 * button. Pure; unit-tested in test/editor.
 */
import { diagnose, type EditorDiagnostic } from "./template-diagnostics";

export interface TemplateErrors {
  contentType: string;
  errors: EditorDiagnostic[];
}

/** The editor's errors (not warnings: stage variables only warn) of each VTL template, by content type; only templates with errors. */
export function templateErrors(templates: Record<string, string>): TemplateErrors[] {
  return Object.entries(templates)
    .map(([contentType, template]) => ({
      contentType,
      errors: diagnose(template, { mode: "vtl", contentType }).filter((d) => d.severity === "error"),
    }))
    .filter((t) => t.errors.length > 0);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The warning to show next to Save, or null when every template is free of errors. */
export function saveWarning(problems: TemplateErrors[]): string | null {
  const total = problems.reduce((n, p) => n + p.errors.length, 0);
  if (total === 0) return null;
  const where = problems
    .map((p) => {
      const lines = [...new Set(p.errors.map((e) => e.line))];
      return `${p.contentType} ${lines.length === 1 ? "line" : "lines"} ${lines.join(", ")}`;
    })
    .join("; ");
  return `${plural(total, "template error")} (${where}). Saving is allowed, as on AWS, but requests that run ${total === 1 ? "this template" : "these templates"} fail with 500 "Internal server error" until fixed.`;
}
