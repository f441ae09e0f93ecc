/**
 * After sign-in the browser goes only to a path on the console (#16 item 6): `next` values that
 * a browser resolves to another host (a backslash, `//`, an absolute URL) land on the home page.
 * And the History page says what it masks (#16 item 5).
 */
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, DEMO_PASSWORD } from "./helpers";

async function signInWithNext(page: Page, next: string) {
  await page.context().clearCookies();
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(ADMIN);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const consoleHost = new URL(page.url()).host;
  await page.waitForURL((url) => url.host !== consoleHost || !url.pathname.startsWith("/sign-in"));
  return { landed: new URL(page.url()), consoleHost };
}

for (const next of ["/\\evil.example/x", "//evil.example/x", "/\\/evil.example/x", "https://evil.example/x", "/\t/evil.example/x"]) {
  test(`next=${JSON.stringify(next)} stays on the console`, async ({ page }) => {
    const { landed, consoleHost } = await signInWithNext(page, next);
    expect(landed.host).toBe(consoleHost);
    expect(landed.pathname).toBe("/");
  });
}

test("a path on the console is where sign-in leads, and History says what is masked", async ({ page }) => {
  const { landed, consoleHost } = await signInWithNext(page, "/history?actor=admin");
  expect(landed.host).toBe(consoleHost);
  expect(landed.pathname + landed.search).toBe("/history?actor=admin");
  await expect(page.getByTestId("masking-note")).toContainText("masked");
});
