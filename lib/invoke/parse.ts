/** Parse: splits `pathWithQueryString`, reads the query string as AWS does, and fills `$context`. */
import type { InvocationContext } from "./context";
import { header } from "./http";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `$context.requestTime` in CLF: `31/Aug/2017:01:07:25 +0000`. */
export function clfTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
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

  ctx.request = {
    httpMethod: input.httpMethod.toUpperCase(),
    path,
    querystring: single,
    multiValueQuerystring: multi,
    headers: { ...input.headers },
    body: input.body ?? "",
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
      userAgent: header(input.headers, "User-Agent") ?? "",
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
