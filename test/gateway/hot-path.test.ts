/**
 * What the gateway skips or remembers for speed changes nothing a client sees: answers without the
 * execution log equal answers with it, and a frozen (deployed) design — whose route index, resource
 * paths and integration-response choices are kept — answers as the same design unfrozen.
 */
import { describe, expect, it } from "vitest";
import { parseStageSettings, serveStageTarget, ThrottleRegistry, type GatewayRequest, type StageTarget } from "../../lib/gateway/index";
import type { ApiDesign } from "../../lib/model/design";
import { designOf, mockMethod } from "../helpers/invoke";

function design(): ApiDesign {
  return designOf({
    "/pets/{petId}": {
      GET: {
        methodResponses: { "200": { statusCode: "200" }, "404": { statusCode: "404" } },
        integration: {
          type: "MOCK",
          requestTemplates: { "application/json": `#if($input.params('petId') == "0"){"statusCode": 404}#else{"statusCode": 200}#end` },
          integrationResponses: {
            "200": { statusCode: "200", responseTemplates: { "application/json": `{"id": "$input.params('petId')", "at": "$context.resourcePath"}` } },
            "404": { statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": `{"message": "not found"}` } },
          },
        },
      },
    },
    "/pets/{petId}/toys": { GET: mockMethod(`{"toys": "$input.params('petId')", "q": "$input.params('q')"}`) },
    "/pets/search": { GET: mockMethod('{"search": true}') },
    "/files/{path+}": { ANY: mockMethod(`{"path": "$input.params('path')", "verb": "$context.httpMethod"}`) },
    "/limited": { GET: mockMethod('{"ok": true}') },
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const target = (d: ApiDesign): StageTarget => ({
  restApiId: "api",
  contextApiId: "api",
  stageName: "prod",
  deploymentId: "dep",
  design: d,
  variables: {},
  settings: parseStageSettings({ methodSettings: { "limited/GET": { throttlingRateLimit: 0.001, throttlingBurstLimit: 1 } } }),
  canary: null,
});

const REQUESTS: GatewayRequest[] = [
  { httpMethod: "GET", path: "/pets/7", headers: { Accept: "application/json" }, body: "" },
  { httpMethod: "GET", path: "/pets/0", headers: {}, body: "" },
  { httpMethod: "GET", path: "/pets/search", headers: {}, body: "" },
  { httpMethod: "GET", path: "/pets/a%20b/toys", query: "q=1&q=2", headers: { "X-Two": "b" }, multiValueHeaders: { "X-Two": ["a", "b"] }, body: "" },
  { httpMethod: "DELETE", path: "/files/a/b%2Fc", headers: {}, body: "" },
  { httpMethod: "GET", path: "/nowhere", headers: {}, body: "" },
  { httpMethod: "POST", path: "/pets/7", headers: {}, body: "{}" },
  { httpMethod: "GET", path: "/limited", headers: {}, body: "" },
  { httpMethod: "GET", path: "/limited", headers: {}, body: "" },
];

/** Everything a client gets, with the fixed request id the options give. */
async function answers(t: StageTarget, executionLog: boolean) {
  const throttles = new ThrottleRegistry({ now: () => 0 });
  const out = [];
  for (const [i, request] of REQUESTS.entries()) {
    const res = await serveStageTarget(t, request, { throttles, executionLog, requestId: `req-${i}`, now: () => new Date(Date.UTC(2026, 0, 1)) });
    out.push({ status: res.status, headers: res.headers, multiValueHeaders: res.multiValueHeaders, body: res.body });
  }
  return out;
}

describe("the gateway's fast path answers as the full one", () => {
  it("without the execution log, every answer is the same; the log and step times are simply not built", async () => {
    const withLog = await answers(target(design()), true);
    const withoutLog = await answers(target(design()), false);
    expect(withoutLog).toEqual(withLog);
    expect(withLog.map((a) => a.status)).toEqual([200, 404, 200, 200, 200, 403, 403, 200, 429]);
    expect(withLog[0].body).toBe('{"id": "7", "at": "/pets/{petId}"}');
    expect(withLog[3].body).toBe('{"toys": "a b", "q": "2"}');
    expect(withLog[4].body).toBe('{"path": "a/b/c", "verb": "DELETE"}');

    const on = await serveStageTarget(target(design()), REQUESTS[0], { throttles: new ThrottleRegistry() });
    const off = await serveStageTarget(target(design()), REQUESTS[0], { throttles: new ThrottleRegistry(), executionLog: false });
    expect(on.log).toContain("Method completed with status: 200");
    expect(off.log).toBe("");
    expect(off.steps.map((s) => s.name)).toEqual(on.steps.map((s) => s.name));
  });

  it("a frozen design (kept indexes) answers as the same design unfrozen, again and again", async () => {
    const frozen = target(deepFreeze(design()));
    const fresh = await answers(target(design()), false);
    expect(await answers(frozen, false)).toEqual(fresh);
    // Second pass: from the indexes and choices the first pass kept.
    expect(await answers(frozen, false)).toEqual(fresh);
  });
});
