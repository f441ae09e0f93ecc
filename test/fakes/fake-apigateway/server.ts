/**
 * FAKE API Gateway control plane over HTTP, speaking the REST-JSON wire format the real
 * `@aws-sdk/client-api-gateway` uses. For tests and browser end-to-end runs only: it never
 * checks signatures, keeps state in memory and enforces AWS's control-plane quotas on its own
 * (optionally virtual or sped-up) clock.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeApiError, handlers, matchRoute } from "./handlers";
import { FakeQuotaBook, type FakeQuota } from "./quotas";
import { FakeState, type Json } from "./state";
import { WAF_TARGET_PREFIX, wafv2Handlers } from "./wafv2";

export interface RecordedCall {
  seq: number;
  /** Access key id the request was signed with (an identifier only; the fake checks no signatures). */
  accessKeyId?: string;
  operation: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: Json | undefined;
  status: number;
  errorType?: string;
  /** The JSON body the fake answered with (its wire types, before the SDK parses them). */
  response?: unknown;
  /** Fake-clock time in ms. */
  at: number;
}

export interface FaultError {
  /** HTTP status to answer, default 500. */
  status?: number;
  /** x-amzn-errortype, default InternalServerError (500) / by status for others. */
  type?: string;
  message?: string;
  /**
   * Never answer (the client times out) instead of sending an error: "before" the call is
   * applied, or "after" it (AWS did the work but the answer was lost — the hard case for a re-run).
   */
  timeout?: "before" | "after";
}

export interface FaultRule extends FaultError {
  /** SDK operation name (e.g. "PutIntegration"), or "*" for any. */
  operation: string;
  /** Fail the nth matching call (1-based, counted from when the rule is added), once. */
  nth?: number;
  /** Fail every matching call after this many have succeeded. */
  after?: number;
  /**
   * Instead of failing: hold the matching call until this settles, then answer it normally (a
   * push kept mid-way, e.g. to show that another instance cannot push the stage meanwhile).
   */
  hold?: Promise<unknown>;
}

export interface FakeApiGatewayOptions {
  port?: number;
  host?: string;
  /** Fake time runs this many times faster than wall time (quotas refill faster). Default 1. Ignored with `now`. */
  timeScale?: number;
  /** A clock (ms) to use instead of wall time, e.g. a test's virtual clock. */
  now?: () => number;
  /** Per-operation quota overrides (`null` removes one), or false to disable quotas. */
  quotas?: Record<string, FakeQuota | null> | false;
  /** Override of the 10 rps / burst 40 total quota; null disables it. */
  totalQuota?: FakeQuota | null;
  /** Seed for the deterministic id generator. */
  seed?: number;
  /** Log each call to stderr. */
  log?: boolean;
}

export interface FakeApiGateway {
  url: string;
  port: number;
  state: FakeState;
  calls: RecordedCall[];
  /** Calls that reached a handler (not throttled, not faulted), by operation name. */
  callsOf(operation: string): RecordedCall[];
  faults: {
    add(rule: FaultRule): void;
    /** The nth call (from now) of `operation` fails. */
    failNth(operation: string, nth: number, error?: FaultError): void;
    /** Every call of `operation` after `n` more succeed fails. */
    failAfter(operation: string, n: number, error?: FaultError): void;
    clear(): void;
  };
  quotas: FakeQuotaBook;
  /** The fake's clock, ms. */
  now(): number;
  /** Clears recorded calls, faults and quota buckets (state is kept unless `state: true`). */
  reset(opts?: { state?: boolean }): void;
  close(): Promise<void>;
}

interface ActiveFault {
  rule: FaultRule;
  seen: number;
  done: boolean;
}

const DEFAULT_TYPES: Record<number, string> = {
  400: "BadRequestException",
  401: "UnauthorizedException",
  403: "AccessDeniedException",
  404: "NotFoundException",
  409: "ConflictException",
  429: "TooManyRequestsException",
  500: "InternalServerError",
  503: "ServiceUnavailableException",
};

