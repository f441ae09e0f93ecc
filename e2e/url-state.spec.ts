/**
 * Issue #14 item 3: every view has a URL that brings the user back to it. The designer's resource,
 * method and panel, the stage diff's pair and the history filters survive a reload, Back returns to
 * the previous view, and the same URL opened in a new page shows the same view.
 */
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { ADMIN, addMockGet, createApi, signIn } from "./helpers";

const RUN = Date.now().toString(36);
// Waits, not assertions about speed: on a loaded shared machine (next dev) signing in alone took 80 s
// and the first compile of the designer over 3 minutes; the two tests share one signed-in page.
const expect = baseExpect.configure({ timeout: 420_000 });
test.describe.configure({ mode: "serial", timeout: 1_500_000 });

let page: Page;
test.beforeAll(async ({ browser }, info) => {
  test.setTimeout(600_000); // the describe's timeout does not reach hooks
  page = await (await browser.newContext({ baseURL: info.project.use.baseURL })).newPage();
  await signIn(page, ADMIN);
});
test.afterAll(() => page.context().close());

const expectMethod = (page: Page, heading: string) =>
  expect(page.getByTestId("method-editor").getByRole("heading", { name: heading, exact: true })).toBeVisible();

const treeMethod = (page: Page, label: string) => page.getByTestId("resource-tree").locator(`[data-method="${label}"]`);

test("the designer's resource, method and panel are in the URL: reload, Back and a shared link return to them", async () => {
  const context = page.context();
  const apiId = await createApi(page, `URL state ${RUN}`);
  await addMockGet(page, "/pets");
  await addMockGet(page, "/owners");

  // A fresh visit shows the root; choosing in the tree changes the URL.
  await page.goto(`/apis/${apiId}`);
  await expect(page.getByTestId("selected-resource")).toHaveText("/");
  await treeMethod(page, "GET /pets").click();
  await expectMethod(page, "GET /pets");
  await expect(page).toHaveURL(/[?&]resource=[a-z0-9]+&method=GET$/);
  const petsUrl = page.url();
  await treeMethod(page, "GET /owners").click();
  await expectMethod(page, "GET /owners");
  expect(page.url()).not.toBe(petsUrl);

  // Reload: the same method.
  await page.reload();
  await expectMethod(page, "GET /owners");
  await expect(page.getByTestId("selected-resource")).toHaveText("/owners");

  // Back: the previous selection, then the root; Forward again.
  await page.goBack();
  await expectMethod(page, "GET /pets");
  await expect(page).toHaveURL(petsUrl);
  await page.goBack();
  await expect(page.getByTestId("selected-resource")).toHaveText("/");
  await expect(page.getByTestId("method-editor")).toHaveCount(0);
  await page.goForward();
  await expectMethod(page, "GET /pets");

  // The server renders the URL's view (no flash of the first resource before hydration).
  const html = await (await page.request.get(petsUrl)).text();
  expect(html).toContain('data-testid="selected-resource">/pets</span>');
  expect(html).toContain('data-testid="method-editor"');

  // A shared link in a new page: the same view.
  const other = await context.newPage();
  await other.goto(petsUrl);
  await expectMethod(other, "GET /pets");
  await expect(other.getByTestId("selected-resource")).toHaveText("/pets");

  // A panel in the URL is scrolled to; the panel links add it to the URL.
  await other.goto(`${petsUrl}&tab=authorizers`);
  await expect(other.locator("#designer-panel-authorizers")).toBeInViewport();
  await expectMethod(other, "GET /pets");
  await other.getByTestId("designer-panel-nav").getByRole("link", { name: "Models" }).click();
  await expect(other).toHaveURL(/&tab=models$/);
  await expect(other.locator("#designer-panel-models")).toBeInViewport();
  await other.goBack();
  await expect(other).toHaveURL(/&tab=authorizers$/);

  // A link to what the API does not have: a clear note, and the nearest view instead.
  await other.goto(`/apis/${apiId}?resource=nosuchid00&method=GET`);
  await expect(other.getByTestId("view-not-found")).toHaveText("Resource nosuchid00 was not found in this API; showing / instead.");
  await expect(other.getByTestId("selected-resource")).toHaveText("/");
  await other.goto(`${petsUrl.replace("method=GET", "method=DELETE")}`);
  await expect(other.getByTestId("view-not-found")).toContainText("DELETE /pets was not found in this API");
  await expect(other.getByTestId("selected-resource")).toHaveText("/pets");
  // A value that cannot be a view is ignored.
  await other.goto(`/apis/${apiId}?resource=%3Cb%3E&method=FETCH&tab=nope`);
  await expect(other.getByTestId("selected-resource")).toHaveText("/");
  await expect(other.getByTestId("view-not-found")).toHaveCount(0);
  await other.close();
});

