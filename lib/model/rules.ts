/** What API Gateway rejects, checked before anything is written. Each returns issues, never throws. */
import type { ApiDesign, Integration, IntegrationResponse, Method, MethodResponse, Resource } from "./design";
import { isLambdaUri } from "./lambda-uri";
import type { FieldIssue } from "../errors";
import { POSIX_CLASSES } from "../template/posix-classes";

export const MAX_RESOURCES_PER_API = 300;
export const MIN_INTEGRATION_TIMEOUT_MS = 50;
export const MAX_INTEGRATION_TIMEOUT_MS = 29_000;

// AWS (CreateResource's BadRequestException): "Resource's path part only allow a-zA-Z0-9._- and curly braces at the
// beginning and the end and an optional plus sign before the closing brace." So `orders!` or `v1:list` are refused.
const LITERAL_PART = /^[A-Za-z0-9._-]+$/;
const PARAM_PART = /^\{([A-Za-z0-9._-]+)(\+)?\}$/;

export function isParamPart(pathPart: string): boolean {
  return PARAM_PART.test(pathPart);
}

export function isGreedyPart(pathPart: string): boolean {
  return /\+\}$/.test(pathPart) && PARAM_PART.test(pathPart);
}

export function checkPathPart(design: ApiDesign, parentId: string, pathPart: string, selfId?: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const parent = design.resources.find((r) => r.id === parentId);
  if (!parent) return [{ field: "parentId", message: "Parent resource does not exist" }];
  if (!pathPart) return [{ field: "pathPart", message: "Path part is required" }];
  if (pathPart.includes("/")) return [{ field: "pathPart", message: "A path part is one segment: add each segment as its own resource, or no '/'" }];
  if (!LITERAL_PART.test(pathPart) && !PARAM_PART.test(pathPart)) {
    issues.push({
      field: "pathPart",
      message: "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
    });
    return issues;
  }
  if (isGreedyPart(parent.pathPart)) {
    issues.push({ field: "parentId", message: `A greedy path variable ${parent.pathPart} must be the last part of a path: it cannot have child resources` });
  }
  const siblings = design.resources.filter((r) => r.parentId === parentId && r.id !== selfId);
  if (siblings.some((s) => s.pathPart === pathPart)) {
    issues.push({ field: "pathPart", message: `Another resource with the same parent already has this name: ${pathPart}` });
  } else if (isParamPart(pathPart)) {
    const otherParam = siblings.find((s) => isParamPart(s.pathPart));
    if (otherParam) {
      issues.push({
        field: "pathPart",
        message: `A sibling ({${otherParam.pathPart.slice(1, -1)}}) of this resource already has a variable path part -- only one is allowed`,
      });
    }
  }
  if (!selfId && design.resources.length >= MAX_RESOURCES_PER_API) {
    issues.push({ field: "pathPart", message: `An API can have at most ${MAX_RESOURCES_PER_API} resources` });
  }
  return issues;
}

/** Java regex validity: the pattern is translated to JavaScript (see javaRegexToJs), then compiled. */
export function checkSelectionPattern(pattern: string | undefined, field: string): FieldIssue[] {
  if (pattern === undefined || pattern === "") return [];
  try {
    const { source, flags } = javaRegexToJs(pattern);
    new RegExp(source, flags);
    return [];
  } catch (e) {
    return [{ field, message: `Invalid selection pattern specified for integration response: ${(e as Error).message}` }];
  }
}

