/**
 * Issue #15 item 1: two console instances on one PostgreSQL behave as one console. The spec starts
 * a second instance (B) of the production build the first (A, from playwright.config.ts) serves,
 * on A's database, and proves over HTTP and in the browser that sessions, sign-in lockouts, the
 * draft's version, the push lock and AWS's control-plane quota are shared:
 * - a session made on A works on B, and signing out on A ends it on B;
 * - the sign-in lockout reached on A refuses the right password on B;
 * - an edit on A shows on B at once, and B's edit of the version it showed is refused (409);
 * - while A pushes a stage (held mid-way by the fake API Gateway), B's push of it is refused (409)
 *   naming who pushes;
 * - two pushes at once, one per instance, to one fake account, are paced at AWS's quotas between
 *   them (the fake keeps AWS's buckets and answers a call over them 429, as AWS does).
 *
 * The fake API Gateway runs in this test process, so the spec reads its call log and holds calls.
 * Runs only when the console is on PostgreSQL (CI: E2E_DATABASE=postgres).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync, utimesSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { type FakeApiGateway, type RecordedCall, startFakeApiGateway } from "../test/fakes/fake-apigateway/server";
import { ADMIN, addMockGet, createApi, createDeploymentOf, createStageOf, joinAsNewMember, signIn } from "./helpers";

const A = `http://127.0.0.1:${process.env.E2E_PORT ?? 3200}`;
const ON_POSTGRES = process.env.E2E_DATABASE === "postgres";

test.skip(
  !ON_POSTGRES,
  "Two instances share one PostgreSQL database; this run's console is on embedded PGlite (one process per data directory). Run with E2E_DATABASE=postgres, as CI does.",
);
test.describe.configure({ mode: "serial" });

let B = "";
let instanceB: ChildProcess | undefined;
let fake: FakeApiGateway;
const logB: string[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The database A runs on, as e2e/serve-console.mjs wrote it down for this port. */
function databaseOfA(): string {
  return readFileSync(`.data/e2e-${process.env.E2E_PORT ?? 3200}.database-url`, "utf8").trim();
}

/** `npm start` as A was started (scripts/start.mjs), on A's database, on another port, the gateway's own port off. */
async function startInstanceB(): Promise<void> {
  const port = await freePort();
  B = `http://127.0.0.1:${port}`;
  // B serves the build A serves. start.mjs rebuilds when a source is newer than the build (other
  // work on this checkout may have touched one since A started): that would rebuild the directory A
  // is serving, so the build is marked current first.
  const buildId = join(process.env.GATEHOUSE_DIST_DIR || ".next", "BUILD_ID");
  utimesSync(buildId, new Date(), new Date());
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseOfA(),
    GATEHOUSE_GATEWAY_PORT: "off",
    NEXT_TELEMETRY_DISABLED: "1",
    // As playwright.config.ts gives A.
    AWS_ACCESS_KEY_ID: "AKIAFAKEE2E000000000",
    AWS_SECRET_ACCESS_KEY: "fake-secret-for-the-fake-control-plane",
    AWS_REGION: "us-east-1",
    GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS: "100000",
    GATEHOUSE_LOG_LEVEL: "warn",
  };
  delete env.GATEHOUSE_DATA_DIR;
  instanceB = spawn("node", ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  const keep = (chunk: Buffer) => logB.push(chunk.toString());
  instanceB.stdout?.on("data", keep);
  instanceB.stderr?.on("data", keep);
  await expect
    .poll(
      async () => {
        if (instanceB?.exitCode !== null) throw new Error(`instance B exited (${instanceB?.exitCode}):\n${logB.join("").slice(-4000)}`);
        return fetch(`${B}/api/ready`).then(
          (r) => r.status,
          () => 0,
        );
      },
      { timeout: 180_000, intervals: [1000] },
    )
    .toBe(200);
}

test.beforeAll(async () => {
  if (!ON_POSTGRES) return;
  test.setTimeout(240_000);
  fake = await startFakeApiGateway({ port: 0 });
  await startInstanceB();
});

