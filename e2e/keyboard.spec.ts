/**
 * Keyboard use of the console (issue #14), on an API imported for this test (PetStore stays as
 * other specs expect it): Ctrl/Cmd+S in the request-template editor saves it (a reload shows it) and
 * the browser's "Save page" never opens; Ctrl/Cmd+Enter sends the test from a field and from the
 * body editor; Monaco turns dark with the system; Ctrl/Cmd+K opens the command palette, typing filters it and Enter goes to the method's URL.
 */
import { expect, type Page, test } from "@playwright/test";
import { ADMIN, setEditorText, signIn } from "./helpers";

const RUN = Date.now().toString(36);
const API_NAME = `Keys e2e ${RUN}`;

const OPENAPI = {
  openapi: "3.0.1",
  info: { title: "Keys e2e", version: "1" },
  paths: {
    "/items": {
      get: {
        responses: { "200": { description: "ok" } },
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          responses: { default: { statusCode: "200", responseTemplates: { "application/json": `{"q": "$input.params('q')"}` } } },
        },
      },
    },
  },
};

async function importApi(page: Page): Promise<string> {
  await page.goto("/");
  await page.getByLabel("OpenAPI document").fill(JSON.stringify(OPENAPI, null, 2));
  await page.getByLabel("API name").fill(API_NAME);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("api-name")).toHaveText(API_NAME);
  return new URL(page.url()).pathname;
}

async function openMethod(page: Page, apiPath: string, method: string) {
  await page.goto(apiPath);
  await page.locator(`[data-method="${method}"]`).click();
  await expect(page.getByTestId("method-editor").getByRole("heading", { name: method, exact: true })).toBeVisible();
}

/** Records, for every Ctrl/Cmd+S keydown, whether the page took it (defaultPrevented: no "Save page" dialog). */
async function watchSaveKeys(page: Page) {
  await page.evaluate(() => {
    const seen: boolean[] = [];
    (window as unknown as { saveKeys: boolean[] }).saveKeys = seen;
    document.addEventListener(
      "keydown",
      (e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") setTimeout(() => seen.push(e.defaultPrevented), 0);
      },
      { capture: true },
    );
  });
  return () => page.evaluate(() => (window as unknown as { saveKeys: boolean[] }).saveKeys);
}

test("Ctrl/Cmd+S saves the template, Ctrl/Cmd+Enter sends the test, Ctrl/Cmd+K jumps to a method", async ({ page }) => {
  // next dev (E2E_DEV=1) compiles the designer with Monaco on first visit: minutes on a busy machine.
  test.setTimeout(process.env.E2E_DEV === "1" ? 1_500_000 : 240_000);
  await signIn(page, ADMIN);
  const apiPath = await importApi(page);

  // Ctrl/Cmd+S inside Monaco saves the integration request the template belongs to.
  await openMethod(page, apiPath, "GET /items");
  const saveKeys = await watchSaveKeys(page);
  const marker = `saved-by-keyboard-${RUN}`;
  await setEditorText(page, "request-template", `{"statusCode": 200, "note": "${marker}"}`);
  await page.keyboard.press("ControlOrMeta+S");
  await expect(page.getByText("Saved to the draft")).toBeVisible();
  // Focus outside any editor or form: nothing to save, and still no browser dialog.
  await page.getByTestId("api-name").click();
  await page.keyboard.press("ControlOrMeta+S");
  await expect.poll(saveKeys).toEqual([true, true]);

  await page.reload();
  await openMethod(page, apiPath, "GET /items");
  await expect(page.locator('[data-code-editor="request-template"] .view-lines')).toContainText(marker);

  // Monaco's theme follows the system's colour scheme, live.
  const monaco = page.locator('[data-code-editor="request-template"] .monaco-editor');
  await page.emulateMedia({ colorScheme: "light" });
  await expect(monaco).toHaveClass(/(^|\s)vs(\s|$)/);
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(monaco).toHaveClass(/(^|\s)vs-dark(\s|$)/);
  await page.emulateMedia({ colorScheme: "light" });

  // Ctrl/Cmd+Enter from a field of the test panel sends it...
  const editor = page.getByTestId("method-editor");
  await editor.getByLabel("Query string").fill("q=from-field");
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("invoke-status")).toHaveText("200");
  await expect(page.getByTestId("invoke-body")).toContainText('"q": "from-field"');
  // ...and from inside the body editor (Monaco would otherwise insert a line).
  await editor.getByLabel("Query string").fill("q=from-monaco");
  await page.locator('[data-code-editor="test-body"] .monaco-editor .view-lines').click();
  await page.keyboard.press("ControlOrMeta+Enter");
  await expect(page.getByTestId("invoke-body")).toContainText('"q": "from-monaco"');

  // Ctrl/Cmd+K: the palette opens with focus in its search, typing filters, arrows and Enter go.
  await page.getByTestId("api-name").click();
  await page.keyboard.press("ControlOrMeta+K");
  const palette = page.getByRole("dialog", { name: "Go to an API, resource, method or stage" });
  await expect(palette).toBeVisible();
  const search = palette.getByRole("combobox", { name: "Search APIs, resources, methods and stages" });
  await expect(search).toBeFocused();
  await page.keyboard.type(`keys e2e ${RUN} get /items`);
  const options = palette.getByRole("option");
  await expect(options.first()).toContainText("GET /items");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  await page.keyboard.press("Enter");
  await expect(palette).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`${apiPath}\\?resource=[^&]+&method=GET$`));

  // Escape closes it without going anywhere.
  const before = page.url();
  await page.keyboard.press("ControlOrMeta+K");
  await expect(palette).toBeVisible();
  await page.keyboard.type("/items");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Escape");
  await expect(palette).toBeHidden();
  expect(page.url()).toBe(before);
});