// Java's POSIX and java.lang.Character classes come from the template engine's Java-regex
// module (their contents read the same in JavaScript). Selection patterns are only checked here,
// never run, so Unicode categories and blocks are approximated (Latin letters) to tell a known
// property name from one Java refuses.
const PROPERTY_CLASSES: Record<string, string> = {
  ...POSIX_CLASSES,
  javaMirrored: "()<>\\[\\]{}",
  L: "A-Za-z\\u00C0-\\u024F",
  IsAlphabetic: "A-Za-z\\u00C0-\\u024F",
  IsLetter: "A-Za-z\\u00C0-\\u024F",
  Lu: "A-Z",
  Ll: "a-z",
  N: "0-9",
  Nd: "0-9",
  IsDigit: "0-9",
  P: "!-\\/:-@\\[-`{-~",
  IsPunctuation: "!-\\/:-@\\[-`{-~",
  IsWhite_Space: " \\t\\n\\x0B\\f\\r",
  IsLatin: "A-Za-z\\u00C0-\\u024F",
  InGreek: "\\u0370-\\u03FF",
};
// Letters Java accepts after a backslash; any other letter is "Illegal/unsupported escape sequence".
const JAVA_ESCAPE_LETTERS = new Set("tnrfaecdDsSwWbBAGZzQEpPhHvVRXkxuN".split(""));
// Escapes (outside a class) whose Java meaning JavaScript spells differently.
const JS_ESCAPES: Record<string, string> = {
  A: "^",
  Z: "$",
  z: "$",
  G: "",
  e: "\\x1B",
  a: "\\x07",
  h: "[ \\t\\xA0]",
  H: "[^ \\t\\xA0]",
  V: "[^\\n\\x0B\\f\\r]",
  R: "(?:\\r\\n|[\\n\\x0B\\f\\r\\x85])",
  X: "[\\s\\S]",
};

/** One pass over a Java pattern: `out` is the JavaScript source so far, `i` where Java would report an error. */
interface JsTranslation {
  readonly pattern: string;
  i: number;
  out: string;
  inClass: boolean;
}

function fail(t: JsTranslation, message: string): never {
  throw new Error(`${message} near index ${t.i}`);
}

/**
 * Translates a java.util.regex pattern (what API Gateway runs selection patterns with) into a
 * JavaScript RegExp source, refusing what Java refuses and JavaScript would let through:
 * possessive quantifiers (`a*+`) become greedy ones, atomic groups `(?>` plain groups,
 * `\p{Alpha}`-style classes their ranges, `\Q…\E` escaped text, `\A`/`\Z`/`\z` anchors, leading
 * inline flags `(?i)` RegExp flags; a `{` that is not a quantifier, an unknown letter escape or a
 * group name that is not a Java identifier throws, as Java's compiler does.
 */
export function javaRegexToJs(pattern: string): { source: string; flags: string } {
  const t: JsTranslation = { pattern, i: 0, out: "", inClass: false };
  let flags = "";
  const lead = /^\(\?([imsxu]+)\)/.exec(pattern);
  if (lead) {
    flags = [...new Set(lead[1].replace(/[xu]/g, "").split(""))].join("");
    t.i = lead[0].length;
  }
  while (t.i < pattern.length) {
    const c = pattern[t.i];
    if (c === "\\") translateEscape(t);
    else if (t.inClass) {
      if (c === "]" && !t.out.endsWith("[") && !t.out.endsWith("[^")) t.inClass = false;
      t.out += c;
      t.i++;
    } else if (c === "[") {
      t.inClass = true;
      t.out += c;
      t.i++;
    } else if (c === "+" && afterQuantifier(t.out)) {
      // Possessive quantifier: same matches as the greedy one for a selection pattern's purpose.
      t.i++;
    } else if (c === "{") translateRepetition(t);
    else if (!(c === "(" && pattern[t.i + 1] === "?" && translateSpecialGroup(t))) {
      t.out += c;
      t.i++;
    }
  }
  if (t.inClass) fail(t, "Unclosed character class");
  return { source: t.out, flags };
}

function afterQuantifier(out: string): boolean {
  return /(?:[*+?]|\{\d+(?:,\d*)?\})$/.test(out) && !/\\[*+?}]$/.test(out);
}

