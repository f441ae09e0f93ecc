/**
 * Security checks against the running console:
 * - a crawler over every page, route handler and server action without a session;
 * - a role matrix over every server action and route handler (allowed exactly what each role should be, refused the rest with 403 and nothing written);
 * - cross-origin server-action and endpoint calls refused;
 * - session cookie flags.
 * Pages and routes are discovered from app/, server actions from Next's build manifest, so a
 * new one is covered (or fails the test until its expected role is declared below).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD, VIEWER, signIn } from "./helpers";

type Role = "viewer" | "editor" | "deployer" | "admin";
const ROLES: Role[] = ["viewer", "editor", "deployer", "admin"];

/** The least role each server action needs. "public" actions answer without a session (their input is the credential). */
const ACTION_ROLES: Record<string, Role | "public"> = {
  signInAction: "public",
  acceptInvitationAction: "public",
  signOutAction: "viewer",
  createApiAction: "editor",
  editDesignAction: "editor",
  testInvokeAction: "editor",
  revertChangeAction: "editor",
  createDeploymentAction: "deployer",
  createStageAction: "deployer",
  setStageDeploymentAction: "deployer",
  updateStageSettingsAction: "deployer",
  pointStageAction: "deployer",
  promotionPreviewAction: "viewer",
  promoteStageAction: "deployer",
  approveChangeAction: "deployer",
  rejectChangeAction: "deployer",
  addCanaryAction: "deployer",
  updateCanaryAction: "deployer",
  promoteCanaryAction: "deployer",
  removeCanaryAction: "deployer",
  createConnectionAction: "admin",
  updateConnectionAction: "admin",
  deleteConnectionAction: "admin",
  deleteApiAction: "admin",
  deleteStageAction: "deployer",
  deleteDeploymentAction: "deployer",
  listAwsRestApisAction: "deployer",
  importAwsRestApiAction: "deployer",
  planAwsPushAction: "deployer",
  checkDriftAction: "editor",
  adoptDriftAction: "editor",
  overwriteDriftAction: "deployer",
  adoptStageDriftAction: "deployer",
  overwriteStageDriftAction: "deployer",
  testConnectionAction: "viewer",
  inviteMemberAction: "admin",
  revokeInvitationAction: "admin",
  changeMemberRoleAction: "admin",
  removeMemberAction: "admin",
  unlockMemberSignInAction: "admin",
  revokeMemberSessionAction: "admin",
  changePasswordAction: "viewer",
  revokeOwnSessionAction: "viewer",
  createAccessTokenAction: "viewer",
  revokeAccessTokenAction: "viewer",
  listTestCasesAction: "viewer",
  invokeCapabilitiesAction: "viewer",
  saveTestCaseAction: "editor",
  deleteTestCaseAction: "editor",
  runTestCasesAction: "editor",
  awsTestInvokeAction: "editor",
  importOpenApiAsNewApiAction: "editor",
  previewOpenApiImportAction: "editor",
  importOpenApiIntoApiAction: "editor",
  createApiKeyAction: "deployer",
  revealApiKeyAction: "admin",
  deleteApiKeyAction: "deployer",
  importApiKeysAction: "deployer",
  createUsagePlanAction: "deployer",
  deleteUsagePlanAction: "deployer",
  attachApiKeyAction: "deployer",
  detachApiKeyAction: "deployer",
  addApiStageAction: "deployer",
  removeApiStageAction: "deployer",
};

/** Route handlers: method, path pattern, least role. */
// "token": the pipeline API, opened by an access token only (never a session cookie).
const ROUTE_ROLES: { method: "GET" | "POST" | "PUT"; route: string; role: Role | "public" | "token" }[] = [
  { method: "GET", route: "/api/health", role: "public" },
  { method: "GET", route: "/api/ready", role: "public" },
  // Behind its own token (GATEHOUSE_METRICS_TOKEN): 404 while unset, 401 without the token.
  { method: "GET", route: "/api/metrics", role: "public" },
  { method: "GET", route: "/api/palette", role: "viewer" },
  { method: "GET", route: "/api/notifications", role: "viewer" },
  { method: "GET", route: "/api/v1/openapi.json", role: "public" },
  { method: "GET", route: "/api/v1/apis", role: "token" },
  { method: "POST", route: "/api/v1/apis", role: "token" },
  { method: "PUT", route: "/api/v1/apis/[apiId]/openapi", role: "token" },
  { method: "GET", route: "/api/v1/apis/[apiId]/diff", role: "token" },
  { method: "GET", route: "/api/v1/apis/[apiId]/stages", role: "token" },
  { method: "POST", route: "/api/v1/apis/[apiId]/deployments", role: "token" },
  { method: "POST", route: "/api/v1/apis/[apiId]/stages/[stageName]/promote", role: "token" },
  { method: "POST", route: "/api/v1/apis/[apiId]/stages/[stageName]/push", role: "token" },
  { method: "POST", route: "/api/v1/apis/[apiId]/tests/run", role: "token" },
  { method: "GET", route: "/api/v1/history", role: "token" },
  { method: "GET", route: "/api/apis/[apiId]", role: "viewer" },
  { method: "GET", route: "/api/apis/[apiId]/openapi", role: "viewer" },
  { method: "GET", route: "/api/history", role: "viewer" },
  { method: "POST", route: "/api/apis/[apiId]/stages/[stageName]/push", role: "deployer" },
  // Following a push job under way (a second tab, another instance): what the push history shows anyone in the workspace.
  { method: "GET", route: "/api/apis/[apiId]/stages/[stageName]/push", role: "viewer" },
  // The local gateway serves deployed stages to anyone, as API Gateway does; it only ever answers what the API's methods produce.
  { method: "GET", route: "/gw/[apiRef]/[stage]/[[...path]]", role: "public" },
  // Single sign-on comes before a session: start sends the browser to the provider, callback checks what it brings back.
  { method: "GET", route: "/auth/oidc/start", role: "public" },
  { method: "GET", route: "/auth/oidc/callback", role: "public" },
];

