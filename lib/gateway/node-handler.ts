/**
 * The local gateway on plain Node HTTP, with no framework between the socket and the pipeline:
 * the console's front door hands `/gw/…` to it (scripts/start.mjs), the gateway's own port serves
 * it, and `gatehouse serve` runs it for one API read from a file. What it serves is decided by the
 * exchange (exchange.ts); this file only reads Node's request and writes Node's response.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { recordGatewayRequest } from "../ops/metrics";
import { answerExchange, answerHasNoBody, type ExchangeOptions, type GatewayExchange } from "./exchange";
import { answerHeaderEntries } from "./http";
import type { GatewayResult } from "./serve";

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Header pairs as received (rawHeaders keeps the client's spelling and every repeat). */
function headerPairs(req: IncomingMessage): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  return pairs;
}

/** Reads up to `limit` bytes; past it, keeps draining the upload (so the connection stays usable) but keeps nothing. */
const NO_BODY = { bytes: Buffer.alloc(0), tooLarge: false };

function readNodeBody(req: IncomingMessage, limit: number): Promise<{ bytes: Buffer; tooLarge: boolean }> {
  // HTTP/1.1: a request without Content-Length or Transfer-Encoding has no body (most GETs); nothing to wait for.
  if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) return Promise.resolve(NO_BODY);
  const declared = Number(req.headers["content-length"] ?? "0");
  if (declared > limit) {
    req.resume();
    return Promise.resolve({ bytes: Buffer.alloc(0), tooLarge: true });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on("end", () => resolve(size > limit ? { bytes: Buffer.alloc(0), tooLarge: true } : { bytes: Buffer.concat(chunks, size), tooLarge: false }));
    req.on("error", reject);
  });
}

/** The exchange Node's request describes. `appendPeer`: this server is the first hop (no front door added the peer). */
export function nodeExchange(req: IncomingMessage, appendPeer: boolean): GatewayExchange {
  return {
    method: req.method ?? "GET",
    rawUrl: req.url ?? "/",
    headerPairs: headerPairs(req),
    readBody: (limit) => readNodeBody(req, limit),
    peerAddress: appendPeer ? (req.socket.remoteAddress ?? undefined) : undefined,
  };
}

/**
 * Writes a gateway answer in one writeHead; header values HTTP cannot carry (a template's control
 * characters) are dropped. A text body goes out as the string itself: Node then sends the head and
 * the body in one write (a Buffer body costs a second one).
 */
export function writeNodeAnswer(res: ServerResponse, method: string, result: GatewayResult): void {
  const body = answerHasNoBody(method, result.status) ? undefined : (result.bodyBytes ?? result.body);
  const headers: Record<string, string | string[] | number> = {};
  for (const [name, values] of answerHeaderEntries(result.headers, result.multiValueHeaders)) {
    if (values.every(validHeaderValue)) headers[name] = values.length === 1 ? values[0] : values;
  }
  if (body !== undefined) headers["Content-Length"] = typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength;
  res.writeHead(result.status, headers);
  if (body === undefined || body.length === 0) res.end();
  else if (typeof body === "string") res.end(body, "utf8");
  else res.end(body);
}

/** What Node's setHeader accepts: no control characters but tab. */
function validHeaderValue(value: string): boolean {
  return !/[^\t\x20-\x7e\x80-\xff]/.test(value);
}

/** A Node request handler serving the gateway; each answer is counted by API, stage and status (lib/ops/metrics). */
export function createNodeGatewayHandler(options: ExchangeOptions & { appendPeer?: boolean }): NodeHandler {
  // Nobody reads a served request's execution log: don't build it.
  const exchangeOptions: ExchangeOptions = { executionLog: false, ...options };
  const appendPeer = options.appendPeer ?? true;
  return async (req, res) => {
    const started = performance.now();
    const result = await answerExchange(nodeExchange(req, appendPeer), exchangeOptions);
    writeNodeAnswer(res, req.method ?? "GET", result);
    // Labelled by the stage that answered: only stages that exist, never raw path segments.
    recordGatewayRequest({ api: result.restApiId ?? "", stage: result.stageName ?? "", status: result.status, durationMs: performance.now() - started });
  };
}
