/** The CORS helper: what it writes, what it reports, what it refuses, and that running it again updates in place. */
import { describe, expect, it } from "vitest";
import type { ApiDesign } from "./design";
import { ValidationError } from "../errors";
import { CORS_DEFAULT_ALLOW_HEADERS, defaultCorsSettings, enableCors, type CorsSettings } from "./cors";
import { addResourcePath, newDesign, putIntegration, putIntegrationResponse, putMethod, putMethodResponse } from "./operations";
import { findResource } from "./tree";

const LAMBDA = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:pets/invocations";

/** /pets with GET (HTTP, 200 responses with a header of its own), POST (Lambda proxy) and DELETE (no integration). */
function pets(): { design: ApiDesign; id: string } {
  let { design, resource } = addResourcePath(newDesign({ name: "Pets" }), "/pets");
  const id = resource.id;
  design = putMethod(design, id, { httpMethod: "GET" });
  design = putMethodResponse(design, id, "GET", { statusCode: "200", responseParameters: { "method.response.header.X-Total": false }, responseModels: {} });
  design = putIntegration(design, id, "GET", { type: "HTTP", httpMethod: "GET", uri: "https://petstore.example.com/pets" });
  design = putIntegrationResponse(design, id, "GET", {
    statusCode: "200",
    responseParameters: { "method.response.header.X-Total": "integration.response.header.X-Total" },
    responseTemplates: {},
  });
  design = putMethod(design, id, { httpMethod: "POST" });
  design = putIntegration(design, id, "POST", { type: "AWS_PROXY", httpMethod: "POST", uri: LAMBDA });
  design = putMethod(design, id, { httpMethod: "DELETE" });
  return { design, id };
}

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error("expected a ValidationError");
}

describe("defaultCorsSettings", () => {
  it("offers the resource's methods plus OPTIONS, any origin and AWS's default headers", () => {
    const { design, id } = pets();
    expect(defaultCorsSettings(design, id)).toEqual({
      allowOrigin: "*",
      allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
      allowHeaders: CORS_DEFAULT_ALLOW_HEADERS,
      exposeHeaders: [],
      maxAge: undefined,
      allowCredentials: false,
    });
    expect(CORS_DEFAULT_ALLOW_HEADERS.join(",")).toBe("Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token");
  });
});

