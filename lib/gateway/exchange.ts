/**
 * One gateway exchange, whatever carries it: the console's own HTTP front door and the gateway's
 * port (node-handler.ts), `gatehouse serve` (the same Node handler), and Next's route handler under
 * `next dev` (app/gw). Each adapter only says how to read its request; this module decides what
 * stage is addressed, reads the body under API Gateway's cap, builds the headers as AWS does and
 * runs the stage's pipeline. Never throws: a bug of ours is AWS's 500 answer.
 */
import { randomUUID } from "node:crypto";
import { clientAddress } from "../auth/client-address";
import { withoutCookies } from "./http";
import { forbidden, type GatewayResult, internalError, MAX_PAYLOAD_BYTES, type ServeOptions, serveStageTarget } from "./serve";
import type { StageTarget } from "./target";

/** What an adapter knows about the request before reading its body. */
export interface GatewayExchange {
  method: string;
  /** The request target as received: percent-encoded path and query (`/gw/api/prod/pets?x=1`). */
  rawUrl: string;
  /** Header name/value pairs in the order received, names as the client spelled them. */
  headerPairs: [string, string][];
  /** The body up to `limit` bytes; `tooLarge` once the client sent more (the rest is not kept). */
  readBody(limit: number): Promise<{ bytes: Buffer; tooLarge: boolean }>;
  /** The connecting peer, appended to X-Forwarded-For unless a front door already did. */
  peerAddress?: string;
}

/** What a request path addresses: a stage (null when there is no such API or stage) and the path below it. */
export interface GatewayLocation {
  target: StageTarget | null;
  /** The path below the stage, percent-encoded, starting with `/`. */
  below: string;
}

export interface ExchangeOptions extends ServeOptions {
  /** Finds the stage a raw path (no query) addresses. */
  locate(rawPath: string): Promise<GatewayLocation>;
  /** Cookies that never reach a backend: the console's own session cookie. */
  stripCookies?: string[];
  /** Reverse proxies in front (GATEHOUSE_TRUSTED_PROXIES), for the client's address. */
  trustedProxies?: number;
}

/** API Gateway's two header maps from the pairs received: the last value, and every value per name. */
export function headerMapsFromPairs(
  pairs: [string, string][],
  stripCookies: string[] = [],
  /** Replaces every X-Forwarded-For received with this one, added last. */
  forwardedFor?: string,
): HeaderMaps {
  const maps: HeaderMaps = { single: {}, multi: {} };
  // The first spelling of each name, by its lower case.
  const spelling: Record<string, string> = Object.create(null);
  for (const [name, value] of pairs) {
    if (forwardedFor !== undefined && name.length === 15 && name.toLowerCase() === "x-forwarded-for") continue;
    addHeader(maps, spelling, name, value, stripCookies);
  }
  if (forwardedFor !== undefined) addHeader(maps, spelling, "X-Forwarded-For", forwardedFor, stripCookies);
  return maps;
}

interface HeaderMaps {
  single: Record<string, string>;
  multi: Record<string, string[]>;
}

function addHeader(maps: HeaderMaps, spelling: Record<string, string>, name: string, rawValue: string, stripCookies: string[]): void {
  const lower = name.toLowerCase();
  const value = lower === "cookie" && stripCookies.length ? withoutCookies({ cookie: rawValue }, stripCookies).cookie : rawValue;
  if (value === undefined) return;
  const key = (spelling[lower] ??= name);
  (maps.multi[key] ??= []).push(value);
  maps.single[key] = value;
}

function forwardedFor(pairs: [string, string][], peer: string | undefined): string {
  const hops: string[] = [];
  for (const [k, v] of pairs) if (k.length === 15 && k.toLowerCase() === "x-forwarded-for") hops.push(v);
  if (peer) hops.push(peer);
  return hops.join(", ");
}

/** Runs one exchange to its answer. */
export async function answerExchange(exchange: GatewayExchange, options: ExchangeOptions): Promise<GatewayResult> {
  const requestId = options.requestId ?? randomUUID();
  const started = performance.now();
  const answer = (a: Pick<GatewayResult, "status" | "headers" | "body">): GatewayResult => ({
    ...a,
    requestId,
    isCanaryRequest: false,
    log: "",
    steps: [],
    latencyMs: Math.round(performance.now() - started),
  });
  try {
    const q = exchange.rawUrl.indexOf("?");
    const rawPath = q < 0 ? exchange.rawUrl : exchange.rawUrl.slice(0, q);
    const { target, below } = await options.locate(rawPath);
    if (!target) return answer(forbidden(requestId));
    // The chain as the integration will see it: what front doors sent, then the connecting peer.
    const xff = forwardedFor(exchange.headerPairs, exchange.peerAddress);
    const headers = headerMapsFromPairs(exchange.headerPairs, options.stripCookies, exchange.peerAddress ? xff : undefined);
    const body = await exchange.readBody(MAX_PAYLOAD_BYTES);
    return await serveStageTarget(
      target,
      {
        httpMethod: exchange.method,
        path: below,
        query: q < 0 ? "" : exchange.rawUrl.slice(q + 1),
        headers: headers.single,
        multiValueHeaders: headers.multi,
        body: body.tooLarge ? "" : body.bytes.toString("utf8"),
        // Raw bytes: binary payloads (the API's binaryMediaTypes) must not pass through a UTF-8 decode.
        bodyBytes: body.tooLarge ? undefined : body.bytes,
        bodyTooLarge: body.tooLarge,
        sourceIp: clientAddress(xff, options.trustedProxies ?? 0) ?? "127.0.0.1",
      },
      { ...options, requestId },
    );
  } catch (e) {
    console.error("[gatehouse] gateway request failed", e);
    return answer(internalError(requestId));
  }
}

/** True when the answer carries no body: HEAD, 204 and 304. */
export function answerHasNoBody(method: string, status: number): boolean {
  return method.toUpperCase() === "HEAD" || status === 204 || status === 304;
}
