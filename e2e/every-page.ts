/**
 * Every page a user can reach, for the checks that must hold on all of them (layout.spec.ts: no
 * horizontal overflow; a11y.spec.ts: no serious axe violation). The tour signs in as the admin,
 * gives the seeded PetStore a deployment and a stage (so the stage pages have something to show)
 * and an invitation (so the invite page can be opened), then yields each page once it is on screen.
 */
import { type Browser, expect as baseExpect, type Page } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD } from "./helpers";

export type PageVisit = { name: string; page: Page };

const STAGE = "layout";
// `next dev` (E2E_DEV=1) compiles each page and action on first use: wait longer than the default.
const expect = baseExpect.configure({ timeout: 120_000 });

/** The seeded PetStore's id, from the workspace's API list. */
async function petStoreId(page: Page): Promise<string> {
  await page.goto("/");
  const href = await page.getByTestId("api-list").getByRole("link", { name: "PetStore", exact: true }).getAttribute("href");
  const id = href?.split("/apis/")[1];
  if (!id) throw new Error(`No PetStore link in the API list (href ${href})`);
  return id;
}

/** A deployment and a stage on PetStore, created through the UI unless a previous test made them. */
async function ensureStage(page: Page, apiId: string) {
  await page.goto(`/apis/${apiId}/stages`);
  if ((await page.locator(`[data-stage="${STAGE}"]`).count()) > 0) return;
  await page.getByLabel("Description").fill("layout and a11y tour");
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByTestId("deployment-list")).toContainText("layout and a11y tour");
  await page.getByLabel("Stage name").fill(STAGE);
  await page.getByRole("button", { name: "Create stage" }).click();
  await expect(page.locator(`[data-stage="${STAGE}"]`)).toBeVisible();
}

async function invitationLink(page: Page): Promise<string> {
  await page.goto("/team");
  await page.getByLabel("Email").fill(`tour-${Date.now().toString(36)}@example.com`);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Create invitation" }).click();
  return (await page.getByTestId("invitation-link").locator("code").innerText()).trim();
}

/** The designer with GET /pets/{petId} open: method flow, integration request, responses and the Test panel. */
async function openMethod(page: Page, apiId: string) {
  await page.goto(`/apis/${apiId}`);
  await page.getByTestId("resource-tree").locator('[data-resource-path="/pets/{petId}"]').first().click();
  await expect(page.getByTestId("selected-resource")).toHaveText("/pets/{petId}");
  await page.getByRole("button", { name: "GET", exact: true }).last().click();
  const editor = page.getByTestId("method-editor");
  await expect(editor.getByRole("heading", { name: "GET /pets/{petId}", exact: true })).toBeVisible();
  // The editors are Monaco, loaded on demand: wait until they are drawn, so their width counts.
  await expect(editor.locator(".monaco-editor").first()).toBeVisible();
}

/** Signs in as the admin; generous wait, as `next dev` compiles the first console page on demand. */
async function signInAsAdmin(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(ADMIN);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(ADMIN);
}

/** Waits for the page to settle: no pending navigation, fonts laid out. */
async function settled(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Visits every page and calls `check` on each. Console pages are visited signed in as the admin;
 * sign-in and the invitation page in a signed-out context of their own.
 */
export async function tourEveryPage(browser: Browser, page: Page, check: (visit: PageVisit) => Promise<void>) {
  page.setDefaultNavigationTimeout(180_000);
  await signInAsAdmin(page);
  const apiId = await petStoreId(page);
  await ensureStage(page, apiId);
  const invite = await invitationLink(page);
  const api = `/apis/${apiId}`;
  const paths: [string, string][] = [
    ["workspace: API list", "/"],
    ["API designer (first resource; models, validators, authorizers, gateway responses)", api],
    ["stages list", `${api}/stages`],
    ["a stage", `${api}/stages/${STAGE}`],
    ["stage diff", `${api}/stages/diff?a=${encodeURIComponent(`stage:${STAGE}`)}&b=draft`],
    ["stage matrix", `${api}/stages/matrix`],
    ["tests", `${api}/tests`],
    ["openapi", `${api}/openapi`],
    ["aws", `${api}/aws`],
    ["API history", `${api}/history`],
    ["workspace history", "/history"],
    ["connections", "/connections"],
    ["team", "/team"],
    ["account", "/account"],
    ["approvals", "/approvals"],
    ["usage plans and API keys", "/usage-plans"],
  ];
  for (const [name, path] of paths) {
    await page.goto(path);
    await settled(page);
    await check({ name: `${name} (${path})`, page });
  }
  await openMethod(page, apiId);
  await settled(page);
  await check({ name: "API designer with GET /pets/{petId} open", page });

  const signedOut = await (await browser.newContext()).newPage();
  try {
    await signedOut.goto("/sign-in");
    await settled(signedOut);
    await check({ name: "sign-in (/sign-in)", page: signedOut });
    await signedOut.goto(invite);
    await expect(signedOut.getByLabel("Your name")).toBeVisible();
    await settled(signedOut);
    await check({ name: "invitation (/invite/…)", page: signedOut });
  } finally {
    await signedOut.context().close();
  }
}
