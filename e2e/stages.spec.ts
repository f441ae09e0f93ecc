/**
 * Deployments and stages in the browser: deploy twice and read the diff, refuse bad stage input
 * with field messages, protect prod, promote dev to prod with a second person's approval, roll prod
 * back (approved too), and run a canary on dev to promotion while the local gateway splits traffic.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { addMockGet, ADMIN, signIn } from "./helpers";

const STAMP = Date.now().toString(36);
const API_NAME = `Stages e2e ${STAMP}`;

/** A second deployer, invited by the admin and signed in in their own browser context. */
async function secondDeployer(browser: Browser, admin: Page): Promise<Page> {
  const email = `approver-${STAMP}@example.com`;
  await admin.goto("/team");
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Role", { exact: true }).selectOption("deployer");
  await admin.getByRole("button", { name: "Create invitation" }).click();
  const link = (await admin.getByTestId("invitation-link").locator("code").innerText()).trim();
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel("Your name").fill("Approver");
  await page.getByLabel("Choose a password").fill("approver-password-1");
  await page.getByRole("button", { name: "Join the workspace" }).click();
  await expect(page.getByTestId("current-role")).toHaveText("deployer");
  return page;
}

async function deploy(page: Page, apiId: string, description: string) {
  await page.goto(`/apis/${apiId}/stages`);
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByTestId("deployment-list")).toContainText(description);
  const item = page.getByTestId("deployment-list").locator("li", { hasText: description });
  return (await item.locator(".font-mono").innerText()).trim();
}