test.afterAll(async () => {
  if (instanceB && instanceB.exitCode === null) {
    const exited = new Promise((resolve) => instanceB?.once("exit", resolve));
    instanceB.kill("SIGTERM");
    await exited;
  }
  await fake?.close();
});

// biome-ignore lint/correctness/noEmptyPattern: Playwright reads a hook's fixtures from its first parameter's pattern.
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach("instance-b.log", { body: logB.join("").slice(-20_000), contentType: "text/plain" });
});

async function signedInOnA(browser: Browser, email = ADMIN, password?: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: A });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

test("a session made on A works on B, and signing out on A ends it on B", async ({ browser }) => {
  const onA = await signedInOnA(browser);
  // Cookies belong to the host, not the port: the browser sends A's cookie to B.
  const onB = await onA.context().newPage();
  await onB.goto(`${B}/`);
  await expect(onB.getByTestId("current-user")).toHaveText(ADMIN);

  // The cookie itself, replayed on B after the browser has dropped it.
  const session = (await onA.context().cookies(A)).find((c) => c.name === "gatehouse_session");
  expect(session, "the session cookie").toBeTruthy();
  const withCookie = { headers: { cookie: `gatehouse_session=${session?.value}` } };
  expect((await fetch(`${B}/api/notifications`, withCookie)).status).toBe(200);
  await onA.getByRole("button", { name: "Sign out" }).click();
  await onA.waitForURL(/\/sign-in/);
  expect((await fetch(`${B}/api/notifications`, withCookie)).status).toBe(401);
  expect((await fetch(`${A}/api/notifications`, withCookie)).status).toBe(401);
});

test("the sign-in lockout reached on A refuses the right password on B", async ({ browser }) => {
  const admin = await signedInOnA(browser);
  const email = `two-instances-${Date.now().toString(36)}@example.com`;
  const password = "member-password-1";
  await joinAsNewMember(admin, email, password);

  const attacker = await (await browser.newContext()).newPage();
  const attempt = async (base: string, pw: string) => {
    await attacker.goto(`${base}/sign-in`);
    await attacker.getByLabel("Email").fill(email);
    await attacker.getByLabel("Password").fill(pw);
    await attacker.getByRole("button", { name: "Sign in" }).click();
    return attacker.locator("p[role=alert]");
  };
  for (let i = 0; i < 5; i++) await expect(await attempt(A, `wrong-${i}`)).toHaveText("Incorrect email or password");
  // B has seen no attempt of its own: the lock it applies is the one A counted.
  await expect(await attempt(B, password)).toHaveText("Too many failed sign-in attempts from your address. Try again in 15 minutes.");
  await expect(attacker.getByTestId("current-user")).toHaveCount(0);
});

test("an edit on A shows on B at once, and B's edit of the version it showed is refused with 409", async ({ browser }) => {
  const onA = await signedInOnA(browser);
  const apiId = await createApi(onA, `two-instances-${Date.now().toString(36)}`);
  const onB = await onA.context().newPage();
  await onB.goto(`${B}/apis/${apiId}`);
  await expect(onB.getByTestId("api-name")).toBeVisible();

  await addMockGet(onA, "/from-a");
  await onB.reload();
  await expect(onB.getByTestId("resource-tree").locator('[data-resource-path="/from-a"]')).toBeVisible();

  // B shows the draft as it is now; A changes it again; B's edit of what it shows is stale.
  await onA.goto(`/apis/${apiId}`);
  await onA.getByLabel("Path part").fill("/again-from-a");
  await onA.getByRole("button", { name: "Add resource" }).click();
  await expect(onA.getByTestId("selected-resource")).toHaveText("/again-from-a");
  await onB.getByLabel("Path part").fill("/from-b");
  await onB.getByRole("button", { name: "Add resource" }).click();
  const refusal = onB.locator("p[role=alert]").filter({ hasText: "This API was changed by someone else since you opened it" });
  await expect(refusal).toBeVisible();
  // The form offers Reload only for an answer with status 409 (components/ui/form-error.tsx).
  await expect(refusal.getByRole("button", { name: "Reload" })).toBeVisible();
  await onB.reload();
  await expect(onB.getByTestId("resource-tree").locator('[data-resource-path="/again-from-a"]')).toBeVisible();
  await expect(onB.getByTestId("resource-tree").locator('[data-resource-path="/from-b"]')).toHaveCount(0);
});

