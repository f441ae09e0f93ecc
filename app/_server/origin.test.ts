/** The same-origin check of state-changing route handlers (push): other sites, and origins that are no site, get 403. */
import { describe, expect, it, vi } from "vitest";
import { GatehouseError } from "@/lib/errors";

vi.mock("server-only", () => ({}));
const { assertSameOrigin } = await import("./origin");

function request(origin: string | undefined, host = "console.example:3000"): Request {
  const headers = new Headers({ host });
  if (origin !== undefined) headers.set("origin", origin);
  return new Request("http://console.example:3000/api/apis/x/stages/prod/push", { method: "POST", headers });
}

function refusal(origin: string): unknown {
  try {
    assertSameOrigin(request(origin));
    return undefined;
  } catch (e) {
    return e;
  }
}

describe("assertSameOrigin", () => {
  it("lets the console's own origin and origin-less clients through", () => {
    expect(() => assertSameOrigin(request("http://console.example:3000"))).not.toThrow();
    expect(() => assertSameOrigin(request(undefined))).not.toThrow();
  });

  it.each(["https://evil.example", "null", "", "not a url", "file://", "http://console.example:3000.evil.example"])("refuses Origin %j with 403", (origin) => {
    const e = refusal(origin);
    expect(e).toBeInstanceOf(GatehouseError);
    expect((e as GatehouseError).status).toBe(403);
  });
});