test("deploy twice, read the diff, promote dev to a protected prod with approval, roll back, and run a canary to promotion", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signIn(page, ADMIN);
  const approver = await secondDeployer(browser, page);

  // An API with GET /pets, deployed as "first" to dev and prod.
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill(API_NAME);
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByTestId("api-name")).toHaveText(API_NAME);
  const apiId = page.url().split("/apis/")[1].split(/[/?#]/)[0];
  await addMockGet(page, "/pets");
  const first = await deploy(page, apiId, "first");
  for (const name of ["dev", "prod"]) {
    await page.getByLabel("Stage name").fill(name);
    await page.getByRole("button", { name: "Create stage" }).click();
    await expect(page.locator(`[data-stage="${name}"]`)).toBeVisible();
  }
  await expect(page.locator('[data-undeployed="dev"]')).toHaveAttribute("data-up-to-date", "true");

  // A change to the draft shows as undeployed on every stage, with what changed.
  await page.goto(`/apis/${apiId}`);
  await addMockGet(page, "/owners");
  await page.goto(`/apis/${apiId}/stages`);
  await expect(page.locator('[data-undeployed="prod"]')).toContainText("resources: 1 added; methods: 1 added");

  // Deploy again and point dev at it.
  const second = await deploy(page, apiId, "second");
  const dev = page.locator('[data-stage="dev"]');
  await dev.getByLabel("Runs deployment").selectOption({ label: (await dev.locator("option", { hasText: "second" }).innerText()).trim() });
  await dev.getByRole("button", { name: "Point stage here" }).click();
  await expect(dev).toContainText(second);

  // The diff between prod and dev in the browser: the summary, then the new method's fields.
  await page.getByRole("link", { name: "Compare draft, stages and deployments" }).click();
  await page.getByLabel("A (before)").selectOption("stage:prod");
  await page.getByLabel("B (after)").selectOption("stage:dev");
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByTestId("diff-result")).toHaveAttribute("data-a", "stage:prod");
  await expect(page.locator('[data-summary-row="methods"]')).toHaveText(/Methods\s*\+1\s*−0\s*~0/);
  await expect(page.locator('[data-summary-row="resources"]')).toHaveText(/Resources\s*\+1\s*−0\s*~0/);
  const entry = page.locator('[data-entry="method /owners GET"]');
  await expect(entry).toContainText("added");
  await entry.locator("summary").click();
  await expect(entry.locator('[data-field="integration.type"]')).toContainText('"MOCK"');
  await expect(page.getByTestId("stage-diff")).toBeVisible();

  // prod's settings: bad input is refused field by field and nothing is saved.
  await page.goto(`/apis/${apiId}/stages/prod`);
  const settings = page.getByTestId("stage-settings");
  await settings.getByLabel("Method", { exact: true }).selectOption("*/*");
  await settings.getByRole("button", { name: "Add method setting" }).click();
  await settings.locator('input[name="methodSettings.*/*.cacheTtlInSeconds"]').fill("5000");
  await settings.getByLabel("Stage variables (name=value per line)").fill("env=prod\nbad-name=x");
  await settings.getByRole("button", { name: "Save stage settings" }).click();
  await expect(settings.locator('[data-field-error="methodSettings.*/*.cacheTtlInSeconds"]')).toHaveText("TTL must be between 0 and 3600 seconds");
  await expect(settings.locator('[data-field-error="variables.bad-name"]')).toContainText("Variable names are 1 to 64 characters of a-zA-Z0-9_");
  await page.reload();
  await expect(page.locator('[data-method-setting="*/*"]')).toHaveCount(0);

  // Good settings, and prod protected (the admin may).
  await settings.getByLabel("Method", { exact: true }).selectOption("*/*");
  await settings.getByRole("button", { name: "Add method setting" }).click();
  await settings.locator('input[name="methodSettings.*/*.throttlingRateLimit"]').fill("100");
  await settings.locator('input[name="methodSettings.*/*.throttlingBurstLimit"]').fill("50");
  await settings.getByLabel("Stage variables (name=value per line)").fill("env=prod");
  await settings.getByLabel(/^Protected/).check();
  await settings.getByRole("button", { name: "Save stage settings" }).click();
  await expect(settings.getByTestId("stage-outcome")).toContainText("Done: Updated settings of stage prod");
  await expect(page.getByTestId("stage-title")).toContainText("protected");

  // A canary percent over 100 is refused with its field message too.
  const canaryOnProd = page.getByTestId("canary-panel");
  await canaryOnProd.getByLabel("Percent of traffic to the canary").fill("150");
  await canaryOnProd.getByRole("button", { name: "Request approval for canary" }).click();
  await expect(canaryOnProd.locator('[data-field-error="canary.percentTraffic"]')).toHaveText("Percent of traffic must be between 0 and 100");

  // Promote dev to prod: the preview says what prod receives and what stays; then a request.
  const promote = page.getByTestId("promote-panel");
  await promote.getByLabel("Promote from stage").selectOption("dev");
  await promote.getByRole("button", { name: "Preview promotion" }).click();
  const preview = page.getByTestId("promotion-preview");
  await expect(preview).toContainText(`prod will run deployment ${second}`);
  await expect(preview.locator('[data-summary-row="methods"]')).toHaveText(/\+1/);
  await expect(preview.getByTestId("promotion-stays")).toHaveText("env=prod");
  await preview.getByRole("button", { name: "Request approval to promote" }).click();
  await expect(promote.getByTestId("stage-outcome")).toContainText(`Waiting for approval: Promote stage dev to prod: deployment ${second}`);
  await page.reload();
  const requests = page.getByTestId("change-requests");
  await expect(requests).toContainText("A different deployer or admin must approve your request.");
  await expect(requests.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expect(page.getByTestId("stage-deployment")).toHaveText(first);

  // The second deployer approves: prod now runs dev's exact deployment.
  await approver.goto(`/apis/${apiId}/stages/prod`);
  await approver.getByTestId("change-requests").getByRole("button", { name: "Approve" }).click();
  await expect(approver.getByTestId("change-requests").getByTestId("stage-outcome")).toContainText("Done: Promote stage dev to prod");
  await page.reload();
  await expect(page.getByTestId("stage-deployment")).toHaveText(second);
  await expect(page.getByTestId("change-requests")).toHaveCount(0);

  // Roll prod back to "first" in one step (approved by the second deployer as well).
  await page
    .getByTestId("deployment-history")
    .getByRole("button", { name: `Roll back to ${first}` })
    .first()
    .click();
  await expect(page.getByTestId("deployment-history").getByTestId("stage-outcome")).toContainText("Waiting for approval: Roll stage prod back");
  await approver.reload();
  await approver.getByTestId("change-requests").getByRole("button", { name: "Approve" }).click();
  await expect(approver.getByTestId("change-requests").getByTestId("stage-outcome")).toContainText("Done: Roll stage prod back");
  await page.reload();
  await expect(page.getByTestId("stage-deployment")).toHaveText(first);
  await expect(page.getByTestId("deployment-history")).toContainText("rollback");

  // A canary on dev with a new deployment of the draft, half the traffic, a variable override.
  await page.goto(`/apis/${apiId}`);
  await addMockGet(page, "/toys");
  await page.goto(`/apis/${apiId}/stages/dev`);
  const canary = page.getByTestId("canary-panel");
  await canary.getByLabel("Canary deployment").selectOption("new");
  await canary.getByLabel("Percent of traffic to the canary").fill("50");
  await canary.getByLabel("Canary variable overrides (name=value per line)").fill("color=blue");
  await canary.getByRole("button", { name: "Add canary" }).click();
  await expect(canary.getByTestId("canary-state")).toContainText("50%");
  const canaryDeployment = (await canary.getByTestId("canary-state").locator(".font-mono").first().innerText()).trim();

  // The local gateway splits dev's traffic: /toys exists only in the canary's deployment, so the
  // base answers API Gateway's 403 for an unknown route and the canary answers from its method.
  const anonymous = await browser.newContext();
  const statuses = new Set<number>();
  for (let i = 0; i < 60 && statuses.size < 2; i++) statuses.add((await anonymous.request.get(`/gw/${apiId}/dev/toys`)).status());
  expect(statuses.has(403)).toBe(true);
  expect([...statuses].filter((s) => s !== 403)).toHaveLength(1);

  // Adjust, then promote: the canary's deployment and variables become dev's; the canary is removed.
  await canary.getByLabel("Percent of traffic to the canary").fill("25");
  await canary.getByRole("button", { name: "Update canary" }).click();
  await expect(canary.getByTestId("canary-state")).toContainText("25%");
  await canary.getByRole("button", { name: "Promote canary" }).click();
  await expect(canary.getByTestId("stage-outcome")).toContainText("Done: Promote the canary of stage dev");
  await page.reload();
  await expect(page.getByTestId("stage-deployment")).toHaveText(canaryDeployment);
  await expect(page.getByTestId("canary-panel")).toContainText("No canary");
  await expect(page.getByTestId("stage-settings").getByLabel("Stage variables (name=value per line)")).toHaveValue("color=blue");
  await new Promise((r) => setTimeout(r, 1200)); // the gateway caches a resolved stage for 1 s
  for (let i = 0; i < 10; i++) expect((await anonymous.request.get(`/gw/${apiId}/dev/toys`)).status()).not.toBe(403);
  await anonymous.close();

  // The environment matrix: dev's variable is missing on prod.
  await page.goto(`/apis/${apiId}/stages/matrix`);
  await expect(page.locator('[data-matrix-row="variables.color"]')).toHaveAttribute("data-missing", "true");
  await expect(page.locator('[data-matrix-row="variables.color"] [data-stage="prod"]')).toHaveText("missing");

  // Every step is in the history, approvals included.
  await page.goto(`/apis/${apiId}/history?entityType=stage&entity=prod`);
  for (const text of ["stage.change_requested", "stage.change_approved", "stage.promote", "stage.rollback"])
    await expect(page.locator("main")).toContainText(text);
});