/** A backslash and what follows it: `\Q…\E`, a property class, or one escaped character. */
function translateEscape(t: JsTranslation): void {
  const n = t.pattern[t.i + 1];
  if (n === undefined) fail(t, "Unexpected internal error (trailing backslash)");
  if (n === "Q") {
    const end = t.pattern.indexOf("\\E", t.i + 2);
    const literal = t.pattern.slice(t.i + 2, end === -1 ? undefined : end);
    t.out += literal.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
    t.i = end === -1 ? t.pattern.length : end + 2;
    return;
  }
  if (n === "p" || n === "P") return translateProperty(t, n);
  if (/[A-Za-z]/.test(n) && !JAVA_ESCAPE_LETTERS.has(n)) fail(t, `Illegal/unsupported escape sequence \\${n}`);
  if (!t.inClass && JS_ESCAPES[n] !== undefined) t.out += JS_ESCAPES[n];
  else if (n === "k" && !/^<[A-Za-z][A-Za-z0-9]*>/.test(t.pattern.slice(t.i + 2))) fail(t, "\\k is not followed by '<' for named capturing group");
  else t.out += `\\${n}`;
  t.i += 2;
}

/** `\p{Alpha}`, `\pL`, `\P{Digit}`: the class's ranges (inside a class, its contents). */
function translateProperty(t: JsTranslation, n: "p" | "P"): void {
  const m = /^\{(\w+)\}/.exec(t.pattern.slice(t.i + 2)) ?? /^(\w)/.exec(t.pattern.slice(t.i + 2));
  if (!m) fail(t, "Illegal character property");
  const name = m[1].replace(/^Is(?=Lower|Upper|Alpha|Digit|Alnum|Punct|Space)/, "");
  const body = PROPERTY_CLASSES[name];
  if (body === undefined) fail(t, `Unknown character property name {${m[1]}}`);
  t.out += t.inClass ? (n === "p" ? body : fail(t, "Negated property inside a class is not supported")) : `[${n === "P" ? "^" : ""}${body}]`;
  t.i += 2 + m[0].length;
}

/** `{n}`, `{n,}`, `{n,m}` after something to repeat; any other `{` is Java's "Illegal repetition". */
function translateRepetition(t: JsTranslation): void {
  const m = /^\{(\d+)(,(\d*))?\}/.exec(t.pattern.slice(t.i));
  if (!m || t.out === "" || /[(|]$/.test(t.out)) fail(t, "Illegal repetition");
  t.out += m[0];
  t.i += m[0].length;
}

/** `(?>` atomic, `(?<name>` named and `(?i)`/`(?i:` flag groups; false for any other `(?` (copied as is). */
function translateSpecialGroup(t: JsTranslation): boolean {
  const rest = t.pattern.slice(t.i + 2);
  if (rest.startsWith(">")) {
    t.out += "(?:";
    t.i += 3;
    return true;
  }
  const named = /^<([^=!>][^>]*)>/.exec(rest);
  if (named) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(named[1])) fail(t, `named capturing group name ${named[1]} is not a letter followed by letters and digits`);
    t.out += `(?<${named[1]}>`;
    t.i += 2 + named[0].length;
    return true;
  }
  const inline = /^([imsxu-]+)(\)|:)/.exec(rest);
  if (inline) {
    // Scoped or mid-pattern flags: JavaScript has no equivalent; the group keeps its syntax.
    t.out += inline[2] === ")" ? "" : "(?:";
    t.i += 2 + inline[0].length;
    return true;
  }
  return false;
}

