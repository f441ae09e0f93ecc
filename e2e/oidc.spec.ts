/**
 * Single sign-on through the browser (#15 item 4): the console's "Sign in with Fake IdP" against
 * the test-double OpenID Connect provider started by playwright.config.ts (test/fakes/oidc-idp).
 * Its login page has one button per account and a Deny button.
 */
import { expect, test, type Page } from "@playwright/test";

async function signInThroughProvider(page: Page, button: RegExp | string, from = "/sign-in") {
  await page.context().clearCookies();
  await page.goto(from);
  await page.getByRole("link", { name: "Sign in with Fake IdP" }).click();
  await expect(page.getByRole("heading", { name: "Fake identity provider" })).toBeVisible();
  await page.getByRole("button", { name: button }).click();
}

test("first sign-in through the provider creates the member and lands where the person was going", async ({ page }) => {
  await signInThroughProvider(page, "Sign in as ada@idp.example", "/history");
  await expect(page.getByTestId("current-user")).toHaveText("ada@idp.example", { timeout: 120_000 });
  expect(new URL(page.url()).pathname).toBe("/history");
  // Groups platform-admins and devs: the highest, admin, wins; the team page lists them as a member.
  await expect(page.getByTestId("current-role")).toHaveText("admin");
  await page.goto("/team");
  await expect(page.getByTestId("member-list")).toContainText("ada@idp.example");
});

test("a person the provider vouches for but in no mapped group is refused with a clear page", async ({ page }) => {
  await signInThroughProvider(page, "Sign in as guest@idp.example");
  await expect(page.getByTestId("sign-in-problem")).toContainText("not in any group that has access");
  expect(new URL(page.url()).pathname).toBe("/sign-in");
  await expect(page.getByTestId("current-user")).toHaveCount(0);
});

test("Deny at the provider comes back as a clear refusal on the sign-in page", async ({ page }) => {
  await signInThroughProvider(page, "Deny");
  await expect(page.getByTestId("sign-in-problem")).toContainText("did not sign you in");
  // Password sign-in stays on beside it in this configuration.
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("a callback without this browser's sign-in cookie is refused, not an error page", async ({ page }) => {
  await page.context().clearCookies();
  await page.goto("/auth/oidc/callback?code=stolen&state=forged");
  await expect(page.getByTestId("sign-in-problem")).toContainText("took too long or was started in another browser");
});
