/**
 * "Run on AWS too": the same request through API Gateway's own TestInvokeMethod (the draft that
 * was pushed, authorization skipped, real backend calls), for a side-by-side with the local
 * pipeline. The resource id is looked up by path (GetResources), and both calls go through the
 * connection's quota limiter.
 */
import type { APIGatewayClient, Resource as AwsResource, TestInvokeMethodResponse } from "@aws-sdk/client-api-gateway";
import { callApiGateway, createApiGatewayClient, type AwsConnection } from "./client";
import type { ApiGatewayLimiter } from "./limiter";
import { isNotFound } from "./live";

export interface AwsTestInvokeInput {
  /** The AWS REST API id. */
  restApiId: string;
  /** The resource's path with its `{params}`, e.g. `/pets/{petId}`. */
  resourcePath: string;
  httpMethod: string;
  /** Concrete path and query, e.g. `/pets/1?x=y`. */
  pathWithQueryString: string;
  headers?: Record<string, string>;
  body?: string;
  stageVariables?: Record<string, string>;
}

export interface AwsTestInvokeResult {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** AWS's execution log, as TestInvokeMethod returns it. */
  log: string;
  /** AWS's own measure of the call (`latency`), in ms. */
  latencyMs: number;
  resourceId: string;
}

/** Raised when AWS cannot run the invocation (no such API, resource or method, or an AWS error). */
export class AwsTestInvokeError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message);
    this.name = "AwsTestInvokeError";
  }
}

type Opts = { client?: APIGatewayClient; limiter?: ApiGatewayLimiter };

/** Finds a resource id by its full path (paginated GetResources, 500 a page). */
export async function findResourceId(client: APIGatewayClient, restApiId: string, resourcePath: string, opts: Opts = {}): Promise<string | null> {
  let position: string | undefined;
  do {
    const page = await callApiGateway<{ items?: AwsResource[]; position?: string }>(
      client,
      "GetResources",
      { restApiId, limit: 500, ...(position ? { position } : {}) },
      { limiter: opts.limiter },
    );
    const found = page.items?.find((r) => r.path === resourcePath);
    if (found?.id) return found.id;
    position = page.position;
  } while (position);
  return null;
}

export async function testInvokeOnAws(conn: AwsConnection, input: AwsTestInvokeInput, opts: Opts = {}): Promise<AwsTestInvokeResult> {
  const client = opts.client ?? createApiGatewayClient(conn);
  try {
    let resourceId: string | null;
    try {
      resourceId = await findResourceId(client, input.restApiId, input.resourcePath, opts);
    } catch (e) {
      if (isNotFound(e)) throw new AwsTestInvokeError(`REST API ${input.restApiId} was not found on AWS. Push this API to AWS first.`, 404, "NotFound");
      throw e;
    }
    if (!resourceId) throw new AwsTestInvokeError(`Resource ${input.resourcePath} is not on AWS yet. Push this API to AWS again.`, 404, "NotFound");
    let out: TestInvokeMethodResponse;
    try {
      out = await callApiGateway<TestInvokeMethodResponse>(
        client,
        "TestInvokeMethod",
        {
          restApiId: input.restApiId,
          resourceId,
          httpMethod: input.httpMethod.toUpperCase(),
          pathWithQueryString: input.pathWithQueryString,
          headers: input.headers ?? {},
          body: input.body ?? "",
          stageVariables: input.stageVariables ?? {},
        },
        { limiter: opts.limiter },
      );
    } catch (e) {
      if (isNotFound(e))
        throw new AwsTestInvokeError(`${input.httpMethod.toUpperCase()} ${input.resourcePath} is not on AWS yet. Push this API to AWS again.`, 404, "NotFound");
      throw e;
    }
    const headers: Record<string, string> = { ...(out.headers ?? {}) };
    // Multi-value headers AWS sent only there: join them as HTTP would.
    for (const [k, values] of Object.entries(out.multiValueHeaders ?? {})) {
      if (headers[k] === undefined && values?.length) headers[k] = values.join(",");
    }
    return { status: out.status ?? 0, headers, body: out.body ?? "", log: out.log ?? "", latencyMs: Number(out.latency ?? 0), resourceId };
  } catch (e) {
    if (e instanceof AwsTestInvokeError) throw e;
    const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    // AWS's own refusal (bad request, throttled after retries, access denied…): say what AWS said.
    throw new AwsTestInvokeError(`AWS refused TestInvokeMethod: ${err.name ?? "Error"}: ${err.message ?? String(e)}`, 502, err.name ?? "AwsError");
  } finally {
    if (!opts.client) client.destroy();
  }
}