test("history filters and the stage diff's pair are in the URL: reload and Back keep them", async () => {
  const apiId = await createApi(page, `URL state diff ${RUN}`);
  await addMockGet(page, "/pets");

  // History: filtering gives a clean link that survives a reload; Back returns to the whole timeline.
  await page.goto(`/apis/${apiId}/history`);
  const filters = page.getByTestId("history-filters");
  await expect(page.locator('[data-action="api.create"]')).toHaveCount(1);
  await filters.getByLabel("Entity type").fill("resource");
  await filters.getByLabel("Actor").fill(ADMIN);
  await filters.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`/history\\?actor=${encodeURIComponent(ADMIN)}&entityType=resource$`));
  await expect(page.locator('[data-action="api.create"]')).toHaveCount(0);
  await expect(page.locator('[data-action="resource.create"]')).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("history-filters").getByLabel("Entity type")).toHaveValue("resource");
  await expect(page.locator('[data-action="resource.create"]')).toHaveCount(1);
  await expect(page.locator('[data-action="api.create"]')).toHaveCount(0);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/apis/${apiId}/history$`));
  await expect(page.locator('[data-action="api.create"]')).toHaveCount(1);
  await expect(page.getByTestId("history-filters").getByLabel("Entity type")).toHaveValue("");

  // The diff: one deployment; the page opens on it against the draft. Swap, reload, Back.
  await page.goto(`/apis/${apiId}/stages`);
  await page.getByLabel("Description").fill("first");
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByTestId("deployment-list")).toContainText("first");
  // With no stage, the diff page compares the latest deployment with the draft.
  await page.goto(`/apis/${apiId}/stages/diff`);
  const deploymentRef = await page.getByTestId("diff-result").getAttribute("data-a");
  expect(deploymentRef).toMatch(/^deployment:[0-9a-f-]{36}$/);
  const deploymentId = deploymentRef!.slice("deployment:".length);
  const pickers = () => page.getByTestId("diff-pickers");
  await page.goto(`/apis/${apiId}/stages/diff?a=deployment:${deploymentId}&b=draft`);
  await expect(page.getByTestId("diff-result")).toHaveAttribute("data-a", `deployment:${deploymentId}`);
  await pickers().getByRole("button", { name: "Swap A and B" }).click();
  await expect(page).toHaveURL(/\?a=draft&b=deployment%3A/);
  await expect(page.getByTestId("diff-result")).toHaveAttribute("data-a", "draft");
  await page.reload();
  await expect(page.getByTestId("diff-result")).toHaveAttribute("data-a", "draft");
  await expect(pickers().getByLabel("A (before)")).toHaveValue("draft");
  await page.goBack();
  await expect(page.getByTestId("diff-result")).toHaveAttribute("data-a", `deployment:${deploymentId}`);
  await expect(pickers().getByLabel("A (before)")).toHaveValue(`deployment:${deploymentId}`);
  await expect(pickers().getByLabel("B (after)")).toHaveValue("draft");
});

test("a link to an API or a stage that doesn't exist answers HTTP 404 with a page that names it", async () => {
  const apiId = await createApi(page, `URL state missing ${RUN}`);
  const missingApi = await page.goto("/apis/nosuchapi0000");
  expect(missingApi?.status()).toBe(404);
  await expect(page.getByText("No API with id nosuchapi0000 in this workspace.")).toBeVisible();
  const missingStage = await page.goto(`/apis/${apiId}/stages/nosuchstage`);
  expect(missingStage?.status()).toBe(404);
  await expect(page.getByText("This API has no stage named nosuchstage.")).toBeVisible();
  await expect(page.getByRole("link", { name: "All stages of this API" })).toHaveAttribute("href", `/apis/${apiId}/stages`);
  // The stage pages beside it still answer.
  expect((await page.goto(`/apis/${apiId}/stages`))?.status()).toBe(200);
  expect((await page.goto(`/apis/${apiId}/stages/diff`))?.status()).toBe(200);
});
