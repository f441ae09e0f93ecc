/**
 * The mapping-template editor in the browser, offline: typing a template re-renders the live
 * preview against the sample request, a broken template shows a diagnostic with its line, an
 * AWS trap shows a lint warning, `$util.` offers completion, and gateway responses say they are
 * substitution only. Nothing is saved: PetStore's GET /pets/{petId} is read by other tests.
 */
import { expect, test } from "@playwright/test";
import { ADMIN, setEditorText, signIn } from "./helpers";

test("the template editor completes, diagnoses and previews as you type", async ({ page }) => {
  // Nothing may load from another origin (Monaco is bundled, no CDN).
  const foreign: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (!["127.0.0.1", "localhost"].includes(url.hostname) && !url.protocol.startsWith("data") && !url.protocol.startsWith("blob")) foreign.push(r.url());
  });

  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "PetStore" }).click();
  await page.waitForURL(/\/apis\/[0-9a-f-]{36}$/);
  await page.locator('[data-method="GET /pets/{petId}"]').click();
  const method = page.getByTestId("method-editor");
  await expect(method.getByRole("heading", { name: "GET /pets/{petId}", exact: true })).toBeVisible();

  const response = page.locator('[data-template-editor="response-template"]');
  const output = response.getByTestId("template-preview-output");
  const diagnostics = response.getByTestId("template-diagnostics");

  // The saved template renders at once against the prefilled sample ($context from the method).
  await expect(output).toContainText('"resourcePath": "/pets/{petId}"');

  // Type a template, fill the sample path parameters: the preview follows.
  await setEditorText(
    page,
    "response-template",
    `{"id": "$input.params('petId')", "method": "$context.httpMethod", "upper": "$input.params('petId').toUpperCase()"}`,
  );
  await response.getByLabel("Sample path parameters (name=value)").fill("petId=rex-7");
  await expect(output).toHaveText('{"id": "rex-7", "method": "GET", "upper": "REX-7"}');
  await expect(diagnostics).toContainText("No problems found");
  await expect(response.getByTestId("template-preview-json-note")).toHaveCount(0);

  // Output that is not JSON for an application/json template gets a note.
  await setEditorText(page, "response-template", `{"id": $input.params('petId')}`);
  await expect(output).toHaveText('{"id": rex-7}');
  await expect(response.getByTestId("template-preview-json-note")).toContainText("Output is not valid JSON");

  // A broken template: a diagnostic with its line, a marker in Monaco, and the preview's error.
  await setEditorText(page, "response-template", ["{", '  "id": "$input.params(\'petId\')"', "}", "#if($input.params('petId') == \"0\""].join("\n"));
  await expect(diagnostics.locator('[data-severity="error"]')).toContainText("line 4:");
  await expect(response.getByTestId("template-preview-error")).toContainText("line 4:");
  await expect(response.locator(".monaco-editor .squiggly-error").first()).toBeAttached();

  // A trap AWS does not warn about: $input.json wrapped in quotes.
  await setEditorText(page, "response-template", `{"pet": "$input.json('$')"}`);
  await expect(diagnostics.locator('[data-severity="warning"]').first()).toContainText(/input\.json/i);

  // Completion with documentation after `$util.`.
  await setEditorText(page, "response-template", "");
  await page.keyboard.type("$util.");
  const suggest = response.locator(".suggest-widget");
  await expect(suggest).toBeVisible();
  await expect(suggest).toContainText("escapeJavaScript");
  await page.keyboard.press("Escape");

  // Fast typing, key by key with completion popping up, loses nothing; the preview follows.
  await setEditorText(page, "response-template", "");
  await page.keyboard.type(`{"ip": "$context.identity.sourceIp", "b64": "$util.base64Encode($input.params('petId'))"}`);
  await page.keyboard.press("Escape");
  await expect(output).toHaveText('{"ip": "203.0.113.10", "b64": "cmV4LTc="}');

  // Hover documentation from the catalog.
  const token = response.locator(".view-line span span", { hasText: "base64Encode" }).first();
  const box = (await token.boundingBox())!;
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
  await expect(page.locator(".monaco-hover").filter({ hasText: "Base64" }).first()).toBeVisible();

  // Gateway responses: substitution only, said so, previewed by plain substitution.
  const gateway = page.locator('[data-template-editor="gateway-response-template"]');
  await expect(page.getByTestId("template-substitution-note")).toContainText(
    "API Gateway does not run gateway-response templates through Velocity: only $context and $stageVariables references are substituted",
  );
  await setEditorText(page, "gateway-response-template", '{"error": $context.error.messageString, "stage": "$context.stage", "raw": "$input.body"}');
  await expect(gateway.getByTestId("template-preview-output")).toHaveText('{"error": "Missing Authentication Token", "stage": "test", "raw": "$input.body"}');
  await expect(gateway.getByTestId("template-diagnostics").locator('[data-severity="error"]')).toHaveCount(0);

  expect(foreign).toEqual([]);
});

test("gateway responses are saved and reset from the design page, on an API of the test's own", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByLabel("Name", { exact: true }).fill(`Gateway e2e ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create API" }).click();
  await expect(page.getByTestId("api-name")).toBeVisible();

  const card = page.getByTestId("gateway-response-form");
  await expect(page.getByTestId("gateway-responses")).toContainText("None configured");
  await card.getByLabel("Response type").selectOption("MISSING_AUTHENTICATION_TOKEN");
  await card.getByLabel("Response status").fill("404");

  // A header name AWS refuses comes back as a field error; nothing is saved.
  await card.getByLabel(/Response headers/).fill("Bad Header!='x'");
  await card.getByRole("button", { name: "Save gateway response" }).click();
  await expect(card.locator('[data-field-error="gatewayResponse.responseParameters"]')).toContainText("gatewayresponse.header.NAME");

  await card.getByLabel(/Response headers/).fill("Access-Control-Allow-Origin='*'");
  await setEditorText(page, "gateway-response-template", '{"message": "No such route", "type": "$context.error.responseType"}');
  const gateway = page.locator('[data-template-editor="gateway-response-template"]');
  await expect(gateway.getByTestId("template-preview-output")).toHaveText('{"message": "No such route", "type": "MISSING_AUTHENTICATION_TOKEN"}');
  await card.getByRole("button", { name: "Save gateway response" }).click();
  await expect(page.getByTestId("gateway-response")).toHaveText(["MISSING_AUTHENTICATION_TOKEN 404"]);
  await expect(page.getByTestId("edit-error")).toHaveCount(0);

  // Reloaded from the server: the saved values are back in the form.
  await page.reload();
  await page.getByTestId("gateway-response").click();
  await expect(page.getByTestId("gateway-response-form").getByLabel(/Response headers/)).toHaveValue("gatewayresponse.header.Access-Control-Allow-Origin='*'");
  await expect(page.locator('[data-template-editor="gateway-response-template"]').getByTestId("template-preview-output")).toContainText(
    '"type": "MISSING_AUTHENTICATION_TOKEN"',
  );

  await page.getByTestId("gateway-response-form").getByRole("button", { name: "Reset to default" }).click();
  await expect(page.getByTestId("gateway-responses")).toContainText("None configured");
});
