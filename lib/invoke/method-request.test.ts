import { describe, expect, it } from "vitest";
import type { InvocationContext } from "./context";
import { GatewayError } from "./errors";
import { type AjvCtor, ajvFor, methodRequest, validateBody } from "./method-request";
import { parseRequest } from "./parse";
import { routeRequest } from "./route";
import { contextFor, designOf, mockMethod } from "../../test/helpers/invoke";

const PET_SCHEMA = JSON.stringify({
  $schema: "http://json-schema.org/draft-04/schema#",
  type: "object",
  properties: { name: { type: "string" }, price: { type: "number", minimum: 0 } },
  required: ["name", "price"],
});

function designWith(validator: { validateRequestBody?: boolean; validateRequestParameters?: boolean }) {
  return designOf(
    {
      "/pets/{id}": {
        POST: mockMethod("{}", {
          requestValidatorId: "v1",
          requestParameters: { "method.request.querystring.q1": true, "method.request.header.x-tenant": true, "method.request.querystring.opt": false },
          requestModels: { "application/json": "Pet" },
        }),
      },
    },
    {
      requestValidators: [{ id: "v1", name: "v", ...validator }],
      models: [{ id: "m1", name: "Pet", schema: PET_SCHEMA }],
    },
  );
}

/** A context as parse and route leave it. */
function routed(design: ReturnType<typeof designOf>, req: Parameters<typeof contextFor>[1]): InvocationContext {
  const ctx = contextFor(design, { httpMethod: "POST", ...req });
  parseRequest(ctx);
  routeRequest(ctx);
  return ctx;
}

async function errorOf(p: Promise<void>): Promise<GatewayError | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    if (e instanceof GatewayError) return e;
    throw e;
  }
}

describe("method request", () => {
  it("logs the request in AWS's form", async () => {
    const ctx = routed(designOf({ "/{city}": { POST: mockMethod("{}") } }), {
      pathWithQueryString: "/Seattle?time=morning",
      headers: { day: "Wednesday" },
      body: '{ "callerName": "John" }',
    });
    await methodRequest(ctx);
    expect(ctx.log.messages()).toEqual([
      "Starting execution for request: req-1",
      "HTTP Method: POST, Resource Path: /Seattle",
      "Method request path: {city=Seattle}",
      "Method request query string: {time=morning}",
      "Method request headers: {day=Wednesday}",
      'Method request body before transformations: { "callerName": "John" }',
    ]);
  });

  it("rejects missing or blank required parameters, naming them", async () => {
    const design = designWith({ validateRequestParameters: true });
    const e = await errorOf(methodRequest(routed(design, { pathWithQueryString: "/pets/1?q1=", body: '{"name":"a","price":1}' })));
    expect(e?.responseType).toBe("BAD_REQUEST_PARAMETERS");
    expect(e?.message).toBe("Missing required request parameters: [x-tenant, q1]");

    const ok = routed(design, { pathWithQueryString: "/pets/1?q1=a", headers: { "X-Tenant": "t" } });
    await methodRequest(ok);
    expect(ok.log.messages().at(-1)).toBe("Request validation succeeded for content type application/json");
  });

  it("does not check parameters when the validator only validates the body", async () => {
    const design = designWith({ validateRequestBody: true });
    await expect(methodRequest(routed(design, { pathWithQueryString: "/pets/1", body: '{"name":"a","price":2}' }))).resolves.toBeUndefined();
  });

  it("validates the body against the model for its content type (JSON Schema draft 4)", async () => {
    const design = designWith({ validateRequestBody: true });
    const bad = await errorOf(methodRequest(routed(design, { pathWithQueryString: "/pets/1", body: '{"name":"a","price":-1}' })));
    expect(bad?.responseType).toBe("BAD_REQUEST_BODY");
    expect(bad?.message).toBe("Invalid request body");
    expect(bad?.logLines[0]).toMatch(/^Request body does not match model schema for content type application\/json: \[.*price.*\]$/);

    const notJson = await errorOf(methodRequest(routed(design, { pathWithQueryString: "/pets/1", body: "{oops" })));
    expect(notJson?.responseType).toBe("BAD_REQUEST_BODY");

    // No model for text/plain: AWS does not validate.
    await expect(
      methodRequest(routed(design, { pathWithQueryString: "/pets/1", headers: { "Content-Type": "text/plain" }, body: "{oops" })),
    ).resolves.toBeUndefined();
  });

  it("does not validate without a validator", async () => {
    const design = designOf(
      { "/p": { POST: mockMethod("{}", { requestModels: { "application/json": "Pet" } }) } },
      {
        models: [{ id: "m1", name: "Pet", schema: PET_SCHEMA }],
      },
    );
    const ctx = routed(design, { pathWithQueryString: "/p", body: "{oops" });
    await methodRequest(ctx);
    expect(ctx.log.messages().some((l) => l.startsWith("Request validation"))).toBe(false);
  });

  it("follows $ref between models by their AWS URL", async () => {
    const design = designOf(
      {},
      {
        models: [
          { id: "a", name: "Owner", schema: JSON.stringify({ type: "object", required: ["email"], properties: { email: { type: "string" } } }) },
          {
            id: "b",
            name: "Pet",
            schema: JSON.stringify({
              type: "object",
              properties: { owner: { $ref: "https://apigateway.amazonaws.com/restapis/xyz/models/Owner" } },
            }),
          },
        ],
      },
    );
    expect((await validateBody(design, "Pet", '{"owner":{"email":"a@b"}}')).ok).toBe(true);
    expect((await validateBody(design, "Pet", '{"owner":{}}')).ok).toBe(false);
    expect((await validateBody(design, "Empty", "")).ok).toBe(true);
    expect((await validateBody(design, "Nope", "{}")).errors).toEqual(["model Nope not found"]);
  });
});

describe("compiled models", () => {
  it("a design's models compile once and are reused by every request to it; another set of models gets its own", async () => {
    const Ajv = ((await import("ajv-draft-04")) as unknown as { default: AjvCtor }).default;
    const design = designWith({ validateRequestBody: true });
    const first = ajvFor(Ajv, design.models);
    expect(ajvFor(Ajv, design.models)).toBe(first);
    expect(ajvFor(Ajv, designWith({ validateRequestBody: true }).models)).not.toBe(first);
    // Reused, it answers as a fresh one does, the bad body and the good alike.
    for (let i = 0; i < 2; i++) {
      expect(await validateBody(design, "Pet", '{"name":"x"}')).toEqual({ ok: false, errors: ["/ must have required property 'price'"] });
      expect(await validateBody(design, "Pet", '{"name":"x","price":1}')).toEqual({ ok: true, errors: [] });
    }
  });
});
