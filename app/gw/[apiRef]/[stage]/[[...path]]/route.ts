/**
 * The local gateway under `next dev`. `npm start` answers `/gw/…` before Next, on plain Node HTTP
 * (scripts/start.mjs → lib/gateway/node-handler.ts); both run the same exchange
 * (lib/gateway/exchange.ts): this adapter only reads a fetch Request and writes a Response.
 * Public (proxy.ts lets `/gw` through with no session): it answers only with what the API's own
 * pipeline produces, never console data.
 */
import { getDb } from "@/lib/db";
import { answerExchange, answerHasNoBody, consoleGatewayOptions, readBodyCapped, responseBodyBytes, responseHeaders } from "@/lib/gateway";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

async function handle(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headerPairs: [string, string][] = [];
  request.headers.forEach((value, key) => {
    headerPairs.push([key, value]);
  });
  const declared = Number(request.headers.get("content-length") ?? "0");
  const result = await answerExchange(
    {
      method: request.method,
      rawUrl: url.pathname + url.search,
      headerPairs,
      readBody: async (limit) => (declared > limit ? { bytes: Buffer.alloc(0), tooLarge: true } : readBodyCapped(request.body, limit)),
    },
    consoleGatewayOptions(async () => (await getDb()).prisma),
  );
  // Always bytes: a binary answer (binaryMediaTypes) goes out exactly as the pipeline produced it.
  const payload = answerHasNoBody(request.method, result.status) ? null : responseBodyBytes(result);
  return new Response(payload as BodyInit | null, { status: result.status, headers: responseHeaders(result.headers, result.multiValueHeaders) });
}

export const GET = handle;
export const POST = handle;
export const PUT = handle;
export const PATCH = handle;
export const DELETE = handle;
export const HEAD = handle;
export const OPTIONS = handle;
