/**
 * Accessibility (issue #14): axe-core on every page a user can reach finds no violation of impact
 * "serious" or "critical". Every page is checked before the test fails, so one run lists them all.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { tourEveryPage } from "./every-page";

const BLOCKING = new Set(["serious", "critical"]);

test("axe finds no serious or critical violation on any page", async ({ page, browser }) => {
  test.setTimeout(1_200_000);
  const failures: string[] = [];
  await tourEveryPage(browser, page, async ({ name, page: visited }) => {
    const results = await new AxeBuilder({ page: visited })
      // Monaco draws its own DOM (hidden textarea, line numbers, overlays) that we cannot change;
      // our wrapper around it carries the label (data-code-editor + aria-label), and is checked.
      .exclude(".monaco-editor")
      .analyze();
    for (const v of results.violations.filter((v) => BLOCKING.has(v.impact ?? ""))) {
      const nodes = v.nodes.slice(0, 6).map((n) => `      ${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join("; ").trim()}`);
      failures.push(`${name}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} elements)\n${nodes.join("\n")}`);
    }
  });
  expect(failures, `axe violations:\n${failures.join("\n")}`).toEqual([]);
});
