/**
 * The test vectors of the reference doc (§3, from the API Gateway developer guide).
 * Outputs are compared as JSON (whitespace-insensitive) where the doc says so.
 */
import { describe, expect, it } from "vitest";
import { renderTemplate } from "./index";
import type { TemplateInput } from "./types";

function input(over: Partial<TemplateInput> & { template: string }): TemplateInput {
  return {
    body: "",
    params: { path: {}, querystring: {}, header: {} },
    context: {},
    stageVariables: {},
    ...over,
  };
}

const render = (over: Partial<TemplateInput> & { template: string }) => renderTemplate(input(over));
const json = (s: string) => JSON.parse(s);

describe("reference §3 test vectors", () => {
  it("1: params + $input.json('$')", () => {
    const r = render({
      template: `{ "name" : "$input.params('name')", "body" : $input.json('$') }`,
      params: { path: {}, querystring: { name: "Bella", type: "dog" }, header: {} },
      body: `{"Price":"249.99","Age":"6"}`,
    });
    expect(json(r.output)).toEqual(json(`{ "name" : "Bella", "body" : {"Price":"249.99","Age":"6"} }`));
  });

  it("2: $input.json('$.Age') keeps the quotes; escapeJavaScript escapes them", () => {
    const body = `{"Price":"249.99","Age":"6"}`;
    const a = render({ template: `{ "body" : $input.json('$.Age') }`, body });
    expect(json(a.output)).toEqual(json(`{ "body" : "6" }`));
    const b = render({ template: `{ "body": "$util.escapeJavaScript($input.json('$.Age'))" }`, body });
    expect(json(b.output)).toEqual(json(`{ "body": "\\"6\\"" }`));
    expect(b.output).toBe(`{ "body": "\\"6\\"" }`);
  });

  it("3: path id, $input.path(...).size(), $input.json of an object", () => {
    const body = `{"things":{"1":{},"2":{},"3":{}}}`;
    const params = { path: { id: "123" }, querystring: {}, header: {} };
    const a = render({
      template: `{ "id" : "$input.params('id')", "count" : "$input.path('$.things').size()", "things" : $input.json('$.things') }`,
      body,
      params,
    });
    expect(json(a.output)).toEqual(json(`{"id":"123","count":"3","things":{"1":{},"2":{},"3":{}}}`));
    const b = render({
      template: `{ "id" : "$input.params('id')", "count" : "$input.path('$.things').size()", "things" : "$util.escapeJavaScript($input.json('$.things'))" }`,
      body,
      params,
    });
    expect(json(b.output)).toEqual(json(`{"id":"123","count":"3","things":"{\\"1\\":{},\\"2\\":{},\\"3\\":{}}"}`));
  });

  it("4: $util.parseJson of an embedded JSON string", () => {
    const r = render({
      body: `{"errorMessage":"{\\"key1\\":\\"var1\\",\\"key2\\":{\\"arr\\":[1,2,3]}}"}`,
      template: "#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))\n" + `{ "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0] }`,
    });
    expect(json(r.output)).toEqual({ errorMessageObjKey2ArrVal: 1 });
  });

  it("5: getting-started Lambda non-proxy template", () => {
    const r = render({
      template:
        "#set($inputRoot = $input.path('$'))\n" +
        `{ "city": "$input.params('city')", "time": "$input.params('time')", "day": "$input.params('day')", "name": "$inputRoot.callerName" }`,
      params: { path: { city: "Seattle" }, querystring: { time: "morning" }, header: { day: "Wednesday" } },
      body: `{ "callerName": "John" }`,
      context: { httpMethod: "POST", resourcePath: "/{city}" },
    });
    expect(json(r.output)).toEqual(json(`{ "city": "Seattle", "time": "morning", "day": "Wednesday", "name" : "John" }`));
  });

  it("6: swagger-extensions integration template (JSON and XML)", () => {
    const body = `{ "name":"value_1", "key":"value_2", "redirect": {"url" :"..."} }`;
    const a = render({ template: `#set ($root=$input.path('$')) { "stage": "$root.name", "user-id": "$root.key" }`, body });
    expect(json(a.output)).toEqual(json(`{ "stage":"value_1", "user-id":"value_2" }`));
    const b = render({ template: `#set ($root=$input.path('$')) <stage>$root.name</stage>`, body });
    expect(b.output.trim()).toBe("<stage>value_1</stage>");
  });

  it("7: MOCK integration picks the status by a query parameter", () => {
    const template = `{ #if( $input.params('scope') == "internal" ) "statusCode": 200 #else "statusCode": 500 #end }`;
    const internal = render({ template, params: { path: {}, querystring: { scope: "internal" }, header: {} } });
    expect(json(internal.output)).toEqual({ statusCode: 200 });
    const other = render({ template, params: { path: {}, querystring: { scope: "public" }, header: {} } });
    expect(json(other.output)).toEqual({ statusCode: 500 });
    const none = render({ template });
    expect(json(none.output)).toEqual({ statusCode: 500 });
  });

  it("8: responseOverride.status from the body's content", () => {
    const body = `{"errors":[{"key":"GetPetRequest.petId","message":"The value is out of range."}]}`;
    const template = [
      "#set($inputRoot = $input.path('$'))",
      `$input.json("$")`,
      `#if($inputRoot.toString().contains("error"))`,
      "#set($context.responseOverride.status = 400)",
      "#end",
    ].join("\n");
    const r = render({ template, body });
    expect(json(r.output)).toEqual(json(body));
    expect(r.overrides.responseStatus).toBe(400);
    const ok = render({ template, body: `{"pet":"dog"}` });
    expect(ok.overrides.responseStatus).toBeUndefined();
  });
});
