import { describe, expect, it } from "vitest";
import {
  buildTemplateInput,
  defaultSample,
  isJsonContentType,
  jsonProblem,
  nestDotted,
  overrideLines,
  parseGatewayHeaderLines,
  previewTemplate,
  type SampleRequest,
} from "@/components/editor/preview-input";
import { substituteGatewayTemplate } from "@/lib/invoke/gateway-responses";
import { pathParameterNames } from "@/lib/model/rules";
import { formatNameValueLines, parseNameValueLines } from "@/lib/testcase/request-lines";

const sample = (over: Partial<SampleRequest> = {}): SampleRequest => ({
  body: "",
  path: "",
  querystring: "",
  header: "",
  stageVariables: "",
  context: {},
  ...over,
});

describe("name=value lines", () => {
  it("parses names and values, splitting at the first =, skipping blanks and comments", () => {
    expect(parseNameValueLines("petId=7\n\n  limit = 10 \n# note\nq=a=b\nflag\n=orphan")).toEqual({ petId: "7", limit: "10", q: "a=b", flag: "" });
  });
  it("handles CRLF and the last value winning", () => {
    expect(parseNameValueLines("a=1\r\na=2\r\n")).toEqual({ a: "2" });
  });
  it("formats back to lines", () => {
    expect(formatNameValueLines({ a: "1", "b.c": "x=y" })).toBe("a=1\nb.c=x=y");
    expect(parseNameValueLines(formatNameValueLines({ a: "1", "b.c": "x=y" }))).toEqual({ a: "1", "b.c": "x=y" });
  });
  it("prefixes bare gateway-response header names", () => {
    expect(parseGatewayHeaderLines("Access-Control-Allow-Origin='*'\ngatewayresponse.header.X-Id=context.requestId")).toEqual({
      "gatewayresponse.header.Access-Control-Allow-Origin": "'*'",
      "gatewayresponse.header.X-Id": "context.requestId",
    });
  });
});

describe("sample request", () => {
  it("names a resource path's parameters, greedy ones too", () => {
    expect(pathParameterNames("/pets/{petId}/toys/{proxy+}")).toEqual(["petId", "proxy"]);
    expect(pathParameterNames("/")).toEqual([]);
  });

  it("nests dotted context keys", () => {
    expect(nestDotted({ stage: "dev", "identity.sourceIp": "1.2.3.4", "identity.userAgent": "ua" })).toEqual({
      stage: "dev",
      identity: { sourceIp: "1.2.3.4", userAgent: "ua" },
    });
  });

  it("is prefilled from the method", () => {
    const s = defaultSample({ httpMethod: "POST", resourcePath: "/pets/{petId}" }, ["backend"]);
    expect(s.path).toBe("petId=");
    expect(s.stageVariables).toBe("backend=");
    expect(s.context).toMatchObject({ httpMethod: "POST", resourcePath: "/pets/{petId}", stage: "test", path: "/test/pets/{petId}" });
    expect(defaultSample({ gatewayResponse: true }).context["error.messageString"]).toBe('"Missing Authentication Token"');
  });

  it("builds the engine's input", () => {
    const input = buildTemplateInput(
      "T",
      sample({
        body: "{}",
        path: "petId=7",
        querystring: "q=1",
        header: "Accept=*/*",
        stageVariables: "env=dev",
        context: { stage: "dev", "identity.sourceIp": "ip" },
      }),
    );
    expect(input).toEqual({
      template: "T",
      body: "{}",
      params: { path: { petId: "7" }, querystring: { q: "1" }, header: { Accept: "*/*" } },
      context: { stage: "dev", identity: { sourceIp: "ip" } },
      stageVariables: { env: "dev" },
    });
  });
});

describe("preview", () => {
  it("renders VTL against the sample", () => {
    const r = previewTemplate(
      `{"id": "$input.params('petId')", "stage": "$context.stage", "name": $input.json('$.name'), "env": "$stageVariables.env"}`,
      sample({ body: '{"name":"Rex"}', path: "petId=7", stageVariables: "env=dev", context: { stage: "dev" } }),
      { contentType: "application/json" },
    );
    expect(r.error).toBeUndefined();
    expect(r.output).toBe('{"id": "7", "stage": "dev", "name": "Rex", "env": "dev"}');
    expect(r.jsonNote).toBeUndefined();
  });

  it("reports template errors with line and column", () => {
    const r = previewTemplate("{\n#if($a\n}", sample());
    expect(r.output).toBeUndefined();
    expect(r.error?.line).toBe(3);
    expect(r.error?.column).toBeGreaterThan(0);
  });

  it("notes output that is not JSON for JSON content types only", () => {
    expect(previewTemplate("{\"a\": $input.params('x')}", sample({ path: "x=abc" }), { contentType: "application/json" }).jsonNote).toBeTruthy();
    expect(previewTemplate("{\"a\": $input.params('x')}", sample({ path: "x=abc" }), { contentType: "application/xml" }).jsonNote).toBeUndefined();
    expect(previewTemplate("", sample(), { contentType: "application/json" }).jsonNote).toBeUndefined();
  });

  it("shows overrides a template sets", () => {
    const r = previewTemplate("#set($context.responseOverride.status = 418)#set($context.responseOverride.header.X-A = 'b')", sample());
    expect(overrideLines(r.overrides)).toEqual(["responseOverride.status = 418", "responseOverride.header.X-A = b"]);
  });

  it("only substitutes in gateway-response mode, exactly as the invoke pipeline does", () => {
    const template = '{"message":$context.error.messageString,"stage":"${context.stage}","v":"$stageVariables.v","raw":"$input.body","if":"#if(true)x#end"}';
    const s = sample({ stageVariables: "v=1", context: { stage: "dev", "error.messageString": '"Forbidden"' } });
    const r = previewTemplate(template, s, { mode: "substitution", contentType: "application/json" });
    expect(r.output).toBe('{"message":"Forbidden","stage":"dev","v":"1","raw":"$input.body","if":"#if(true)x#end"}');
    expect(r.output).toBe(substituteGatewayTemplate(template, nestDotted(s.context), { v: "1" }));
    expect(r.jsonNote).toBeUndefined();
  });

  it("recognises JSON content types", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("application/problem+json; charset=utf-8")).toBe(true);
    expect(isJsonContentType("text/plain")).toBe(false);
    expect(isJsonContentType(undefined)).toBe(false);
    expect(jsonProblem("{")).toBeTruthy();
    expect(jsonProblem(" [1] ")).toBeNull();
  });
});
