/**
 * Diagnostics for the template editor: the engine's parser errors (VTL mode), and for gateway
 * responses (substitution only) a note on references AWS will send through untouched.
 * Pure; unit-tested in test/editor.
 */
import { parseTemplate, TemplateError } from "@/lib/template";

export type DiagnosticSeverity = "error" | "warning" | "info";

/** Same shape as lib/template's Diagnostic: 1-based positions, end exclusive. */
export interface EditorDiagnostic {
  severity: DiagnosticSeverity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
}

export interface DiagnoseOptions {
  contentType?: string;
  stageVariableNames?: string[];
  mode?: "vtl" | "substitution";
}

function lineLength(template: string, line: number): number {
  return template.split("\n")[line - 1]?.length ?? 0;
}

/** The parser's error as a diagnostic, or [] when the template parses. */
export function parseDiagnostics(template: string): EditorDiagnostic[] {
  try {
    parseTemplate(template);
    return [];
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    const lines = template.split("\n");
    const line = Math.min(Math.max(e.line ?? lines.length, 1), lines.length);
    const len = lineLength(template, line);
    const column = Math.min(Math.max(e.column ?? 1, 1), len + 1);
    return [{ severity: "error", message: e.message, line, column, endLine: line, endColumn: Math.max(column + 1, column < len ? len + 1 : column + 1), code: "parse" }];
  }
}

/** Gateway responses: `$input`, `$util` and directives are not evaluated; AWS sends them as written. */
export function substitutionDiagnostics(template: string): EditorDiagnostic[] {
  const out: EditorDiagnostic[] = [];
  template.split("\n").forEach((text, i) => {
    for (const m of text.matchAll(/\$!?\{?(input|util|method|request|foreach)\b[\w.]*|#(?:set|if|elseif|else|end|foreach|macro)\b/g)) {
      out.push({
        severity: "info",
        message: `${m[0]} is not evaluated in a gateway response: only $context and $stageVariables references are substituted, the rest is sent as written.`,
        line: i + 1,
        column: m.index + 1,
        endLine: i + 1,
        endColumn: m.index + 1 + m[0].length,
        code: "gateway-not-velocity",
      });
    }
  });
  return out;
}

export function sortDiagnostics(list: EditorDiagnostic[]): EditorDiagnostic[] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return [...list].sort((a, b) => a.line - b.line || a.column - b.column || rank[a.severity] - rank[b.severity]);
}

/** Everything the editor shows under a template, sorted by position. */
export function diagnose(template: string, options: DiagnoseOptions = {}): EditorDiagnostic[] {
  if (options.mode === "substitution") return substitutionDiagnostics(template);
  return sortDiagnostics(parseDiagnostics(template));
}