export function checkIntegration(integration: Integration, field = "integration"): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const t = integration.timeoutInMillis;
  if (t < MIN_INTEGRATION_TIMEOUT_MS || t > MAX_INTEGRATION_TIMEOUT_MS) {
    issues.push({
      field: `${field}.timeoutInMillis`,
      message: `Timeout must be between ${MIN_INTEGRATION_TIMEOUT_MS} ms and ${MAX_INTEGRATION_TIMEOUT_MS} ms`,
    });
  }
  if (integration.type !== "MOCK") {
    if (!integration.uri) issues.push({ field: `${field}.uri`, message: "Enter an endpoint URL" });
    if (!integration.httpMethod) issues.push({ field: `${field}.httpMethod`, message: "Enter the backend's HTTP method" });
  }
  if ((integration.type === "HTTP" || integration.type === "HTTP_PROXY") && integration.uri) {
    if (!/^https?:\/\/[^\s]+$/.test(integration.uri)) {
      issues.push({ field: `${field}.uri`, message: "Invalid HTTP endpoint specified for URI" });
    }
  }
  if ((integration.type === "AWS" || integration.type === "AWS_PROXY") && isLambdaUri(integration.uri)) {
    if (integration.httpMethod !== "POST") {
      issues.push({ field: `${field}.httpMethod`, message: "A Lambda integration must use POST as the backend method" });
    }
  }
  for (const [status, r] of Object.entries(integration.integrationResponses)) {
    issues.push(...checkIntegrationResponse(r, `${field}.integrationResponses.${status}`));
  }
  const defaults = Object.values(integration.integrationResponses).filter((r) => !r.selectionPattern);
  if (defaults.length > 1) {
    issues.push({ field: `${field}.integrationResponses`, message: "Only one integration response can be the default (no selection pattern)" });
  }
  return issues;
}

export function checkIntegrationResponse(r: IntegrationResponse, field: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!/^[1-5]\d\d$/.test(r.statusCode)) issues.push({ field: `${field}.statusCode`, message: "Status code must be a 3-digit HTTP status (100-599)" });
  issues.push(...checkSelectionPattern(r.selectionPattern, `${field}.selectionPattern`));
  return issues;
}

export function checkStatusCode(statusCode: string, field: string): FieldIssue[] {
  return /^[1-5]\d\d$/.test(statusCode) ? [] : [{ field, message: "Status code must be a 3-digit HTTP status (100-599)" }];
}

export function checkApiName(name: string): FieldIssue[] {
  if (!name.trim()) return [{ field: "name", message: "Name is required" }];
  if (name.length > 1024) return [{ field: "name", message: "Name must be at most 1024 characters" }];
  return [];
}

export function resourceLabel(r: Resource): string {
  return r.pathPart || "/";
}

// ---------------------------------------------------------------------------------------------
// API settings

export const MAX_MINIMUM_COMPRESSION_SIZE = 10_485_760;
const TOKEN = "[A-Za-z0-9!#$&^_.+-]+";
const MEDIA_TYPE = new RegExp(`^(?:\\*/\\*|${TOKEN}/\\*|${TOKEN}/${TOKEN})$`);

/** A media type `type/subtype`, with AWS's wildcards `*\/*` and `image/*`. */
export function checkMediaType(value: string, field: string): FieldIssue[] {
  if (!value.trim()) return [{ field, message: "Enter a media type such as image/png" }];
  return MEDIA_TYPE.test(value.trim()) ? [] : [{ field, message: `${value} is not a media type: use type/subtype, such as image/png, image/* or */*` }];
}

export interface ApiSettingsInput {
  name?: string;
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number | null;
  policy?: string | null;
}

/** What CreateRestApi/UpdateRestApi would refuse in the API's own settings. */
export function checkApiSettings(input: ApiSettingsInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.name !== undefined) issues.push(...checkApiName(input.name));
  const seen = new Set<string>();
  (input.binaryMediaTypes ?? []).forEach((t, i) => {
    const field = `binaryMediaTypes.${i}`;
    const found = checkMediaType(t, field);
    issues.push(...found);
    if (!found.length && seen.has(t.trim())) issues.push({ field, message: `${t} is listed twice` });
    seen.add(t.trim());
  });
  const size = input.minimumCompressionSize;
  if (size !== undefined && size !== null && (!Number.isInteger(size) || size < 0 || size > MAX_MINIMUM_COMPRESSION_SIZE)) {
    issues.push({
      field: "minimumCompressionSize",
      message: `Minimum compression size must be a whole number of bytes from 0 to ${MAX_MINIMUM_COMPRESSION_SIZE}, or empty to turn compression off`,
    });
  }
  if (input.policy) {
    try {
      const parsed = JSON.parse(input.policy);
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
        issues.push({ field: "policy", message: 'A resource policy is a JSON object ({"Version": …, "Statement": […]})' });
      else if (!Array.isArray(parsed.Statement) && (typeof parsed.Statement !== "object" || parsed.Statement === null))
        issues.push({ field: "policy", message: "A resource policy needs a Statement" });
    } catch (e) {
      issues.push({ field: "policy", message: `Resource policy is not valid JSON: ${(e as Error).message}` });
    }
  }
  return issues;
}

