/**
 * Issue #13's keys and plans in the browser: a plan refused with its bad field named, then made; a
 * key made with its value shown once; attached; the plan's delete dialog names the key that goes
 * with it; an admin shows the key's value again; a viewer reads but cannot edit.
 */
import { expect, test } from "@playwright/test";
import { ADMIN, signIn, VIEWER } from "./helpers";

// `next dev` (E2E_DEV=1) compiles the page and each action on first use.
test.setTimeout(300_000);

test("create a plan and a key, attach, reveal, delete with the key detached", async ({ browser }) => {
  const plan = `Gold ${Date.now().toString(36)}`;
  const key = `partner-${Date.now().toString(36)}`;
  const page = await (await browser.newContext()).newPage();
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Usage plans" }).click();
  await page.waitForURL(/\/usage-plans$/);

  await page.getByLabel("Name", { exact: true }).first().fill(plan);
  await page.getByLabel("Quota", { exact: true }).fill("1000");
  await page.getByLabel("per", { exact: true }).selectOption("WEEK");
  await page.getByLabel("Starting day", { exact: true }).fill("7");
  await page.getByRole("button", { name: "Create usage plan" }).click();
  await expect(page.locator('[data-field-error="offset"], [data-field-error="quota.offset"]').first()).toContainText("A WEEK quota's offset is 0 to 6", {
    timeout: 120_000,
  });
  await page.getByLabel("Starting day", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Create usage plan" }).click();
  await expect(page.getByTestId(`usage-plan-${plan}`)).toContainText("1000 per week", { timeout: 120_000 });

  await page.getByLabel("Name", { exact: true }).nth(1).fill(key);
  await page.getByRole("button", { name: "Create API key" }).click();
  const value = (await page.getByTestId("new-api-key-value").innerText({ timeout: 120_000 })).trim();
  expect(value).toMatch(/^[A-Za-z0-9]{40}$/);
  await expect(page.getByTestId("api-key-list")).toContainText(key);
  await expect(page.getByTestId("api-key-list")).not.toContainText(value);

  await page.getByLabel(`Key to attach to ${plan}`).selectOption({ label: key });
  await page.getByRole("button", { name: "Attach key" }).click();
  await expect(page.getByTestId(`usage-plan-${plan}`)).toContainText(`Keys: ${key}`, { timeout: 120_000 });

  await page.getByTestId(`reveal-${key}`).click();
  await expect(page.getByTestId(`api-key-value-${key}`)).toHaveText(value, { timeout: 120_000 });

  await page.getByTestId(`delete-plan-${plan}`).click();
  const dialog = page.getByTestId(`delete-plan-${plan}-dialog`);
  await expect(dialog).toContainText(`Its keys are detached with it (they stay): ${key}.`);
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByTestId(`usage-plan-${plan}`)).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByTestId("api-key-list").locator("li", { hasText: key })).toContainText("In no usage plan");

  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, VIEWER);
  await viewer.goto("/usage-plans");
  await expect(viewer.getByTestId("api-key-list")).toContainText(key, { timeout: 120_000 });
  await expect(viewer.getByText("Only deployers and admins edit keys and plans.").first()).toBeVisible();
  await expect(viewer.getByTestId(`reveal-${key}`)).toHaveCount(0);
});
