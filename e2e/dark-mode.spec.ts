/**
 * Dark mode follows the system setting (issue #14): with a dark colour scheme every page's
 * background is dark and axe's color-contrast rule finds nothing; with a light one the page is
 * light. A screenshot of each page in dark mode is attached to the report for a look by eye.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { tourEveryPage } from "./every-page";
import { ADMIN, DEMO_PASSWORD } from "./helpers";

/** Signs in, waiting as long as `next dev` (E2E_DEV=1) may take to compile the console on first use. */
async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(email, { timeout: 120_000 });
}

/** Relative luminance (WCAG) of the body's computed background colour, 0 (black) to 1 (white). */
async function bodyLuminance(page: Page): Promise<number> {
  const rgb = await page.evaluate(() => {
    // Computed colours may come back as oklch(): a 1×1 canvas turns any CSS colour into sRGB bytes.
    const ctx = document.createElement("canvas").getContext("2d");
    if (!ctx) throw new Error("no canvas");
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
    ctx.fillRect(0, 0, 1, 1);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
  });
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

async function contrastViolations(page: Page): Promise<string[]> {
  // Monaco draws its own DOM and colours (its theme follows the scheme separately).
  const results = await new AxeBuilder({ page }).withRules(["color-contrast"]).exclude(".monaco-editor").analyze();
  return results.violations.flatMap((v) =>
    v.nodes.slice(0, 8).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join("; ").trim()}`),
  );
}

test.describe("dark colour scheme", () => {
  test.use({ colorScheme: "dark" });

  test("every page has a dark background and text that passes axe's color-contrast", async ({ page, browser }, testInfo) => {
    test.setTimeout(1_200_000);
    const failures: string[] = [];
    await tourEveryPage(browser, page, async ({ name, page: visited }) => {
      // The signed-out pages open in a context of their own: it must be dark too.
      await visited.emulateMedia({ colorScheme: "dark" });
      const luminance = await bodyLuminance(visited);
      if (luminance > 0.05) failures.push(`${name}: body background is not dark (luminance ${luminance.toFixed(3)})`);
      for (const v of await contrastViolations(visited)) failures.push(`${name}: ${v}`);
      await testInfo.attach(`dark ${name}`, { body: await visited.screenshot({ fullPage: true }), contentType: "image/png" });
    });
    expect(failures, `dark mode problems:\n${failures.join("\n")}`).toEqual([]);
  });

  test("the notifications panel is readable in dark mode too", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.getByTestId("notifications-button").click();
    await expect(page.getByTestId("notifications-panel")).toBeVisible();
    expect(await contrastViolations(page)).toEqual([]);
  });
});

test.describe("light colour scheme", () => {
  test.use({ colorScheme: "light" });

  test("the console is light", async ({ page }) => {
    await signIn(page, ADMIN);
    expect(await bodyLuminance(page)).toBeGreaterThan(0.8);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe("light dark");
  });
});