const PUBLIC_PAGES = ["/sign-in", "/invite/[token]"];
const HERE = dirname(fileURLToPath(import.meta.url));
const APP = join(HERE, "..", "app");

function appFiles(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    // Private folders (_server) are not routes in the App Router.
    if (statSync(path).isDirectory()) return entry.startsWith("_") ? [] : appFiles(path, name);
    return entry === name ? [path] : [];
  });
}

/** `app/(console)/apis/[apiId]/page.tsx` → `/apis/[apiId]` (route groups and private folders dropped). */
function routeOf(file: string): string {
  const parts = relative(APP, file)
    .split("/")
    .slice(0, -1)
    .filter((p) => !/^\(.*\)$/.test(p));
  return "/" + parts.join("/");
}

function actionsFromManifest(): { id: string; name: string; file: string }[] {
  const manifest = JSON.parse(readFileSync(join(HERE, "..", process.env.GATEHOUSE_DIST_DIR || ".next", "server", "server-reference-manifest.json"), "utf8"));
  return Object.entries(manifest.node as Record<string, { exportedName: string; filename: string }>).map(([id, a]) => ({
    id,
    name: a.exportedName,
    file: a.filename,
  }));
}

async function callAction(request: APIRequestContext, id: string, args: unknown[], headers: Record<string, string> = {}) {
  const res = await request.post("/", {
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", ...headers },
    data: JSON.stringify(args),
  });
  return { status: res.status(), text: await res.text() };
}

async function auditCount(admin: APIRequestContext): Promise<number> {
  const res = await admin.get("/api/history?format=json&limit=5000");
  expect(res.status()).toBe(200);
  return ((await res.json()) as unknown[]).length;
}

