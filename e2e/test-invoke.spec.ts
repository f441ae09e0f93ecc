/**
 * The Test panel in the browser, on an API imported for this test (PetStore's design stays as other
 * specs expect it): repeated headers reach the integration and show in the log, and are saved and
 * replayed as a test case; a CUSTOM method offers a simulated authorizer (calling it on AWS is
 * disabled and explained without an AWS connection) whose values fill $context.authorizer; a
 * missing required parameter gets AWS's 400; a file is sent as a binary body (a bad base64 body is refused).
 */
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const RUN = Date.now().toString(36);

function openApiDoc(baseURL: string) {
  const health = `${baseURL}/api/health`;
  return {
    openapi: "3.0.1",
    info: { title: "Invoke e2e", version: "1" },
    "x-amazon-apigateway-request-validators": { params: { validateRequestParameters: true, validateRequestBody: false } },
    components: {
      securitySchemes: {
        tokenAuth: {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authtype": "custom",
          "x-amazon-apigateway-authorizer": {
            type: "token",
            authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations",
            authorizerResultTtlInSeconds: 0,
          },
        },
      },
    },
    paths: {
      "/tags": {
        get: {
          parameters: [{ name: "X-Tag", in: "header", required: false, schema: { type: "string" }, "x-gatehouse-multivalue": true }],
          responses: { "200": { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "http",
            httpMethod: "GET",
            uri: health,
            requestParameters: { "integration.request.header.x-tags": "method.request.multivalueheader.X-Tag" },
            responses: { default: { statusCode: "200" } },
          },
        },
      },
      "/me": {
        get: {
          security: [{ tokenAuth: [] }],
          responses: { "200": { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            responses: {
              default: {
                statusCode: "200",
                responseTemplates: { "application/json": '{"principal": "$context.authorizer.principalId", "tenant": "$context.authorizer.tenant"}' },
              },
            },
          },
        },
      },
      "/search": {
        get: {
          "x-amazon-apigateway-request-validator": "params",
          parameters: [{ name: "q", in: "query", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            responses: { default: { statusCode: "200", responseTemplates: { "application/json": '{"q": "$input.params(\'q\')"}' } } },
          },
        },
      },
      "/upload": {
        post: {
          responses: { "200": { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "mock",
            passthroughBehavior: "when_no_templates",
            requestTemplates: { "application/octet-stream": '{"statusCode": 200}' },
            responses: { default: { statusCode: "200", responseTemplates: { "application/json": '{"received": true}' } } },
          },
        },
      },
    },
  };
}

async function importApi(page: Page, baseURL: string): Promise<string> {
  const name = `Invoke e2e ${RUN}`;
  await page.goto("/");
  await page.getByLabel("OpenAPI document").fill(JSON.stringify(openApiDoc(baseURL), null, 2));
  await page.getByLabel("API name").fill(name);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("api-name")).toHaveText(name);
  return new URL(page.url()).pathname;
}

async function openMethod(page: Page, apiPath: string, method: string) {
  await page.goto(apiPath);
  await page.locator(`[data-method="${method}"]`).click();
  await expect(page.getByTestId("method-editor").getByRole("heading", { name: method, exact: true })).toBeVisible();
}

test("Test panel: repeated headers in the log and replayed from a saved case, simulated authorizer, AWS's 400, a file as a binary body", async ({
  page,
  baseURL,
}) => {
  await signIn(page, ADMIN);
  const apiPath = await importApi(page, baseURL!);
  const editor = page.getByTestId("method-editor");
  const log = page.getByTestId("invoke-log");

  // Repeated headers: the method request keeps the last value, the integration gets every one.
  await openMethod(page, apiPath, "GET /tags");
  await editor.getByLabel("Headers (Name: value per line; repeat a name for several values)").fill("X-Tag: red\nX-Tag: blue");
  await editor.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("invoke-status")).toHaveText("200");
  await expect(log).toContainText("Method request headers: {X-Tag=blue}");
  await expect(log).toContainText(/Endpoint request headers: \{.*x-tags=red,blue\}/);
  const form = page.getByTestId("save-test-case");
  await form.getByLabel("Test case name").fill(`tags ${RUN}`);
  await form.getByRole("button", { name: "Save test case" }).click();
  await expect(form.getByRole("status")).toHaveText(`Saved tags ${RUN}.`);
  // Replayed from the saved case (after a reload: from the database), both values again.
  await page.reload();
  await page.locator('[data-method="GET /tags"]').click();
  const saved = page.getByTestId("saved-test-cases");
  await saved.getByRole("button", { name: `Run tags ${RUN}` }).click();
  await expect(saved.getByTestId("run-summary")).toContainText("1 passed");
  await saved.getByText("Response and log").click();
  await expect(saved.getByTestId("run-log")).toContainText(/Endpoint request headers: \{.*x-tags=red,blue\}/);

  // CUSTOM: simulated or on AWS; without an AWS connection the AWS option is disabled and says why.
  await openMethod(page, apiPath, "GET /me");
  const mode = editor.locator(`select[name="test.authorizerMode"]`);
  await expect(mode.locator("option")).toHaveText(["Simulated", "Call the authorizer on AWS"]);
  await expect(mode.locator('option[value="aws"]')).toBeDisabled();
  await expect(page.getByTestId("authorizer-aws-unavailable")).toContainText("needs this API bound to an AWS connection");
  const simulated = page.getByTestId("simulated-authorizer");
  await expect(simulated).toContainText("simulated — no authorizer runs");
  await simulated.getByLabel("principalId").fill("user-7");
  await simulated.getByLabel("Context (name=value per line)").fill("tenant=acme");
  await editor.getByLabel("Headers (Name: value per line; repeat a name for several values)").fill("Authorization: Bearer abc");
  await editor.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("invoke-status")).toHaveText("200");
  await expect(page.getByTestId("invoke-body")).toContainText('"principal": "user-7"');
  await expect(page.getByTestId("invoke-body")).toContainText('"tenant": "acme"');

  // A missing required parameter: AWS's 400 and body, from the validator.
  await openMethod(page, apiPath, "GET /search");
  await editor.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("invoke-status")).toHaveText("400");
  await expect(page.getByTestId("invoke-body")).toContainText('"message": "Missing required request parameters: [q]"');
  await expect(log).toContainText("Method completed with status: 400");
  await editor.getByLabel("Query string").fill("q=cats");
  await editor.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("invoke-status")).toHaveText("200");

  // A file as the body: base64 in the editor, the toggle set, the server decodes it.
  await openMethod(page, apiPath, "POST /upload");
  await editor.getByLabel("Load a file as the body").setInputFiles({ name: "note.txt", mimeType: "text/plain", buffer: Buffer.from("hello binary") });
  await expect(editor.getByLabel("Body is base64 (binary)")).toBeChecked();
  await expect(page.getByTestId("binary-body-note")).toContainText("note.txt, 12 bytes");
  await editor.getByLabel("Headers (Name: value per line; repeat a name for several values)").fill("Content-Type: application/octet-stream");
  await editor.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("invoke-status")).toHaveText("200");
  await expect(log).toContainText("Method request body before transformations: hello binary");
  // Not base64: refused with the field's message, nothing sent.
  await editor.getByLabel("Body is base64 (binary)").check();
  await page.locator('[data-code-editor="test-body"] .monaco-editor .view-lines').click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText("not base64!");
  await editor.getByRole("button", { name: "Send" }).click();
  await expect(page.locator("p[role=alert]")).toContainText("A binary body is base64");
});
