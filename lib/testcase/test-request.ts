/** The Test panel's inputs read into the request the test invoke action takes (and a saved test case keeps). */
import { parseHeaderLines, parseNameValueLines, repeatedHeaders } from "./request-lines";

/** What the tester typed, as the panel holds it. */
export interface TestRequestText {
  path: string;
  /** With or without its leading `?`. */
  query: string;
  /** `Name: value` per line; a repeated name keeps every value. */
  headerText: string;
  /** `name=value` per line. */
  stageVariableText: string;
  body: string;
  bodyIsBase64: boolean;
}

export interface TestRequest {
  pathWithQueryString: string;
  headers: Record<string, string>;
  /** Repeated headers only, every value. */
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  isBase64Encoded?: boolean;
  stageVariables: Record<string, string>;
}

/** The request, or the header lines that could not be read. */
export function readTestRequest(text: TestRequestText): { ok: true; request: TestRequest } | { ok: false; error: string } {
  const { headers, multiValueHeaders, errors } = parseHeaderLines(text.headerText);
  if (errors.length) return { ok: false, error: errors.join("; ") };
  const repeated = repeatedHeaders(multiValueHeaders);
  const query = text.query.trim().replace(/^\?/, "");
  return {
    ok: true,
    request: {
      pathWithQueryString: query ? `${text.path}?${query}` : text.path,
      headers,
      ...(repeated ? { multiValueHeaders: repeated } : {}),
      body: text.body,
      ...(text.bodyIsBase64 ? { isBase64Encoded: true } : {}),
      stageVariables: parseNameValueLines(text.stageVariableText),
    },
  };
}

/** A stage's variables as the panel's `name=value` lines. */
export function variableLines(vars: Record<string, string>): string {
  return Object.entries(vars)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");
}

/** A request as sent from the panel: with the stage it went to (null: the draft) and that stage's variables. */
export interface SentRequest extends TestRequest {
  stage: string | null;
  stageDefaults: Record<string, string> | null;
}
