import { describe, expect, it } from "vitest";
import { checkSignInConfig, OidcConfigError, oidcConfigFromEnv, passwordSignInEnabled, roleFromClaims } from "./oidc-config";
import { openOidcState, sealOidcState } from "./oidc-state";

const BASE = {
  GATEHOUSE_OIDC_ISSUER: "https://idp.example.com/realms/acme",
  GATEHOUSE_OIDC_CLIENT_ID: "gatehouse",
  GATEHOUSE_OIDC_CLIENT_SECRET: "s3cret-s3cret",
  GATEHOUSE_OIDC_ROLE_MAP: "platform-admins=admin, deployers=deployer,devs=editor",
};

function refusal(env: Record<string, string>, check: (env: Record<string, string>) => unknown = oidcConfigFromEnv): OidcConfigError {
  try {
    check(env);
  } catch (e) {
    expect(e).toBeInstanceOf(OidcConfigError);
    return e as OidcConfigError;
  }
  throw new Error("expected the configuration to be refused");
}

describe("OIDC configuration", () => {
  it("is off without any GATEHOUSE_OIDC_* variable", () => {
    expect(oidcConfigFromEnv({ PATH: "/bin" })).toBeNull();
  });

  it("reads every setting, with defaults", () => {
    const config = oidcConfigFromEnv(BASE)!;
    expect(config.issuer.href).toBe("https://idp.example.com/realms/acme");
    expect(config.name).toBe("single sign-on");
    expect(config.roleClaim).toBe("groups");
    expect(config.scopes).toBe("openid email profile");
    expect([...config.roleMap]).toEqual([
      ["platform-admins", "admin"],
      ["deployers", "deployer"],
      ["devs", "editor"],
    ]);
    expect(config.defaultRole).toBeNull();
    const named = oidcConfigFromEnv({ ...BASE, GATEHOUSE_OIDC_NAME: "Okta", GATEHOUSE_OIDC_ROLE_CLAIM: "roles", GATEHOUSE_OIDC_DEFAULT_ROLE: "Viewer" })!;
    expect([named.name, named.roleClaim, named.defaultRole]).toEqual(["Okta", "roles", "viewer"]);
  });

  it.each([
    [{ GATEHOUSE_OIDC_ISSUER: "" }, "GATEHOUSE_OIDC_ISSUER", "is required"],
    [{ GATEHOUSE_OIDC_ISSUER: "not a url" }, "GATEHOUSE_OIDC_ISSUER", "is not a URL"],
    [{ GATEHOUSE_OIDC_ISSUER: "http://idp.example.com" }, "GATEHOUSE_OIDC_ISSUER", "must be https"],
    [{ GATEHOUSE_OIDC_CLIENT_ID: " " }, "GATEHOUSE_OIDC_CLIENT_ID", "is required"],
    [{ GATEHOUSE_OIDC_CLIENT_SECRET: "" }, "GATEHOUSE_OIDC_CLIENT_SECRET", "is required"],
    [{ GATEHOUSE_OIDC_ROLE_MAP: "devs=owner" }, "GATEHOUSE_OIDC_ROLE_MAP", '"owner" is not a role'],
    [{ GATEHOUSE_OIDC_ROLE_MAP: "devs" }, "GATEHOUSE_OIDC_ROLE_MAP", '"devs" is not group=role'],
    [{ GATEHOUSE_OIDC_ROLE_MAP: "" }, "GATEHOUSE_OIDC_ROLE_MAP", "map at least one group"],
    [{ GATEHOUSE_OIDC_DEFAULT_ROLE: "root" }, "GATEHOUSE_OIDC_DEFAULT_ROLE", '"root" is not a role'],
    [{ GATEHOUSE_OIDC_SCOPES: "email profile" }, "GATEHOUSE_OIDC_SCOPES", 'must include "openid"'],
    [{ GATEHOUSE_OIDC_REDIRECT_URL: "ftp://x" }, "GATEHOUSE_OIDC_REDIRECT_URL", "must be https"],
  ])("refuses %o naming %s", (change, variable, message) => {
    const e = refusal({ ...BASE, ...change });
    expect(e.variable).toBe(variable);
    expect(e.message).toContain(variable);
    expect(e.message).toContain(message);
  });

  it("accepts plain http only on loopback (a provider run by the tests)", () => {
    expect(oidcConfigFromEnv({ ...BASE, GATEHOUSE_OIDC_ISSUER: "http://127.0.0.1:5400" })!.issuer.port).toBe("5400");
    expect(oidcConfigFromEnv({ ...BASE, GATEHOUSE_OIDC_ISSUER: "http://localhost:5400" })).not.toBeNull();
  });

  it("password sign-in is on unless turned off, and cannot be off without OIDC", () => {
    expect(passwordSignInEnabled({})).toBe(true);
    expect(passwordSignInEnabled({ GATEHOUSE_PASSWORD_SIGN_IN: "on" })).toBe(true);
    expect(passwordSignInEnabled({ GATEHOUSE_PASSWORD_SIGN_IN: "OFF" })).toBe(false);
    expect(refusal({ GATEHOUSE_PASSWORD_SIGN_IN: "no" }, passwordSignInEnabled).variable).toBe("GATEHOUSE_PASSWORD_SIGN_IN");
    expect(refusal({ GATEHOUSE_PASSWORD_SIGN_IN: "off" }, checkSignInConfig).message).toContain("nobody could sign in");
    expect(() => checkSignInConfig({ ...BASE, GATEHOUSE_PASSWORD_SIGN_IN: "off" })).not.toThrow();
  });
});

