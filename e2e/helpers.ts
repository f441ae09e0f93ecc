import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.GATEHOUSE_DEMO_PASSWORD || "gatehouse-demo";
export const ADMIN = "admin@gatehouse.local";
export const VIEWER = "viewer@gatehouse.local";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email);
}

/** Replaces the text of a Monaco editor the way a user would: select all, then type (as one input, like a paste). */
export async function setEditorText(page: Page, label: string, text: string) {
  const editor = page.locator(`[data-code-editor="${label}"]`).first();
  await editor.locator(".monaco-editor .view-lines").waitFor();
  await editor.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}
