/**
 * Issue #4's "Done when", all through the browser: create an API, design /pets and /pets/{id}
 * with a model, a request validator, an authorizer, CORS and a Lambda proxy method; bad edits are
 * refused with field messages and nothing is written; then export it as OpenAPI, import that as a
 * new API, and find the same design (compared with the semantic diff, which ignores ids).
 */
import { expect, test, type Page } from "@playwright/test";
import type { ApiDesign } from "../lib/model/design";
import { diffDesigns } from "../lib/snapshot/diff";
import { ADMIN, setEditorText, signIn } from "./helpers";

const RUN = Date.now().toString(36);
const API_NAME = `Designer e2e ${RUN}`;
const LAMBDA_ARN = "arn:aws:lambda:us-east-1:123456789012:function:pets-create";
const LAMBDA_URI = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${LAMBDA_ARN}/invocations`;
const AUTH_ARN = "arn:aws:lambda:us-east-1:123456789012:function:jwt-authorizer";

// One line each: typed into Monaco, a multi-line text would be re-indented by the editor as it goes.
const PET_SCHEMA = JSON.stringify({
  $schema: "http://json-schema.org/draft-04/schema#",
  title: "Pet",
  type: "object",
  required: ["name"],
  properties: { name: { type: "string" }, tag: { type: "string" } },
});
const PET_LIST_SCHEMA = JSON.stringify({ type: "array", items: { $ref: "https://apigateway.amazonaws.com/restapis/demo/models/Pet" } });

interface Draft {
  id: string;
  name: string;
  version: number;
  design: ApiDesign;
}

async function draft(page: Page, apiId: string): Promise<Draft> {
  const res = await page.request.get(`/api/apis/${apiId}`);
  expect(res.status()).toBe(200);
  return res.json();
}

/** A refused edit: the field message shows and the stored draft (its version) did not move. */
async function expectRefused(page: Page, apiId: string, field: string, message: string | RegExp, act: () => Promise<void>) {
  const before = await draft(page, apiId);
  await act();
  await expect(page.locator(`[data-field-error="${field}"]`).first()).toContainText(message);
  await expect(page.getByTestId("edit-error")).toBeVisible();
  expect((await draft(page, apiId)).version).toBe(before.version);
}

/** A saved edit: no error, and the stored version moved on. */
async function expectSaved(page: Page, apiId: string, act: () => Promise<void>) {
  const before = (await draft(page, apiId)).version;
  await act();
  await expect.poll(async () => (await draft(page, apiId)).version).toBeGreaterThan(before);
  await expect(page.getByTestId("edit-error")).toHaveCount(0);
}

async function selectResource(page: Page, path: string) {
  await page.getByTestId("resource-tree").locator(`[data-resource-path="${path}"]`).click();
  await expect(page.getByTestId("selected-resource")).toHaveText(path);
}

async function addMethod(page: Page, verb: string, type: string, lambdaArn?: string) {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Add method", exact: true }) });
  await form.getByLabel("HTTP method").selectOption(verb);
  await form.getByLabel("Integration type").selectOption(type);
  if (lambdaArn) await form.getByLabel("Lambda function ARN").fill(lambdaArn);
  await form.getByRole("button", { name: "Add method", exact: true }).click();
  await expect(page.getByTestId("method-editor").getByRole("heading", { name: new RegExp(`^${verb} `) })).toBeVisible();
}

test("design an API with every component through the UI, export it, import it, find the same design", async ({ page }) => {
  await signIn(page, ADMIN);

  // A new API.
  await page.getByLabel("Name", { exact: true }).fill(API_NAME);
  await page.getByLabel("Description").fill("Designed by the designer e2e");
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByTestId("api-name")).toHaveText(API_NAME);
  const apiId = /\/apis\/([0-9a-f-]{36})/.exec(page.url())![1];

  // Resources /pets and /pets/{id}.
  await page.getByLabel("Path part").fill("/pets/{id}");
  await page.getByRole("button", { name: "Add resource" }).click();
  await expect(page.getByTestId("selected-resource")).toHaveText("/pets/{id}");
  await addMethod(page, "GET", "MOCK");
  await selectResource(page, "/pets");
  await addMethod(page, "GET", "MOCK");
  // The Lambda proxy method.
  await addMethod(page, "POST", "AWS_PROXY", LAMBDA_ARN);
  await expect
    .poll(async () => (await draft(page, apiId)).design.resources.find((r) => r.pathPart === "pets")?.methods.POST?.integration?.uri)
    .toBe(LAMBDA_URI);

  // ---- Models -------------------------------------------------------------------------------
  const models = page.locator("section").filter({ has: page.getByRole("heading", { name: "Models", exact: true }) });
  await models.getByLabel("Model name").fill("my-model");
  await setEditorText(page, "model-schema", PET_SCHEMA);
  await expectRefused(page, apiId, "model.name", "Model name must be alphanumeric", () => models.getByRole("button", { name: "Create model" }).click());

  // An invalid schema is flagged as it is typed, and refused on save.
  await models.getByLabel("Model name").fill("Pet");
  await setEditorText(page, "model-schema", '{"type": "object", "properties": {"name": {"type": "strung"}}}');
  await expect(models.getByTestId("schema-problems")).toContainText("Not a valid JSON Schema draft 4: /properties/name/type");
  await expect(models.locator(".monaco-editor .squiggly-error").first()).toBeAttached();
  await expectRefused(page, apiId, "model.schema", "Not a valid JSON Schema draft 4", () => models.getByRole("button", { name: "Create model" }).click());
  await setEditorText(page, "model-schema", '{"type": "object",');
  await expect(models.getByTestId("schema-problems")).toContainText("Invalid JSON");

  await setEditorText(page, "model-schema", PET_SCHEMA);
  await expect(models.getByTestId("schema-ok")).toBeVisible();
  await expectSaved(page, apiId, () => models.getByRole("button", { name: "Create model" }).click());
  await expect(models.getByTestId("model")).toHaveText(["Pet"]);

  // A second model referring to the first; a $ref to a model that does not exist is refused.
  await models.getByRole("button", { name: "New model" }).click();
  await models.getByLabel("Model name").fill("PetList");
  await setEditorText(page, "model-schema", PET_LIST_SCHEMA.replace("/models/Pet", "/models/Owner"));
  await expectRefused(page, apiId, "model.schema", "there is no model named Owner", () => models.getByRole("button", { name: "Create model" }).click());
  await setEditorText(page, "model-schema", PET_LIST_SCHEMA);
  await expectSaved(page, apiId, () => models.getByRole("button", { name: "Create model" }).click());
  await expect(models.getByTestId("model")).toHaveText(["Pet", "PetList"]);

  // ---- Request validator --------------------------------------------------------------------
  const validators = page.locator("section").filter({ has: page.getByRole("heading", { name: "Request validators", exact: true }) });
  await validators.getByLabel("Validator name").fill("body-and-params");
  await expectSaved(page, apiId, () => validators.getByRole("button", { name: "Create validator" }).click());
  await expect(validators.getByTestId("validator")).toHaveText(["body-and-params"]);
  await validators.getByRole("button", { name: "New validator" }).click();
  await validators.getByLabel("Validator name").fill("body-and-params");
  await expectRefused(page, apiId, "validator.name", "already exists", () => validators.getByRole("button", { name: "Create validator" }).click());

  // ---- Authorizer ---------------------------------------------------------------------------
  const authorizers = page.locator("section").filter({ has: page.getByRole("heading", { name: "Authorizers", exact: true }) });
  await authorizers.getByLabel("Authorizer name").fill("jwt");
  await authorizers.getByLabel("Authorizer type").selectOption("TOKEN");
  await authorizers.getByLabel("Lambda function ARN").fill(AUTH_ARN);
  await authorizers.getByLabel("Token validation expression").fill("^Bearer [");
  await expectRefused(page, apiId, "authorizer.identityValidationExpression", "Not a valid regular expression", () =>
    authorizers.getByRole("button", { name: "Create authorizer" }).click(),
  );
  await authorizers.getByLabel("Token validation expression").fill("^Bearer [-0-9a-zA-Z._]*$");
  await authorizers.getByLabel("Result TTL (seconds)").fill("4000");
  await expectRefused(page, apiId, "authorizer.authorizerResultTtlInSeconds", "from 0 (no caching) to 3600", () =>
    authorizers.getByRole("button", { name: "Create authorizer" }).click(),
  );
  await authorizers.getByLabel("Result TTL (seconds)").fill("300");
  await expectSaved(page, apiId, () => authorizers.getByRole("button", { name: "Create authorizer" }).click());
  const authorizer = (await draft(page, apiId)).design.authorizers[0];
  expect(authorizer).toMatchObject({
    name: "jwt",
    type: "TOKEN",
    authorizerUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${AUTH_ARN}/invocations`,
    identitySource: "method.request.header.Authorization",
    authorizerResultTtlInSeconds: 300,
  });

  // ---- POST /pets uses them: authorizer, validator, request model --------------------------
  await page.getByTestId("resource-tree").locator('[data-method="POST /pets"]').click();
  const request = page.getByTestId("method-request-form");
  await request.getByLabel("Authorization", { exact: true }).selectOption("CUSTOM");
  await request.getByLabel("Authorizer", { exact: true }).selectOption({ label: "jwt (TOKEN)" });
  await request.getByLabel("Request validator").selectOption({ label: "body-and-params" });
  await request.getByRole("button", { name: "Add request model" }).click();
  await request.getByLabel("Model 1", { exact: true }).selectOption("Pet");
  await expectSaved(page, apiId, () => page.getByRole("button", { name: "Save method request" }).click());
  const post = (await draft(page, apiId)).design.resources.find((r) => r.pathPart === "pets")!.methods.POST;
  expect(post).toMatchObject({ authorizationType: "CUSTOM", authorizerId: authorizer.id, requestModels: { "application/json": "Pet" } });

  // What a method or another model uses cannot be deleted; the refusal names the users.
  await validators.getByTestId("validator").filter({ hasText: "body-and-params" }).click();
  await expect(validators.getByTestId("validator-usages")).toHaveText("Used by POST /pets.");
  await expectRefused(page, apiId, "validatorId", "Request validator body-and-params is used by POST /pets", () =>
    validators.getByRole("button", { name: "Delete validator" }).click(),
  );
  await expectRefused(page, apiId, "authorizerId", "Authorizer jwt is used by POST /pets", () =>
    authorizers.getByRole("button", { name: "Delete authorizer" }).click(),
  );
  await models.getByTestId("model").filter({ hasText: /^Pet$/ }).click();
  await expect(models.getByTestId("model-usages")).toHaveText(
    "Used by POST /pets request body (application/json), model PetList. Renaming updates these references.",
  );
  await expectRefused(page, apiId, "modelId", "Model Pet is still used by POST /pets request body (application/json), model PetList", () =>
    models.getByRole("button", { name: "Delete model" }).click(),
  );

  // ---- CORS on /pets ------------------------------------------------------------------------
  await selectResource(page, "/pets");
  const cors = page.getByTestId("cors-helper");
  await expect(cors.getByLabel("Allowed headers")).toHaveValue("Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token");
  await cors.getByLabel("Allow credentials").check();
  await expectRefused(page, apiId, "cors.allowCredentials", "Browsers refuse credentials with Access-Control-Allow-Origin '*'", () =>
    page.getByRole("button", { name: "Enable CORS" }).click(),
  );
  await cors.getByLabel("Allow credentials").uncheck();
  await expectSaved(page, apiId, () => page.getByRole("button", { name: "Enable CORS" }).click());
  const written = page.getByTestId("cors-changes");
  await expect(written.getByTestId("cors-change").filter({ hasText: "OPTIONS /pets" }).first()).toContainText("created");
  await expect(written).toContainText("Access-Control-Allow-Methods: 'GET,POST,OPTIONS'");
  await expect(written.getByTestId("cors-change").filter({ hasText: "GET /pets" }).first()).toContainText("updated");
  await expect(written.getByTestId("cors-change").filter({ hasText: "POST /pets" })).toContainText("the backend must send Access-Control-Allow-Origin");
  const pets = (await draft(page, apiId)).design.resources.find((r) => r.pathPart === "pets")!;
  expect(pets.methods.OPTIONS.integration?.type).toBe("MOCK");
  expect(pets.methods.GET.integration?.integrationResponses["200"].responseParameters["method.response.header.Access-Control-Allow-Origin"]).toBe("'*'");
  // Running it again changes nothing and duplicates nothing.
  const beforeRerun = (await draft(page, apiId)).design;
  await expectSaved(page, apiId, () => page.getByRole("button", { name: "Enable CORS" }).click());
  await expect(written.getByTestId("cors-change").filter({ hasText: "OPTIONS /pets" }).first()).toContainText("unchanged");
  expect(diffDesigns(beforeRerun, (await draft(page, apiId)).design).entries).toEqual([]);

  // Each accepted edit is one history entry; CORS is one entry however much it wrote.
  await page.goto(`/apis/${apiId}/history`);
  await expect(page.getByText("Enabled CORS on /pets: 4 created, 2 updated", { exact: false }).first()).toBeVisible();

  // ---- Export, import as a new API, same design ---------------------------------------------
  const designed = await draft(page, apiId);
  const exported = await page.request.get(`/api/apis/${apiId}/openapi?format=json`);
  expect(exported.status()).toBe(200);
  const document = await exported.text();
  expect(JSON.parse(document).openapi).toMatch(/^3\.0/);

  await page.goto("/");
  await page.getByLabel("OpenAPI document").fill(document);
  await page.getByLabel("API name").fill(`${API_NAME} (imported)`);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("api-name")).toHaveText(`${API_NAME} (imported)`);
  const importedId = /\/apis\/([0-9a-f-]{36})/.exec(page.url())![1];
  expect(importedId).not.toBe(apiId);
  const imported = await draft(page, importedId);
  const diff = diffDesigns(designed.design, { ...imported.design, name: designed.design.name });
  expect(diff.entries).toEqual([]);
});
