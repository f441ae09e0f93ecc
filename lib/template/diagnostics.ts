/** Everything the editor shows under a mapping template: the parse error, else the lints. */
import { type Diagnostic, type LintOptions, lintParsed } from "./lint";
import { parseTemplate, type Template } from "./parser";
import { TemplateError } from "./types";

/**
 * Parse errors (severity "error", code "parse", 1-based, end exclusive) followed by the lints of
 * ./lint. Velocity stops at the first parse error, so there is at most one.
 */
export function diagnoseTemplate(template: string, options: LintOptions = {}): Diagnostic[] {
  let parsed: Template;
  try {
    parsed = parseTemplate(template);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    const lines = template.split(/\r\n|\r|\n/);
    const line = Math.min(Math.max(e.line ?? lines.length, 1), lines.length);
    const column = Math.min(Math.max(e.column ?? 1, 1), lines[line - 1].length + 1);
    let endLine = e.endLine ?? line;
    let endColumn = e.endColumn ?? column + 1;
    if (endLine < line || (endLine === line && endColumn <= column)) {
      endLine = line;
      endColumn = column + 1;
    }
    return [{ severity: "error", code: "parse", message: e.message, line, column, endLine, endColumn }];
  }
  return lintParsed(template, parsed, options);
}
