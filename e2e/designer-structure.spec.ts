/**
 * The designer's structure through the browser: API settings, resources with {id} and {proxy+},
 * rename, move, delete after seeing what goes with it, a method's authorization and parameters,
 * an AWS_PROXY Lambda integration entered as a function ARN, the AWS flow view, and bad edits
 * refused with field messages while a reload shows nothing was written.
 */
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const API_NAME = `Structure e2e ${Date.now().toString(36)}`;
const FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:pets-api";

async function addResource(page: Page, value: string, expected: string) {
  await page.getByLabel("Path part").fill(value);
  await page.getByRole("button", { name: "Add resource" }).click();
  await expect(page.getByTestId("selected-resource")).toHaveText(expected);
}

const select = (page: Page, path: string) => page.locator(`[data-resource-path="${path}"]`).click();

test("an admin shapes an API's settings, resources and a Lambda proxy method, and bad edits write nothing", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByLabel("Name", { exact: true }).fill(API_NAME);
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByTestId("api-name")).toHaveText(API_NAME);

  // API settings: an out-of-range compression size is refused on its field, then saved.
  await page.getByRole("button", { name: "Edit settings" }).click();
  const settings = page.getByTestId("api-settings-form");
  await settings.getByLabel("Endpoint type").selectOption("PRIVATE");
  await settings.getByLabel("Binary media types").fill("image/png\n*/*");
  await settings.getByLabel(/Minimum compression size/).fill("20000000");
  await settings.getByRole("button", { name: "Save API settings" }).click();
  await expect(settings.locator('[data-field-error="minimumCompressionSize"]')).toContainText("0 to 10485760");
  await settings.getByLabel(/Minimum compression size/).fill("1024");
  await settings.getByRole("button", { name: "Save API settings" }).click();
  await expect(settings.getByRole("status")).toHaveText("API settings saved");
  await expect(page.getByTestId("api-settings-summary")).toContainText("PRIVATE · API key source HEADER · compression ≥ 1024 B · binary image/png, */*");
  // PRIVATE without a resource policy: a warning, not a refusal.
  await expect(page.getByTestId("api-settings-warning")).toContainText("resource policy");

  // Resources, with a path variable and a greedy one.
  await addResource(page, "/pets/{id}", "/pets/{id}");
  await addResource(page, "/files/{proxy+}", "/files/{proxy+}");
  await addResource(page, "/owners/{ownerId}", "/owners/{ownerId}");

  // {proxy+} cannot have a child: refused on the field, nothing added.
  await select(page, "/files/{proxy+}");
  await page.getByLabel("Path part").fill("readme");
  await page.getByRole("button", { name: "Add resource" }).click();
  await expect(page.locator('[data-field-error="pathPart"]')).toContainText("greedy path variable {proxy+} must be the last part");
  await expect(page.locator('[data-resource-path="/files/{proxy+}/readme"]')).toHaveCount(0);

  // Rename /owners to /people (the child moves along).
  await select(page, "/owners");
  await page.getByRole("button", { name: "Rename resource" }).click();
  await page.getByLabel("Rename to").fill("people");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.locator('[data-resource-path="/people/{ownerId}"]')).toBeVisible();
  await expect(page.locator('[data-resource-path="/owners"]')).toHaveCount(0);

  // Move /people under /pets.
  await select(page, "/people");
  await page.getByRole("button", { name: "Move resource" }).click();
  await page.getByLabel("New parent").selectOption({ label: "/pets" });
  await page.getByRole("button", { name: "Move here" }).click();
  await expect(page.locator('[data-resource-path="/pets/people/{ownerId}"]')).toBeVisible();

  // Delete /pets/people: first what goes with it, then the delete.
  await select(page, "/pets/people");
  await page.getByRole("button", { name: "Delete resource" }).click();
  const preview = page.getByTestId("delete-preview");
  await expect(preview).toContainText("Delete /pets/people, 1 child resource and 0 methods?");
  await expect(preview.getByTestId("delete-preview-item")).toHaveText(["/pets/people", "/pets/people/{ownerId}"]);
  await preview.getByRole("button", { name: "Delete 2 resources" }).click();
  await expect(page.locator('[data-resource-path="/pets/people"]')).toHaveCount(0);
  await expect(page.getByTestId("selected-resource")).toHaveText("/pets");

  // A method on /pets/{id}: authorization and parameters.
  await select(page, "/pets/{id}");
  await page.getByLabel("HTTP method").selectOption("GET");
  await page.getByLabel("Integration type").first().selectOption("MOCK");
  await page.getByRole("button", { name: "Add method" }).click();
  const editor = page.getByTestId("method-editor");
  await expect(editor.getByRole("heading", { name: "GET /pets/{id}", exact: true })).toBeVisible();

  const request = editor.getByTestId("method-request-form");
  // A path parameter that is not in the path is refused on the parameters.
  await request.getByLabel("Authorization", { exact: true }).selectOption("AWS_IAM");
  await request.getByRole("button", { name: "Add request parameter" }).click();
  await request.getByLabel("Parameter location 1").selectOption("path");
  await request.getByLabel("Parameter name 1").fill("petId");
  await request.getByRole("button", { name: "Save method request" }).click();
  await expect(request.locator('[data-field-error="Request parameters"]')).toContainText("Path parameter petId is not in the resource path /pets/{id}");
  await request.getByLabel("Parameter name 1").fill("id");
  await request.getByLabel("Parameter 1 required").check();
  await request.getByRole("button", { name: "Add request parameter" }).click();
  await request.getByLabel("Parameter name 2").fill("verbose");
  await request.getByRole("button", { name: "Save method request" }).click();
  const flowRequest = editor.getByTestId("flow-methodRequest");
  await expect(flowRequest).toContainText("Auth: AWS_IAM");
  await expect(flowRequest).toContainText("Params: path.id (required), querystring.verbose");

  // AWS_PROXY Lambda integration, entered as a function ARN.
  await editor.getByLabel("Integration type").selectOption("AWS_PROXY");
  await editor.getByLabel("Lambda function ARN").fill(FUNCTION_ARN);
  await editor.getByRole("button", { name: "Save integration request" }).click();
  await expect(editor.getByTestId("flow-integration")).toContainText(`Lambda: ${FUNCTION_ARN}`);
  await expect(editor.getByTestId("flow-integration")).toContainText("AWS_PROXY");
  await expect(editor.getByTestId("flow-integrationRequest")).toContainText("passed through");
  await expect(editor.getByLabel("Backend method")).toHaveValue("POST");

  // The flow's boxes open their editors.
  await expect(editor.getByTestId("method-flow").getByRole("button")).toHaveCount(5);
  await flowRequest.click();
  await expect(request.getByLabel("Authorization", { exact: true })).toBeFocused();

  // A bad edit: timeout 10 ms is refused on its field.
  await editor.getByLabel("Timeout (ms)").fill("10");
  await editor.getByRole("button", { name: "Save integration request" }).click();
  await expect(editor.locator('[data-field-error="integration.timeoutInMillis"]')).toHaveText("Timeout must be between 50 ms and 29000 ms");
  // Lambda with a non-POST backend method is refused too.
  await editor.getByLabel("Timeout (ms)").fill("5000");
  await editor.getByLabel("Backend method").selectOption("GET");
  await editor.getByRole("button", { name: "Save integration request" }).click();
  await expect(editor.locator('[data-field-error="integration.httpMethod"]')).toContainText("must use POST");

  // Reload: the settings and the good edits are there, the refused ones are not.
  await page.reload();
  await expect(page.getByTestId("api-settings-summary")).toContainText("PRIVATE");
  await expect(page.locator('[data-resource-path="/files/{proxy+}/readme"]')).toHaveCount(0);
  await expect(page.locator('[data-resource-path="/pets/people"]')).toHaveCount(0);
  await page.locator('[data-method="GET /pets/{id}"]').click();
  await expect(editor.getByLabel("Timeout (ms)")).toHaveValue("29000");
  await expect(editor.getByLabel("Backend method")).toHaveValue("POST");
  await expect(editor.getByLabel("Lambda function ARN")).toHaveValue(FUNCTION_ARN);
  await expect(editor.getByTestId("flow-methodRequest")).toContainText("Auth: AWS_IAM");

  // The tree filter narrows 300-resource APIs down; here it keeps /pets/{id} and its ancestors.
  await page.getByLabel("Filter resources").fill("{id}");
  await expect(page.locator("[data-resource-path]")).toHaveText(["/", "/pets", "/{id}"]);
});
