/**
 * OpenID Connect sign-in end to end below the browser: lib/auth/oidc.ts against the test-double
 * provider (test/fakes/oidc-idp, the real oidc-provider package) on loopback, over a real database.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { oidcConfigFromEnv, type OidcConfig } from "../../lib/auth/oidc-config";
import { beginOidcSignIn, completeOidcSignIn, OidcSignInError } from "../../lib/auth/oidc";
import { NO_PASSWORD, syncOidcMember } from "../../lib/auth/oidc-members";
import { OIDC_STATE_TTL_MS } from "../../lib/auth/oidc-state";
import { resolveSession } from "../../lib/auth/session";
import { PASSWORD_SIGN_IN_OFF, signIn, SignInError } from "../../lib/auth/sign-in";
import { startFakeIdp, type FakeIdp } from "../fakes/oidc-idp/idp";
import { cheapPasswordHash } from "../helpers/cheap-password";
import { openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";
import { visitProvider, type IdpChoice } from "./oidc-browser";

const REDIRECT = "http://127.0.0.1:3999/auth/oidc/callback";
const CLIENT = { clientId: "gatehouse", clientSecret: "test-client-secret", redirectUris: [REDIRECT] };

describe("OpenID Connect sign-in", () => {
  let idp: FakeIdp;
  let db: TestDatabase;
  let config: OidcConfig;
  let workspaceId: string;
  const p = () => db.handle.prisma;

  function configWith(env: Record<string, string> = {}): OidcConfig {
    return oidcConfigFromEnv({
      GATEHOUSE_OIDC_ISSUER: idp.issuer,
      GATEHOUSE_OIDC_CLIENT_ID: CLIENT.clientId,
      GATEHOUSE_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      GATEHOUSE_OIDC_NAME: "Fake IdP",
      GATEHOUSE_OIDC_SCOPES: "openid email profile groups",
      GATEHOUSE_OIDC_ROLE_MAP: "platform-admins=admin,deployers=deployer,devs=editor",
      ...env,
    })!;
  }

  /** The whole round trip: start, the provider's page, the callback. */
  async function signInWith(choice: IdpChoice, options: { config?: OidcConfig; next?: string; query?: (q: URLSearchParams) => void; now?: number } = {}) {
    const cfg = options.config ?? config;
    const begun = await beginOidcSignIn(cfg, { redirectUri: REDIRECT, next: options.next });
    const query = await visitProvider(begun.url, REDIRECT, choice);
    options.query?.(query);
    return completeOidcSignIn(p(), cfg, { redirectUri: REDIRECT, query, cookie: begun.cookie, ip: "192.0.2.7" }, options.now);
  }

  /** Everything a refused sign-in must leave as it was. */
  const written = async () => ({
    users: await p().user.count(),
    identities: await p().oidcIdentity.count(),
    memberships: await p().membership.count(),
    sessions: await p().session.count(),
    audit: await p().auditEvent.count(),
  });

  async function refused(promise: Promise<unknown>, reason: OidcSignInError["reason"]) {
    const before = await written();
    const e = await rejection(promise, OidcSignInError);
    expect(e.reason).toBe(reason);
    expect(await written()).toEqual(before);
    return e;
  }

  const roleOf = async (email: string) => {
    const user = await p().user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
    return user.memberships.map((m) => m.role);
  };

  beforeAll(async () => {
    idp = await startFakeIdp({ clients: [CLIENT] });
    db = await openTestDatabase("pglite");
    workspaceId = (await p().workspace.create({ data: { name: "Acme", slug: "acme" } })).id;
    config = configWith();
  });
  afterAll(async () => {
    await idp?.close();
    await db?.drop();
  });

  it("sends the browser to the provider with PKCE (S256), state and nonce, sealed in the cookie", async () => {
    const { url, cookie } = await beginOidcSignIn(config, { redirectUri: REDIRECT, next: "/apis" });
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    for (const name of ["code_challenge", "state", "nonce"]) expect(url.searchParams.get(name)?.length).toBeGreaterThanOrEqual(32);
    expect(url.searchParams.get("redirect_uri")).toBe(REDIRECT);
    expect(cookie).not.toContain(url.searchParams.get("state"));
  });

  it("happy path: the first sign-in creates the member, signs them in and goes to next", async () => {
    const done = await signInWith({ signInAs: "ada" }, { next: "/apis?tab=stages" });
    expect(done.next).toBe("/apis?tab=stages");
    expect(done.change).toBe("joined");
    const session = await resolveSession(p(), done.token);
    expect(session).toMatchObject({ email: "ada@idp.example", name: "Ada Admin", role: "admin", workspaceId });
    const user = await p().user.findUniqueOrThrow({ where: { email: "ada@idp.example" }, include: { oidcIdentities: true } });
    expect(user.passwordHash).toBe(NO_PASSWORD);
    expect(user.oidcIdentities).toMatchObject([{ issuer: idp.issuer, subject: "ada" }]);
    const audit = await p().auditEvent.findMany({ where: { actorEmail: "ada@idp.example" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["member.join", "user.sign_in"]);
    expect(audit[0].summary).toBe("ada@idp.example signed in with Fake IdP and joined as admin");
  });

  it("an unsafe next is replaced by the console's home", async () => {
    expect((await signInWith({ signInAs: "ada" }, { next: "//evil.example/x" })).next).toBe("/");
  });

  it("maps groups to roles: devs → editor, deployers → deployer", async () => {
    await signInWith({ signInAs: "dev" });
    await signInWith({ signInAs: "ops" });
    expect(await roleOf("dev@idp.example")).toEqual(["editor"]);
    expect(await roleOf("ops@idp.example")).toEqual(["deployer"]);
  });

  it("later sign-ins follow the provider's groups, audited only when the role changes", async () => {
    await signInWith({ signInAs: "dev" });
    const events = () => p().auditEvent.findMany({ where: { actorEmail: "dev@idp.example", action: { startsWith: "member." } } });
    const joined = (await events()).length;
    idp.accounts.get("dev")!.groups = ["devs", "deployers"];
    const promoted = await signInWith({ signInAs: "dev" });
    expect(promoted.change).toBe("role");
    expect((await resolveSession(p(), promoted.token))?.role).toBe("deployer");
    const after = await events();
    expect(after).toHaveLength(joined + 1);
    expect(after.at(-1)).toMatchObject({ action: "member.role", before: { role: "editor" }, after: { role: "deployer" } });
    expect((await signInWith({ signInAs: "dev" })).change).toBe("none");
    expect(await events()).toHaveLength(joined + 1);
    expect(await p().user.count({ where: { email: "dev@idp.example" } })).toBe(1);
  });

  it("two first sign-ins at once make one account and one membership", async () => {
    const twin = { issuer: idp.issuer, subject: "twin", email: "twin@idp.example", name: "Twin", emailVerified: true };
    const [a, b] = await Promise.all([0, 1].map(() => syncOidcMember(p(), workspaceId, twin, "editor", "Fake IdP")));
    expect(a.userId).toBe(b.userId);
    expect([a.change, b.change].sort()).toEqual(["joined", "none"]);
    expect(await roleOf("twin@idp.example")).toEqual(["editor"]);
    expect(await p().auditEvent.count({ where: { actorEmail: "twin@idp.example", action: "member.join" } })).toBe(1);
  });

  it("refuses a person in no mapped group, or joins them with the default role", async () => {
    const e = await refused(signInWith({ signInAs: "guest" }), "no_role");
    expect(e.status).toBe(403);
    const done = await signInWith({ signInAs: "guest" }, { config: configWith({ GATEHOUSE_OIDC_DEFAULT_ROLE: "viewer" }) });
    expect((await resolveSession(p(), done.token))?.role).toBe("viewer");
  });

  it("refuses the provider's access_denied", async () => {
    await refused(signInWith({ deny: true }), "denied");
  });

  it("refuses a state that is not this browser's", async () => {
    await refused(signInWith({ signInAs: "ada" }, { query: (q) => q.set("state", "someone-elses-state") }), "state");
  });

  it("refuses an expired or missing sign-in cookie", async () => {
    await refused(signInWith({ signInAs: "ada" }, { now: Date.now() + OIDC_STATE_TTL_MS + 1 }), "expired");
    const begun = await beginOidcSignIn(config, { redirectUri: REDIRECT });
    const query = await visitProvider(begun.url, REDIRECT, { signInAs: "ada" });
    await refused(completeOidcSignIn(p(), config, { redirectUri: REDIRECT, query, cookie: undefined }), "expired");
  });

  it("refuses a code replayed or swapped into another sign-in (PKCE and nonce bind it)", async () => {
    const first = await beginOidcSignIn(config, { redirectUri: REDIRECT });
    const stolen = await visitProvider(first.url, REDIRECT, { signInAs: "ada" });
    const victim = await beginOidcSignIn(config, { redirectUri: REDIRECT });
    const victimState = new URL(victim.url).searchParams.get("state")!;
    stolen.set("state", victimState);
    await refused(completeOidcSignIn(p(), config, { redirectUri: REDIRECT, query: stolen, cookie: victim.cookie }), "failed");
  });

  it("says the provider is unavailable when it cannot be reached", async () => {
    const down = configWith({ GATEHOUSE_OIDC_ISSUER: "http://127.0.0.1:9" });
    const e = await refused(beginOidcSignIn(down, { redirectUri: REDIRECT }), "unavailable");
    expect(e.status).toBe(503);
  });

  it("links an existing account of the same verified email; refuses an unverified one", async () => {
    const existing = await p().user.create({ data: { email: "pat@idp.example", name: "Pat", passwordHash: cheapPasswordHash("pat-password") } });
    await p().membership.create({ data: { workspaceId, userId: existing.id, role: "viewer" } });
    idp.accounts.set("pat", { id: "pat", email: "Pat@idp.example", name: "Pat", groups: ["devs"], emailVerified: false });
    const e = await refused(signInWith({ signInAs: "pat" }), "account");
    expect(e.message).toContain("has not verified this email");
    idp.accounts.get("pat")!.emailVerified = true;
    const done = await signInWith({ signInAs: "pat" });
    expect(done.userId).toBe(existing.id);
    expect(await roleOf("pat@idp.example")).toEqual(["editor"]);
  });

  it("password sign-in can be turned off: 403 with a clear message, nothing counted", async () => {
    vi.stubEnv("GATEHOUSE_PASSWORD_SIGN_IN", "off");
    try {
      const before = await p().signInThrottle.count();
      const e = await rejection(signIn(p(), { email: "pat@idp.example", password: "pat-password" }), SignInError);
      expect([e.status, e.code, e.message]).toEqual([403, "PasswordSignInOff", PASSWORD_SIGN_IN_OFF]);
      expect(await p().signInThrottle.count()).toBe(before);
    } finally {
      vi.unstubAllEnvs();
    }
    expect((await signIn(p(), { email: "pat@idp.example", password: "pat-password" })).userId).toBeTruthy();
  });
});
