#!/usr/bin/env node
/**
 * `npm run screenshots`: retakes the README's pictures from a running console with the seeded demo
 * (GATEHOUSE_URL, default http://127.0.0.1:3000), in Debian's Chromium: the test panel of
 * GET /pets/{petId} after a send (docs/screenshot.png), and the designer in dark mode with the
 * command palette open (docs/screenshot-dark.png). Start the console first (`npm start`).
 */
import { execSync } from "node:child_process";
import { chromium } from "@playwright/test";

const base = process.env.GATEHOUSE_URL ?? "http://127.0.0.1:3000";
const password = process.env.GATEHOUSE_DEMO_PASSWORD || "gatehouse-demo";
const executablePath = process.env.CHROMIUM_PATH || execSync("command -v chromium || command -v chromium-browser", { encoding: "utf8" }).trim();
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function signedIn(colorScheme) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1100 }, colorScheme });
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Email").fill("admin@gatehouse.local");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("current-user").waitFor({ timeout: 120_000 });
  return page;
}

/** The demo API's designer with GET /pets/{petId} open. */
async function openPetMethod(page) {
  await page.getByTestId("api-list").getByRole("link").first().click();
  await page.getByTestId("resource-tree").locator('[data-resource-path="/pets/{petId}"]').first().click();
  await page.getByRole("button", { name: "GET", exact: true }).last().click();
  await page.getByTestId("method-editor").getByRole("heading", { name: "GET /pets/{petId}", exact: true }).waitFor();
}

try {
  const light = await signedIn("light");
  await openPetMethod(light);
  const editor = light.getByTestId("method-editor");
  const path = editor.getByLabel("Path parameter petId");
  if (await path.count()) await path.fill("42");
  await editor.getByRole("button", { name: "Send" }).click();
  await light.getByTestId("invoke-log").waitFor();
  await light.getByTestId("invoke-log").scrollIntoViewIfNeeded();
  await light.screenshot({ path: "docs/screenshot.png" });

  const dark = await signedIn("dark");
  await openPetMethod(dark);
  await dark.keyboard.press("ControlOrMeta+K");
  await dark.waitForTimeout(300);
  await dark.screenshot({ path: "docs/screenshot-dark.png" });
  console.log("docs/screenshot.png and docs/screenshot-dark.png written");
} finally {
  await browser.close();
}
