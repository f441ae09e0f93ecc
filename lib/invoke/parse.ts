/** Parse: splits `pathWithQueryString`, reads the query string as AWS does, and fills `$context`. */
import { isBinaryMediaType } from "./binary";
import type { InvocationContext, InvokeRequest } from "./context";
import { header } from "./http";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `$context.requestTime` in CLF: `31/Aug/2017:01:07:25 +0000`. */
export function clfTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/**
 * Headers as API Gateway builds its two maps: every value of a name (case-insensitive, keyed by its
 * first spelling) in the multi-value map, the last value in the single-value map.
 */
export function headerMaps(input: Pick<InvokeRequest, "headers" | "multiValueHeaders">): { single: Record<string, string>; multi: Record<string, string[]> } {
  const multi: Record<string, string[]> = {};
  const spelling = new Map<string, string>();
  const add = (name: string, values: string[], skipKnown: boolean) => {
    const lower = name.toLowerCase();
    const key = spelling.get(lower) ?? name;
    spelling.set(lower, key);
    const list = (multi[key] ??= []);
    for (const v of values) if (!(skipKnown && list.includes(v))) list.push(v);
  };
  for (const [k, values] of Object.entries(input.multiValueHeaders ?? {})) add(k, values.map(String), false);
  for (const [k, v] of Object.entries(input.headers ?? {})) add(k, [String(v)], true);
  for (const k of Object.keys(multi)) if (multi[k].length === 0) delete multi[k];
  const single = Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v[v.length - 1]]));
  return { single, multi };
}

function bodyBytesOf(input: InvokeRequest): Buffer {
  if (input.bodyBytes) return Buffer.from(input.bodyBytes.buffer, input.bodyBytes.byteOffset, input.bodyBytes.byteLength);
  const body = input.body ?? "";
  return input.isBase64Encoded ? Buffer.from(body, "base64") : Buffer.from(body, "utf8");
}

export function parseRequest(ctx: InvocationContext): void {
  const { input, options } = ctx;
  const raw = input.pathWithQueryString || "/";
  const q = raw.indexOf("?");
  let path = q >= 0 ? raw.slice(0, q) : raw;
  if (!path.startsWith("/")) path = "/" + path;
  const multi: Record<string, string[]> = {};
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(raw.slice(q + 1))) (multi[k] ??= []).push(v);
  }
  // For single-value parameters AWS keeps the last value.
  const single = Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v[v.length - 1]]));

  const headers = headerMaps(input);
  const bodyBytes = bodyBytesOf(input);
  ctx.request = {
    httpMethod: input.httpMethod.toUpperCase(),
    path,
    querystring: single,
    multiValueQuerystring: multi,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    body: bodyBytes.toString("utf8"),
    bodyBytes,
    binary: isBinaryMediaType(ctx.design.binaryMediaTypes, header(headers.single, "Content-Type")),
  };

  const now = options.now();
  // TestInvokeMethod shows these placeholder values for the parts a test call does not have.
  ctx.contextVariables = {
    accountId: "",
    apiId: options.apiId,
    domainName: "testPrefix.testDomainName",
    domainPrefix: "testPrefix",
    extendedRequestId: options.requestId,
    httpMethod: ctx.request.httpMethod,
    identity: {
      sourceIp: options.sourceIp,
      userAgent: header(headers.single, "User-Agent") ?? "",
      accountId: "",
      apiKey: "",
      apiKeyId: "",
      caller: "",
      user: "",
      userArn: "",
    },
    path: input.stage ? `/${input.stage}${path}` : path,
    protocol: "HTTP/1.1",
    requestId: options.requestId,
    requestTime: clfTime(now),
    requestTimeEpoch: now.getTime(),
    stage: input.stage ?? "test-invoke-stage",
  };

  ctx.log.add(`Starting execution for request: ${options.requestId}`);
  ctx.log.add(`HTTP Method: ${ctx.request.httpMethod}, Resource Path: ${path}`);
}