async function signedInContext(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

test.describe.configure({ mode: "serial" });

test("without a session, nothing but sign-in, health, invitation links and static assets answers with data", async ({ browser }) => {
  const anon = await browser.newContext();
  const request = anon.request;
  const uuid = "00000000-0000-4000-8000-000000000000";
  const fill = (route: string) =>
    route
      .replace("[apiId]", uuid)
      .replace("[apiRef]", uuid)
      .replace("[stageName]", "dev")
      .replace("[stage]", "dev")
      .replace("[[...path]]", "pets/1")
      .replace("[token]", "not-a-real-token");

  const pages = appFiles(APP, "page.tsx").map(routeOf);
  expect(pages.length).toBeGreaterThan(5);
  for (const route of pages) {
    const res = await request.get(fill(route), { maxRedirects: 0 });
    if (PUBLIC_PAGES.includes(route)) {
      expect(res.status(), route).toBe(200);
      const html = await res.text();
      expect(html, route).not.toContain("PetStore");
      continue;
    }
    expect([307, 308], `${route} should redirect`).toContain(res.status());
    expect(res.headers().location, route).toMatch(/\/sign-in/);
  }

  const routes = appFiles(APP, "route.ts").map(routeOf);
  // One row per method a route answers (a route file may answer several).
  expect(routes.sort()).toEqual([...new Set(ROUTE_ROLES.map((r) => r.route))].sort());
  for (const { method, route, role } of ROUTE_ROLES) {
    const res = method === "GET" ? await request.get(fill(route)) : await request.fetch(fill(route), { method, data: {} });
    if (role === "token") {
      expect(res.status(), route).toBe(401);
      expect(await res.json()).toMatchObject({ code: "TokenMissing" });
      continue;
    }
    if (role === "public") {
      const text = await res.text();
      expect(res.status(), route).toBeLessThan(500);
      expect(text, route).not.toContain("PetStore");
      expect(text, route).not.toContain("@gatehouse.local");
      continue;
    }
    expect(res.status(), `${method} ${route}`).toBe(401);
    expect(await res.json()).toEqual({ message: "Sign in to continue", code: "Unauthenticated" });
  }

  for (const action of actionsFromManifest()) {
    expect(ACTION_ROLES[action.name], `declare the least role of new server action ${action.name} (${action.file})`).toBeDefined();
    const { status, text } = await callAction(request, action.id, []);
    if (ACTION_ROLES[action.name] === "public") {
      expect(text, action.name).not.toContain("PetStore");
      continue;
    }
    expect(status, action.name).toBe(401);
    expect(text).toContain("Sign in to continue");
  }
  // Static assets are served without a session.
  const home = await (await browser.newContext()).newPage();
  await home.goto("/sign-in");
  const script = await home.locator("script[src]").first().getAttribute("src");
  expect((await request.get(script!)).status()).toBe(200);
  await anon.close();
});

test("each role is allowed exactly its server actions and routes, and refusals write nothing", async ({ browser }) => {
  // Members of every role: the demo has an admin and a viewer; invite an editor and a deployer.
  const admin = await signedInContext(browser, ADMIN);
  const sessions: Record<Role, APIRequestContext> = {
    admin: admin.context.request,
    viewer: (await signedInContext(browser, VIEWER)).context.request,
  } as Record<Role, APIRequestContext>;
  for (const role of ["editor", "deployer"] as const) {
    const email = `${role}-${Date.now().toString(36)}@example.com`;
    await admin.page.goto("/team");
    await admin.page.getByLabel("Email").fill(email);
    await admin.page.getByLabel("Role", { exact: true }).selectOption(role);
    await admin.page.getByRole("button", { name: "Create invitation" }).click();
    const link = (await admin.page.getByTestId("invitation-link").locator("code").innerText()).trim();
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(link);
    await page.getByLabel("Your name").fill(role);
    await page.getByLabel("Choose a password").fill("role-password-1");
    await page.getByRole("button", { name: "Join the workspace" }).click();
    await expect(page.getByTestId("current-role")).toHaveText(role);
    sessions[role] = ctx.request;
  }
  const apiId = ((await (await admin.context.request.get("/api/history?format=json&limit=5000")).json()) as { restApiId: string | null }[]).find(
    (e) => e.restApiId,
  )!.restApiId!;

  const actions = actionsFromManifest().filter((a) => ACTION_ROLES[a.name] !== "public" && a.name !== "signOutAction");
  const before = await auditCount(admin.context.request);
  const allowed: string[] = [];
  for (const role of ROLES) {
    for (const action of actions) {
      const least = ACTION_ROLES[action.name] as Role;
      const { text } = await callAction(sessions[role], action.id, []);
      const refused = text.includes('"status":403');
      expect(refused, `${role} on ${action.name} (needs ${least})`).toBe(ROLES.indexOf(role) < ROLES.indexOf(least));
      if (!refused) allowed.push(`${role}:${action.name}`);
    }
    for (const { method, route } of ROUTE_ROLES.filter((r) => r.role === "token")) {
      const url = route.replace("[apiId]", apiId).replace("[stageName]", "no-such-stage");
      const res = method === "GET" ? await sessions[role].get(url) : await sessions[role].fetch(url, { method, data: {} });
      expect(res.status(), `a ${role}'s session cookie must not open ${route}`).toBe(401);
    }
    for (const { method, route, role: least } of ROUTE_ROLES.filter((r) => r.role !== "public" && r.role !== "token")) {
      const url = route.replace("[apiId]", apiId).replace("[stageName]", "no-such-stage");
      const res =
        method === "GET" ? await sessions[role].get(url) : await sessions[role].post(url, { data: { connectionId: "00000000-0000-4000-8000-000000000000" } });
      const refused = res.status() === 403;
      expect(refused, `${role} ${method} ${route} (needs ${least})`).toBe(ROLES.indexOf(role) < ROLES.indexOf(least as Role));
      if (method === "POST" && !refused) await res.text();
    }
  }
  // Calls the role check let through carried no valid input, so nothing was written either.
  expect(allowed.length).toBeGreaterThan(0);
  expect(await auditCount(admin.context.request)).toBe(before);
});

test("cross-origin calls are refused and session cookies are httpOnly, SameSite, and Secure behind HTTPS", async ({ browser }) => {
  const admin = await signedInContext(browser, ADMIN);
  const cookie = (await admin.context.cookies()).find((c) => c.name === "gatehouse_session")!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
  expect(cookie.secure).toBe(false);

  const before = await auditCount(admin.context.request);
  const create = actionsFromManifest().find((a) => a.name === "createApiAction")!;
  const evil = await callAction(admin.context.request, create.id, [{ name: "Cross-site API" }], { origin: "http://evil.example" });
  expect(evil.text).not.toContain('"ok":true');
  const sameSite = await callAction(admin.context.request, create.id, [{ name: "" }]);
  expect(sameSite.text).toContain("Name is required");
  const push = await admin.context.request.post("/api/apis/00000000-0000-4000-8000-000000000000/stages/dev/push", {
    headers: { origin: "http://evil.example" },
    data: {},
  });
  expect(push.status()).toBe(403);
  expect(await auditCount(admin.context.request)).toBe(before);

  // Behind a TLS-terminating proxy (X-Forwarded-Proto: https) the cookie is also Secure.
  const https = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  const page = await https.newPage();
  await signIn(page, VIEWER);
  const secureCookie = (await https.cookies()).find((c) => c.name === "gatehouse_session")!;
  expect(secureCookie.secure).toBe(true);
  expect(secureCookie.httpOnly).toBe(true);
});
