/**
 * Request body limits of the console, in one place (issue #16 item 12). Each layer's limit is set
 * on purpose and a body over it is answered 413, never cut short:
 * - the local gateway (`/gw/…`): API Gateway's 10 MB payload limit, enforced by its route
 *   (lib/invoke/payload-limit.ts) with AWS's REQUEST_TOO_LARGE answer; the proxy does not run there,
 *   so Next never copies or truncates a gateway body;
 * - everything else (server actions, route handlers): CONSOLE_BODY_LIMIT, checked by proxy.ts,
 *   which is also Next's `serverActions.bodySizeLimit`;
 * - Next's copy of a body for the proxy (`proxyClientMaxBodySize`) is PROXY_BODY_CLONE_LIMIT,
 *   larger than every limit above: Next silently truncates at it, so a truncated body is always
 *   still over the limit the proxy checks, and is refused rather than served.
 */

const MB = 1024 * 1024;

/** The largest body a server action or console route handler accepts ("12mb" in Next's notation). */
export const CONSOLE_BODY_LIMIT = 12 * MB;

/** Next's `proxyClientMaxBodySize`: a margin above CONSOLE_BODY_LIMIT (more than any one chunk). */
export const PROXY_BODY_CLONE_LIMIT = CONSOLE_BODY_LIMIT + MB;

/** The 413 answer of the console (not the gateway, which answers as API Gateway does). */
export function payloadTooLargeBody(limit: number = CONSOLE_BODY_LIMIT): { message: string; code: string; limitBytes: number } {
  return { message: `Request body is larger than the ${limit / MB} MB limit`, code: "PayloadTooLarge", limitBytes: limit };
}

/**
 * True when a body stream holds more than `limit` bytes. Reads and discards (nothing is kept),
 * and stops as soon as the limit is passed.
 */
export async function streamExceeds(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<boolean> {
  if (!stream) return false;
  const reader = stream.getReader();
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return true;
    }
  }
}

/**
 * Whether a request's body is over `limit`: by its declared Content-Length when it has one, by
 * counting otherwise (chunked). `body` is the proxy's copy; reading it leaves the route's intact.
 */
export async function bodyOverLimit(headers: Headers, body: ReadableStream<Uint8Array> | null, limit: number = CONSOLE_BODY_LIMIT): Promise<boolean> {
  const declared = headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim())) return Number(declared) > limit;
  return streamExceeds(body, limit);
}
