/**
 * What went wrong with an AWS call, in words a user can act on. Every error that leaves the AWS
 * adapter (push, import, drift, the CLI) goes through `describeAwsError`:
 * - AWS refused: AWS's own error code (`e.name`) and message, with the HTTP status;
 * - the answer was not API Gateway's JSON (a proxy's HTML page, an XML error): the status and
 *   the first bytes of the body, instead of the SDK's "Unexpected token '<'" parse error;
 * - no credentials: which ones are missing and how to provide them (never "run it again");
 * - no answer at all (refused connection, timeout): the network error.
 * Never reads or prints a credential value: only the names of the variables that are set.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";

export interface AwsErrorInfo {
  /** AWS's error code ("BadRequestException"), or what kind of failure it was when AWS gave none. */
  code: string;
  /** AWS's message, or ours when AWS's answer could not be read. */
  message: string;
  /** HTTP status of the answer; absent when there was none (credentials, network). */
  status?: number;
  /** The API Gateway operation ("PutIntegration"), when known. */
  operation?: string;
  /** What it acted on ("GET /pets", "stage prod"), when known. */
  target?: string;
  /** What to do about it, when we know better than the message. */
  hint?: string;
  /** What kind of failure: decides whether simply running again can help. */
  kind: "refused" | "unreadable" | "credentials" | "network" | "other";
}

export interface AwsErrorContext {
  operation?: string;
  target?: string;
  /** The connection's named profile, if it has one. */
  profile?: string | null;
  /** Environment to explain missing credentials from (default: this process's). */
  env?: Record<string, string | undefined>;
}

type SdkError = Error & {
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string>; body?: unknown };
  $responseBodyText?: string;
  $operation?: string;
};

