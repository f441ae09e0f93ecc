/**
 * The typed context every handler reads and writes, as LocalStack's RestApiInvocationContext:
 * fields start empty and each notes the handler that fills it.
 */
import type { ApiDesign, Integration, Method, Resource } from "../model/design";
import type { TemplateInput, TemplateResult } from "../template/types";
import type { ExecutionLog } from "./log";
import type { OutboundPolicy } from "./outbound";
import type { AuthorizerCache } from "./authorizer-cache";
import type { GatewayError } from "./errors";

export interface InvokeRequest {
  httpMethod: string;
  pathWithQueryString: string;
  headers: Record<string, string>;
  /**
   * Repeated headers, as TestInvokeMethod's `multiValueHeaders`: every value of a name. Merged with
   * `headers` (a name in both gets the `headers` value appended unless already listed).
   */
  multiValueHeaders?: Record<string, string[]>;
  body: string;
  /** The raw bytes of the body as received (the local gateway); when set, `body` is ignored. */
  bodyBytes?: Uint8Array;
  /** `body` is the base64 of a binary payload (the Test panel and CLI send binary bodies this way). */
  isBase64Encoded?: boolean;
  stageVariables: Record<string, string>;
  /** null = the undeployed draft, as TestInvokeMethod runs it. */
  stage: string | null;
  /**
   * A simulated authorizer result for CUSTOM and COGNITO_USER_POOLS methods: Gatehouse cannot run
   * authorizers without AWS, so the caller says what the authorizer would have returned.
   */
  authorizer?: SimulatedAuthorizer;
  /**
   * Run a CUSTOM method's Lambda authorizer (TOKEN or REQUEST) for real through AWS (options.lambda)
   * instead of skipping it. A simulated result (`authorizer`) wins when both are given.
   */
  callAuthorizer?: boolean;
}

/** What a Lambda authorizer (principalId, context) or a Cognito user pool (claims) would have returned. */
export interface SimulatedAuthorizer {
  principalId?: string;
  /** `$context.authorizer.claims.X` (Cognito user pools). */
  claims?: Record<string, string>;
  /** `$context.authorizer.X` (a Lambda authorizer's context map, values stringified). */
  context?: Record<string, string>;
}

/** The Lambda Invoke call (RequestResponse) that AWS and AWS_PROXY integrations make; lib/aws/lambda.ts makes one from a connection. */
export type LambdaInvoker = (
  functionArn: string,
  payload: string,
  options?: { timeoutMs?: number },
) => Promise<{ statusCode: number; payload: string; functionError?: string }>;

export type RenderTemplate = (input: TemplateInput) => TemplateResult;

export interface RuntimeOptions {
  apiId: string;
  /** A test double for backend calls; unset in production, so guardedFetch pins the checked addresses. */
  fetchImpl?: typeof fetch;
  /** Unset: outboundPolicyFromEnv(process.env), read when a backend is called (MOCK never is; env reads cost). */
  outbound?: OutboundPolicy;
  now: () => Date;
  requestId: string;
  sourceIp: string;
  render: RenderTemplate;
  /** Present when an AWS connection can invoke Lambda functions. */
  lambda?: LambdaInvoker;
  /** Lambda authorizer results by authorizer and identity (the local gateway shares one); none = no caching. */
  authorizerCache?: AuthorizerCache;
}

/** The client's request after parsing (parse). */
export interface ParsedRequest {
  httpMethod: string;
  /** Path without the query string, always starting with `/`. */
  path: string;
  /** Single-value query string: the last value wins, as in AWS. */
  querystring: Record<string, string>;
  multiValueQuerystring: Record<string, string[]>;
  /** Single-value headers as sent (original case, the last value of a repeated one); look them up with header() from ./http. */
  headers: Record<string, string>;
  /** Every value of every header, keyed by the first spelling of its name. */
  multiValueHeaders: Record<string, string[]>;
  /** The body as UTF-8 text (what templates, validation and `method.request.body` see). */
  body: string;
  /** The body's bytes. */
  bodyBytes: Buffer;
  /** The Content-Type is one of the API's binaryMediaTypes. */
  binary: boolean;
}

/** What the integration request sends (integration request). */
export interface IntegrationRequest {
  /** The backend URI after `{param}` and `${stageVariables.x}` substitution, before the query string. */
  uri: string;
  httpMethod: string;
  headers: Record<string, string>;
  /** Proxy integrations forward repeated headers as they came. */
  multiValueHeaders?: Record<string, string[]>;
  querystring: Record<string, string>;
  /** The payload as text (base64 or UTF-8 text of bytes for logs and Lambda payloads). */
  body: string;
  /** Set when the payload is binary: these bytes are sent. */
  bodyBytes?: Buffer;
  /** The Content-Type whose request template was used, if any. */
  templateContentType?: string;
}

/** What the backend answered (integration). */
export interface EndpointResponse {
  status: number;
  headers: Record<string, string>;
  /** Every value of repeated response headers (Set-Cookie…), when the backend sent any. */
  multiValueHeaders?: Record<string, string[]>;
  /** The body as UTF-8 text. */
  body: string;
  /** The raw bytes, when the backend's payload may be binary (HTTP) or was decoded (Lambda proxy isBase64Encoded). */
  bodyBytes?: Buffer;
  latencyMs: number;
}

/** What the client gets back (integration response, or the gateway response on error). */
export interface MethodResponseOut {
  status: number;
  /** One value per name (the last of a repeated header). */
  headers: Record<string, string>;
  /** Every value of repeated headers; names not here have the one value in `headers`. */
  multiValueHeaders?: Record<string, string[]>;
  /** Text body; for a binary answer, its base64 (see bodyBytes). */
  body: string;
  /** Set when the answer is binary: the bytes the client gets. */
  bodyBytes?: Buffer;
}

export interface InvocationContext {
  design: ApiDesign;
  options: RuntimeOptions;
  log: ExecutionLog;
  /** The caller's raw request. */
  input: InvokeRequest;
  stageVariables: Record<string, string>;
  /** parse */
  request?: ParsedRequest;
  /** route */
  resource?: Resource;
  /** route: the resource's path with its `{params}`, e.g. `/pets/{id}`. */
  resourcePath?: string;
  /** route: the matched method (the `ANY` method when the verb itself is not defined). */
  method?: Method;
  /** route */
  integration?: Integration;
  /** route: `{param}` values taken from the request path (decoded). */
  pathParameters: Record<string, string>;
  /** parse: the X-Amzn-Trace-Id sent to the backend and returned to the client. */
  traceId: string;
  /** parse, then route (resource fields): what `$context` shows templates. */
  contextVariables: Record<string, unknown>;
  /** integration request */
  integrationRequest?: IntegrationRequest;
  /** integration request: the rendered MOCK request template (MOCK reads `statusCode` from it). */
  mockRequestBody?: string;
  /** authorize: what `$context.authorizer` holds (simulated or from the real authorizer), undefined when no authorizer result. */
  authorizer?: Record<string, unknown>;
  /** authorize (a real Lambda authorizer): its latency and `usageIdentifierKey` (the API key when apiKeySource is AUTHORIZER). */
  authorizerRun?: { latencyMs: number; usageIdentifierKey?: string };
  /** integration */
  endpointResponse?: EndpointResponse;
  /**
   * integration (Lambda through AWS, non-proxy): the function error's `errorMessage`, "" on success.
   * Integration responses are selected on it instead of the status code.
   */
  lambdaErrorMessage?: string;
  /** integration response, or the gateway-response handler */
  response?: MethodResponseOut;
  /** The error that stopped the pipeline, when one did. */
  error?: GatewayError;
}
