/** Parse: splits `pathWithQueryString`, reads the query string as AWS does, and fills `$context`. */
import { isBinaryMediaType } from "./binary";
import type { InvocationContext, InvokeRequest } from "./context";
import { header } from "./http";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `$context.requestTime` in CLF: `31/Aug/2017:01:07:25 +0000`. */
export function clfTime(d: Date): string {
  const second = Math.floor(d.getTime() / 1000);
  // Requests within one second share the text (the gateway formats it on every request).
  if (second === lastClf.second) return lastClf.text;
  const p = (n: number) => String(n).padStart(2, "0");
  const text = `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
  lastClf = { second, text };
  return text;
}
let lastClf = { second: Number.NaN, text: "" };

/**
 * Headers as API Gateway builds its two maps: every value of a name (case-insensitive, keyed by its
 * first spelling) in the multi-value map, the last value in the single-value map. A `headers` value
 * already listed for its name is not added again. Loops over keys (no entries arrays): this runs
 * on every gateway request.
 */
export function headerMaps(input: Pick<InvokeRequest, "headers" | "multiValueHeaders">): { single: Record<string, string>; multi: Record<string, string[]> } {
  const multi: Record<string, string[]> = {};
  const spelling: Record<string, string> = Object.create(null);
  const multiIn = input.multiValueHeaders;
  if (multiIn) {
    for (const name in multiIn) {
      if (!Object.hasOwn(multiIn, name)) continue;
      const list = (multi[(spelling[name.toLowerCase()] ??= name)] ??= []);
      for (const v of multiIn[name]) list.push(String(v));
    }
  }
  const singleIn = input.headers;
  if (singleIn) {
    for (const name in singleIn) {
      if (!Object.hasOwn(singleIn, name)) continue;
      const value = String(singleIn[name]);
      const list = (multi[(spelling[name.toLowerCase()] ??= name)] ??= []);
      if (!list.includes(value)) list.push(value);
    }
  }
  const single: Record<string, string> = {};
  for (const name in multi) {
    const list = multi[name];
    if (list.length === 0) delete multi[name];
    else single[name] = list[list.length - 1];
  }
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
  // For single-value parameters AWS keeps the last value.
  const single: Record<string, string> = {};
  if (q >= 0) {
    for (const [k, v] of new URLSearchParams(raw.slice(q + 1))) {
      (multi[k] ??= []).push(v);
      single[k] = v;
    }
  }

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

  if (ctx.log.enabled) {
    ctx.log.add(`Starting execution for request: ${options.requestId}`);
    ctx.log.add(`HTTP Method: ${ctx.request.httpMethod}, Resource Path: ${path}`);
  }
}
