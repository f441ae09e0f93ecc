/**
 * Body limits are explicit and answered 413, never truncation (issue #16 item 12). Next copies a
 * request body for the proxy and silently cuts the copy — and the body the route then reads — at
 * `proxyClientMaxBodySize` (10 MB by default): server actions of 10–12 MB failed with 500 and
 * chunked `/gw` bodies over 10 MB were served cut short. Now the proxy does not run on `/gw` (the
 * gateway route caps at 10 MB itself, 413 REQUEST_TOO_LARGE), Next's copy limit sits above every
 * limit, and the proxy refuses bodies over the console's 12 MB limit with 413.
 */
import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import nextConfig from "../../next.config";
import { config as proxyConfig, proxy } from "../../proxy";
import { CONSOLE_BODY_LIMIT, PROXY_BODY_CLONE_LIMIT } from "../../lib/http/body-limits";
import { MAX_PAYLOAD_BYTES } from "../../lib/invoke/payload-limit";

/** Next's size notation as these settings use it ("12mb" = 12 × 1024 × 1024 bytes). */
function megabytes(limit: unknown): number {
  const m = /^(\d+)mb$/.exec(String(limit));
  if (!m) throw new Error(`unexpected size ${String(limit)}`);
  return Number(m[1]) * 1024 * 1024;
}

const matches = (url: string) => unstable_doesMiddlewareMatch({ config: proxyConfig, url });

/** A body of `size` bytes sent in 64 KB chunks, without a Content-Length (chunked). */
function chunked(size: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(97);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
      sent += part.length;
      controller.enqueue(part);
    },
  });
}

function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return new NextRequest(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { cookie: "gatehouse_session=t", ...headers },
    duplex: "half",
  } as ConstructorParameters<typeof NextRequest>[1]);
}

describe("body limits", () => {
  it("the proxy does not run on the local gateway, so Next never copies or cuts its bodies", () => {
    for (const url of ["/gw/abc/prod/pets", "/gw/abc/prod", "/gw"]) expect(matches(url), url).toBe(false);
    for (const url of ["/", "/apis/x", "/sign-in", "/api/health", "/gwx/page", "/invite/t"]) expect(matches(url), url).toBe(true);
  });

  it("Next's copy limit for the proxy is above the server-action limit and the gateway's", () => {
    const experimental = nextConfig.experimental!;
    const actionLimit = megabytes(experimental.serverActions!.bodySizeLimit);
    expect(actionLimit).toBe(CONSOLE_BODY_LIMIT);
    expect(megabytes(experimental.proxyClientMaxBodySize)).toBe(PROXY_BODY_CLONE_LIMIT);
    expect(PROXY_BODY_CLONE_LIMIT).toBeGreaterThan(Math.max(actionLimit, MAX_PAYLOAD_BYTES));
  });

  it("lets an 11 MB server action through to its page", async () => {
    const res = await proxy(post("/apis/x", new Uint8Array(11 * 1024 * 1024), { "next-action": "abc" }));
    expect(res.headers.get("x-middleware-next")).toBe("1");
  });

  it("answers 413 to a body declared over 12 MB, signed in or not, before reading it", async () => {
    for (const [path, cookie] of [
      ["/apis/x", "gatehouse_session=t"],
      ["/sign-in", ""],
    ]) {
      const req = post(path, chunked(64 * 1024), { "content-length": String(CONSOLE_BODY_LIMIT + 1), cookie });
      const res = await proxy(req);
      expect(res.status, path).toBe(413);
      expect(await res.json()).toMatchObject({ code: "PayloadTooLarge", limitBytes: CONSOLE_BODY_LIMIT });
    }
  });

  it("answers 413 to a chunked body that turns out larger than 12 MB", async () => {
    const res = await proxy(post("/apis/x", chunked(CONSOLE_BODY_LIMIT + 1)));
    expect(res.status).toBe(413);
    const ok = await proxy(post("/apis/x", chunked(CONSOLE_BODY_LIMIT)));
    expect(ok.headers.get("x-middleware-next")).toBe("1");
  });
});
