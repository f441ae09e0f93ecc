import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { checkOutbound, guardedFetch, OutboundRefusedError, outboundPolicyFromEnv, type OutboundPolicy } from "./outbound";

const resolvingTo =
  (map: Record<string, string[]>): OutboundPolicy["lookup"] =>
  async (host) =>
    map[host] ?? [];

async function refusal(url: string, policy?: OutboundPolicy): Promise<OutboundRefusedError | undefined> {
  try {
    await checkOutbound(url, policy);
    return undefined;
  } catch (e) {
    if (e instanceof OutboundRefusedError) return e;
    throw e;
  }
}

describe("outbound guard", () => {
  const none: OutboundPolicy = { allow: [], deny: [], lookup: resolvingTo({}) };

  it("refuses cloud metadata and link-local addresses by default", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://169.254.1.1/",
      "http://[fe80::1]/",
      "http://[fd00:ec2::254]/",
      "http://[::ffff:169.254.169.254]/",
      "http://metadata.google.internal/computeMetadata/v1/",
    ]) {
      expect(await refusal(url, none), url).toBeInstanceOf(OutboundRefusedError);
    }
  });

  it("refuses a hostname after DNS resolution when it resolves to a link-local address", async () => {
    const policy = { allow: [], deny: [], lookup: resolvingTo({ "evil.example": ["93.184.216.34", "169.254.169.254"] }) };
    const e = await refusal("http://evil.example/", policy);
    expect(e?.address).toBe("169.254.169.254");
  });

  it("allows loopback and ordinary addresses by default", async () => {
    const policy = { allow: [], deny: [], lookup: resolvingTo({ localhost: ["127.0.0.1", "::1"], "api.example": ["93.184.216.34"] }) };
    expect(await checkOutbound("http://127.0.0.1:8080/x", policy)).toEqual(["127.0.0.1"]);
    expect(await checkOutbound("http://[::1]/", policy)).toEqual(["::1"]);
    expect(await checkOutbound("http://localhost/", policy)).toEqual(["127.0.0.1", "::1"]);
    expect(await checkOutbound("https://api.example/", policy)).toEqual(["93.184.216.34"]);
  });

  it("lets an allow entry exempt an address, and a deny entry win over it", async () => {
    expect(await refusal("http://169.254.170.2/", { ...none, allow: ["169.254.170.2"] })).toBeUndefined();
    expect(await refusal("http://169.254.170.2/", { ...none, allow: ["169.254.170.0/24"], deny: ["169.254.170.2/32"] })).toBeInstanceOf(OutboundRefusedError);
  });

  it("refuses denied CIDRs and hostnames, wildcards included", async () => {
    const policy = { allow: [], deny: ["10.0.0.0/8", "*.internal.example", "127.0.0.1"], lookup: resolvingTo({ "db.corp": ["10.2.3.4"] }) };
    expect(await refusal("http://db.corp/", policy)).toBeInstanceOf(OutboundRefusedError);
    expect(await refusal("http://a.internal.example/", policy)).toBeInstanceOf(OutboundRefusedError);
    expect(await refusal("http://127.0.0.1/", policy)).toBeInstanceOf(OutboundRefusedError);
    expect(await refusal("http://127.0.0.2/", policy)).toBeUndefined();
  });

  it("refuses protocols other than http and https, and hosts that do not resolve", async () => {
    expect(await refusal("file:///etc/passwd", none)).toBeInstanceOf(OutboundRefusedError);
    expect(await refusal("http://nowhere.invalid/", none)).toBeInstanceOf(OutboundRefusedError);
  });

  it("reads GATEHOUSE_OUTBOUND_ALLOW / GATEHOUSE_OUTBOUND_DENY and rejects malformed entries", () => {
    expect(outboundPolicyFromEnv({ GATEHOUSE_OUTBOUND_ALLOW: " 169.254.170.2 , ecs.local", GATEHOUSE_OUTBOUND_DENY: "10.0.0.0/8" })).toEqual({
      allow: ["169.254.170.2", "ecs.local"],
      deny: ["10.0.0.0/8"],
    });
    expect(outboundPolicyFromEnv({})).toEqual({ allow: [], deny: [] });
    expect(() => outboundPolicyFromEnv({ GATEHOUSE_OUTBOUND_DENY: "10.0.0.0/99" })).toThrow(/invalid CIDR/);
    expect(() => outboundPolicyFromEnv({ GATEHOUSE_OUTBOUND_ALLOW: "not a host" })).toThrow(/invalid entry/);
  });

  it("never calls fetch for a refused URL, and does not follow redirects", async () => {
    const fetchImpl = vi.fn(async () => new Response("ok"));
    await expect(guardedFetch("http://169.254.169.254/", {}, none, fetchImpl as unknown as typeof fetch)).rejects.toBeInstanceOf(OutboundRefusedError);
    expect(fetchImpl).not.toHaveBeenCalled();
    await guardedFetch("http://127.0.0.1/", { method: "GET" }, none, fetchImpl as unknown as typeof fetch);
    expect(fetchImpl).toHaveBeenCalledWith("http://127.0.0.1/", { method: "GET", redirect: "manual" });
  });

  it("connects to the addresses it checked, not to a second DNS answer (no rebinding)", async () => {
    const server = createServer((req, res) => {
      res.writeHead(req.url === "/moved" ? 302 : 200, { location: "http://169.254.169.254/", "content-type": "text/plain" });
      res.end(`host header ${req.headers.host}`);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      // The system resolver does not know this name: only the checked answer can be used.
      const policy: OutboundPolicy = { allow: [], deny: [], lookup: async () => ["127.0.0.1"] };
      const res = await guardedFetch(`http://rebind.gatehouse.invalid:${port}/`, { method: "GET" }, policy);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(`host header rebind.gatehouse.invalid:${port}`);
      const moved = await guardedFetch(`http://rebind.gatehouse.invalid:${port}/moved`, { method: "GET" }, policy);
      expect(moved.status).toBe(302);
    } finally {
      server.close();
    }
  });
});
