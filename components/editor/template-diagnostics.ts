/**
 * Diagnostics for the template editor: the engine's (lib/template `diagnoseTemplate`: the parse
 * error, else the lints for AWS traps) in VTL mode; for gateway responses (substitution only, no
 * Velocity) a note on references AWS will send through untouched. Pure; unit-tested in test/editor.
 */
import { diagnoseTemplate, type Diagnostic } from "@/lib/template";

export type DiagnosticSeverity = Diagnostic["severity"];

/** lib/template's Diagnostic: 1-based positions, end exclusive. */
export type EditorDiagnostic = Diagnostic;

export interface DiagnoseOptions {
  contentType?: string;
  /** This API's stage variable names; undefined when the API has no stage (then not checked). */
  stageVariableNames?: string[];
  mode?: "vtl" | "substitution";
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
  return sortDiagnostics(diagnoseTemplate(template, { contentType: options.contentType, stageVariableNames: options.stageVariableNames }));
}
