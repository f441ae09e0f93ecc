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
 */
import { createServer } from "node:http";

/** Node's own error for a request whose connection closed before the exchange finished. */
export function isClientAbort(error) {
  return error instanceof Error && error.message === "aborted" && /** @type {any} */ (error).code === "ECONNRESET";
}

function onRequestError(error) {
  if (!isClientAbort(error)) console.error("[gatehouse] request stream failed", error);
}

/** Adds the listener when the connection closes while this exchange is open, before Node aborts the request. */
function guardClientAbort(req, res) {
  const socket = req.socket;
  const guard = () => req.on("error", onRequestError);
  // Prepended: the server's own close handler (which aborts the request) was added first.
  socket.prependListener("close", guard);
  res.once("close", () => socket.removeListener("close", guard));
}

export function createConsoleServer(handle) {
  return createServer((req, res) => {
    const peer = req.socket.remoteAddress ?? "";
    const prior = req.headers["x-forwarded-for"];
    req.headers["x-forwarded-for"] = prior ? `${Array.isArray(prior) ? prior.join(", ") : prior}, ${peer}` : peer;
    guardClientAbort(req, res);
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((e) => {
        console.error("[gatehouse] request failed", e);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  });
}
