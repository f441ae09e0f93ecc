/**
 * The local gateway as the deploy target of a user without AWS: PetStore deployed to a stage from
 * the browser, the stage's method throttling (rate 1, burst 1) set in its settings page, then
 * /gw/{api}/{stage}/pets called over plain HTTP with no session answers API Gateway's 429; an
 * unknown route answers its 403; and a canary taking 100% of a stage's traffic to another
 * deployment answers every request. PetStore's design is not changed.
 */
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const RUN = Date.now().toString(36);

async function deployAndCreateStage(page: Page, apiId: string, description: string, stage: string) {
  await page.goto(`/apis/${apiId}/stages`);
  // Another spec (the page tour) may have deployed PetStore's draft already: a second deployment of
  // an unchanged draft is refused, so the stage then runs the one that matches the draft.
  if ((await page.getByTestId("deployment-list").getByText("matches draft").count()) === 0) {
    await page.getByLabel("Description").fill(description);
    await page.getByRole("button", { name: "Create deployment" }).click();
    await expect(page.getByTestId("deployment-list")).toContainText(description);
  }
  await page.getByLabel("Stage name").fill(stage);
  await page.getByRole("button", { name: "Create stage" }).click();
  await expect(page.locator(`[data-stage="${stage}"]`)).toBeVisible();
}