/** A connection to the fake, made on A; its name. */
async function connectToFake(page: Page): Promise<string> {
  const name = `fake-two-instances-${Date.now().toString(36)}`;
  await page.goto("/connections");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Region").fill("us-east-1");
  await page.getByLabel(/Endpoint URL/).fill(fake.url);
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByTestId("connection-list")).toContainText(name);
  return name;
}

/** An API with GET /items on a MOCK, deployed to stage `dev`, made on A; its id. */
async function apiWithStage(page: Page, name: string): Promise<string> {
  const apiId = await createApi(page, name);
  await addMockGet(page, "/items");
  await createDeploymentOf(page, apiId, "first");
  await createStageOf(page, apiId, "dev");
  return apiId;
}

/**
 * Opens the API's AWS page on `base` with the connection chosen for stage dev's push; the push panel.
 * Waits until the panel has looked for a push of the stage under way (none yet): one that found
 * one would follow it instead of offering to push.
 */
async function pushPanel(page: Page, base: string, apiId: string, connection: string) {
  const looked = page.waitForResponse((r) => r.request().method() === "GET" && r.url().endsWith(`/apis/${apiId}/stages/dev/push`));
  await page.goto(`${base}/apis/${apiId}/aws`);
  expect((await looked).status(), "a push of the stage under way before any was started").toBe(204);
  const panel = page.getByTestId("push-dev");
  const select = panel.getByLabel("AWS connection");
  // Options read "name (Region)".
  const value = await select.locator("option", { hasText: connection }).getAttribute("value");
  await select.selectOption(value ?? connection);
  return panel;
}

/** How much later than its token a call may reach the fake on this loaded machine (ms). */
const TRIP_MS = 1000;

/** For each call of the operation after the first, ms since the last call of it the fake admitted. */
function gapsAfterAdmitted(calls: RecordedCall[], operation: string): number[] {
  const gaps: number[] = [];
  let admitted: number | undefined;
  for (const c of calls.filter((x) => x.operation === operation)) {
    if (admitted !== undefined) gaps.push(c.at - admitted);
    if (c.status >= 200 && c.status < 300) admitted = c.at;
  }
  return gaps;
}

/** The fake's answers since call `from`: how many of each status and operation. */
function callsSince(from: number) {
  const calls = fake.calls.slice(from);
  const of = (op: string) => calls.filter((c) => c.operation === op && c.status >= 200 && c.status < 300).length;
  return { calls, of, throttled: calls.filter((c) => c.status === 429).map((c) => c.operation) };
}

test("while A pushes a stage, B's push of it is refused with 409 naming who pushes", async ({ browser }) => {
  test.setTimeout(240_000);
  const onA = await signedInOnA(browser);
  const connection = await connectToFake(onA);
  const apiId = await apiWithStage(onA, `held-push-${Date.now().toString(36)}`);
  const onB = await onA.context().newPage();
  const panelB = await pushPanel(onB, B, apiId, connection);
  const panelA = await pushPanel(onA, A, apiId, connection);

  // A's push takes the stage's lock, then its first AWS call is held unanswered (for less than the
  // AWS client's 30 s request timeout).
  let release = () => {};
  const from = fake.calls.length;
  fake.faults.add({ operation: "*", nth: 1, hold: new Promise<void>((r) => (release = r)) });
  await panelA.getByRole("button", { name: "Push to AWS" }).click();
  await expect.poll(() => fake.calls.length, { timeout: 60_000 }).toBeGreaterThan(from);

  try {
    await panelB.getByRole("button", { name: "Push to AWS" }).click();
    await expect(panelB).toContainText(`Stage dev is already being pushed by ${ADMIN}`);
    // The same over HTTP: 409, as the answer's status or as the push stream's error line.
    const connectionId = await panelB.getByLabel("AWS connection").inputValue();
    const response = await onB.request.post(`${B}/api/apis/${apiId}/stages/dev/push`, { data: { connectionId } });
    const body = await response.text();
    expect(response.status() === 409 || body.includes('"status":409'), `B's push answered ${response.status()} ${body}`).toBe(true);
    expect(body).toContain(`already being pushed by ${ADMIN}`);
  } finally {
    release();
  }
  await expect(panelA.getByTestId("push-result")).toBeVisible({ timeout: 120_000 });
  // A's push went up once; B's made no AWS call.
  const seen = callsSince(from);
  expect(seen.of("CreateRestApi")).toBe(1);
  expect(seen.of("CreateDeployment")).toBe(1);
  expect(seen.throttled).toEqual([]);
});