const CREDENTIAL_ERRORS = new Set(["CredentialsProviderError", "ProviderError", "TokenProviderError"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE"]);
const BODY_PREVIEW = 200;

/** Hints for AWS codes whose message alone does not say what to change. */
const HINTS: Record<string, string> = {
  UnrecognizedClientException: "AWS does not know the access key: check the credentials (or the endpoint, for LocalStack and other emulators).",
  InvalidSignatureException: "The secret key does not match the access key: check the credentials.",
  ExpiredTokenException: "The session credentials expired: refresh them (aws sso login, or new temporary keys).",
  AccessDeniedException: "The credentials' IAM policy does not allow this call: grant the apigateway permission named in the message.",
  LimitExceededException: "An API Gateway quota is reached: remove entities or ask AWS for a higher quota; retrying does not help.",
};

export function describeAwsError(e: unknown, context: AwsErrorContext = {}): AwsErrorInfo {
  const err = (e instanceof Error ? e : new Error(String(e))) as SdkError;
  const base = { operation: context.operation ?? err.$operation, target: context.target };
  const status = err.$metadata?.httpStatusCode ?? err.$response?.statusCode;
  if (CREDENTIAL_ERRORS.has(err.name) || /could not load credentials/i.test(err.message))
    return { ...base, kind: "credentials", code: err.name, message: missingCredentialsMessage(err, context) };
  if (status !== undefined && isParseError(err)) return { ...base, kind: "unreadable", ...unreadableAnswer(err, status) };
  if (status !== undefined) {
    const message = err.message && err.message !== "UnknownError" && err.message !== "Unknown" ? err.message : `HTTP ${status} with no error message`;
    return { ...base, kind: "refused", code: err.name, message, status, hint: HINTS[err.name] };
  }
  const code = err.code && NETWORK_CODES.has(err.code) ? err.code : err.name === "TimeoutError" ? "TimeoutError" : undefined;
  if (code)
    return {
      ...base,
      kind: "network",
      code,
      message: `No answer from API Gateway: ${err.message}`,
      hint: "Check the connection's Region and endpoint URL, and that this machine can reach it.",
    };
  return { ...base, kind: "other", code: err.name || "Error", message: err.message };
}

/** One line: "PutIntegration (GET /pets): BadRequestException: Invalid mapping expression …". */
export function formatAwsError(info: AwsErrorInfo): string {
  const where = info.operation ? `${info.operation}${info.target ? ` (${info.target})` : ""}: ` : "";
  const what = info.kind === "refused" || info.kind === "network" ? `${info.code}: ${info.message}` : info.message;
  return `${where}${what}${info.hint ? ` ${info.hint}` : ""}`;
}

/** True when the same call may well succeed if simply sent again (AWS's 5xx, throttling, no answer). */
export function worthRetrying(info: AwsErrorInfo): boolean {
  if (info.kind === "network") return true;
  if (info.kind === "unreadable") return info.status! >= 500;
  return info.kind === "refused" && (info.status! >= 500 || info.code === "TooManyRequestsException");
}

function isParseError(err: SdkError): boolean {
  return err.name === "SyntaxError" || /Deserialization error/.test(err.message) || err.$responseBodyText !== undefined;
}

function unreadableAnswer(err: SdkError, status: number): Pick<AwsErrorInfo, "code" | "message" | "status" | "hint"> {
  const type = err.$response?.headers?.["content-type"];
  const preview = bodyPreview(err);
  return {
    code: "UnreadableResponse",
    status,
    message: `The endpoint answered HTTP ${status}${type ? ` (${type})` : ""} with a body that is not API Gateway's JSON${preview ? `: ${preview}` : ""}`,
    hint:
      status >= 500
        ? "Something in front of API Gateway (a proxy or load balancer) answered; check the endpoint URL, or try again later."
        : "Check the endpoint URL: something other than API Gateway answered.",
  };
}

/** The first bytes of the answer's body: kept by `keepErrorBodies`, or the excerpt in JSON.parse's message. */
function bodyPreview(err: SdkError): string {
  const body = err.$responseBodyText ?? err.$response?.body;
  let text = typeof body === "string" ? body : body instanceof Uint8Array ? new TextDecoder().decode(body.subarray(0, BODY_PREVIEW * 4)) : "";
  if (!text) text = /"(.*)"\.\.\. is not valid JSON/.exec(err.message)?.[1] ?? "";
  text = text.replace(/\s+/g, " ").trim();
  return text.length > BODY_PREVIEW ? `${text.slice(0, BODY_PREVIEW)}…` : text;
}

function missingCredentialsMessage(err: SdkError, context: AwsErrorContext): string {
  const env = context.env ?? process.env;
  const profile = context.profile ?? env.AWS_PROFILE;
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? "~/.aws/credentials";
  const configFile = env.AWS_CONFIG_FILE ?? "~/.aws/config";
  const missing: string[] = [];
  if (env.AWS_ACCESS_KEY_ID && !env.AWS_SECRET_ACCESS_KEY) missing.push("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
  else if (!env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) missing.push("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not");
  else if (!env.AWS_ACCESS_KEY_ID) missing.push("no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment");
  missing.push(
    profile
      ? `profile "${profile}" not found or without credentials in ${credentialsFile} or ${configFile}`
      : `no AWS_PROFILE and no default profile in ${credentialsFile} or ${configFile}`,
  );
  if (!env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI && !env.AWS_CONTAINER_CREDENTIALS_FULL_URI) missing.push("no container role");
  missing.push(env.AWS_EC2_METADATA_DISABLED === "true" ? "instance role lookup disabled (AWS_EC2_METADATA_DISABLED=true)" : "no instance role answered");
  const detail = err.message && !/could not load credentials from any providers/i.test(err.message) ? ` (${err.message})` : "";
  return (
    `No AWS credentials: ${missing.join("; ")}${detail}. ` +
    "Provide them to this process: AWS_PROFILE naming a profile in the shared config/credentials files (or SSO after aws sso login), " +
    "or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for temporary keys), or an instance or container role."
  );
}

/**
 * Keeps the body of every non-2xx answer readable on the error the SDK throws (`$response.body`),
 * and names the operation (`$operation`), so `describeAwsError` can show what really came back.
 */
export function keepErrorDetails(client: APIGatewayClient): void {
  const stack = client.middlewareStack as unknown as { add(mw: unknown, options: Record<string, unknown>): void };
  stack.add(
    (next: (args: unknown) => Promise<{ response: { statusCode?: number; body?: unknown } }>) => async (args: unknown) => {
      const out = await next(args);
      const r = out.response;
      if ((r.statusCode ?? 200) >= 300 && r.body && typeof (r.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === "function") {
        const chunks: Uint8Array[] = [];
        for await (const chunk of r.body as AsyncIterable<Uint8Array>) chunks.push(chunk);
        r.body = new Uint8Array(Buffer.concat(chunks));
      }
      return out;
    },
    { step: "deserialize", priority: "low", name: "gatehouseKeepErrorBody" },
  );
  stack.add(
    (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      try {
        return await next(args);
      } catch (e) {
        if (e && typeof e === "object" && !("$operation" in e) && context.commandName)
          Object.defineProperty(e, "$operation", { value: context.commandName.replace(/Command$/, ""), enumerable: false });
        throw e;
      }
    },
    { step: "initialize", priority: "high", name: "gatehouseNameOperation" },
  );
}