test("PetStore on the local gateway: method throttling from the stage settings answers 429, an unknown route 403", async ({ page, browser }) => {
  await signIn(page, ADMIN);
  await page.goto("/");
  await page.getByTestId("api-list").getByRole("link", { name: "PetStore", exact: true }).click();
  await expect(page.getByTestId("api-name")).toHaveText("PetStore");
  const apiId = page.url().split("/apis/")[1].split(/[/?#]/)[0];
  const stage = `gw${RUN}`;
  await deployAndCreateStage(page, apiId, `gateway e2e ${RUN}`, stage);

  const anonymous = await browser.newContext();
  // Before throttling: a burst of calls is served (the HTTP backend is unreachable offline, so not 429 either way).
  const unthrottled = await Promise.all(Array.from({ length: 4 }, () => anonymous.request.get(`/gw/${apiId}/${stage}/pets/1`)));
  expect(unthrottled.map((r) => r.status())).toEqual([200, 200, 200, 200]);

  // Rate 1, burst 1 on GET /pets and on GET /pets/{petId}, through the stage's settings page.
  await page.goto(`/apis/${apiId}/stages/${stage}`);
  const settings = page.getByTestId("stage-settings");
  for (const key of ["/pets/GET", "/pets/{petId}/GET"]) {
    await settings.getByLabel("Method", { exact: true }).selectOption(key);
    await settings.getByRole("button", { name: "Add method setting" }).click();
    await settings.locator(`input[name="methodSettings.${key}.throttlingRateLimit"]`).fill("1");
    await settings.locator(`input[name="methodSettings.${key}.throttlingBurstLimit"]`).fill("1");
  }
  await settings.getByRole("button", { name: "Save stage settings" }).click();
  await expect(settings.getByTestId("stage-outcome")).toContainText(`Done: Updated settings of stage ${stage}`);
  await new Promise((r) => setTimeout(r, 1200)); // the gateway caches a resolved stage for 1 s

  const calls = await Promise.all(Array.from({ length: 5 }, () => anonymous.request.get(`/gw/${apiId}/${stage}/pets`)));
  const throttled = calls.filter((r) => r.status() === 429);
  expect(throttled.length).toBeGreaterThanOrEqual(3);
  expect(calls.filter((r) => r.status() !== 429).length).toBeLessThanOrEqual(2);
  expect(await throttled[0].json()).toEqual({ message: "Too Many Requests" });
  // The other method has its own bucket: one call passes, the next right after is refused.
  const [first, second] = [await anonymous.request.get(`/gw/${apiId}/${stage}/pets/2`), await anonymous.request.get(`/gw/${apiId}/${stage}/pets/2`)];
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({ id: "2", type: "dog" });
  expect(second.status()).toBe(429);

  // An unknown route: API Gateway's 403, whatever the throttling.
  const unknown = await anonymous.request.get(`/gw/${apiId}/${stage}/no/such/route`);
  expect(unknown.status()).toBe(403);
  expect(await unknown.json()).toEqual({ message: "Missing Authentication Token" });
  await anonymous.close();
});

test("a canary with 100% of a stage's traffic answers every request from its deployment and variables", async ({ page, browser }) => {
  await signIn(page, ADMIN);
  // An API whose MOCK GET /color answers the stage variable color.
  const doc = {
    openapi: "3.0.1",
    info: { title: "Canary e2e", version: "1" },
    paths: {
      "/color": {
        get: {
          responses: { "200": { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            responses: {
              default: { statusCode: "200", responseTemplates: { "application/json": '{"color": "$stageVariables.color", "stage": "$context.stage"}' } },
            },
          },
        },
      },
    },
  };
  const name = `Canary e2e ${RUN}`;
  await page.goto("/");
  await page.getByLabel("OpenAPI document").fill(JSON.stringify(doc));
  await page.getByLabel("API name").fill(name);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("api-name")).toHaveText(name);
  const apiId = page.url().split("/apis/")[1].split(/[/?#]/)[0];
  await deployAndCreateStage(page, apiId, "base", "live");
  await page.goto(`/apis/${apiId}/stages/live`);
  const settings = page.getByTestId("stage-settings");
  await settings.getByLabel("Stage variables (name=value per line)").fill("color=green");
  await settings.getByRole("button", { name: "Save stage settings" }).click();
  await expect(settings.getByTestId("stage-outcome")).toContainText("Done: Updated settings of stage live");

  // The draft gains GET /toys; the canary is a new deployment of it, 100% of traffic, color=purple.
  await page.goto(`/apis/${apiId}`);
  await page.getByLabel("Path part").fill("/toys");
  await page.getByRole("button", { name: "Add resource" }).click();
  await expect(page.getByTestId("selected-resource")).toHaveText("/toys");
  await page.getByLabel("HTTP method").selectOption("GET");
  await page.getByLabel("Integration type").first().selectOption("MOCK");
  await page.getByRole("button", { name: "Add method" }).click();
  await expect(page.getByTestId("method-editor").getByRole("heading", { name: "GET /toys", exact: true })).toBeVisible();

  const anonymous = await browser.newContext();
  await new Promise((r) => setTimeout(r, 1200));
  const base = await anonymous.request.get(`/gw/${apiId}/live/color`);
  expect(await base.json()).toEqual({ color: "green", stage: "live" });
  expect((await anonymous.request.get(`/gw/${apiId}/live/toys`)).status()).toBe(403);

  await page.goto(`/apis/${apiId}/stages/live`);
  const canary = page.getByTestId("canary-panel");
  await canary.getByLabel("Canary deployment").selectOption("new");
  await canary.getByLabel("Percent of traffic to the canary").fill("100");
  await canary.getByLabel("Canary variable overrides (name=value per line)").fill("color=purple");
  await canary.getByRole("button", { name: "Add canary" }).click();
  await expect(canary.getByTestId("canary-state")).toContainText("100%");
  await new Promise((r) => setTimeout(r, 1200)); // the gateway caches a resolved stage for 1 s

  for (let i = 0; i < 8; i++) {
    const r = await anonymous.request.get(`/gw/${apiId}/live/color`);
    expect(r.status()).toBe(200);
    expect(await r.json()).toEqual({ color: "purple", stage: "live" });
    // /toys exists only in the canary's deployment.
    expect((await anonymous.request.get(`/gw/${apiId}/live/toys`)).status()).not.toBe(403);
  }
  const unknown = await anonymous.request.get(`/gw/${apiId}/live/nowhere`);
  expect(unknown.status()).toBe(403);
  expect(await unknown.json()).toEqual({ message: "Missing Authentication Token" });
  await anonymous.close();
});
