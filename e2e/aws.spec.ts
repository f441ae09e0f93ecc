/**
 * AWS from the browser, against the fake control plane: connect, import an API that already runs
 * on (fake) AWS, change a template, see the plan, push with live progress, find the deployment in
 * the history, see drift made behind Gatehouse's back, adopt it. No credential reaches the browser.
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  CreateResourceCommand,
  UpdateIntegrationCommand,
} from "@aws-sdk/client-api-gateway";
import { expect, test } from "@playwright/test";
import { FAKE_AWS_PORT } from "../playwright.config";
import { ADMIN, setEditorText, signIn } from "./helpers";

const ENDPOINT = `http://127.0.0.1:${FAKE_AWS_PORT}`;
const SERVER_KEYS = ["AKIAFAKEE2E000000000", "fake-secret-for-the-fake-control-plane"];

test("connect, import, change a template, plan, push, history, drift, adopt", async ({ page }) => {
  test.setTimeout(180_000);
  // An API made outside Gatehouse, straight on the fake control plane.
  const aws = new APIGatewayClient({
    region: "us-east-1",
    endpoint: ENDPOINT,
    credentials: { accessKeyId: "AKIDSPEC", secretAccessKey: "spec" },
    maxAttempts: 8,
  });
  const name = `inventory-${Date.now().toString(36)}`;
  const api = await aws.send(new CreateRestApiCommand({ name, description: "made in the AWS console", endpointConfiguration: { types: ["REGIONAL"] } }));
  const items = await aws.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "items" }));
  const key = { restApiId: api.id!, resourceId: items.id!, httpMethod: "GET" };
  await aws.send(new PutMethodCommand({ ...key, authorizationType: "NONE" }));
  await aws.send(new PutMethodResponseCommand({ ...key, statusCode: "200" }));
  await aws.send(new PutIntegrationCommand({ ...key, type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));
  await aws.send(new PutIntegrationResponseCommand({ ...key, statusCode: "200", responseTemplates: { "application/json": '{"items": []}' } }));
  await aws.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod", description: "by hand" }));

  await signIn(page, ADMIN);
  // Connect.
  await page.getByRole("link", { name: "AWS connections" }).click();
  await page.waitForURL(/\/connections$/);
  const connectionName = `fake-import-${Date.now().toString(36)}`;
  await page.getByLabel("Name", { exact: true }).fill(connectionName);
  await page.getByLabel("Region").fill("us-east-1");
  await page.getByLabel(/Endpoint URL/).fill(ENDPOINT);
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByTestId("connection-list")).toContainText(connectionName);

  // Import.
  const panel = page.getByTestId(`import-${connectionName}`);
  await panel.getByRole("button", { name: "Import an API" }).click();
  await panel.getByRole("button", { name: `Import ${name}` }).click();
  await page.waitForURL(/\/apis\/[0-9a-f-]{36}\/aws$/, { timeout: 30_000 });
  const apiId = page.url().split("/apis/")[1].split("/")[0];
  await expect(page.getByTestId("aws-binding")).toContainText(api.id!);
  await expect(page.getByTestId("import-note")).toContainText("AWS keeps no readable definition per deployment");
  await expect(page.getByTestId("aws-deployments")).toContainText("by hand");

  // Change a template in the designer, deploy it, point prod at it.
  await page.getByRole("link", { name: "Design" }).click();
  await page.waitForURL(/\/apis\/[0-9a-f-]{36}$/);
  await page.locator('[data-method="GET /items"]').click();
  await setEditorText(page, "response-template", '{"items": [], "source": "gatehouse"}');
  await page.getByRole("button", { name: "Save integration response 200" }).click();
  await expect(page.locator("p[role=alert]")).toHaveCount(0);
  await page.getByRole("link", { name: "Deployments & stages" }).click();
  await page.waitForURL(/\/stages$/);
  await page.getByLabel("Description").fill("new template");
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByTestId("deployment-list")).toContainText("new template");
  const prod = page.locator('[data-stage="prod"]');
  const select = prod.getByLabel("Runs deployment");
  const newest = await select.locator("option", { hasText: "new template" }).getAttribute("value");
  await select.selectOption(newest!);
  await prod.getByRole("button", { name: /Point stage here|Roll back/ }).click();
  await expect(prod.getByRole("button", { name: /Point stage here|Roll back/ })).toBeDisabled();

  // The plan: the diff and the exact calls.
  await page.goto(`/apis/${apiId}/aws`);
  await page.getByLabel("Stage").selectOption("prod");
  await page.getByRole("button", { name: "Show plan" }).click();
  await expect(page.getByTestId("plan-counts")).toContainText("1 entity call (0 create, 1 update, 0 delete)");
  await expect(page.getByTestId("plan-diff")).toContainText("/items GET 200");
  await expect(page.getByTestId("plan-diff")).toContainText(/source.*gatehouse/);
  await expect(page.getByTestId("plan-calls")).toContainText("PutIntegrationResponse GET /items");
  await expect(page.getByTestId("plan-calls")).toContainText("CreateDeployment");

  // Push with live progress.
  const push = page.getByTestId("push-prod");
  await push.getByRole("button", { name: "Push to AWS" }).click();
  await expect(push.getByRole("progressbar")).toBeVisible();
  await expect(push.getByTestId("push-result")).toBeVisible({ timeout: 60_000 });
  await expect(push.getByTestId("push-calls")).toContainText("Update integration response 200");
  const deploymentId = (await push.getByTestId("push-result").locator(".font-mono").nth(1).innerText()).trim();
  await page.reload();
  await expect(page.getByTestId("push-history").getByTestId("push-deployment-id").first()).toHaveText(deploymentId);
  const live = await aws.send(new GetResourcesCommand({ restApiId: api.id, embed: ["methods"] }));
  const method = live.items!.find((r) => r.path === "/items")!.resourceMethods!.GET;
  expect(method.methodIntegration!.integrationResponses!["200"].responseTemplates!["application/json"]).toContain("gatehouse");

  // Drift: someone changes the integration in the AWS console.
  await expect(async () => {
    await aws.send(new UpdateIntegrationCommand({ ...key, patchOperations: [{ op: "replace", path: "/timeoutInMillis", value: "7000" }] }));
  }).toPass();
  await page.getByRole("button", { name: "Check drift" }).click();
  await expect(page.getByTestId("drift-status")).toContainText("1 change made outside Gatehouse");
  await expect(page.getByTestId("drift-entries")).toContainText("timeoutInMillis");
  await expect(page.getByTestId("drift-entries")).toContainText("29000");
  await expect(page.getByTestId("drift-entries")).toContainText("7000");
  await page.getByRole("button", { name: "Adopt into draft" }).click();
  await expect(page.getByTestId("drift-notice")).toContainText("Adopted 1 change into the draft");
  await page.getByRole("button", { name: "Check drift" }).click();
  await expect(page.getByTestId("drift-status")).toContainText("In sync");

  // The history says what happened; no credential anywhere in what the browser got.
  await page.goto(`/apis/${apiId}/history`);
  await expect(page.locator("body")).toContainText("Adopted 1 change");
  for (const path of [`/apis/${apiId}/aws`, "/connections", `/apis/${apiId}`, `/apis/${apiId}/history`]) {
    await page.goto(path);
    const html = await page.content();
    for (const secret of SERVER_KEYS) expect(html, path).not.toContain(secret);
  }
  aws.destroy();
});

test("a first push can be previewed before the API is on AWS, and previewing writes nothing", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  const connectionName = `fake-first-${Date.now().toString(36)}`;
  await page.goto("/connections");
  await page.getByLabel("Name", { exact: true }).fill(connectionName);
  await page.getByLabel("Region").fill("us-east-1");
  await page.getByLabel(/Endpoint URL/).fill(ENDPOINT);
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByTestId("connection-list")).toContainText(connectionName);

  // A new API with GET /items, deployed to stage dev: nothing of it is on AWS.
  const apiName = `first-push-${Date.now().toString(36)}`;
  await page.goto("/");
  await page.getByLabel("Name", { exact: true }).fill(apiName);
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByTestId("api-name")).toHaveText(apiName);
  const apiId = page.url().split("/apis/")[1].split(/[/?#]/)[0];
  // Without a method there is nothing to deploy, and the form says so (as AWS's CreateDeployment does).
  await page.goto(`/apis/${apiId}/stages`);
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.locator("p[role=alert]")).toHaveText("The REST API doesn't contain any methods");
  await page.goto(`/apis/${apiId}`);
  await page.getByLabel("Path part").fill("/items");
  await page.getByRole("button", { name: "Add resource" }).click();
  await expect(page.getByTestId("selected-resource")).toHaveText("/items");
  await page.getByLabel("HTTP method").selectOption("GET");
  await page.getByLabel("Integration type").first().selectOption("MOCK");
  await page.getByRole("button", { name: "Add method" }).click();
  await expect(page.locator('[data-method="GET /items"]')).toBeVisible();
  await page.goto(`/apis/${apiId}/stages`);
  await page.getByLabel("Description").fill("first");
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByTestId("deployment-list")).toContainText("first");
  await page.getByLabel("Stage name").fill("dev");
  await page.getByRole("button", { name: "Create stage" }).click();
  await expect(page.locator('[data-stage="dev"]')).toBeVisible();

  await page.goto(`/apis/${apiId}/aws`);
  await expect(page.getByTestId("aws-binding")).toContainText("Not on AWS yet");
  await expect(page.getByTestId("plan-first-push")).toContainText("Not on AWS yet");
  await page.getByLabel("AWS connection").selectOption({ label: `${connectionName} (us-east-1)` });
  await page.getByRole("button", { name: "Show plan" }).click();
  await expect(page.getByTestId("plan-calls")).toContainText("CreateRestApi");
  // A new API goes up as one OpenAPI document (PutRestApi) or entity by entity.
  await expect(page.getByTestId("plan-calls")).toContainText(/PutRestApi|CreateResource/);
  await expect(page.getByTestId("plan-calls")).toContainText("CreateDeployment");
  // Previewing wrote nothing: the API is still not bound.
  await page.reload();
  await expect(page.getByTestId("aws-binding")).toContainText("Not on AWS yet");
});
