/**
 * The console's HTTP server around Next's request handler (used by `npm start`).
 *
 * - The socket's peer address is appended to X-Forwarded-For: the last entry is then the address
 *   that really connected, which a client cannot forge (see lib/auth/client-address.ts).
 * - A client that goes away before its answer is finished is not an error of ours. Node destroys
 *   such a request with `Error: aborted` (ECONNRESET) and emits it only to `error` listeners; but
 *   when proxy.ts ran, Next has swapped the request's stream internals (listeners included) for
 *   those of its buffered copy of the body, which has none, so the disconnect became an
 *   `uncaughtException` log line per request (#16 item 13). Just before Node aborts such a request,
 *   a listener is added that drops exactly that disconnect; any other error is still logged.
 * - Every request gets an id (the client's `x-request-id` when sane), passed on in the request's
 *   headers and returned in the answer's, and one JSON log line with its metrics when it ends
 *   (lib/ops/front-door.ts, published on globalThis by instrumentation-node.ts).
 * - SIGTERM/SIGINT shut down gracefully (installGracefulShutdown).
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import pino from "pino";

/** lib/ops/front-door.ts's hooks, published by instrumentation-node.ts in this process. */
const OPS = Symbol.for("gatehouse.ops");
/** The process's one logger, shared with lib/ops/logger.ts (same Symbol, same options). */
const LOGGER = Symbol.for("gatehouse.logger");
export const DEFAULT_GRACE_MS = 10_000;

export function log() {
  globalThis[LOGGER] ??= pino(
    { level: process.env.GATEHOUSE_LOG_LEVEL?.trim().toLowerCase() || "info", base: { service: "gatehouse", pid: process.pid } },
    pino.destination({ dest: 1, sync: true }),
  );
  return globalThis[LOGGER];
}

/** Node's own error for a request whose connection closed before the exchange finished. */
export function isClientAbort(error) {
  return error instanceof Error && error.message === "aborted" && /** @type {any} */ (error).code === "ECONNRESET";
}

function onRequestError(error) {
  if (!isClientAbort(error)) log().error({ err: error }, "[gatehouse] request stream failed");
}

/** Adds the listener when the connection closes while this exchange is open, before Node aborts the request. */
function guardClientAbort(req, res) {
  const socket = req.socket;
  const guard = () => req.on("error", onRequestError);
  // Prepended: the server's own close handler (which aborts the request) was added first.
  socket.prependListener("close", guard);
  res.once("close", () => socket.removeListener("close", guard));
}

/** Gives the request its id (in both directions) and reports it to the ops hooks once its answer is over. */
function traceRequest(server, req, res, ops) {
  const started = performance.now();
  const requestId = ops ? ops.requestId(req.headers["x-request-id"]) : randomUUID();
  req.headers["x-request-id"] = requestId;
  res.setHeader("x-request-id", requestId);
  // While draining, answers close their connection: the client reconnects to another instance.
  if (server.shuttingDown) res.setHeader("Connection", "close");
  server.openResponses.add(res);
  res.once("close", () => {
    server.openResponses.delete(res);
    ops?.requestDone({
      requestId,
      method: req.method,
      url: req.url,
      // No status line went out: 499, nginx's "closed before an answer", rather than a 200 nobody received.
      status: res.headersSent ? res.statusCode : 499,
      durationMs: performance.now() - started,
      aborted: !res.writableFinished,
    });
    if (server.shuttingDown) server.closeIdleConnections();
  });
}

/**
 * @param handle the request handler (Next's, behind the front door's routing)
 * @param options.ops the lib/ops hooks; by default those published on globalThis (absent: no log lines, a random id)
 */
export function createConsoleServer(handle, options = {}) {
  const server = createServer((req, res) => {
    const peer = req.socket.remoteAddress ?? "";
    const prior = req.headers["x-forwarded-for"];
    req.headers["x-forwarded-for"] = prior ? `${Array.isArray(prior) ? prior.join(", ") : prior}, ${peer}` : peer;
    traceRequest(server, req, res, options.ops ?? globalThis[OPS]);
    guardClientAbort(req, res);
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((e) => {
        log().error({ err: e, reqId: req.headers["x-request-id"] }, "[gatehouse] request failed");
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  });
  server.shuttingDown = false;
  /** Answers not closed yet: shutdown waits for their `close` (and log line) before exiting. */
  server.openResponses = new Set();
  return server;
}

/** Resolves once every response in `open` has closed, or after `ms`. */
function allClosed(open, ms) {
  const deadline = Date.now() + ms;
  return new Promise((resolve) => {
    const check = () => (open.size === 0 || Date.now() >= deadline ? resolve() : setTimeout(check, 10));
    check();
  });
}

/**
 * On SIGTERM or SIGINT: readiness turns 503, the server stops accepting connections and closes idle
 * ones, in-flight requests finish (cut after `graceMs`), then the ops hooks close the resources
 * (gateway port, database) and the process exits 0. A second signal exits at once (1).
 */
export function installGracefulShutdown(server, options = {}) {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const opsOf = () => options.ops ?? globalThis[OPS];
  let started = false;
  const onSignal = (signal) => {
    if (started) {
      log().warn({ signal }, "[gatehouse] second signal: exiting without waiting");
      process.exit(1);
    }
    started = true;
    server.shuttingDown = true;
    opsOf()?.beginShutdown();
    const cut = setTimeout(() => {
      log().warn({ graceMs }, "[gatehouse] in-flight requests still open after the grace period: closing their connections");
      server.closeAllConnections();
    }, graceMs);
    server.close(async () => {
      clearTimeout(cut);
      // Responses on connections the grace period cut emit `close` (and their log line) only after the server's own close.
      await allClosed(server.openResponses, 1000);
      await opsOf()?.closeResources();
      log().info("[gatehouse] stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
    // Logged once the port is closed: from this line on, new connections are refused.
    log().info({ signal, graceMs }, "[gatehouse] shutting down: finishing in-flight requests");
  };
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, onSignal);
}
