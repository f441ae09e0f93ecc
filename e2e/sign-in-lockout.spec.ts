/**
 * Issue #16 item 7 in the browser: failed sign-ins lock only the address they came from, the
 * refusal says the real wait, and an admin sees the lock on Team and lifts it.
 */
import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

test("a locked-out member is shown to the admin, who unlocks them", async ({ browser }) => {
  const email = `locked-${Date.now().toString(36)}@example.com`;
  const password = "member-password-1";
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, ADMIN);

  // A fresh member (joined through an invitation), so no other test's account is touched.
  await admin.goto("/team");
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Role", { exact: true }).selectOption("viewer");
  await admin.getByRole("button", { name: "Create invitation" }).click();
  const link = (await admin.getByTestId("invitation-link").locator("code").innerText()).trim();
  const joinContext = await browser.newContext();
  const joining = await joinContext.newPage();
  await joining.goto(link);
  await joining.getByLabel("Your name").fill("Lou Locked");
  await joining.getByLabel("Choose a password").fill(password);
  await joining.getByRole("button", { name: "Join the workspace" }).click();
  await expect(joining.getByTestId("current-user")).toHaveText(email);
  await joinContext.close();

  // Five wrong passwords, then even the right one is refused, with the real wait.
  const attacker = await (await browser.newContext()).newPage();
  const attempt = async (pw: string) => {
    await attacker.goto("/sign-in");
    await attacker.getByLabel("Email").fill(email);
    await attacker.getByLabel("Password").fill(pw);
    await attacker.getByRole("button", { name: "Sign in" }).click();
    return attacker.locator("p[role=alert]");
  };
  for (let i = 0; i < 5; i++) await expect(await attempt(`wrong-${i}`)).toHaveText("Incorrect email or password");
  await expect(await attempt(password)).toHaveText("Too many failed sign-in attempts from your address. Try again in 15 minutes.");

  // The admin sees the lock and lifts it.
  await admin.goto("/team");
  const row = admin.locator(`[data-member="${email}"]`);
  await expect(row.getByTestId("sign-in-locked")).toContainText("Sign-in locked until");
  await row.getByRole("button", { name: "Unlock" }).click();
  await expect(row.getByRole("status")).toHaveText("Sign-in unlocked");
  await expect(row.getByTestId("sign-in-locked")).toHaveCount(0);

  // The member signs in from the same address.
  await attempt(password);
  await expect(attacker.getByTestId("current-user")).toHaveText(email);
});
