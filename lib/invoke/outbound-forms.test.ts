/**
 * The outbound guard against every way of writing the metadata address (issue #16 item 17):
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are checked as
 * the IPv4 address they reach, and test invoke / the gateway connect only to the checked addresses.
 */
import { describe, expect, it } from "vitest";
import { invokeMethod } from "./index";
import { checkOutbound, OutboundRefusedError, type OutboundPolicy } from "./outbound";
import { designOf, startServer } from "../../test/helpers/invoke";

const none: OutboundPolicy = { allow: [], deny: [], lookup: async () => [] };

async function refusal(url: string, policy: OutboundPolicy = none): Promise<OutboundRefusedError | undefined> {
  try {
    await checkOutbound(url, policy);
    return undefined;
  } catch (e) {
    if (e instanceof OutboundRefusedError) return e;
    throw e;
  }
}

describe("outbound guard: IPv6 forms that embed an IPv4 address", () => {
  const metadataForms = [
    "http://[64:ff9b::a9fe:a9fe]/", // NAT64 well-known prefix (RFC 6052)
    "http://[64:ff9b::169.254.169.254]/",
    "http://[64:ff9b:1::a9fe:a9fe]/", // NAT64 local-use prefix (RFC 8215), /96 form
    "http://[::a9fe:a9fe]/", // IPv4-compatible (deprecated, RFC 4291)
    "http://[::169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/", // IPv4-mapped, hex form
    "http://[::ffff:0:a9fe:a9fe]/", // IPv4-translated (RFC 2765)
    "http://[2002:a9fe:a9fe::1]/", // 6to4 (RFC 3056)
    "http://[2001:0:4136:e378:8000:63bf:5601:5601]/", // Teredo: client 169.254.169.254, obfuscated (RFC 4380)
    "http://[2001:0:a9fe:a9fe::1]/", // Teredo: server 169.254.169.254
    "http://[64:ff9b::6464:64c8]/", // NAT64 of Alibaba's metadata address 100.100.100.200
  ];

  it("refuses the metadata address written as any of them", async () => {
    for (const url of metadataForms) expect(await refusal(url), url).toBeInstanceOf(OutboundRefusedError);
  });

  it("refuses a hostname whose DNS answer is one of them", async () => {
    for (const address of ["64:ff9b::a9fe:a9fe", "::a9fe:a9fe", "2002:a9fe:a9fe::"]) {
      const e = await refusal("http://innocent.example/", { ...none, lookup: async () => [address] });
      expect(e?.address, address).toBe(address);
    }
  });

  it("applies the deny list to the embedded address too, and an allow entry exempts it", async () => {
    expect(await refusal("http://[64:ff9b::a00:1]/", { ...none, deny: ["10.0.0.0/8"] })).toBeInstanceOf(OutboundRefusedError);
    expect(await refusal("http://[::ffff:a9fe:aa02]/", { ...none, allow: ["169.254.170.2"] })).toBeUndefined();
  });

  it("still allows ordinary addresses in those forms, and IPv6 loopback", async () => {
    for (const url of ["http://[64:ff9b::808:808]/", "http://[2002:808:808::1]/", "http://[::1]/", "http://[2606:4700::1111]/"]) {
      expect(await refusal(url), url).toBeUndefined();
    }
  });

  it("refuses decimal, octal, hex and short IPv4 forms (the URL parser makes them dotted quads)", async () => {
    for (const url of ["http://2852039166/", "http://0251.0376.0251.0376/", "http://0xa9fea9fe/", "http://169.254.43518/", "http://0xA9.0xFE.0xA9.0xFE/"]) {
      expect(await refusal(url), url).toBeInstanceOf(OutboundRefusedError);
    }
  });
});

describe("test invoke connects only to the addresses the guard checked", () => {
  it("an HTTP integration reaches the checked address even though the system resolver does not know the name", async () => {
    const backend = await startServer((req, _body, res) => res.end(`reached ${req.headers.host}`));
    try {
      const port = new URL(backend.url).port;
      const design = designOf({
        "/x": {
          GET: {
            methodResponses: { "200": { statusCode: "200" } },
            integration: { type: "HTTP_PROXY", httpMethod: "GET", uri: `http://rebind.gatehouse.invalid:${port}/x` },
          },
        },
      });
      // The guard's lookup says 127.0.0.1; a fetch that resolved the name again would fail (ENOTFOUND → 500).
      const outbound: OutboundPolicy = { allow: [], deny: [], lookup: async () => ["127.0.0.1"] };
      const result = await invokeMethod(
        design,
        { httpMethod: "GET", pathWithQueryString: "/x", headers: {}, body: "", stageVariables: {}, stage: null },
        { apiId: "a1", outbound },
      );
      expect([result.status, result.body]).toEqual([200, `reached rebind.gatehouse.invalid:${port}`]);
    } finally {
      await backend.close();
    }
  });
});