describe("role from claims", () => {
  const config = oidcConfigFromEnv(BASE)!;

  it("the highest mapped group wins, whatever the order", () => {
    expect(roleFromClaims(config, { groups: ["devs", "platform-admins", "deployers"] })).toBe("admin");
    expect(roleFromClaims(config, { groups: ["devs", "deployers"] })).toBe("deployer");
    expect(roleFromClaims(config, { groups: "devs" })).toBe("editor");
  });

  it("no mapped group: the default role, else none", () => {
    expect(roleFromClaims(config, { groups: ["marketing"] })).toBeNull();
    expect(roleFromClaims(config, {})).toBeNull();
    expect(roleFromClaims(config, { groups: [42, { devs: true }] })).toBeNull();
    expect(roleFromClaims({ ...config, defaultRole: "viewer" }, { groups: ["marketing"] })).toBe("viewer");
  });

  it("reads a dotted claim path (Keycloak's realm_access.roles)", () => {
    const keycloak = { ...config, roleClaim: "realm_access.roles" };
    expect(roleFromClaims(keycloak, { realm_access: { roles: ["deployers"] } })).toBe("deployer");
  });
});

describe("sign-in state cookie", () => {
  const value = { state: "s", nonce: "n", codeVerifier: "v", next: "/apis", expiresAt: 2_000 };

  it("opens what it sealed, until it expires", () => {
    const sealed = sealOidcState("key-one", value);
    expect(sealed).not.toContain("/apis");
    expect(openOidcState("key-one", sealed, 1_999)).toEqual(value);
    expect(openOidcState("key-one", sealed, 2_000)).toBeNull();
  });

  it("refuses a tampered cookie, another key's, and garbage", () => {
    const sealed = sealOidcState("key-one", value);
    const raw = Buffer.from(sealed, "base64url");
    raw[raw.length - 1] ^= 1;
    expect(openOidcState("key-one", raw.toString("base64url"), 0)).toBeNull();
    expect(openOidcState("key-two", sealed, 0)).toBeNull();
    expect(openOidcState("key-one", "abc", 0)).toBeNull();
    expect(openOidcState("key-one", undefined, 0)).toBeNull();
  });
});