/** Advice that does not block a save: settings AWS accepts but that rarely do what was meant. */
export function apiSettingsWarnings(design: Pick<ApiDesign, "endpointType" | "policy" | "disableExecuteApiEndpoint">): FieldIssue[] {
  const warnings: FieldIssue[] = [];
  if (design.endpointType === "PRIVATE" && !design.policy) {
    warnings.push({
      field: "policy",
      message: "A PRIVATE API answers nobody until a resource policy allows its VPC endpoints (aws:SourceVpce): add one before deploying.",
    });
  }
  if (design.disableExecuteApiEndpoint && design.endpointType !== "PRIVATE") {
    warnings.push({
      field: "disableExecuteApiEndpoint",
      message: "With the default endpoint disabled, clients can call this API only through a custom domain name.",
    });
  }
  return warnings;
}

// ---------------------------------------------------------------------------------------------
// Method request

export const BUILT_IN_MODELS = ["Empty", "Error"] as const;
const PARAM_LOCATION = "(path|querystring|header|multivaluequerystring|multivalueheader)";
const METHOD_PARAM = new RegExp(`^method\\.request\\.${PARAM_LOCATION}\\.([^\\s]+)$`);

/** `{id}` and `{proxy+}` names along a full resource path. */
export function pathParameterNames(path: string): string[] {
  return path.split("/").flatMap((part) => {
    const m = PARAM_PART.exec(part);
    return m ? [m[1]] : [];
  });
}

type MethodRequest = Pick<Method, "authorizationType" | "authorizerId" | "authorizationScopes" | "requestParameters" | "requestModels" | "requestValidatorId">;

