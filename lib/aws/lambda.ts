/**
 * Lambda Invoke for AWS / AWS_PROXY integrations (lib/invoke's LambdaInvoker), made from an AWS
 * connection as createApiGatewayClient makes its client: the connection's region, endpoint
 * override and profile; credentials only from the SDK's default provider chain (never passed in,
 * stored or logged), with the connection's role assumed through STS on top of it.
 */
import { InvokeCommand, LambdaClient, type LambdaClientConfig } from "@aws-sdk/client-lambda";
import type { LambdaInvoker } from "../invoke/context";
import { countAwsCalls } from "../ops/aws-calls";
import { assumeRoleProvider, type AwsConnection } from "./client";

export function createLambdaClient(conn: AwsConnection): LambdaClient {
  const config: LambdaClientConfig = {
    region: conn.region,
    // An integration is one call: a retried Invoke would run the function twice.
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 5_000 } as LambdaClientConfig["requestHandler"],
  };
  if (conn.endpointUrl) config.endpoint = conn.endpointUrl;
  if (conn.profile) config.profile = conn.profile;
  if (conn.roleArn) config.credentials = assumeRoleProvider(conn);
  const client = new LambdaClient(config);
  // Invocations counted for /api/metrics, as API Gateway calls are (lib/ops/aws-calls.ts).
  countAwsCalls(client, "lambda");
  return client;
}

export type ClosableLambdaInvoker = LambdaInvoker & { destroy(): void };

/** A LambdaInvoker over one client (synchronous RequestResponse Invoke); destroy() closes its sockets. */
export function createLambdaInvoker(conn: AwsConnection): ClosableLambdaInvoker {
  let client: LambdaClient | undefined;
  const invoke: LambdaInvoker = async (functionArn, payload, options = {}) => {
    client ??= createLambdaClient(conn);
    const out = await client.send(
      new InvokeCommand({
        FunctionName: functionArn,
        InvocationType: "RequestResponse",
        Payload: payload === "" ? undefined : new TextEncoder().encode(payload),
      }),
      options.timeoutMs ? { abortSignal: AbortSignal.timeout(options.timeoutMs) } : {},
    );
    return {
      statusCode: out.StatusCode ?? 200,
      payload: out.Payload ? new TextDecoder().decode(out.Payload) : "",
      ...(out.FunctionError ? { functionError: out.FunctionError } : {}),
    };
  };
  return Object.assign(invoke, {
    destroy() {
      client?.destroy();
      client = undefined;
    },
  });
}

const shared = new Map<string, ClosableLambdaInvoker>();

/** One long-lived invoker per connection settings, for the local gateway (which serves many requests). */
export function sharedLambdaInvoker(conn: AwsConnection): LambdaInvoker {
  const key = [conn.region, conn.endpointUrl ?? "", conn.roleArn ?? "", conn.profile ?? ""].join("|");
  let invoker = shared.get(key);
  if (!invoker) {
    if (shared.size >= 64) {
      for (const old of shared.values()) old.destroy();
      shared.clear();
    }
    shared.set(key, (invoker = createLambdaInvoker(conn)));
  }
  return invoker;
}
