import { describe, expect, it } from "vitest";
import { composePath, pathParameters, readPathParameters, startingPath } from "./path-params";

describe("test panel path parameters", () => {
  it("lists a resource path's parameters in order, the greedy one marked", () => {
    expect(pathParameters("/orders/{orderId}/items/{itemId}")).toEqual([
      { name: "orderId", greedy: false },
      { name: "itemId", greedy: false },
    ]);
    expect(pathParameters("/files/{proxy+}")).toEqual([{ name: "proxy", greedy: true }]);
    expect(pathParameters("/pets")).toEqual([]);
    expect(pathParameters("/")).toEqual([]);
  });

  it("composes the path from the values, each encoded as one segment; an empty value keeps its placeholder", () => {
    expect(composePath("/orders/{orderId}/items/{itemId}", { orderId: "42", itemId: "a b/c" })).toBe("/orders/42/items/a%20b%2Fc");
    expect(composePath("/orders/{orderId}/items/{itemId}", { orderId: "42" })).toBe("/orders/42/items/{itemId}");
    expect(composePath("/files/{proxy+}", { proxy: "docs/a b.txt" })).toBe("/files/docs/a%20b.txt");
    expect(composePath("/files/{proxy+}", {})).toBe("/files/{proxy+}");
    expect(composePath("/", {})).toBe("/");
  });

  it("reads the values back from a path, placeholders as empty, decoded as API Gateway decodes them", () => {
    expect(readPathParameters("/orders/{orderId}", "/orders/{orderId}")).toEqual({ orderId: "" });
    expect(readPathParameters("/orders/{orderId}/items/{itemId}", "/orders/42/items/a%20b%2Fc")).toEqual({ orderId: "42", itemId: "a b/c" });
    expect(readPathParameters("/files/{proxy+}", "/files/docs/a%20b.txt")).toEqual({ proxy: "docs/a b.txt" });
    expect(readPathParameters("/files/{proxy+}", "/files/{proxy+}")).toEqual({ proxy: "" });
    expect(readPathParameters("/orders/{orderId}", "/orders/7?expand=items")).toEqual({ orderId: "7" });
    expect(readPathParameters("/orders/{orderId}", "/orders/%zz")).toEqual({ orderId: "%zz" });
  });

  it("reads null from a path that does not follow the resource path", () => {
    expect(readPathParameters("/orders/{orderId}", "/customers/7")).toBeNull();
    expect(readPathParameters("/orders/{orderId}", "/orders")).toBeNull();
    expect(readPathParameters("/orders/{orderId}", "/orders/7/items")).toBeNull();
    expect(readPathParameters("/files/{proxy+}", "/files")).toBeNull();
  });

  it("round-trips what a tester types into a parameter", () => {
    for (const value of ["7", "a b", "a/b", "100%", "{orderId}", "ä"]) {
      expect(readPathParameters("/orders/{orderId}", composePath("/orders/{orderId}", { orderId: value }))).toEqual({ orderId: value });
    }
  });

  it("starts from the first saved test case that fills every parameter, else from the placeholders", () => {
    expect(startingPath("/orders/{orderId}", [])).toBe("/orders/{orderId}");
    expect(startingPath("/orders/{orderId}", ["/orders/{orderId}", "/customers/1", "/orders/42?x=1", "/orders/43"])).toBe("/orders/42");
    expect(startingPath("/pets", ["/pets?limit=2"])).toBe("/pets");
  });
});