describe("enableCors", () => {
  it("writes the OPTIONS MOCK method, the preflight headers, and Allow-Origin on non-proxy 200 responses", () => {
    const { design, id } = pets();
    const settings = defaultCorsSettings(design, id);
    const { design: next, changes } = enableCors(design, id, settings);
    const r = findResource(next, id)!;

    const options = r.methods.OPTIONS;
    expect(options.authorizationType).toBe("NONE");
    expect(options.integration).toMatchObject({ type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
    expect(options.methodResponses["200"].responseParameters).toEqual({
      "method.response.header.Access-Control-Allow-Headers": false,
      "method.response.header.Access-Control-Allow-Methods": false,
      "method.response.header.Access-Control-Allow-Origin": false,
    });
    expect(options.integration!.integrationResponses["200"]).toEqual({
      statusCode: "200",
      responseParameters: {
        "method.response.header.Access-Control-Allow-Headers": "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'",
        "method.response.header.Access-Control-Allow-Methods": "'GET,POST,DELETE,OPTIONS'",
        "method.response.header.Access-Control-Allow-Origin": "'*'",
      },
      responseTemplates: { "application/json": "" },
    });

    // GET (HTTP) keeps its own header and gains Allow-Origin.
    expect(r.methods.GET.methodResponses["200"].responseParameters).toEqual({
      "method.response.header.X-Total": false,
      "method.response.header.Access-Control-Allow-Origin": false,
    });
    expect(r.methods.GET.integration!.integrationResponses["200"].responseParameters).toEqual({
      "method.response.header.X-Total": "integration.response.header.X-Total",
      "method.response.header.Access-Control-Allow-Origin": "'*'",
    });
    // POST (Lambda proxy) and DELETE (no integration) are left alone, and the report says why.
    expect(r.methods.POST).toEqual(findResource(design, id)!.methods.POST);
    expect(r.methods.DELETE).toEqual(findResource(design, id)!.methods.DELETE);

    expect(changes.map((c) => [c.method, c.part, c.status])).toEqual([
      ["OPTIONS /pets", "method", "created"],
      ["OPTIONS /pets", "integration", "created"],
      ["OPTIONS /pets", "methodResponse", "created"],
      ["OPTIONS /pets", "integrationResponse", "created"],
      ["DELETE /pets", "note", "skipped"],
      ["GET /pets", "methodResponse", "updated"],
      ["GET /pets", "integrationResponse", "updated"],
      ["POST /pets", "note", "skipped"],
    ]);
    expect(changes.find((c) => c.method === "POST /pets")!.detail).toMatch(
      /AWS_PROXY passes the backend's response through: the backend must send Access-Control-Allow-Origin: \*/,
    );
    expect(changes[3].headers).toEqual(
      options.integration!.integrationResponses["200"].responseParameters && {
        "Access-Control-Allow-Headers": "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'",
        "Access-Control-Allow-Methods": "'GET,POST,DELETE,OPTIONS'",
        "Access-Control-Allow-Origin": "'*'",
      },
    );
  });

  it("running again changes nothing; with new settings it updates the same headers instead of adding more", () => {
    const { design, id } = pets();
    const first = enableCors(design, id, defaultCorsSettings(design, id));
    const again = enableCors(first.design, id, defaultCorsSettings(first.design, id));
    expect(again.design).toEqual(first.design);
    expect(again.changes.filter((c) => c.part !== "note").every((c) => c.status === "unchanged")).toBe(true);

    const tighter: CorsSettings = {
      allowOrigin: "https://app.example.com",
      allowMethods: ["GET", "OPTIONS"],
      allowHeaders: ["Content-Type"],
      exposeHeaders: ["X-Total"],
      maxAge: 600,
      allowCredentials: true,
    };
    const third = enableCors(first.design, id, tighter);
    const r = findResource(third.design, id)!;
    expect(r.methods.OPTIONS.integration!.integrationResponses["200"].responseParameters).toEqual({
      "method.response.header.Access-Control-Allow-Headers": "'Content-Type'",
      "method.response.header.Access-Control-Allow-Methods": "'GET,OPTIONS'",
      "method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'",
      "method.response.header.Access-Control-Allow-Credentials": "'true'",
      "method.response.header.Access-Control-Max-Age": "'600'",
    });
    expect(r.methods.GET.integration!.integrationResponses["200"].responseParameters).toEqual({
      "method.response.header.X-Total": "integration.response.header.X-Total",
      "method.response.header.Access-Control-Allow-Origin": "'https://app.example.com'",
      "method.response.header.Access-Control-Allow-Credentials": "'true'",
      "method.response.header.Access-Control-Expose-Headers": "'X-Total'",
    });
    expect(Object.keys(r.methods)).toEqual(Object.keys(findResource(first.design, id)!.methods));
    expect(third.changes.filter((c) => c.status === "updated").map((c) => `${c.method} ${c.part}`)).toEqual([
      "OPTIONS /pets methodResponse",
      "OPTIONS /pets integrationResponse",
      "GET /pets methodResponse",
      "GET /pets integrationResponse",
    ]);
    // Back to no credentials: the credentials header goes away again.
    const fourth = enableCors(third.design, id, { ...tighter, allowCredentials: false, exposeHeaders: [] });
    expect(Object.keys(findResource(fourth.design, id)!.methods.GET.integration!.integrationResponses["200"].responseParameters).sort()).toEqual([
      "method.response.header.Access-Control-Allow-Origin",
      "method.response.header.X-Total",
    ]);
    // Re-opening the helper shows what was written last.
    expect(defaultCorsSettings(third.design, id)).toEqual(tighter);
  });

  it("creates the 200 responses of a non-proxy method that has none yet", () => {
    let { design, resource } = addResourcePath(newDesign({ name: "A" }), "/items");
    design = putMethod(design, resource.id, { httpMethod: "GET" });
    design = putIntegration(design, resource.id, "GET", { type: "MOCK" });
    const next = enableCors(design, resource.id, defaultCorsSettings(design, resource.id));
    const get = findResource(next.design, resource.id)!.methods.GET;
    expect(get.methodResponses["200"].responseParameters).toEqual({ "method.response.header.Access-Control-Allow-Origin": false });
    expect(get.integration!.integrationResponses["200"]).toEqual({
      statusCode: "200",
      responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" },
      responseTemplates: {},
    });
    expect(next.changes.filter((c) => c.method === "GET /items").map((c) => c.status)).toEqual(["created", "created"]);
  });

  it("leaves methods that are not chosen untouched", () => {
    const { design, id } = pets();
    const next = enableCors(design, id, { ...defaultCorsSettings(design, id), allowMethods: ["POST", "OPTIONS"] });
    expect(findResource(next.design, id)!.methods.GET).toEqual(findResource(design, id)!.methods.GET);
  });

  it("refuses credentials with *, bad origins, headers, methods and max age, writing nothing", () => {
    const { design, id } = pets();
    const base = defaultCorsSettings(design, id);
    expect(issuesOf(() => enableCors(design, id, { ...base, allowCredentials: true }))).toEqual([
      { field: "cors.allowCredentials", message: expect.stringMatching(/credentials with Access-Control-Allow-Origin '\*'/) },
    ]);
    expect(issuesOf(() => enableCors(design, id, { ...base, allowOrigin: "example.com/app" }))[0].field).toBe("cors.allowOrigin");
    expect(issuesOf(() => enableCors(design, id, { ...base, allowHeaders: ["Content Type"] }))[0]).toEqual({
      field: "cors.allowHeaders",
      message: "Not header names: Content Type",
    });
    expect(issuesOf(() => enableCors(design, id, { ...base, allowMethods: ["FETCH"] }))[0].field).toBe("cors.allowMethods");
    expect(issuesOf(() => enableCors(design, id, { ...base, allowMethods: [] }))[0].message).toBe("Choose at least one method");
    expect(issuesOf(() => enableCors(design, id, { ...base, maxAge: -5 }))[0].field).toBe("cors.maxAge");
  });

  it("refuses to overwrite an OPTIONS method that already goes to a backend", () => {
    let { design, resource } = addResourcePath(newDesign({ name: "A" }), "/items");
    design = putMethod(design, resource.id, { httpMethod: "OPTIONS" });
    design = putIntegration(design, resource.id, "OPTIONS", { type: "HTTP_PROXY", httpMethod: "OPTIONS", uri: "https://backend.example.com/items" });
    expect(issuesOf(() => enableCors(design, resource.id, defaultCorsSettings(design, resource.id)))[0]).toMatchObject({
      field: "resourceId",
      message: expect.stringMatching(/already has a HTTP_PROXY integration/),
    });
  });
});