export async function startFakeApiGateway(options: FakeApiGatewayOptions = {}): Promise<FakeApiGateway> {
  const state = new FakeState(options.seed);
  const calls: RecordedCall[] = [];
  let faults: ActiveFault[] = [];
  const start = Date.now();
  const scale = options.timeScale ?? 1;
  const now = options.now ?? (() => start + (Date.now() - start) * scale);
  const quotas = new FakeQuotaBook(now, { quotas: options.quotas, total: options.totalQuota });
  let seq = 0;

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "x-amzn-requestid": `fake-${++seq}`,
      "content-length": Buffer.byteLength(text).toString(),
      ...headers,
    });
    res.end(text);
  }

  function sendError(res: ServerResponse, status: number, type: string, message: string, extra: Json = {}, headers: Record<string, string> = {}) {
    sendJson(res, status, { message, ...extra }, { "x-amzn-errortype": type, ...headers });
  }

  /** Minimal STS (query protocol, XML) so a connection's role ARN can be assumed against the fake. */
  async function fakeSts(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const action = form.get("Action") ?? "Unknown";
    const roleArn = form.get("RoleArn") ?? "";
    const record: RecordedCall = {
      seq: calls.length + 1,
      operation: `sts:${action}`,
      method: "POST",
      path: "/",
      query: {},
      body: Object.fromEntries(form),
      status: 0,
      at: now(),
    };
    calls.push(record);
    const xml = (status: number, text: string) => {
      record.status = status;
      res.writeHead(status, { "content-type": "text/xml" });
      res.end(text);
    };
    if (action !== "AssumeRole" || !/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/.test(roleArn)) {
      record.errorType = "ValidationError";
      xml(
        400,
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Fake STS supports AssumeRole with a valid role ARN only</Message></Error><RequestId>fake</RequestId></ErrorResponse>`,
      );
      return;
    }
    const expiration = new Date(Date.now() + 3600_000).toISOString();
    const session = form.get("RoleSessionName") ?? "session";
    xml(
      200,
      `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIAFAKEASSUMEDROLE1</AccessKeyId><SecretAccessKey>fake-assumed-secret</SecretAccessKey><SessionToken>fake-session-token</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAFAKE:${session}</AssumedRoleId><Arn>${roleArn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/")}/${session}</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>fake-sts</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    );
  }

  async function readText(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const method = (req.method ?? "GET").toUpperCase();
    if (method === "POST" && url.pathname === "/" && /x-www-form-urlencoded/.test(String(req.headers["content-type"]))) {
      await fakeSts(req, res);
      return;
    }
    const wafTarget = String(req.headers["x-amz-target"] ?? "");
    const match = wafTarget.startsWith(WAF_TARGET_PREFIX)
      ? { operation: `wafv2:${wafTarget.slice(WAF_TARGET_PREFIX.length)}`, params: {} }
      : matchRoute(method, url.pathname);
    const query: Record<string, string | string[]> = {};
    for (const k of new Set(url.searchParams.keys())) {
      const all = url.searchParams.getAll(k);
      query[k] = all.length > 1 ? all : all[0];
    }
    let body: Json | undefined;
    const raw = await readText(req);
    try {
      // PutRestApi's body is the OpenAPI document itself (JSON or YAML): its handler reads `raw`.
      if (raw.trim() && match?.operation !== "PutRestApi") body = JSON.parse(raw);
    } catch {
      sendError(res, 400, "SerializationException", "Could not parse request body into json");
      return;
    }
    const record: RecordedCall = {
      seq: calls.length + 1,
      accessKeyId: /Credential=([A-Z0-9]+)\//.exec(String(req.headers.authorization ?? ""))?.[1],
      operation: match?.operation ?? "Unknown",
      method,
      path: url.pathname,
      query,
      body,
      status: 0,
      at: now(),
    };
    calls.push(record);
    const finish = (status: number, errorType?: string) => {
      record.status = status;
      if (errorType) record.errorType = errorType;
      if (options.log) process.stderr.write(`[fake-apigateway] ${method} ${url.pathname}${url.search} → ${status}${errorType ? " " + errorType : ""}\n`);
    };

    if (!match) {
      sendError(res, 404, "UnknownOperationException", `No fake API Gateway route for ${method} ${url.pathname}`);
      finish(404, "UnknownOperationException");
      return;
    }
    const op = match.operation;

    const handler = handlers[op] ?? wafv2Handlers[op];
    if (!handler) {
      sendError(res, 400, "UnknownOperationException", `The fake does not implement ${op}`);
      finish(400, "UnknownOperationException");
      return;
    }
    // WAFv2 is another service: API Gateway's quotas don't count its calls.
    const admitted = op.startsWith("wafv2:") ? ({ ok: true } as const) : quotas.admit(op);
    if (!admitted.ok) {
      // Retry-After in wall-clock seconds: fake ms / timeScale (virtual clocks use the fake's own seconds).
      const wallMs = options.now ? admitted.waitMs : admitted.waitMs / scale;
      const retryAfter = String(Math.max(1, Math.ceil(wallMs / 1000)));
      sendError(res, 429, "TooManyRequestsException", "Too Many Requests", { retryAfterSeconds: retryAfter }, { "retry-after": retryAfter });
      finish(429, "TooManyRequestsException");
      return;
    }

    for (const f of faults) {
      if (f.done || (f.rule.operation !== "*" && f.rule.operation !== op)) continue;
      f.seen++;
      const fire = (f.rule.nth !== undefined && f.seen === f.rule.nth) || (f.rule.after !== undefined && f.seen > f.rule.after);
      if (!fire) continue;
      if (f.rule.nth !== undefined) f.done = true;
      if (f.rule.hold) {
        await f.rule.hold.catch(() => undefined);
        break; // then answered as any call
      }
      if (f.rule.timeout) {
        if (f.rule.timeout === "after") {
          try {
            handler(state, { params: match.params, query: url.searchParams, body: body ?? {}, raw, now: now() });
          } catch {
            // the client never learns either way
          }
        }
        finish(0, `Timeout(${f.rule.timeout})`);
        return; // no answer: the socket stays open until the client gives up
      }
      const status = f.rule.status ?? 500;
      const type = f.rule.type ?? DEFAULT_TYPES[status] ?? "InternalServerError";
      sendError(res, status, type, f.rule.message ?? `Injected fault on ${op}`);
      finish(status, type);
      return;
    }

    try {
      const result = handler(state, { params: match.params, query: url.searchParams, body: body ?? {}, raw, now: now() });
      sendJson(res, result.status, result.body);
      record.response = result.body === undefined ? undefined : JSON.parse(JSON.stringify(result.body));
      finish(result.status);
    } catch (e) {
      if (e instanceof FakeApiError) {
        sendError(res, e.status, e.type, e.message);
        record.response = { message: e.message };
        finish(e.status, e.type);
      } else {
        sendError(res, 500, "InternalServerError", (e as Error).message);
        finish(500, "InternalServerError");
      }
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? "127.0.0.1";

  return {
    url: `http://${host}:${port}`,
    port,
    state,
    calls,
    callsOf: (operation) => calls.filter((c) => c.operation === operation && c.status > 0 && c.status < 300),
    faults: {
      add: (rule) => faults.push({ rule, seen: 0, done: false }),
      failNth: (operation, nth, error = {}) => faults.push({ rule: { operation, nth, ...error }, seen: 0, done: false }),
      failAfter: (operation, n, error = {}) => faults.push({ rule: { operation, after: n, ...error }, seen: 0, done: false }),
      clear: () => {
        faults = [];
      },
    },
    quotas,
    now,
    reset: (opts = {}) => {
      calls.length = 0;
      faults = [];
      quotas.reset();
      if (opts.state) state.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
