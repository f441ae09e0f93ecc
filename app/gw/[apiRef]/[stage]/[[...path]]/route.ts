/**
 * The local gateway over plain HTTP: `/gw/{api}/{stage}/{path}` serves a deployed stage as API
 * Gateway's execute-api endpoint would (lib/gateway). Public (proxy.ts lets `/gw` through with no
 * session): it answers only with what the API's own pipeline produces, never console data, and
 * strips the console's session cookie before anything reaches a backend.
 */
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db";
import { SESSION_COOKIE } from "@/lib/auth/session";
import { internalError, MAX_PAYLOAD_BYTES, readBodyCapped, responseBodyBytes, responseHeaders, serveGatewayRequest, withoutCookies } from "@/lib/gateway";
import { clientAddress, trustedProxiesFromEnv } from "@/lib/auth/client-address";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

type Params = { params: Promise<{ apiRef: string; stage: string; path?: string[] }> };

async function handle(request: Request, { params }: Params): Promise<Response> {
  try {
    await params;
    const url = new URL(request.url);
    // The path below the stage as received (still percent-encoded), from the raw URL rather than
    // Next's decoded segments, so `%2F` inside a segment stays one segment.
    // ["", "gw", apiRef, stage, ...path]
    const rawSegments = url.pathname.split("/");
    const apiRef = safeDecode(rawSegments[2] ?? "");
    const stage = safeDecode(rawSegments[3] ?? "");
    const below = "/" + rawSegments.slice(4).join("/");
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const declared = Number(request.headers.get("content-length") ?? "0");
    const { body, bytes, tooLarge } =
      declared > MAX_PAYLOAD_BYTES ? { body: "", bytes: undefined, tooLarge: true } : await readBodyCapped(request.body, MAX_PAYLOAD_BYTES);
    const { prisma } = await getDb();
    const result = await serveGatewayRequest(prisma, apiRef, stage, {
      httpMethod: request.method,
      path: below,
      query: url.search.slice(1),
      headers: withoutCookies(headers, [SESSION_COOKIE]),
      body,
      // Raw bytes: binary payloads (the API's binaryMediaTypes) must not pass through a UTF-8 decode.
      bodyBytes: bytes,
      bodyTooLarge: tooLarge,
      sourceIp: clientAddress(request.headers.get("x-forwarded-for"), trustedProxiesFromEnv()) ?? "127.0.0.1",
    });
    const noBody = request.method === "HEAD" || result.status === 204 || result.status === 304;
    // Always bytes: a binary answer (binaryMediaTypes) goes out exactly as the pipeline produced it.
    const payload = noBody ? null : responseBodyBytes(result);
    return new Response(payload as BodyInit | null, { status: result.status, headers: responseHeaders(result.headers, result.multiValueHeaders) });
  } catch (e) {
    console.error("[gatehouse] gateway route failed", e);
    const err = internalError(randomUUID());
    return new Response(err.body, { status: err.status, headers: err.headers });
  }
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
export const HEAD = handle;
export const OPTIONS = handle;
