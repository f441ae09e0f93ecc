/**
 * Requests the server answers itself, before Next (scripts/start.mjs calls frontDoorAnswer first),
 * because Next cannot take them and answered 5xx (issue #16 item 11):
 *
 * - TRACE, TRACK and CONNECT: fetch's Request refuses these methods, so Next fails to build one
 *   (500). On the local gateway (/gw/…) they, and every other verb a REST API method cannot have
 *   (PROPFIND, PURGE…, which Next answered with a bare 400), get what API Gateway answers a verb
 *   no method is defined for: 403 {"message":"Missing Authentication Token"} (the documented, much-reported
 *   AWS behaviour for an undefined verb; PutMethod accepts only DELETE, GET, HEAD, OPTIONS, PATCH,
 *   POST, PUT and ANY, so no resource can ever define TRACE). Console paths answer 405 with Allow.
 * - A /gw path Next cannot percent-decode (a `%` without two hex digits, or escapes that are not
 *   UTF-8), which Next failed on before the gateway route ran: 400 Bad Request, as for any
 *   request-target that breaks RFC 3986 §2.1. (AWS documents no answer of its own for it; this is
 *   our reading, with AWS's error shape: JSON message, x-amzn-ErrorType BadRequestException.)
 *   Console paths Next cannot decode (a signed-in GET /apis/%zz answered 500) get 400 as well.
 *
 * Plain JavaScript: start.mjs runs without a TypeScript loader.
 */
import { randomUUID } from "node:crypto";

const UNBUILDABLE_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);
/** The verbs a REST API method can have (PutMethod; ANY stands for these). */
const GATEWAY_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
const CONSOLE_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

/** True for `/gw` and everything below it. */
export function isGatewayPath(path) {
  return path === "/gw" || path.startsWith("/gw/");
}

/** True when every segment of the path percent-decodes (as Next decodes route parameters). */
function decodable(path) {
  try {
    for (const segment of path.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

/** An answer in API Gateway's shape: JSON message, request ids, x-amzn-ErrorType. */
function gatewayAnswer(status, errorType, message) {
  const requestId = randomUUID();
  return {
    status,
    headers: { "Content-Type": "application/json", "x-amzn-RequestId": requestId, "x-amz-apigw-id": requestId, "x-amzn-ErrorType": errorType },
    body: JSON.stringify({ message }),
  };
}

/** An answer in the console's own error shape ({ message, code }, as proxy.ts and the API routes answer). */
function consoleAnswer(status, body, headers = {}) {
  return { status, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) };
}

/**
 * The answer for a request Next cannot take, or null to hand it to Next.
 * @param {string} method the request method as received
 * @param {string} url the request-target (path and query, still encoded)
 * @returns {{ status: number, headers: Record<string, string>, body: string } | null}
 */
export function frontDoorAnswer(method, url) {
  const path = url.split("?")[0];
  const verb = method.toUpperCase();
  if (isGatewayPath(path)) {
    if (!GATEWAY_METHODS.has(verb)) return gatewayAnswer(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    if (!decodable(path)) return gatewayAnswer(400, "BadRequestException", "Bad Request");
    return null;
  }
  if (UNBUILDABLE_METHODS.has(verb))
    return consoleAnswer(405, { message: `Method ${verb} is not allowed`, code: "MethodNotAllowed" }, { Allow: CONSOLE_METHODS });
  if (!decodable(path)) return consoleAnswer(400, { message: "The path has malformed percent-encoding", code: "BadRequest" });
  return null;
}
