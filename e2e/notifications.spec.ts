/**
 * The notifications area (issue #14): a change request shows in its approver's bell with a link to
 * the stage where it is decided (and not in its requester's); a push's outcome shows in the
 * workspace's bells; opening the panel marks items seen; Escape closes it and focus returns.
 */
import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { FAKE_AWS_PORT } from "../playwright.config";
import { ADMIN, addMockGet, createApi, createDeploymentOf, signIn } from "./helpers";

const STAMP = Date.now().toString(36);
// `next dev` (E2E_DEV=1) compiles each page and action on first use: wait longer than the default.
const expect = baseExpect.configure({ timeout: 120_000 });

/** A deployer invited by the admin, signed in in their own browser context. */
async function invitedDeployer(browser: Browser, admin: Page): Promise<Page> {
  await admin.goto("/team");
  await admin.getByLabel("Email").fill(`requester-${STAMP}@example.com`);
  await admin.getByLabel("Role", { exact: true }).selectOption("deployer");
  await admin.getByRole("button", { name: "Create invitation" }).click();
  const link = (await admin.getByTestId("invitation-link").locator("code").innerText()).trim();
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  // Filled before hydration, the form would post natively and lose what was typed (seen under next dev).
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Your name").fill("Requester");
  await page.getByLabel("Choose a password").fill("requester-password-1");
  await page.getByRole("button", { name: "Join the workspace" }).click();
  await expect(page.getByTestId("current-role")).toHaveText("deployer");
  return page;
}

/** A new API with GET /items on MOCK, one deployment, and the given stages running it. */
async function deployedApi(page: Page, name: string, stages: string[]): Promise<string> {
  const apiId = await createApi(page, name);
  await addMockGet(page, "/items");
  await createDeploymentOf(page, apiId, "first");
  for (const stage of stages) {
    await page.getByLabel("Stage name").fill(stage);
    await page.getByRole("button", { name: "Create stage" }).click();
    await expect(page.locator(`[data-stage="${stage}"]`)).toBeVisible();
  }
  return apiId;
}

/** A second deployment (after adding GET /more) that dev runs, so promoting dev changes what prod runs. */
async function devAhead(page: Page, apiId: string) {
  await page.goto(`/apis/${apiId}`);
  await addMockGet(page, "/more");
  await createDeploymentOf(page, apiId, "second");
  const dev = page.locator('[data-stage="dev"]');
  await dev.getByLabel("Runs deployment").selectOption({ label: (await dev.locator("option", { hasText: "second" }).innerText()).trim() });
  await dev.getByRole("button", { name: "Point stage here" }).click();
  // Once dev runs it, there is nothing left to point at.
  await expect(dev.getByRole("button", { name: "Point stage here" })).toBeDisabled();
}

async function openPanel(page: Page) {
  await page.getByTestId("notifications-button").click();
  const panel = page.getByTestId("notifications-panel");
  await expect(panel).toBeVisible();
  return panel;
}

test("a change request shows in its approver's notifications with a link to decide it; opening marks it seen", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signIn(page, ADMIN);
  const requester = await invitedDeployer(browser, page);
  const apiName = `Notify approvals ${STAMP}`;
  const apiId = await deployedApi(page, apiName, ["dev", "prod"]);
  await devAhead(page, apiId);

  // prod protected (the admin may), then the deployer asks to promote dev to it.
  await page.goto(`/apis/${apiId}/stages/prod`);
  const settings = page.getByTestId("stage-settings");
  await settings.getByLabel(/^Protected/).check();
  await settings.getByRole("button", { name: "Save stage settings" }).click();
  await expect(page.getByTestId("stage-title")).toContainText("protected");

  await requester.goto(`/apis/${apiId}/stages/prod`);
  const promote = requester.getByTestId("promote-panel");
  await promote.getByLabel("Promote from stage").selectOption("dev");
  await promote.getByRole("button", { name: "Preview promotion" }).click();
  await requester.getByTestId("promotion-preview").getByRole("button", { name: "Request approval to promote" }).click();
  await expect(promote.getByTestId("stage-outcome")).toContainText("Waiting for approval: Promote stage dev to prod");

  // The requester's own bell has no request to decide.
  await requester.reload();
  const theirs = await openPanel(requester);
  await expect(theirs.locator('[data-notification="approval"]')).toHaveCount(0);

  // The admin's bell counts it and links to the stage where it is decided.
  await page.goto("/");
  await expect(page.getByTestId("notifications-unread")).toBeVisible();
  const button = page.getByTestId("notifications-button");
  await expect(button).toHaveAttribute("aria-label", /Notifications, \d+ new/);
  const panel = await openPanel(page);
  const item = panel.locator('[data-notification="approval"]', { hasText: apiName });
  await expect(item).toContainText("prod: Promote stage dev to prod");
  await expect(item).toContainText(`Asked by requester-${STAMP}@example.com`);
  await expect(item).toContainText("new");

  // Escape closes and gives focus back to the bell; everything listed is now seen.
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(button).toBeFocused();
  await expect(page.getByTestId("notifications-unread")).toHaveCount(0);
  await expect(button).toHaveAttribute("aria-label", "Notifications");
  await page.reload();
  await expect(page.getByTestId("notifications-button")).toHaveAttribute("aria-label", "Notifications");

  // By keyboard: open with Enter, follow the link to the stage page, where Approve waits.
  await page.getByTestId("notifications-button").focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("notifications-panel").locator('[data-notification="approval"]', { hasText: apiName }).getByRole("link").focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`/apis/${apiId}/stages/prod$`));
  await expect(page.getByTestId("change-requests").getByRole("button", { name: "Approve" })).toBeVisible();
  await expect(page.getByTestId("notifications-panel")).toHaveCount(0);
  await requester.context().close();
});

test("a push's outcome shows in the workspace's notifications, with who pushed which API and stage", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, ADMIN);
  const connectionName = `fake-notify-${STAMP}`;
  await page.goto("/connections");
  await page.getByLabel("Name", { exact: true }).fill(connectionName);
  await page.getByLabel("Region").fill("us-east-1");
  await page.getByLabel(/Endpoint URL/).fill(`http://127.0.0.1:${FAKE_AWS_PORT}`);
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByTestId("connection-list")).toContainText(connectionName);

  const apiName = `Notify pushes ${STAMP}`;
  const apiId = await deployedApi(page, apiName, ["dev"]);
  const push = page.getByTestId("push-dev");
  await push.getByLabel("AWS connection").selectOption({ label: `${connectionName} (us-east-1)` });
  await push.getByRole("button", { name: "Push to AWS" }).click();
  await expect(push.getByTestId("push-result")).toBeVisible({ timeout: 60_000 });

  // The page refreshes after the push: the bell has it without a reload.
  const panel = await openPanel(page);
  const item = panel.locator('[data-notification="push"]', { hasText: apiName });
  await expect(item).toContainText("Pushed");
  await expect(item).toContainText("stage dev");
  await expect(item).toContainText(`By ${ADMIN}`);
  await expect(item.getByRole("link")).toHaveAttribute("href", `/apis/${apiId}/aws`);
  // A click outside closes it.
  await page.mouse.click(5, 400);
  await expect(panel).toBeHidden();
});
