import { describe, expect, it } from "vitest";
import { GatewayError } from "./errors";
import { parseRequest } from "./parse";
import { matchRoute, routeRequest } from "./route";
import { contextFor, designOf, mockMethod } from "../../test/helpers/invoke";

const m = mockMethod("{}");

describe("route matching", () => {
  const design = designOf({
    "/pets/dog": { GET: m },
    "/pets/{id}": { GET: m },
    "/pets/{id}/toys": { GET: m },
    "/{proxy+}": { ANY: m },
    "/files/{path+}": { GET: m },
  });

  it("prefers a literal path part over a {param}", () => {
    expect(matchRoute(design, "/pets/dog", "GET")?.resource.id).toBe("/pets/dog");
  });

  it("prefers a {param} over a {proxy+}", () => {
    const match = matchRoute(design, "/pets/42", "GET");
    expect(match?.resource.id).toBe("/pets/{id}");
    expect(match?.pathParameters).toEqual({ id: "42" });
  });

  it("falls back to a greedy {proxy+} with the rest of the path, slashes kept", () => {
    const match = matchRoute(design, "/a/b/c", "DELETE");
    expect(match?.resource.id).toBe("/{proxy+}");
    expect(match?.pathParameters).toEqual({ proxy: "a/b/c" });
    expect(matchRoute(design, "/files/x/y.txt", "GET")?.pathParameters).toEqual({ path: "x/y.txt" });
  });

  it("backtracks from a literal branch that has no method to a variable one", () => {
    // /pets/dog/toys is not a resource, /pets/{id}/toys is.
    const match = matchRoute(design, "/pets/dog/toys", "GET");
    expect(match?.resource.id).toBe("/pets/{id}/toys");
    expect(match?.pathParameters).toEqual({ id: "dog" });
  });

  it("uses ANY when the verb is not defined, the verb itself when it is", () => {
    const d = designOf({ "/x": { ANY: mockMethod('"any"'), GET: mockMethod('"get"') } });
    expect(matchRoute(d, "/x", "GET")?.method.httpMethod).toBe("GET");
    expect(matchRoute(d, "/x", "PATCH")?.method.httpMethod).toBe("ANY");
  });

  it("decodes path parameters and ignores a trailing slash", () => {
    expect(matchRoute(design, "/pets/a%20b/", "GET")?.pathParameters).toEqual({ id: "a b" });
  });

  it("matches nothing for an unknown verb on a resource without ANY, or for / without a root method", () => {
    expect(matchRoute(design, "/pets/dog", "POST")?.resource.id).toBe("/{proxy+}");
    const d = designOf({ "/only": { GET: m } });
    expect(matchRoute(d, "/only", "POST")).toBeUndefined();
    expect(matchRoute(d, "/", "GET")).toBeUndefined();
    expect(matchRoute(d, "/only/more", "GET")).toBeUndefined();
  });

  it("fills the context and $context resource fields", () => {
    const ctx = contextFor(design, { pathWithQueryString: "/pets/7/toys?x=1" });
    parseRequest(ctx);
    routeRequest(ctx);
    expect(ctx.resourcePath).toBe("/pets/{id}/toys");
    expect(ctx.pathParameters).toEqual({ id: "7" });
    expect(ctx.contextVariables).toMatchObject({ resourceId: "/pets/{id}/toys", resourcePath: "/pets/{id}/toys" });
  });

  it("raises MISSING_AUTHENTICATION_TOKEN when nothing matches", () => {
    const ctx = contextFor(designOf({ "/only": { GET: m } }), { pathWithQueryString: "/nope" });
    parseRequest(ctx);
    let error: unknown;
    try {
      routeRequest(ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).responseType).toBe("MISSING_AUTHENTICATION_TOKEN");
    expect((error as GatewayError).message).toBe("Missing Authentication Token");
  });
});
