/**
 * OpenAPI in and out through the console: AWS's PetStore file imported as a new API from the
 * home page (its skipped parts listed, then seen in the designer), a bad document refused with
 * every JSON pointer and nothing created, fail-on-warnings and a prepended base path, YAML export (preview, download, the route's attachment), and import into an existing
 * API with merge and with a confirmed overwrite.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type Page } from "@playwright/test";
import { parse as parseYaml } from "yaml";
import { ADMIN, signIn } from "./helpers";

const HERE = dirname(fileURLToPath(import.meta.url));
const PETSTORE = readFileSync(join(HERE, "../lib/openapi/fixtures/aws-petstore.yaml"));
const RUN = Date.now().toString(36);
const mock = { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' }, responses: { default: { statusCode: "200" } } };
const toysDoc = JSON.stringify(
  {
    openapi: "3.0.1",
    info: { title: "Toys" },
    paths: { "/toys": { get: { responses: { "200": { description: "ok" } }, "x-amazon-apigateway-integration": mock } } },
  },
  null,
  2,
);

async function importPetStore(page: Page, name: string): Promise<string> {
  await page.goto("/");
  await page.getByLabel("Or choose a file").setInputFiles({ name: "petstore.yaml", mimeType: "application/yaml", buffer: PETSTORE });
  await expect(page.getByLabel("OpenAPI document")).toHaveValue(/title: PetStore/);
  await page.getByLabel("API name").fill(name);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  // The PetStore's documentation parts are skipped: the warning is shown before opening the API.
  await expect(page.getByRole("status").filter({ hasText: `Imported as ${name}` })).toContainText("with 1 warning");
  await expect(page.getByTestId("openapi-warnings")).toContainText("/x-amazon-apigateway-documentation");
  await page.getByRole("link", { name: "Open the designer" }).click();
  await expect(page.getByTestId("api-name")).toHaveText(name);
  return /\/apis\/([0-9a-f-]{36})/.exec(page.url())![1];
}

async function exportedPaths(page: Page, apiId: string): Promise<string[]> {
  const res = await page.request.get(`/api/apis/${apiId}/openapi?format=yaml`);
  expect(res.status()).toBe(200);
  return Object.keys(parseYaml(await res.text()).paths);
}

test("a PetStore file becomes a new API; a bad document is refused with its pointers and creates nothing", async ({ page }) => {
  await signIn(page, ADMIN);
  const name = `OpenAPI e2e ${RUN}`;
  await importPetStore(page, name);
  const tree = page.getByTestId("resource-tree");
  await expect(tree).toContainText("pets");
  await expect(tree).toContainText("{petId}");

  await page.goto("/");
  const bad = {
    openapi: "3.0.1",
    info: { title: "Bad" },
    paths: {
      "/pets": {
        get: { responses: {}, "x-amazon-apigateway-integration": { ...mock, type: "lambda" } },
        post: { responses: {}, "x-amazon-apigateway-integration": { ...mock, timeoutInMillis: 40000 } },
      },
    },
  };
  await page.getByLabel("OpenAPI document").fill(JSON.stringify(bad, null, 2));
  await page.getByLabel("API name").fill(`Never created ${RUN}`);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const problems = page.getByTestId("openapi-problems");
  await expect(problems).toContainText(
    '/paths/~1pets/get/x-amazon-apigateway-integration/type: must be one of mock, http, http_proxy, aws, aws_proxy (got "lambda")',
  );
  await expect(problems).toContainText("/paths/~1pets/post/x-amazon-apigateway-integration/timeoutInMillis: Timeout must be between 50 ms and 29000 ms");
  await expect(page.locator("p[role=alert]")).toContainText("2 problems; nothing was imported");
  await expect(page).toHaveURL(/\/$/);
  await page.reload();
  await expect(page.getByTestId("api-list")).toContainText(name);
  await expect(page.getByTestId("api-list")).not.toContainText(`Never created ${RUN}`);
});

test("fail on warnings refuses the PetStore with every warning's pointer; a Swagger 2 basePath is prepended when asked", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/");
  await page.getByLabel("OpenAPI document").fill(PETSTORE.toString("utf8"));
  await page.getByLabel("API name").fill(`Refused on warnings ${RUN}`);
  await page.getByLabel(/Fail on warnings/).check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("openapi-problems")).toContainText("/x-amazon-apigateway-documentation:");
  await expect(page.getByTestId("openapi-problems")).toContainText("refused because failOnWarnings is set");
  await expect(page.locator("p[role=alert]")).toContainText("nothing was imported");

  const swagger = {
    swagger: "2.0",
    info: { title: "Versioned" },
    basePath: "/v1",
    paths: { "/pets": { get: { responses: { "200": { description: "ok" } }, "x-amazon-apigateway-integration": mock } } },
  };
  await page.getByLabel("OpenAPI document").fill(JSON.stringify(swagger, null, 2));
  await page.getByLabel("API name").fill(`Versioned ${RUN}`);
  await page.getByLabel(/Fail on warnings/).uncheck();
  await page.getByLabel("Base path").selectOption("prepend");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("api-name")).toHaveText(`Versioned ${RUN}`);
  const apiId = /\/apis\/([0-9a-f-]{36})/.exec(page.url())![1];
  expect((await exportedPaths(page, apiId)).sort()).toEqual(["/", "/v1", "/v1/pets"]);
  await page.goto("/");
  await expect(page.getByTestId("api-list")).not.toContainText(`Refused on warnings ${RUN}`);
});

test("export YAML from the API page, then import into the API with merge and with a confirmed overwrite", async ({ page }) => {
  await signIn(page, ADMIN);
  const apiId = await importPetStore(page, `OpenAPI merge e2e ${RUN}`);
  await page.getByRole("link", { name: "OpenAPI", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/apis/${apiId}/openapi$`));

  // Export: YAML preview, download with a sensible name, the route answers an attachment.
  await page.getByLabel("Format").selectOption("yaml");
  const preview = page.getByTestId("openapi-preview");
  await expect(preview).toContainText("openapi: 3.0.1");
  await expect(preview).toContainText("/pets/{petId}:");
  await expect(preview).toContainText("x-amazon-apigateway-integration:");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe("openapi-merge-e2e-" + RUN + "-draft-oas30.yaml");
  const res = await page.request.get(`/api/apis/${apiId}/openapi?format=json`);
  expect(res.headers()["content-disposition"]).toBe(`attachment; filename="openapi-merge-e2e-${RUN}-draft-oas30.json"`);
  expect((await res.json()).info.title).toBe(`OpenAPI merge e2e ${RUN}`);
  // API Gateway's shape only: the download asks the route for it.
  await page.getByLabel(/API Gateway's shape only/).check();
  await expect(page.getByRole("link", { name: "Download" })).toHaveAttribute("href", `/api/apis/${apiId}/openapi?format=yaml&shape=aws`);
  await expect(preview).toContainText("openapi: 3.0.1");
  await page.getByLabel(/API Gateway's shape only/).uncheck();

  // Merge: /toys is added, /pets stays.
  await page.getByLabel("OpenAPI document").fill(toysDoc);
  await page.getByLabel("Merge").check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported (merge)" })).toHaveText("Imported (merge): 2 changes saved to the draft.");
  expect((await exportedPaths(page, apiId)).sort()).toEqual(["/", "/pets", "/pets/{petId}", "/toys"]);

  // Overwrite: asks first, showing what goes; cancel changes nothing, confirm leaves only the file's API.
  await page.getByLabel("OpenAPI document").fill(toysDoc);
  await page.getByLabel("Overwrite").check();
  await page.getByRole("button", { name: "Import", exact: true }).click();
  const confirmation = page.getByTestId("overwrite-confirmation");
  await expect(confirmation).toContainText("Overwrite this API?");
  await expect(confirmation).toContainText("- resource /pets/{petId}");
  await expect(confirmation).toContainText("Resources: 0 added, 2 removed");
  await confirmation.getByRole("button", { name: "Cancel" }).click();
  expect(await exportedPaths(page, apiId)).toContain("/pets");
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await page.getByTestId("overwrite-confirmation").getByRole("button", { name: "Confirm overwrite" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Imported (overwrite)" })).toBeVisible();
  expect((await exportedPaths(page, apiId)).sort()).toEqual(["/", "/toys"]);

  // Each import is one entry in the API's history.
  await page.goto(`/apis/${apiId}/history`);
  await expect(page.getByText("Imported OpenAPI (merge): 2 changes").first()).toBeVisible();
  await expect(page.getByText(/Imported OpenAPI \(overwrite\)/).first()).toBeVisible();
});
