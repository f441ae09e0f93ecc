/**
 * Public API of the mapping-template engine: `renderTemplate(input)` renders an API Gateway
 * mapping template as AWS does (Velocity 1.7 on Java). Parse and runtime failures throw
 * `TemplateError` with 1-based `line`/`column` when known.
 *
 * Runs in browsers as well as Node (no Node-only APIs). Parses are cached by template text.
 * The Velocity language itself is checked against Apache Velocity 1.7 (test/velocity).
 *
 * Also exported: `lintTemplate` / `diagnoseTemplate` (editor diagnostics for AWS traps) and the
 * `$input`/`$util`/`$context` catalog (`TEMPLATE_CATALOG`, `lookupCatalog`, `catalogChildren`)
 * for completion and hover.
 *
 * Known differences from AWS (unverifiable without TestInvokeMethod):
 * - `$input.json` / JSON-array printing do not escape `/` (json-smart's default would print `\/`).
 * - JSON decimals longer than 18 chars are Doubles, not BigDecimal (integers of any size stay exact).
 * - Java regexes run on RE2 (re2js, linear time: no input can make them backtrack; see
 *   ./java-regex.ts). Possessive quantifiers and atomic groups run as greedy/plain ones; no
 *   character-class intersections; backreferences, lookaround, `\G` and `\Z` are refused with a
 *   template error (and an editor diagnostic) instead of run. The syntax errors Java reports
 *   (dangling quantifiers, `{`, unclosed groups/classes) are raised as Java does.
 * - Every render has a budget (./budget.ts: 1,000,000 steps, 500 ms, 10 MB strings, 1,000,000-item
 *   collections); past it the render stops with a TemplateError, which the invoke pipeline
 *   answers as AWS answers a template failure (500, "Unable to transform …" in the log).
 * - JSONPath filters support ==, !=, <, <=, >, >=, =~, in, nin, size, empty, existence, &&, ||,
 *   ! and parentheses; Jayway's functions (length(), min(), …) are not supported.
 * - Macro arguments are passed by value (Velocity 1.7 passes them by name).
 * - Columns count a tab as one character (JavaCC counts tab stops of 8).
 * - Exceeding 1,000 `#foreach` iterations raises an error (Velocity alone would stop silently).
 * - `String[]` (from `split`) prints as `[Ljava.lang.String;@<hash>` with a deterministic hash.
 */
export { renderTemplate, MAX_TEMPLATE_BYTES, MAX_FOREACH_ITERATIONS } from "./render";
export { DEFAULT_RENDER_LIMITS, type RenderLimits } from "./budget";
export { TemplateError } from "./types";
export type { TemplateInput, TemplateOverrides, TemplateResult } from "./types";
export { escapeJavaScript, urlEncode, urlDecode, base64Encode, base64Decode } from "./escape";
export { parseTemplate } from "./parser";
export { lintTemplate, suggestName } from "./lint";
export type { Diagnostic, DiagnosticSeverity, LintOptions } from "./lint";
export { diagnoseTemplate } from "./diagnostics";
export { lintRegex } from "./regex-lint";
export type { RegexFinding } from "./regex-lint";
export {
  TEMPLATE_CATALOG,
  INPUT_ENTRIES,
  UTIL_ENTRIES,
  CONTEXT_ENTRIES,
  STAGE_VARIABLE_ENTRIES,
  DIRECTIVE_ENTRIES,
  lookupCatalog,
  catalogChildren,
} from "./catalog";
export type { CatalogEntry, CatalogKind } from "./catalog";
