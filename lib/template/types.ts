/**
 * The contract of the mapping-template engine (`renderTemplate` in ./render.ts).
 * Callers: the invoke pipeline, the CLI's `render`, the editor's live preview.
 */

/** Everything a template can see. Shaped as API Gateway exposes it to VTL. */
export interface TemplateInput {
  template: string;
  /** The raw payload; "" when there is none (AWS then shows `$input.body` as `{}`). */
  body: string;
  /** `$input.params()`: path, querystring and header maps. */
  params: {
    path: Record<string, string>;
    querystring: Record<string, string>;
    header: Record<string, string>;
  };
  /** `$context`: nested plain values, e.g. { requestId, httpMethod, identity: { sourceIp } }. */
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
}

/** Values a template set through `$context.requestOverride` / `$context.responseOverride`. */
export interface TemplateOverrides {
  responseStatus?: number;
  responseHeaders: Record<string, string>;
  requestHeaders: Record<string, string>;
  requestPath: Record<string, string>;
  requestQuerystring: Record<string, string>;
}

export interface TemplateResult {
  output: string;
  overrides: TemplateOverrides;
}

/**
 * A template that does not parse or fails while rendering; line/column are 1-based when known.
 * Parse errors also carry the end of the offending token (endLine/endColumn, exclusive).
 */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
    readonly endLine?: number,
    readonly endColumn?: number,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}
