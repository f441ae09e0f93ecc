/**
 * What a mapping template can reference, with one-line docs: the single source for the
 * editor's completion and hover and for the linter's "unknown function" checks.
 * Sources: the API Gateway developer guide's mapping-template and `$context` references
 * (summarised in shared/reference/aws-api-gateway.md §3).
 */

export type CatalogKind = "variable" | "property" | "method" | "directive";

export interface CatalogEntry {
  /** Dotted path without the `$`: `input.json`, `context.identity.sourceIp`. Directives: `#foreach`. */
  path: string;
  kind: CatalogKind;
  /** What the editor inserts / shows, e.g. `$input.json(path)`. */
  signature: string;
  /** One line. */
  doc: string;
  /** For methods: how many arguments each accepted overload takes. */
  arity?: number[];
  /** A placeholder segment (`{name}`) stands for any key, e.g. `context.authorizer.claims.{name}`. */
  placeholder?: boolean;
  /** `$context` fields that exist only in access-log formats, not in mapping templates. */
  accessLogOnly?: boolean;
}

const v = (path: string, signature: string, doc: string): CatalogEntry => ({ path, kind: "variable", signature, doc });
const p = (path: string, doc: string, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  path,
  kind: "property",
  signature: "$" + path,
  doc,
  ...(path.includes("{") ? { placeholder: true } : {}),
  ...extra,
});
const m = (path: string, signature: string, doc: string, arity: number[]): CatalogEntry => ({ path, kind: "method", signature, doc, arity });
const d = (name: string, signature: string, doc: string): CatalogEntry => ({ path: "#" + name, kind: "directive", signature, doc });

export const INPUT_ENTRIES: CatalogEntry[] = [
  v("input", "$input", "The request (or integration response) payload and parameters."),
  p("input.body", "The raw payload as a string; `{}` when the body is empty."),
  m(
    "input.json",
    "$input.json(path)",
    'Evaluates a JSONPath on the payload and returns JSON text (strings keep their quotes): embed without extra quotes. A path the payload does not have gives `""`.',
    [1],
  ),
  m(
    "input.path",
    "$input.path(path)",
    'Evaluates a JSONPath on the payload and returns an object (Map/List/String/number) usable with .size(), #foreach, $x.field. A path the payload does not have gives an empty string (== "" is true); a JSON null gives null.',
    [1],
  ),
  m(
    "input.params",
    "$input.params() / $input.params(name)",
    'No argument: a map {path, querystring, header}. With a name: that parameter from path, then querystring, then header ("" if absent).',
    [0, 1],
  ),
];

export const UTIL_ENTRIES: CatalogEntry[] = [
  v("util", "$util", "API Gateway's helper functions."),
  m(
    "util.escapeJavaScript",
    "$util.escapeJavaScript(string)",
    "Escapes with JavaScript string rules; turns ' into \\' (invalid in JSON: append .replaceAll(\"\\\\'\",\"'\") inside JSON strings).",
    [1],
  ),
  m("util.parseJson", "$util.parseJson(string)", "Parses a JSON string into an object (Map/List/value) you can navigate.", [1]),
  m("util.urlEncode", "$util.urlEncode(string)", "Encodes as application/x-www-form-urlencoded (UTF-8; space becomes +).", [1]),
  m("util.urlDecode", "$util.urlDecode(string)", "Decodes application/x-www-form-urlencoded text (UTF-8; + becomes space).", [1]),
  m("util.base64Encode", "$util.base64Encode(string)", "Base64-encodes the UTF-8 bytes of a string.", [1]),
  m("util.base64Decode", "$util.base64Decode(string)", "Decodes base64 to a UTF-8 string.", [1]),
];

export const STAGE_VARIABLE_ENTRIES: CatalogEntry[] = [
  v(
    "stageVariables",
    "$stageVariables",
    "The deployment stage's variables: $stageVariables.name or $stageVariables['name'] (also ${stageVariables.name} in integration URIs).",
  ),
  p("stageVariables.{name}", "A stage variable's value (a string); empty when the stage does not define it."),
];

