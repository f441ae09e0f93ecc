/**
 * What the editor offers for completion and hover: API Gateway's `$input`, `$util`, `$context`
 * and `$stageVariables`, and the VTL directives. Pure (no Monaco); unit-tested in test/editor.
 */

export interface CatalogEntry {
  /** The reference as written without arguments: `$input.json`, `$context.identity.sourceIp`, `#foreach`. */
  key: string;
  /** Shown in the completion list: `$input.json(x)`. */
  label: string;
  /** Monaco snippet syntax (`$` escaped as `\$`). */
  insert: string;
  /** Markdown. */
  doc: string;
  kind: "function" | "property" | "directive" | "variable";
}

type Raw = [label: string, insert: string, doc: string];

const INPUT: Raw[] = [
  ["$input.body", "\\$input.body", "The raw payload as a string. When there is no payload AWS shows `{}`."],
  ["$input.json(x)", "\\$input.json('\\$${1}')", "JSONPath `x` evaluated on the payload, **as a JSON string** (ready to print). Do not wrap it in quotes: `\"$input.json('$.a')\"` prints a quoted JSON value inside quotes."],
  ["$input.path(x)", "\\$input.path('\\$${1}')", "JSONPath `x` evaluated on the payload, **as an object** (Map, List, String, number) to use in `#foreach`, `#if` or `.size()`."],
  ["$input.params()", "\\$input.params()", "Map of all request parameters: `path`, `querystring` and `header` maps."],
  ["$input.params(x)", "\\$input.params('${1}')", "The value of parameter `x`, searched in path, then querystring, then header."],
];

const UTIL: Raw[] = [
  ["$util.escapeJavaScript(s)", "\\$util.escapeJavaScript(${1})", "Escapes `s` with JavaScript string rules. Note: `'` becomes `\\'`, which is **not valid JSON** inside a JSON string; chain `.replaceAll(\"\\\\'\",\"'\")`."],
  ["$util.parseJson(s)", "\\$util.parseJson(${1})", "Parses the JSON string `s` into an object (Map, List, …)."],
  ["$util.urlEncode(s)", "\\$util.urlEncode(${1})", "`application/x-www-form-urlencoded` encoding of `s`."],
  ["$util.urlDecode(s)", "\\$util.urlDecode(${1})", "`application/x-www-form-urlencoded` decoding of `s`."],
  ["$util.base64Encode(s)", "\\$util.base64Encode(${1})", "Base64 of the UTF-8 bytes of `s`."],
  ["$util.base64Decode(s)", "\\$util.base64Decode(${1})", "Decodes Base64 `s` to a UTF-8 string."],
];

const CONTEXT_FIELDS: [string, string][] = [
  ["accountId", "The AWS account ID of the API owner."],
  ["apiId", "The identifier API Gateway assigns to the API."],
  ["authorizer.principalId", "The principal user identification returned by a Lambda authorizer."],
  ["authorizer.claims", "Claims from a Cognito user pool authorizer (`$context.authorizer.claims.email`)."],
  ["awsEndpointRequestId", "The AWS endpoint's request ID."],
  ["domainName", "The full domain name used to invoke the API."],
  ["domainPrefix", "The first label of the domain name."],
  ["error.message", "A gateway response's error message (gateway responses and error templates)."],
  ["error.messageString", "The quoted (JSON string) value of `$context.error.message`."],
  ["error.responseType", "The gateway response type, e.g. `MISSING_AUTHENTICATION_TOKEN`."],
  ["error.validationErrorString", "The detailed request validation error message."],
  ["extendedRequestId", "The extended request ID API Gateway generates."],
  ["httpMethod", "The HTTP method: DELETE, GET, HEAD, OPTIONS, PATCH, POST or PUT."],
  ["identity.sourceIp", "The source IP address of the TCP connection making the request."],
  ["identity.userAgent", "The User-Agent header of the caller."],
  ["identity.apiKey", "The API key used by a key-required method."],
  ["identity.caller", "The principal identifier of the signing caller (IAM authorization)."],
  ["identity.user", "The principal identifier of the authorized user (IAM authorization)."],
  ["identity.userArn", "The ARN of the authorized user."],
  ["path", "The request path, e.g. `/test/pets/1` (includes the stage)."],
  ["protocol", "The request protocol, e.g. `HTTP/1.1`."],
  ["requestId", "The request ID API Gateway assigns to the request."],
  ["requestTime", "The CLF-formatted request time (`dd/MMM/yyyy:HH:mm:ss +-hhmm`)."],
  ["requestTimeEpoch", "The request time in epoch milliseconds."],
  ["resourceId", "The identifier of the resource."],
  ["resourcePath", "The path to the resource, e.g. `/pets/{petId}`."],
  ["stage", "The deployment stage of the request, e.g. `prod`."],
  ["responseOverride.status", "Set in a response template to override the method response status code."],
  ["responseOverride.header.", "Set `$context.responseOverride.header.NAME` to override a response header."],
  ["requestOverride.header.", "Set `$context.requestOverride.header.NAME` to override a header sent to the integration."],
  ["requestOverride.path.", "Set `$context.requestOverride.path.NAME` to override a path parameter sent to the integration."],
  ["requestOverride.querystring.", "Set `$context.requestOverride.querystring.NAME` to override a query parameter sent to the integration."],
];