/** A method request against the design it lives in: authorizer, validator, models and parameters must exist. */
export function checkMethodRequest(
  design: Pick<ApiDesign, "authorizers" | "requestValidators" | "models">,
  path: string,
  method: MethodRequest,
  field = "method",
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { authorizationType: auth } = method;
  if (auth === "CUSTOM" || auth === "COGNITO_USER_POOLS") {
    const authorizer = method.authorizerId ? design.authorizers.find((a) => a.id === method.authorizerId) : undefined;
    const wanted = auth === "CUSTOM" ? "a Lambda (TOKEN or REQUEST)" : "a COGNITO_USER_POOLS";
    if (!method.authorizerId) issues.push({ field: `${field}.authorizerId`, message: `Choose ${wanted} authorizer for ${auth} authorization` });
    else if (!authorizer) issues.push({ field: `${field}.authorizerId`, message: "Invalid authorizer ID specified: no such authorizer in this API" });
    else if ((auth === "CUSTOM") !== (authorizer.type !== "COGNITO_USER_POOLS")) {
      issues.push({
        field: `${field}.authorizerId`,
        message: `Authorizer ${authorizer.name} is ${authorizer.type}: ${auth} authorization needs ${wanted} authorizer`,
      });
    }
  } else if (method.authorizerId) {
    issues.push({ field: `${field}.authorizerId`, message: `An authorizer is used only with CUSTOM or COGNITO_USER_POOLS authorization, not ${auth}` });
  }
  if (method.authorizationScopes.length && auth !== "COGNITO_USER_POOLS") {
    issues.push({ field: `${field}.authorizationScopes`, message: "Authorization scopes apply only to COGNITO_USER_POOLS authorization" });
  }
  method.authorizationScopes.forEach((s, i) => {
    if (!/^\S+$/.test(s)) issues.push({ field: `${field}.authorizationScopes.${i}`, message: "A scope is one word without spaces, such as pets/read" });
  });
  if (method.requestValidatorId && !design.requestValidators.some((v) => v.id === method.requestValidatorId)) {
    issues.push({ field: `${field}.requestValidatorId`, message: "Invalid Request Validator identifier specified" });
  }
  for (const [ct, modelName] of Object.entries(method.requestModels)) {
    issues.push(...checkMediaType(ct, `${field}.requestModels.${ct}`).map((i) => ({ ...i, message: `Content type: ${i.message}` })));
    if (!BUILT_IN_MODELS.includes(modelName as never) && !design.models.some((m) => m.name === modelName)) {
      issues.push({
        field: `${field}.requestModels.${ct}`,
        message: `Invalid model identifier specified: ${modelName} (not a model of this API, nor Empty or Error)`,
      });
    }
  }
  const params = pathParameterNames(path);
  for (const key of Object.keys(method.requestParameters)) {
    const m = METHOD_PARAM.exec(key);
    if (!m) {
      issues.push({ field: `${field}.requestParameters.${key}`, message: "Parameter names look like method.request.{path|querystring|header}.NAME" });
    } else if (m[1] === "path" && !params.includes(m[2])) {
      issues.push({ field: `${field}.requestParameters.${key}`, message: `Path parameter ${m[2]} is not in the resource path ${path}` });
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Integration request, against its method

const INTEGRATION_TARGET = new RegExp(`^integration\\.request\\.${PARAM_LOCATION}\\.([^\\s]+)$`);
const STATIC_VALUE = /^'[^']*'$/;
const ROLE_ARN = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}|\*):(role|user)\/[\w+=,.@/*-]+$/;

/** Is `source` something API Gateway can map from in a request parameter mapping? */
export function checkMappingSource(source: string, method: Pick<Method, "requestParameters">, field: string): FieldIssue[] {
  const s = source.trim();
  if (STATIC_VALUE.test(s)) return [];
  if (/^stageVariables\.[A-Za-z0-9_]+$/.test(s) || /^context\.[A-Za-z0-9_.]+$/.test(s)) return [];
  if (s === "method.request.body" || /^method\.request\.body\.\S+$/.test(s)) return [];
  const m = METHOD_PARAM.exec(s);
  if (m) {
    if (!(s in method.requestParameters)) {
      return [
        { field, message: `Invalid mapping expression specified: ${s} is not a request parameter of this method; declare it in the method request first` },
      ];
    }
    return [];
  }
  return [
    {
      field,
      message: `Invalid mapping expression specified: ${s}. Use method.request.{path|querystring|header}.NAME, 'static value', stageVariables.NAME or context.NAME`,
    },
  ];
}

/** Integration fields that depend on the method: mappings, cache keys, connection, credentials, Lambda. */
export function checkIntegrationForMethod(integration: Integration, method: Pick<Method, "requestParameters">, field = "integration"): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [target, source] of Object.entries(integration.requestParameters)) {
    const f = `${field}.requestParameters.${target}`;
    if (!INTEGRATION_TARGET.test(target)) issues.push({ field: f, message: "Mapping targets look like integration.request.{path|querystring|header}.NAME" });
    else issues.push(...checkMappingSource(source, method, f));
  }
  integration.cacheKeyParameters.forEach((key, i) => {
    if (!(key in method.requestParameters) && !(key in integration.requestParameters)) {
      issues.push({
        field: `${field}.cacheKeyParameters.${i}`,
        message: `Cache key ${key} is neither a method request parameter nor a mapped integration parameter`,
      });
    }
  });
  if (integration.connectionType === "VPC_LINK") {
    if (integration.type !== "HTTP" && integration.type !== "HTTP_PROXY")
      issues.push({ field: `${field}.connectionType`, message: "A VPC link connects HTTP and HTTP_PROXY integrations only" });
    if (!integration.connectionId?.trim()) issues.push({ field: `${field}.connectionId`, message: "Enter the VPC link id (or ${stageVariables.vpcLinkId})" });
  } else if (integration.connectionId) {
    issues.push({ field: `${field}.connectionId`, message: "A VPC link id needs connection type VPC_LINK" });
  }
  if (integration.credentials && !ROLE_ARN.test(integration.credentials.trim())) {
    issues.push({
      field: `${field}.credentials`,
      message: "Credentials are an IAM role ARN (arn:aws:iam::123456789012:role/name), or arn:aws:iam::*:user/* to pass the caller's",
    });
  }
  if (integration.type === "AWS" || integration.type === "AWS_PROXY") {
    if (
      integration.uri &&
      !/^arn:(aws|aws-cn|aws-us-gov):apigateway:([a-z0-9-]+|\$\{stageVariables\.\w+\}):[a-z0-9.-]+:(path|action)\/\S+$/.test(integration.uri.trim())
    ) {
      issues.push({ field: `${field}.uri`, message: "AWS integration URIs look like arn:aws:apigateway:{region}:{service}:path|action/…" });
    }
    if (integration.type === "AWS_PROXY" && integration.uri && !/:lambda:path\//.test(integration.uri)) {
      issues.push({ field: `${field}.uri`, message: "AWS_PROXY integrations invoke a Lambda function: give its function ARN" });
    }
  }
  return issues;
}

