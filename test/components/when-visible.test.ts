/**
 * WhenVisible on the server: the page's HTML holds the placeholder, never the heavy children, so
 * Next has nothing to preload (a dynamic() child rendered on the server makes Next add its chunks
 * as preloads: that is how Monaco used to arrive right after hydration with no editor on screen).
 */
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { WhenVisible } from "../../components/ui/when-visible";

describe("WhenVisible", () => {
  it("renders the placeholder, not the children, until its place is seen in a browser", () => {
    const html = renderToStaticMarkup(
      h(WhenVisible, { placeholder: h("div", { "data-testid": "placeholder" }), children: h("div", { "data-testid": "heavy" }) }),
    );
    expect(html).toContain('data-testid="placeholder"');
    expect(html).not.toContain('data-testid="heavy"');
    expect(html).toContain('data-when-visible="waiting"');
  });
});