const DIRECTIVES: Raw[] = [
  ["#foreach", "#foreach(\\$${1:item} in \\$${2:list})\n${3}#if(\\$foreach.hasNext),#end\n#end", "Loop over a list or map keys. AWS stops templates at 1,000 iterations."],
  ["#if", "#if(${1})\n${2}\n#end", "Conditional; `#elseif` / `#else` optional, closed by `#end`."],
  ["#set", "#set(\\$${1:name} = ${2})", "Assignment. A null right-hand side leaves the variable unchanged (Velocity 1.7)."],
];

function keyOf(label: string): string {
  return label.replace(/\(.*$/, "").replace(/\.$/, "");
}

function entries(list: Raw[], kind: CatalogEntry["kind"]): CatalogEntry[] {
  return list.map(([label, insert, doc]) => ({ key: keyOf(label), label, insert, doc, kind }));
}

export const VTL_CATALOG: CatalogEntry[] = [
  ...entries(INPUT, "function"),
  ...entries(UTIL, "function"),
  ...CONTEXT_FIELDS.map(([f, doc]): CatalogEntry => ({ key: keyOf(`$context.${f}`), label: `$context.${f}`, insert: `\\$context.${f}`, doc, kind: "property" })),
  { key: "$stageVariables", label: "$stageVariables.", insert: "\\$stageVariables.${1}", doc: "A stage variable of the stage being invoked (`$stageVariables.name`).", kind: "variable" },
  ...entries(DIRECTIVES, "directive"),
];

/** `$stageVariables.<name>` entries for this API's stages. */
export function stageVariableEntries(names: string[]): CatalogEntry[] {
  return [...new Set(names)].sort().map((n) => ({
    key: `$stageVariables.${n}`,
    label: `$stageVariables.${n}`,
    insert: `\\$stageVariables.${n}`,
    doc: `Stage variable \`${n}\`, defined on at least one of this API's stages.`,
    kind: "variable",
  }));
}

/** What to offer: everything for VTL; only `$context` and `$stageVariables` for gateway responses (substitution only). */
export function completionEntries(mode: "vtl" | "substitution", stageVariableNames: string[]): CatalogEntry[] {
  const all = [...VTL_CATALOG, ...stageVariableEntries(stageVariableNames)];
  if (mode === "vtl") return all;
  return all.filter((e) => e.key.startsWith("$context.") || e.key.startsWith("$stageVariables"));
}

/** The `$reference` under a 1-based column of a line, without `!`/`{}`: `$input.json`, `$context.identity.sourceIp`. */
export function referenceAt(line: string, column: number): { text: string; start: number; end: number } | null {
  const re = /\$!?\{?([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*)\}?|#\{?(set|if|elseif|else|end|foreach)\b\}?/g;
  for (const m of line.matchAll(re)) {
    const start = m.index + 1;
    const end = start + m[0].length;
    if (column >= start && column <= end) return { text: m[1] !== undefined ? `$${m[1]}` : `#${m[2]}`, start, end };
  }
  return null;
}

/** Hover documentation for a reference: the longest catalog key it starts with. */
export function hoverDoc(reference: string, stageVariableNames: string[] = []): { title: string; doc: string } | null {
  const sv = /^\$stageVariables\.([\w-]+)/.exec(reference);
  if (sv && !stageVariableNames.includes(sv[1])) {
    return { title: `$stageVariables.${sv[1]}`, doc: `Stage variable \`${sv[1]}\` is not defined on any of this API's stages: it renders as an empty string.` };
  }
  const all = [...VTL_CATALOG, ...stageVariableEntries(stageVariableNames)];
  let best: CatalogEntry | undefined;
  for (const e of all) {
    if (reference === e.key || reference.startsWith(`${e.key}.`)) {
      if (!best || e.key.length > best.key.length) best = e;
    }
  }
  if (best) return { title: best.label, doc: best.doc };
  const m = /^\$(util|input)\.([\w-]+)/.exec(reference);
  if (m) return { title: `$${m[1]}.${m[2]}`, doc: `Not a \`$${m[1]}\` function API Gateway knows: AWS ignores it silently and prints the reference as written.` };
  return null;
}
