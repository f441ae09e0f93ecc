/** The test panel asks for each path parameter instead of sending the literal `{orderId}` (issue #14, polish). */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PathFields } from "../../components/test-invoke/path-fields";

const render = (resourcePath: string, path: string) => renderToStaticMarkup(createElement(PathFields, { resourcePath, path, onChange: () => {} }));
const input = (html: string, name: string) => html.match(new RegExp(`<input[^>]*name="${name.replace(/[.{}+]/g, "\\$&")}"[^>]*>`))?.[0] ?? "";

describe("test panel path fields", () => {
  it("gives each path parameter its own labelled input, empty and required while its placeholder is in the path", () => {
    const html = render("/orders/{orderId}/items/{itemId}", "/orders/{orderId}/items/{itemId}");
    expect(html).toContain(">Path parameter orderId</label>");
    expect(html).toContain(">Path parameter itemId</label>");
    expect(input(html, "test.pathParameters.orderId")).toContain('value=""');
    expect(input(html, "test.pathParameters.orderId")).toContain("required");
  });

  it("shows the values the path holds, decoded", () => {
    const html = render("/orders/{orderId}/items/{itemId}", "/orders/42/items/a%20b");
    expect(input(html, "test.pathParameters.orderId")).toContain('value="42"');
    expect(input(html, "test.pathParameters.itemId")).toContain('value="a b"');
    expect(input(html, "test.path")).toContain('value="/orders/42/items/a%20b"');
  });

  it("asks for nothing when the tester typed a path of their own, or the resource has no parameters", () => {
    expect(input(render("/orders/{orderId}", "/customers/1"), "test.pathParameters.orderId")).not.toContain("required");
    const plain = render("/pets", "/pets");
    expect(plain).not.toContain("Path parameter");
    expect(input(plain, "test.path")).toContain('value="/pets"');
  });
});