/** Every `$context` field the developer guide documents. */
export const CONTEXT_ENTRIES: CatalogEntry[] = [
  v("context", "$context", "Request context: identity, authorizer output, ids, stage, time, and the request/response overrides."),
  p("context.accountId", "The AWS account ID of the API owner."),
  p("context.apiId", "The identifier API Gateway assigns to your API."),
  p("context.authorizer", "The authorizer's output (Lambda authorizer context or Cognito claims)."),
  p("context.authorizer.claims", "Cognito user pool claims (null on its own; read a claim with .claims.name)."),
  p("context.authorizer.claims.{name}", "A claim of the Cognito user pool token, e.g. $context.authorizer.claims.sub."),
  p("context.authorizer.principalId", "The principal identifier returned by a Lambda authorizer."),
  p("context.authorizer.{name}", "A value of the Lambda authorizer's context map (always a string)."),
  p("context.awsEndpointRequestId", "The AWS endpoint's request ID."),
  p("context.domainName", "The full domain name used to invoke the API."),
  p("context.domainPrefix", "The first label of $context.domainName."),
  p("context.error", "The gateway error (in gateway responses)."),
  p("context.error.message", "A string containing an API Gateway error message (unescaped)."),
  p("context.error.messageString", 'The quoted value of $context.error.message, i.e. "$context.error.message".'),
  p("context.error.responseType", "The gateway response type, e.g. DEFAULT_4XX."),
  p("context.error.validationErrorString", "A detailed request-validation error message."),
  p("context.extendedRequestId", "The extended ID API Gateway generates and assigns to the request."),
  p("context.httpMethod", "The HTTP method used: DELETE, GET, HEAD, OPTIONS, PATCH, POST or PUT."),
  p("context.identity", "The caller's identity."),
  p("context.identity.accountId", "The AWS account ID associated with the request (IAM auth)."),
  p("context.identity.apiKey", "The API key of a key-required method (API owner's requests only)."),
  p("context.identity.apiKeyId", "The API key ID of a key-required method."),
  p("context.identity.caller", "The principal identifier of the caller that signed the request (IAM auth)."),
  p("context.identity.cognitoAuthenticationProvider", "Comma-separated Cognito authentication providers of the caller (Cognito identity pool credentials)."),
  p("context.identity.cognitoAuthenticationType", "The Cognito authentication type: authenticated or unauthenticated."),
  p("context.identity.cognitoIdentityId", "The Cognito identity ID of the caller."),
  p("context.identity.cognitoIdentityPoolId", "The Cognito identity pool ID of the caller."),
  p("context.identity.principalOrgId", "The AWS organization ID (IAM auth)."),
  p("context.identity.sourceIp", "The source IP address of the immediate TCP connection making the request."),
  p("context.identity.clientCert", "The client certificate (mutual TLS)."),
  p("context.identity.clientCert.clientCertPem", "The PEM-encoded client certificate presented during mutual TLS."),
  p("context.identity.clientCert.subjectDN", "The distinguished name of the subject of the client certificate."),
  p("context.identity.clientCert.issuerDN", "The distinguished name of the issuer of the client certificate."),
  p("context.identity.clientCert.serialNumber", "The serial number of the client certificate."),
  p("context.identity.clientCert.validity.notBefore", "The date before which the client certificate is invalid."),
  p("context.identity.clientCert.validity.notAfter", "The date after which the client certificate is invalid."),
  p("context.identity.user", "The principal identifier of the user authorized for resource access (IAM auth)."),
  p("context.identity.userAgent", "The User-Agent header of the caller."),
  p("context.identity.userArn", "The ARN of the effective user identified after authentication."),
  p("context.isCanaryRequest", "true when the request went to the canary (in common use; not on the current reference page)."),
  p("context.path", "The request path including the stage, e.g. /{stage}/root/child."),
  p("context.protocol", "The request protocol, e.g. HTTP/1.1."),
  p("context.requestId", "An ID for the request (also in the x-amzn-RequestId response header)."),
  p("context.requestOverride", "Overrides of the integration request; each parameter can be set once."),
  p("context.requestOverride.header.{name}", "Sets a request header sent to the integration: #set($context.requestOverride.header.name = ...)."),
  p("context.requestOverride.path.{name}", "Sets a path parameter of the integration request."),
  p("context.requestOverride.querystring.{name}", "Sets a query string parameter of the integration request."),
  p("context.responseOverride", "Overrides of the method response; each parameter can be set once."),
  p("context.responseOverride.header.{name}", "Sets a response header: #set($context.responseOverride.header.name = ...)."),
  p("context.responseOverride.status", "Sets the response status code: #set($context.responseOverride.status = 400)."),
  p("context.requestTime", "The request time in CLF format (dd/MMM/yyyy:HH:mm:ss +-hhmm)."),
  p("context.requestTimeEpoch", "The request time in epoch milliseconds."),
  p("context.resourceId", "The identifier API Gateway assigns to your resource."),
  p("context.resourcePath", "The path to your resource, e.g. /root/child."),
  p("context.stage", "The deployment stage of the request (null in test invoke)."),
  p("context.wafResponseCode", "The response received from AWS WAF: WAF_ALLOW or WAF_BLOCK."),
  p("context.webaclArn", "The ARN of the web ACL that decides whether to allow or block the request."),
  // Access logging only (not available to mapping templates).
  p("context.authorize.error", "Authorization error message (access logs only).", { accessLogOnly: true }),
  p("context.authorize.latency", "Authorization latency in ms (access logs only).", { accessLogOnly: true }),
  p("context.authorize.status", "Status code returned from an authorization attempt (access logs only).", { accessLogOnly: true }),
  p("context.authorizer.error", "Error message returned from an authorizer (access logs only).", { accessLogOnly: true }),
  p("context.authorizer.integrationLatency", "Authorizer (Lambda) latency in ms (access logs only).", { accessLogOnly: true }),
  p("context.authorizer.integrationStatus", "Status code returned from a Lambda authorizer (access logs only).", { accessLogOnly: true }),
  p("context.authorizer.latency", "Authorizer latency in ms (access logs only).", { accessLogOnly: true }),
  p("context.authorizer.requestId", "The AWS endpoint's request ID of the authorizer (access logs only).", { accessLogOnly: true }),
  p("context.authorizer.status", "Status code returned from an authorizer (access logs only).", { accessLogOnly: true }),
  p("context.authenticate.error", "Authentication error message (access logs only).", { accessLogOnly: true }),
  p("context.authenticate.latency", "Authentication latency in ms (access logs only).", { accessLogOnly: true }),
  p("context.authenticate.status", "Status code returned from an authentication attempt (access logs only).", { accessLogOnly: true }),
  p("context.customDomain.basePathMatched", "The base path mapping the request matched (access logs only).", { accessLogOnly: true }),
  p("context.integration.error", "The error message returned from an integration (access logs only).", { accessLogOnly: true }),
  p("context.integration.integrationStatus", "For Lambda proxy, the status code from the Lambda service (access logs only).", { accessLogOnly: true }),
  p("context.integration.latency", "Integration latency in ms (access logs only).", { accessLogOnly: true }),
  p("context.integration.requestId", "The AWS endpoint's request ID of the integration (access logs only).", { accessLogOnly: true }),
  p("context.integration.status", "Status code returned from an integration (access logs only).", { accessLogOnly: true }),
  p("context.integrationLatency", "Integration latency in ms (access logs only).", { accessLogOnly: true }),
  p("context.integrationStatus", "Status code returned from an integration (access logs only).", { accessLogOnly: true }),
  p("context.responseLatency", "Response latency in ms (access logs only).", { accessLogOnly: true }),
  p("context.responseLength", "The response payload length in bytes (access logs only).", { accessLogOnly: true }),
  p("context.status", "The method response status (access logs only).", { accessLogOnly: true }),
  p("context.waf.error", "The error message returned from AWS WAF (access logs only).", { accessLogOnly: true }),
  p("context.waf.latency", "AWS WAF latency in ms (access logs only).", { accessLogOnly: true }),
  p("context.waf.status", "Status code returned from AWS WAF (access logs only).", { accessLogOnly: true }),
  p("context.xrayTraceId", "The X-Ray trace ID (access logs only).", { accessLogOnly: true }),
];

