/**
 * The API Gateway client Gatehouse uses. Credentials always come from the SDK's default
 * provider chain (environment, shared config/profile, SSO, container/instance role); they are
 * never passed in, stored or logged. A role ARN is assumed through STS on top of that chain.
 * The SDK's own retries are off (maxAttempts 1): our limiter paces and retries throttled calls.
 */
import * as sdk from "@aws-sdk/client-api-gateway";
import { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { countAwsCalls } from "../ops/aws-calls";
import { keepErrorDetails } from "./errors";
import { ApiGatewayLimiter, type LimiterOptions } from "./limiter";
import { MemoryQuotaStore, type QuotaStore } from "./quota-store";

export interface AwsConnection {
  region: string;
  /** Override for the control-plane endpoint (the fake API Gateway in tests, a VPC endpoint…). */
  endpointUrl?: string | null;
  /** Role to assume with STS, on top of the default credentials. */
  roleArn?: string | null;
  /** Named profile from the shared AWS config/credentials files. */
  profile?: string | null;
}

export const ROLE_SESSION_NAME = "gatehouse";

/** Raised when a role ARN is configured but @aws-sdk/credential-providers is not installed. */
export class AssumeRoleUnavailableError extends Error {
  constructor() {
    super(
      "Assuming a role needs the package @aws-sdk/credential-providers, which is not installed. Install it (npm install @aws-sdk/credential-providers) or remove the role ARN from the connection.",
    );
    this.name = "AssumeRoleUnavailableError";
  }
}

type CredentialProviders = {
  fromTemporaryCredentials: (o: unknown) => () => Promise<unknown>;
  fromNodeProviderChain: (o?: unknown) => () => Promise<unknown>;
};

async function loadCredentialProviders(): Promise<CredentialProviders> {
  try {
    return (await import("@aws-sdk/credential-providers")) as unknown as CredentialProviders;
  } catch {
    throw new AssumeRoleUnavailableError();
  }
}

/** Credentials for the connection's role, assumed through STS on top of the default chain; shared by every AWS client Gatehouse makes. */
export function assumeRoleProvider(conn: AwsConnection) {
  let provider: (() => Promise<unknown>) | undefined;
  return async () => {
    if (!provider) {
      const mod = await loadCredentialProviders();
      provider = mod.fromTemporaryCredentials({
        params: { RoleArn: conn.roleArn, RoleSessionName: ROLE_SESSION_NAME, DurationSeconds: 3600 },
        masterCredentials: mod.fromNodeProviderChain(conn.profile ? { profile: conn.profile } : {}),
        clientConfig: { region: conn.region, maxAttempts: 3 },
      });
    }
    // biome-ignore lint/suspicious/noExplicitAny: the SDK types its credential providers per client; this one serves every client
    return provider() as Promise<any>;
  };
}

/**
 * Where limiters keep their buckets, on globalThis: Next's bundles and the server's start-up code are
 * separate module instances in one process, and all must pace against the same buckets. The server
 * registers a PostgresQuotaStore on PostgreSQL (instances share the buckets); otherwise memory.
 */
const sharedLimiters = new Map<string, ApiGatewayLimiter>();
const QUOTA_STORE = Symbol.for("gatehouse.awsQuotaStore");
const processGlobals = globalThis as unknown as Record<symbol, QuotaStore | undefined>;

/** Makes every limiter created from now on take its tokens from `store` (called once at start). */
export function useQuotaStore(store: QuotaStore): void {
  processGlobals[QUOTA_STORE] = store;
  sharedLimiters.clear();
}

function quotaStore(): QuotaStore {
  return (processGlobals[QUOTA_STORE] ??= new MemoryQuotaStore());
}

const limiters = new WeakMap<APIGatewayClient, ApiGatewayLimiter>();

function limiterKey(conn: AwsConnection): string {
  return [conn.region, conn.endpointUrl ?? "", conn.roleArn ?? "", conn.profile ?? ""].join("|");
}

export function createApiGatewayClient(conn: AwsConnection, options: { limiter?: ApiGatewayLimiter; requestTimeoutMs?: number } = {}): APIGatewayClient {
  const config: sdk.APIGatewayClientConfig = {
    region: conn.region,
    maxAttempts: 1,
    // throwOnRequestTimeout: without it the SDK only logs a warning and a hung call waits forever.
    requestHandler: {
      connectionTimeout: 5_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      throwOnRequestTimeout: true,
    } as sdk.APIGatewayClientConfig["requestHandler"],
  };
  if (conn.endpointUrl) config.endpoint = conn.endpointUrl;
  if (conn.profile) config.profile = conn.profile;
  if (conn.roleArn) config.credentials = assumeRoleProvider(conn);
  const client = new APIGatewayClient(config);
  // Errors keep the body AWS (or whatever answered) sent and the operation's name: see errors.ts.
  keepErrorDetails(client);
  // Calls and throttles counted for /api/metrics (lib/ops/aws-calls.ts).
  countAwsCalls(client, "apigateway");
  // Quotas are per account and Region: clients for the same connection share one limiter.
  let limiter = options.limiter;
  if (!limiter) {
    const key = limiterKey(conn);
    limiter = sharedLimiters.get(key);
    if (!limiter) sharedLimiters.set(key, (limiter = new ApiGatewayLimiter({ store: quotaStore(), scope: key })));
  }
  limiters.set(client, limiter);
  return client;
}

/** Makes every client of this connection share `limiter` (tests: a virtual clock shared with the fake). */
export function shareLimiter(conn: AwsConnection, limiter: ApiGatewayLimiter): void {
  sharedLimiters.set(limiterKey(conn), limiter);
}

/** The limiter a client's calls go through (one is made for clients not built here). */
export function limiterFor(client: APIGatewayClient, options?: LimiterOptions): ApiGatewayLimiter {
  let l = limiters.get(client);
  if (!l) limiters.set(client, (l = new ApiGatewayLimiter(options)));
  return l;
}

export function setLimiter(client: APIGatewayClient, limiter: ApiGatewayLimiter): void {
  limiters.set(client, limiter);
}

/** Calls one API Gateway operation by its SDK name ("PutMethod", …) through the client's limiter. */
// biome-ignore lint/suspicious/noExplicitAny: callers name the output type; untyped callers read loosely typed JSON
export async function callApiGateway<T = any>(
  client: APIGatewayClient,
  operation: string,
  input: Record<string, unknown>,
  options: { limiter?: ApiGatewayLimiter; onRetry?: (attempt: number, waitMs: number) => void } = {},
): Promise<T> {
  // biome-ignore lint/suspicious/noExplicitAny: commands are looked up by operation name, so their output type is not known here
  const Command = (sdk as unknown as Record<string, new (input: unknown) => any>)[`${operation}Command`];
  if (!Command) throw new Error(`Unknown API Gateway operation ${operation}`);
  const limiter = options.limiter ?? limiterFor(client);
  return limiter.run(operation, () => client.send(new Command(input)) as Promise<T>, options.onRetry);
}