test("two pushes at once, one per instance, to one account stay within AWS's quotas", async ({ browser }) => {
  test.setTimeout(300_000);
  const onA = await signedInOnA(browser);
  const connection = await connectToFake(onA);
  const stamp = Date.now().toString(36);
  const first = await apiWithStage(onA, `quota-a-${stamp}`);
  const second = await apiWithStage(onA, `quota-b-${stamp}`);
  const onB = await onA.context().newPage();
  const panelA = await pushPanel(onA, A, first, connection);
  const panelB = await pushPanel(onB, B, second, connection);

  // Each first push creates its API (CreateRestApi: 1 per 3 s, burst 1) and a deployment
  // (CreateDeployment: 1 per 5 s, burst 1): at once, one of each pair must wait for the other.
  // The first call to arrive is held until the other push has sent one too, so both are under way
  // at the same time (wherever the instances run them).
  const from = fake.calls.length;
  let release = () => {};
  fake.faults.add({ operation: "*", nth: 1, hold: new Promise<void>((r) => (release = r)) });
  try {
    await Promise.all([panelA.getByRole("button", { name: "Push to AWS" }).click(), panelB.getByRole("button", { name: "Push to AWS" }).click()]);
    await expect.poll(() => fake.calls.length, { timeout: 90_000 }).toBeGreaterThanOrEqual(from + 2);
  } finally {
    release();
  }
  await expect(panelA.getByTestId("push-result")).toBeVisible({ timeout: 180_000 });
  await expect(panelB.getByTestId("push-result")).toBeVisible({ timeout: 180_000 });

  const seen = callsSince(from);
  const log = seen.calls.map((c) => `${new Date(c.at).toISOString()} ${c.status} ${c.operation} ${c.method} ${c.path}${c.errorType ? ` ${c.errorType}` : ""}`);
  await test.info().attach("fake-calls.txt", { body: log.join("\n"), contentType: "text/plain" });
  expect(seen.of("CreateRestApi")).toBe(2);
  expect(seen.of("CreateDeployment")).toBe(2);
  // The instances paced the calls at AWS's rate between them: each reached the fake at least the
  // quota's interval after the last one it admitted, less TRIP_MS for the trip from the token
  // (taken in the database) to the fake, which varies on a loaded machine. Each instance pacing on
  // its own would send both CreateRestApi calls at once. A call that arrives a moment early is
  // refused 429 by the fake as by AWS, and the limiter retries it after the wait it names.
  expect(Math.min(...gapsAfterAdmitted(seen.calls, "CreateRestApi")), "ms between CreateRestApi calls (AWS: 1 per 3 s)").toBeGreaterThanOrEqual(3000 - TRIP_MS);
  expect(Math.min(...gapsAfterAdmitted(seen.calls, "CreateDeployment")), "ms between CreateDeployment calls (AWS: 1 per 5 s)").toBeGreaterThanOrEqual(
    5000 - TRIP_MS,
  );
  test.info().annotations.push({ type: "throttled by the fake", description: seen.throttled.join(", ") || "none" });
});