export const DIRECTIVE_ENTRIES: CatalogEntry[] = [
  d("set", "#set($name = value)", "Assigns a variable (a null right side leaves it unchanged)."),
  d("if", "#if(condition) … #elseif(condition) … #else … #end", "Conditional output; null and false are false."),
  d("elseif", "#elseif(condition)", "Another branch of an #if."),
  d("else", "#else", "The fallback branch of an #if."),
  d("end", "#end", "Closes #if, #foreach, #macro, #define."),
  d(
    "foreach",
    "#foreach($item in $list) … #end",
    "Loops over a list or a map's values; $foreach.index, .count, .hasNext, .first, .last (at most 1,000 iterations on API Gateway).",
  ),
  d("break", "#break", "Leaves the innermost #foreach (or macro / #define)."),
  d("stop", "#stop", "Stops rendering; the output so far is the result."),
  d("macro", "#macro(name $arg …) … #end", "Defines a macro, called as #name(args)."),
  d("define", "#define($name) … #end", "Assigns a block of template to a reference, rendered when printed."),
  d("evaluate", "#evaluate(string)", "Renders a string as a template."),
  d("literal", "#literal() … #end", "Prints its body without evaluating it (also #[[ … ]]#)."),
];

/** Everything, in one list. */
export const TEMPLATE_CATALOG: CatalogEntry[] = [...INPUT_ENTRIES, ...UTIL_ENTRIES, ...STAGE_VARIABLE_ENTRIES, ...CONTEXT_ENTRIES, ...DIRECTIVE_ENTRIES];

