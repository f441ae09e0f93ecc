/**
 * Integration: MOCK answers from the rendered request template's `statusCode`; HTTP and
 * HTTP_PROXY make the real call through the outbound guard with the integration's timeout;
 * AWS and AWS_PROXY Lambda integrations invoke the function through the SDK when the caller has
 * an AWS connection (options.lambda, see lambda.ts); otherwise, and for other AWS services, they
 * fail with a configuration error that says what they need.
 */
import { BINARY_LOG, isBinaryMediaType } from "./binary";
import type { InvocationContext } from "./context";
import { header } from "./http";
import { configurationError, GatewayError, integrationFailure, integrationTimeout } from "./errors";
import { logBody, logHeaders } from "./log";
import { lambdaFunctionOf, lambdaIntegration } from "./lambda";
import { guardedFetch, OutboundRefusedError, outboundPolicyFromEnv } from "./outbound";
import { MAX_PAYLOAD_BYTES, readCapped } from "./payload-limit";

/** Reads `statusCode` from a MOCK request template's output; 200 when absent. */
export function mockStatusCode(rendered: string | undefined): number {
  const text = rendered ?? "";
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === "object" && "statusCode" in parsed) {
      const n = Number((parsed as { statusCode: unknown }).statusCode);
      if (Number.isInteger(n)) return n;
    }
  } catch {
    // Not strict JSON (templates often leave trailing commas); fall back to a scan.
    const m = /"statusCode"\s*:\s*"?(\d{3})"?/.exec(text);
    if (m) return Number(m[1]);
  }
  return 200;
}

function mockIntegration(ctx: InvocationContext): void {
  // MOCK echoes nothing: its "endpoint response" is an empty body with the selected status.
  ctx.endpointResponse = { status: mockStatusCode(ctx.mockRequestBody), headers: {}, body: "", latencyMs: 0 };
}

const NO_BODY_METHODS = new Set(["GET", "HEAD"]);

/** The backend's headers: one value each, plus every Set-Cookie (fetch joins other repeats with ", "). */
function responseHeaders(res: Response): { headers: Record<string, string>; multiValueHeaders?: Record<string, string[]> } {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const cookies = typeof res.headers.getSetCookie === "function" ? res.headers.getSetCookie() : [];
  if (cookies.length === 0) return { headers };
  headers["set-cookie"] = cookies[cookies.length - 1];
  return { headers, multiValueHeaders: { "set-cookie": cookies } };
}

/** Request headers for fetch: repeated values (proxies) as repeated header lines. */
function fetchHeaders(req: { headers: Record<string, string>; multiValueHeaders?: Record<string, string[]> }): [string, string][] {
  if (!req.multiValueHeaders) return Object.entries(req.headers);
  const out: [string, string][] = [];
  for (const [k, values] of Object.entries(req.multiValueHeaders)) for (const v of values) out.push([k, v]);
  return out;
}

/** AWS's execution-log wording for an answer over the payload limit (a 500 configuration error). */
const tooLarge = (length: string) => configurationError(`Integration response ${length}is larger than allowed maximum of ${MAX_PAYLOAD_BYTES} bytes.`);

/**
 * The backend's body, streamed and capped at the payload limit: a declared Content-Length over it
 * is refused before reading, and an undeclared (chunked) one is cut off as soon as it passes it.
 */
async function readIntegrationBody(res: Response): Promise<Buffer> {
  const declared = Number(res.headers.get("content-length") ?? "");
  if (declared > MAX_PAYLOAD_BYTES) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge(`of reported length ${declared} `);
  }
  const read = await readCapped(res.body, MAX_PAYLOAD_BYTES);
  if (read.tooLarge) throw tooLarge("");
  return read.bytes;
}

async function httpIntegration(ctx: InvocationContext): Promise<void> {
  const req = ctx.integrationRequest!;
  const integration = ctx.integration!;
  let url: URL;
  try {
    url = new URL(req.uri);
  } catch {
    throw configurationError("Invalid endpoint address");
  }
  ctx.log.add(`Sending request to ${req.uri}`);
  const started = performance.now();
  const signal = AbortSignal.timeout(integration.timeoutInMillis);
  try {
    const res = await guardedFetch(
      url.toString(),
      {
        method: req.httpMethod,
        headers: fetchHeaders(req),
        body: NO_BODY_METHODS.has(req.httpMethod) ? undefined : req.bodyBytes ? new Uint8Array(req.bodyBytes) : req.body === "" ? undefined : req.body,
        signal,
      },
      ctx.options.outbound ?? outboundPolicyFromEnv(process.env),
      ctx.options.fetchImpl,
    );
    const bytes = await readIntegrationBody(res);
    const latencyMs = Math.round(performance.now() - started);
    ctx.endpointResponse = { status: res.status, ...responseHeaders(res), body: bytes.toString("utf8"), bodyBytes: bytes, latencyMs };
  } catch (e) {
    const err = e as Error;
    if (err instanceof GatewayError) throw err;
    if (err instanceof OutboundRefusedError) {
      const gw = configurationError("Invalid endpoint address");
      gw.logLines.push(`Gatehouse outbound policy: ${err.message}`);
      throw gw;
    }
    if (signal.aborted || err.name === "TimeoutError" || err.name === "AbortError") throw integrationTimeout();
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === "ENOTFOUND" || cause?.code === "EAI_AGAIN" || (err as { code?: string }).code === "ENOTFOUND") {
      throw configurationError("Invalid endpoint address");
    }
    throw integrationFailure(cause?.message ?? err.message);
  }
  const r = ctx.endpointResponse;
  if (!ctx.log.enabled) return;
  ctx.log.add(`Received response. Status: ${r.status}, Integration latency: ${r.latencyMs} ms`);
  ctx.log.add(`Endpoint response headers: ${logHeaders(r.headers)}`);
  const binary = isBinaryMediaType(ctx.design.binaryMediaTypes, header(r.headers, "Content-Type"));
  ctx.log.add(`Endpoint response body before transformations: ${binary && r.body !== "" ? BINARY_LOG : logBody(r.body)}`);
}

export async function integration(ctx: InvocationContext): Promise<void> {
  const type = ctx.integration!.type;
  switch (type) {
    case "MOCK":
      return mockIntegration(ctx);
    case "HTTP":
    case "HTTP_PROXY":
      if (ctx.integration!.connectionType === "VPC_LINK") {
        throw configurationError("VPC_LINK connections reach private backends through AWS and need an AWS connection");
      }
      return httpIntegration(ctx);
    case "AWS":
    case "AWS_PROXY": {
      const fn = lambdaFunctionOf(ctx.integrationRequest?.uri ?? ctx.integration!.uri ?? "");
      if (fn && ctx.options.lambda) return lambdaIntegration(ctx, fn.functionArn, fn.region);
      if (ctx.options.lambda) {
        throw configurationError(
          `${type} integrations with AWS services other than Lambda (${ctx.integration!.uri ?? "no URI"}) are not run by Gatehouse; run this test with TestInvokeMethod against the deployed API`,
        );
      }
      throw configurationError(
        `${type} integrations call AWS services with the API's credentials and need an AWS connection; bind this API to an AWS connection to invoke Lambda functions, or run this test with TestInvokeMethod against the deployed API`,
      );
    }
  }
}
