import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxiesFromEnv } from "./client-address";

describe("clientAddress", () => {
  it("takes the connecting peer when no proxy is trusted, whatever the client wrote before it", () => {
    // The client forged "1.2.3.4"; the server appended the socket's address 10.0.0.9.
    expect(clientAddress("1.2.3.4, 10.0.0.9", 0)).toBe("10.0.0.9");
    expect(clientAddress("10.0.0.9", 0)).toBe("10.0.0.9");
  });

  it("takes the address the nearest trusted proxy saw", () => {
    // client forged 1.2.3.4; the proxy appended the real client 203.0.113.5; the server appended the proxy 10.0.0.2.
    expect(clientAddress("1.2.3.4, 203.0.113.5, 10.0.0.2", 1)).toBe("203.0.113.5");
    // More trusted hops than entries: the leftmost is the best there is.
    expect(clientAddress("203.0.113.5, 10.0.0.2", 5)).toBe("203.0.113.5");
  });

  it("has no address without the header", () => {
    expect(clientAddress(null, 0)).toBeNull();
    expect(clientAddress(" , ", 1)).toBeNull();
  });

  it("reads the trusted hop count from the environment, ignoring nonsense", () => {
    expect(trustedProxiesFromEnv({})).toBe(0);
    expect(trustedProxiesFromEnv({ GATEHOUSE_TRUSTED_PROXIES: "2" })).toBe(2);
    expect(trustedProxiesFromEnv({ GATEHOUSE_TRUSTED_PROXIES: "-1" })).toBe(0);
    expect(trustedProxiesFromEnv({ GATEHOUSE_TRUSTED_PROXIES: "x" })).toBe(0);
  });
});
