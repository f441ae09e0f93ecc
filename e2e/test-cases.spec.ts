/**
 * Saved test cases from the browser: send requests to PetStore's GET /pets/{petId}, save them as
 * test cases (expected status, body checks), run them all from the Tests tab against the draft
 * and read a log, see a failing expectation reported with its reason, and delete a case.
 * PetStore's design is not changed (other tests rely on it).
 */
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const SUFFIX = Date.now().toString(36);
const FOUND = `found ${SUFFIX}`;
const MISSING = `missing ${SUFFIX}`;
const WRONG = `wrong ${SUFFIX}`;

async function openPetMethod(page: Page): Promise<string> {
  await page.goto("/");
  await page.getByTestId("api-list").getByRole("link", { name: "PetStore", exact: true }).click();
  await expect(page.getByTestId("api-name")).toHaveText("PetStore");
  await page.locator('[data-method="GET /pets/{petId}"]').click();
  await expect(page.getByTestId("method-editor").getByRole("heading", { name: "GET /pets/{petId}", exact: true })).toBeVisible();
  return new URL(page.url()).pathname;
}

async function send(page: Page, path: string, status: string) {
  const editor = page.getByTestId("method-editor");
  await editor.getByLabel("Path", { exact: true }).fill(path);
  await editor.getByRole("button", { name: "Send" }).click();
  await expect(page.getByTestId("invoke-status")).toHaveText(status);
}

async function saveCase(page: Page, name: string, options: { status?: string; contains?: string; jsonChecks?: string } = {}) {
  const form = page.getByTestId("save-test-case");
  await form.getByLabel("Test case name").fill(name);
  if (options.status !== undefined) await form.getByLabel("Expected status").fill(options.status);
  if (options.contains !== undefined) await form.getByLabel("Body contains (one per line)").fill(options.contains);
  if (options.jsonChecks !== undefined) await form.getByLabel("JSON path checks ($.path = value per line)").fill(options.jsonChecks);
  await form.getByRole("button", { name: "Save test case" }).click();
}

test("saves test cases from the Test panel, runs them all from the Tests tab, reads the log, sees a failure, deletes a case", async ({ page }) => {
  await signIn(page, ADMIN);
  const apiPath = await openPetMethod(page);
  const saved = page.getByTestId("saved-test-cases");

  // /pets/3 answers 200 with the pet; save it expecting 200 and the id in the body.
  await send(page, "/pets/3", "200");
  await expect(page.getByTestId("invoke-body")).toContainText('"id": "3"');
  await expect(page.getByTestId("invoke-log")).toContainText("Method completed with status: 200");
  await expect(page.getByTestId("invoke-steps")).toContainText("Integration response");
  await expect(page.getByTestId("save-test-case").getByLabel("Expected status")).toHaveValue("200");

  // Bad input gets field-level errors and saves nothing.
  await saveCase(page, "", { contains: '"id": "3"', jsonChecks: "$.id[ = 3" });
  await expect(page.locator('[data-field-error="name"]')).toHaveText("Name the test case");
  await expect(page.locator('[data-field-error="expectations.bodyJson"]')).toContainText("Check 0");
  await expect(saved.getByTestId("saved-test-case")).toHaveCount(0);

  await saveCase(page, FOUND, { contains: '"id": "3"', jsonChecks: '$.type = "dog"' });
  await expect(page.getByTestId("save-test-case").getByRole("status")).toHaveText(`Saved ${FOUND}.`);
  await expect(saved.locator(`[data-name="${FOUND}"]`)).toContainText("expects status 200, 1 body check, 1 JSON path check");

  // The same name again is refused on the name field.
  await saveCase(page, FOUND);
  await expect(page.locator('[data-field-error="name"]')).toContainText(`already has a test case named ${FOUND}`);

  // /pets/0 answers 404; save it expecting 404.
  await send(page, "/pets/0", "404");
  await saveCase(page, MISSING, { contains: "was not found" });
  await expect(saved.getByTestId("saved-test-case")).toHaveCount(2);

  // Run one case from the method's list.
  await saved.getByRole("button", { name: `Run ${FOUND}` }).click();
  await expect(saved.getByTestId("run-summary")).toContainText("1 passed, 0 failed");

  // The Tests tab: Run all against the draft → 2 passed; open a log.
  await page.getByRole("link", { name: "Tests", exact: true }).click();
  await expect(page).toHaveURL(`${apiPath}/tests`);
  await expect(page.getByTestId("test-case-row")).toHaveCount(2);
  await expect(page.getByLabel("Target")).toHaveValue("");
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByTestId("run-summary")).toContainText("2 passed, 0 failed");
  await expect(page.getByTestId("run-summary")).toContainText("2 test cases against the draft");
  const found = page.locator(`[data-testid="run-result"][data-name="${FOUND}"]`);
  await expect(found.getByTestId("run-verdict")).toHaveText("PASS");
  await found.getByText("Response and log").click();
  await expect(found.getByTestId("run-log")).toContainText("Method request path: {petId=3}");
  await expect(found.getByTestId("run-log")).toContainText("Method completed with status: 200");
  await expect(found.getByTestId("run-body")).toContainText('"type": "dog"');

  // A failing expectation: /pets/4 expecting 201 and the wrong id.
  await page.goto(apiPath);
  await page.locator('[data-method="GET /pets/{petId}"]').click();
  await send(page, "/pets/4", "200");
  await saveCase(page, WRONG, { status: "201", contains: '"id": "5"' });
  await expect(saved.getByTestId("saved-test-case")).toHaveCount(3);
  await page.getByRole("link", { name: "Tests", exact: true }).click();
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByTestId("run-summary")).toContainText("2 passed, 1 failed");
  const wrong = page.locator(`[data-testid="run-result"][data-name="${WRONG}"]`);
  await expect(wrong).toHaveAttribute("data-result", "failed");
  await expect(wrong.getByTestId("run-verdict")).toHaveText("FAIL");
  await expect(wrong.getByTestId("run-failures")).toContainText("Expected status 201, got 200");
  await expect(wrong.getByTestId("run-failures")).toContainText('Body does not contain "\\"id\\": \\"5\\""');

  // Delete the failing case from the method's list; the next run is green again.
  await page.goto(apiPath);
  await page.locator('[data-method="GET /pets/{petId}"]').click();
  page.once("dialog", (d) => d.accept());
  await saved.getByRole("button", { name: `Delete ${WRONG}` }).click();
  await expect(saved.getByTestId("saved-test-case")).toHaveCount(2);
  await page.getByRole("link", { name: "Tests", exact: true }).click();
  await expect(page.getByTestId("test-case-row")).toHaveCount(2);
  await page.getByRole("button", { name: "Run all" }).click();
  await expect(page.getByTestId("run-summary")).toContainText("2 passed, 0 failed");

  // Every run is in the history, once per run; saves and the delete too.
  await page.goto(`${apiPath}/history`);
  await expect(page.locator('[data-action="testcase.run"]').first()).toBeVisible();
  await expect(page.locator('[data-action="testcase.create"]')).toHaveCount(3);
  await expect(page.locator('[data-action="testcase.delete"]')).toHaveCount(1);
});