const byPath = new Map(TEMPLATE_CATALOG.map((e) => [e.path, e]));

function placeholderMatch(entry: string, path: string[]): boolean {
  const segs = entry.split(".");
  return segs.length === path.length && segs.every((s, i) => s === path[i] || (s.startsWith("{") && s.endsWith("}")));
}

/**
 * Hover: the entry for a dotted path (`context.identity.sourceIp`, `util.escapeJavaScript`,
 * `#foreach`), including placeholder entries (`context.authorizer.claims.sub`).
 */
export function lookupCatalog(path: string): CatalogEntry | undefined {
  const exact = byPath.get(path);
  if (exact) return exact;
  const segs = path.split(".");
  return TEMPLATE_CATALOG.find((e) => e.placeholder && placeholderMatch(e.path, segs));
}

/**
 * Completion: the entries directly below `parent` (`""` for the top-level variables, `"input"`,
 * `"context.identity"`, `"#"` for directives). Placeholder entries are included so the editor
 * can show "any name" hints; access-log-only `$context` fields are left out unless asked for.
 */
export function catalogChildren(parent: string, options: { includeAccessLogOnly?: boolean } = {}): CatalogEntry[] {
  if (parent === "#") return DIRECTIVE_ENTRIES;
  const depth = parent === "" ? 1 : parent.split(".").length + 1;
  return TEMPLATE_CATALOG.filter((e) => {
    if (e.kind === "directive") return false;
    if (e.accessLogOnly && !options.includeAccessLogOnly) return false;
    const segs = e.path.split(".");
    if (segs.length !== depth) return false;
    return parent === "" || e.path.startsWith(parent + ".");
  });
}
