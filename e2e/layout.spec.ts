/**
 * No page scrolls sideways on a laptop or desktop screen (issue #14 item 2): at 1280, 1440 and
 * 1920 px the document is no wider than the window. Wide content (code, long tables, the method
 * flow) may scroll inside its own overflow-x-auto box; the page itself may not.
 */
import { expect, type Page, test } from "@playwright/test";
import { tourEveryPage } from "./every-page";

const WIDTHS = [1280, 1440, 1920];
const HEIGHT = 900;

type Overflow = { width: number; scrollWidth: number; culprits: string[] };

/**
 * How far the document overflows the window, with the outermost elements that stick out past its
 * right edge and are not clipped by a scrolling or clipping ancestor (the ones to fix).
 */
async function horizontalOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const clips = (el: Element) => getComputedStyle(el).overflowX !== "visible";
    const describe = (el: Element) => {
      const testId = el.getAttribute("data-testid");
      const cls = (el.getAttribute("class") ?? "").split(/\s+/).slice(0, 6).join(".");
      const right = Math.round(el.getBoundingClientRect().right);
      return `<${el.tagName.toLowerCase()}${testId ? ` data-testid=${testId}` : ""}${cls ? ` .${cls}` : ""}> right=${right} text="${(el.textContent ?? "").trim().slice(0, 40)}"`;
    };
    const culprits: string[] = [];
    const walk = (el: Element) => {
      if (el.getBoundingClientRect().right > width + 0.5) {
        // Report the deepest element still sticking out: its children fit, so it is the one that is too wide.
        const before = culprits.length;
        if (!clips(el)) for (const child of el.children) walk(child);
        if (culprits.length === before) culprits.push(describe(el));
        return;
      }
      if (!clips(el)) for (const child of el.children) walk(child);
    };
    walk(document.body);
    return { width, scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 8) };
  });
}

test("no page scrolls horizontally at 1280, 1440 or 1920 px", async ({ page, browser }) => {
  test.setTimeout(1_200_000);
  const failures: string[] = [];
  await tourEveryPage(browser, page, async ({ name, page: visited }) => {
    for (const width of WIDTHS) {
      await visited.setViewportSize({ width, height: HEIGHT });
      // Let the page lay out again at the new width (resize observers, Monaco's automatic layout).
      await visited.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const overflow = await horizontalOverflow(visited);
      if (overflow.scrollWidth > overflow.width) {
        failures.push(
          `${name} at ${width}px: document ${overflow.scrollWidth}px wide (+${overflow.scrollWidth - overflow.width})\n    ${overflow.culprits.join("\n    ")}`,
        );
      }
    }
    await visited.setViewportSize({ width: WIDTHS[0], height: HEIGHT });
  });
  expect(failures, `Pages wider than the window:\n${failures.join("\n")}`).toEqual([]);
});