// ---------------------------------------------------------------------------------------------
// Method and integration responses

const RESPONSE_HEADER = /^method\.response\.header\.[^\s]+$/;

export function checkMethodResponse(design: Pick<ApiDesign, "models">, response: MethodResponse, field = "methodResponse"): FieldIssue[] {
  const issues = checkStatusCode(response.statusCode, `${field}.statusCode`);
  for (const key of Object.keys(response.responseParameters)) {
    if (!RESPONSE_HEADER.test(key))
      issues.push({ field: `${field}.responseParameters.${key}`, message: "Response headers look like method.response.header.NAME" });
  }
  for (const [ct, modelName] of Object.entries(response.responseModels)) {
    issues.push(...checkMediaType(ct, `${field}.responseModels.${ct}`).map((i) => ({ ...i, message: `Content type: ${i.message}` })));
    if (!BUILT_IN_MODELS.includes(modelName as never) && !design.models.some((m) => m.name === modelName)) {
      issues.push({ field: `${field}.responseModels.${ct}`, message: `Invalid model identifier specified: ${modelName}` });
    }
  }
  return issues;
}

/** Header mappings of an integration response: each onto a header the method response declares. */
export function checkIntegrationResponseMappings(
  response: IntegrationResponse,
  methodResponse: MethodResponse | undefined,
  field = "integrationResponse",
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [target, source] of Object.entries(response.responseParameters)) {
    const f = `${field}.responseParameters.${target}`;
    if (!RESPONSE_HEADER.test(target)) {
      issues.push({ field: f, message: "Mapping targets look like method.response.header.NAME" });
      continue;
    }
    if (methodResponse && !(target in methodResponse.responseParameters)) {
      issues.push({
        field: f,
        message: `Invalid mapping expression specified: ${target} is not a header of method response ${response.statusCode}; declare it there first`,
      });
    }
    const s = source.trim();
    const ok =
      STATIC_VALUE.test(s) ||
      /^integration\.response\.(header|multivalueheader)\.\S+$/.test(s) ||
      s === "integration.response.body" ||
      /^integration\.response\.body\.\S+$/.test(s) ||
      /^(stageVariables|context)\.[A-Za-z0-9_.]+$/.test(s);
    if (!ok)
      issues.push({
        field: f,
        message: `Invalid mapping expression specified: ${s}. Use integration.response.header.NAME, integration.response.body[.JSONPath], 'static value', stageVariables.NAME or context.NAME`,
      });
  }
  for (const ct of Object.keys(response.responseTemplates)) {
    issues.push(...checkMediaType(ct, `${field}.responseTemplates.${ct}`).map((i) => ({ ...i, message: `Content type: ${i.message}` })));
  }
  return issues;
}
