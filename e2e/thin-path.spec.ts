/**
 * The foundation's thin path, all through the UI: sign in → create an API → add /pets/{id}
 * → GET with a MOCK integration whose request template picks the status → test-invoke it →
 * deployment and stage dev → push to (the fake) AWS → every step in the API's history.
 */
import { APIGatewayClient, GetResourcesCommand, GetRestApisCommand, GetStageCommand } from "@aws-sdk/client-api-gateway";
import { expect, test } from "@playwright/test";
import { FAKE_AWS_PORT } from "../playwright.config";
import { ADMIN, setEditorText, signIn } from "./helpers";

const API_NAME = `Pets e2e ${Date.now().toString(36)}`;

test("an admin designs, tests, deploys and pushes an API, and finds it all in the history", async ({ page }) => {
  // A page without a session redirects to sign-in; a wrong password gets a generic error.
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill(ADMIN);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("p[role=alert]")).toHaveText("Incorrect email or password");

  await signIn(page, ADMIN);
  await expect(page.getByTestId("api-list")).toContainText("PetStore");

  // Create an API; an empty name is refused with a field message first.
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.locator('[data-field-error="name"]')).toHaveText("Name is required");
  await page.getByLabel("Name", { exact: true }).fill(API_NAME);
  await page.getByLabel("Description").fill("Created by the end-to-end test");
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByTestId("api-name")).toHaveText(API_NAME);

  // Add /pets/{id} in one go; an invalid path part is refused with AWS's rule.
  await page.getByLabel("Path part").fill("bad part!");
  await page.getByRole("button", { name: "Add resource" }).click();
  await expect(page.locator('[data-field-error="pathPart"]')).toContainText("path part only allow");
  await page.getByLabel("Path part").fill("/pets/{id}");
  await page.getByRole("button", { name: "Add resource" }).click();
  await expect(page.getByTestId("selected-resource")).toHaveText("/pets/{id}");

  // GET with a MOCK integration.
  await page.getByLabel("HTTP method").selectOption("GET");
  await page.getByLabel("Integration type").first().selectOption("MOCK");
  await page.getByRole("button", { name: "Add method" }).click();
  const editor = page.getByTestId("method-editor");
  await expect(editor.getByRole("heading", { name: "GET /pets/{id}", exact: true })).toBeVisible();

  // The request template chooses the status code.
  await setEditorText(
    page,
    "request-template",
    ["#if($input.params('id') == \"0\")", '{"statusCode": 404}', "#else", '{"statusCode": 200}', "#end"].join("\n"),
  );
  await editor.getByRole("button", { name: "Save integration request" }).click();
  await expect(page.getByTestId("edit-error")).toHaveCount(0);

  // The 200 integration response renders JSON from $input and $context.
  await setEditorText(page, "response-template", '{"id": "$input.params(\'id\')", "method": "$context.httpMethod", "resourcePath": "$context.resourcePath"}');
  await editor.getByRole("button", { name: "Save integration response 200" }).click();
  await expect(page.getByTestId("edit-error")).toHaveCount(0);

  // A 404 method response and an integration response selected by the status.
  await editor.getByLabel("Status code").fill("404");
  await editor.getByRole("button", { name: "Add method response" }).click();
  await expect(editor.getByTestId("method-response")).toHaveText(["200", "404"]);
  await editor.getByLabel("Method response status").selectOption("404");
  await editor.getByLabel(/Selection pattern/).fill("404");
  await setEditorText(page, "response-template", '{"message": "No pet $input.params(\'id\')"}');
  await editor.getByRole("button", { name: "Save integration response 404" }).click();
  await expect(editor.getByTestId("integration-response")).toHaveText(["200 (default)", "404 /404/"]);

  // Test invoke in the browser: status, headers, body and the execution log.
  await editor.getByLabel("Path", { exact: true }).fill("/pets/7");
  await editor.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("invoke-status")).toHaveText("200");
  const body = JSON.parse(await page.getByTestId("invoke-body").innerText());
  expect(body).toEqual({ id: "7", method: "GET", resourcePath: "/pets/{id}" });
  await expect(page.getByTestId("invoke-headers")).toContainText("Content-Type: application/json");
  await expect(page.getByTestId("invoke-log")).toContainText("Method request path: {id=7}");
  await expect(page.getByTestId("invoke-log")).toContainText("Method completed with status: 200");

  await editor.getByLabel("Path", { exact: true }).fill("/pets/0");
  await editor.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("invoke-status")).toHaveText("404");
  expect(JSON.parse(await page.getByTestId("invoke-body").innerText())).toEqual({ message: "No pet 0" });

  // A deployment and a stage dev.
  await page.getByRole("link", { name: "Deployments & stages" }).click();
  await page.waitForURL(/\/stages$/);
  await expect(page.getByTestId("undeployed-changes")).toBeVisible();
  await page.getByLabel("Description").fill("first cut");
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByTestId("deployment-list")).toContainText("first cut");
  // Deploying again with no change is refused.
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.locator("p[role=alert]")).toContainText("Nothing to deploy");
  await page.getByLabel("Stage name").fill("dev!");
  await page.getByRole("button", { name: "Create stage" }).click();
  await expect(page.locator('[data-field-error="stage.name"]')).toContainText("Stage name only allows");
  await page.getByLabel("Stage name").fill("dev");
  await page.getByRole("button", { name: "Create stage" }).click();
  await expect(page.locator('[data-stage="dev"]')).toBeVisible();

  // The local gateway serves the deployed stage over plain HTTP, with no session.
  const apiId = page.url().split("/apis/")[1].split("/")[0];
  const anonymous = await page.context().browser()!.newContext();
  const gw = await anonymous.request.get(`/gw/${apiId}/dev/pets/7`);
  expect(gw.status()).toBe(200);
  expect(await gw.json()).toEqual({ id: "7", method: "GET", resourcePath: "/pets/{id}" });
  const missing = await anonymous.request.get(`/gw/${apiId}/dev/pets/0`);
  expect(missing.status()).toBe(404);
  expect((await anonymous.request.get(`/gw/${apiId}/dev/nowhere`)).status()).toBe(403);
  await anonymous.close();

  // An AWS connection to the fake control plane (the server's credentials come from its environment).
  await page.getByRole("link", { name: "AWS connections" }).click();
  await page.waitForURL(/\/connections$/);
  await page.getByLabel("Name", { exact: true }).fill(`fake-${Date.now().toString(36)}`);
  await page.getByLabel("Region").fill("us-east-1");
  await page.getByLabel(/Endpoint URL/).fill(`http://127.0.0.1:${FAKE_AWS_PORT}`);
  await page.getByRole("button", { name: "Add connection" }).click();
  await expect(page.getByTestId("connection-list")).toContainText("us-east-1");

  // Push dev to AWS, watching the calls stream in.
  await page.getByRole("link", { name: "APIs", exact: true }).click();
  await page.getByRole("link", { name: API_NAME }).click();
  await page.waitForURL(/\/apis\/[0-9a-f-]{36}$/);
  await page.getByRole("link", { name: "Deployments & stages" }).click();
  await page.waitForURL(/\/stages$/);
  const push = page.getByTestId("push-dev");
  await push.getByRole("button", { name: "Push to AWS" }).click();
  await expect(push.getByTestId("push-result")).toBeVisible({ timeout: 60_000 });
  await expect(push.getByTestId("push-calls")).toContainText(/deployment/i);

  // The fake control plane now holds the API, its resources and the stage.
  const aws = new APIGatewayClient({
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${FAKE_AWS_PORT}`,
    credentials: { accessKeyId: "x", secretAccessKey: "y" },
  });
  const live = (await aws.send(new GetRestApisCommand({ limit: 500 }))).items?.find((a) => a.name === API_NAME);
  expect(live?.id).toBeTruthy();
  const resources = (await aws.send(new GetResourcesCommand({ restApiId: live!.id!, embed: ["methods"] }))).items ?? [];
  const pet = resources.find((r) => r.path === "/pets/{id}");
  expect(pet?.resourceMethods?.GET?.methodIntegration?.type).toBe("MOCK");
  expect(pet?.resourceMethods?.GET?.methodIntegration?.integrationResponses?.["404"]?.selectionPattern).toBe("404");
  const stage = await aws.send(new GetStageCommand({ restApiId: live!.id!, stageName: "dev" }));
  expect(stage.deploymentId).toBeTruthy();
  await expect(push.getByTestId("push-result")).toContainText(live!.id!);

  // Now on AWS: the same test request runs through TestInvokeMethod beside the local result.
  await page.getByRole("link", { name: "Design", exact: true }).click();
  await page.waitForURL(/\/apis\/[0-9a-f-]{36}$/);
  await page.locator('[data-method="GET /pets/{id}"]').click();
  const tester = page.getByTestId("method-editor");
  await tester.getByLabel("Path", { exact: true }).fill("/pets/7");
  await tester.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("invoke-status")).toHaveText("200");
  await page.getByRole("button", { name: "Run on AWS too" }).click();
  const sideBySide = page.getByTestId("aws-side-by-side");
  await expect(sideBySide.getByTestId("aws-differences")).toBeVisible({ timeout: 30_000 });
  await expect(sideBySide).toContainText(`AWS (${live!.id!})`);
  await expect(sideBySide).toContainText("Status 200");

  // Every step is in the API's history, with who did it and what changed.
  await page.getByRole("link", { name: "History", exact: true }).last().click();
  await page.waitForURL(/\/history$/);
  const history = page.getByTestId("history-list");
  for (const action of [
    "api.create",
    "resource.create",
    "method.create",
    "integration.update",
    "integrationResponse.create",
    "methodResponse.create",
    "method.test_invoke",
    "deployment.create",
    "stage.create",
    "stage.push",
    "method.test_invoke_aws",
  ]) {
    await expect(history.locator(`[data-action="${action}"]`).first()).toBeVisible();
  }
  await expect(history.getByTestId("history-actor").first()).toHaveText(ADMIN);
  const templateChange = history.locator('[data-action="integration.update"]').first();
  await templateChange.locator("summary").click();
  await expect(templateChange.getByTestId("history-diff")).toContainText("#if($input.params('id')");
});
