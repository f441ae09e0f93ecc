import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.GATEHOUSE_DEMO_PASSWORD || "gatehouse-demo";
export const ADMIN = "admin@gatehouse.local";
export const VIEWER = "viewer@gatehouse.local";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Long enough for the console's first compile under next dev (E2E_DEV=1) on a busy machine.
  await expect(page.getByTestId("current-user")).toHaveText(email, { timeout: 120_000 });
}

/** Replaces the text of a Monaco editor the way a user would: select all, then type (as one input, like a paste). */
export async function setEditorText(page: Page, label: string, text: string) {
  const editor = page.locator(`[data-code-editor="${label}"]`).first();
  await editor.locator(".monaco-editor .view-lines").waitFor();
  await editor.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

/** Creates an API from the workspace page; returns its id (the designer opens on it). */
export async function createApi(page: Page, name: string): Promise<string> {
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByTestId("api-name")).toHaveText(name);
  return page.url().split("/apis/")[1].split(/[/?#]/)[0];
}

/** Adds a resource with a GET on a MOCK integration in the designer (under the selected resource). */
export async function addMockGet(page: Page, path: string) {
  await page.getByLabel("Path part").fill(path);
  await page.getByRole("button", { name: "Add resource" }).click();
  await expect(page.getByTestId("selected-resource")).toHaveText(path);
  await page.getByLabel("HTTP method").selectOption("GET");
  await page.getByLabel("Integration type").first().selectOption("MOCK");
  await page.getByRole("button", { name: "Add method" }).click();
  await expect(page.getByTestId("method-editor").getByRole("heading", { name: `GET ${path}`, exact: true })).toBeVisible();
}

/** Creates a deployment of the draft from the stages page. */
export async function createDeploymentOf(page: Page, apiId: string, description: string) {
  await page.goto(`/apis/${apiId}/stages`);
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByTestId("deployment-list")).toContainText(description);
}

/** Creates a stage running the newest deployment, from the stages page. */
export async function createStageOf(page: Page, apiId: string, stageName: string) {
  await page.goto(`/apis/${apiId}/stages`);
  await page.getByLabel("Stage name").fill(stageName);
  await page.getByRole("button", { name: "Create stage" }).click();
  await expect(page.locator(`[data-stage="${stageName}"]`)).toBeVisible();
}

/** An admin's page invites `email` as a viewer; the invitation is accepted in a browser context of its own (closed after). */
export async function joinAsNewMember(admin: Page, email: string, password: string) {
  await admin.goto("/team");
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Role", { exact: true }).selectOption("viewer");
  await admin.getByRole("button", { name: "Create invitation" }).click();
  const link = (await admin.getByTestId("invitation-link").locator("code").innerText()).trim();
  const context = await admin.context().browser()!.newContext();
  const joining = await context.newPage();
  await joining.goto(link);
  await joining.getByLabel("Your name").fill("New Member");
  await joining.getByLabel("Choose a password").fill(password);
  await joining.getByRole("button", { name: "Join the workspace" }).click();
  await expect(joining.getByTestId("current-user")).toHaveText(email);
  await context.close();
}
