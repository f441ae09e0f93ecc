/**
 * `gatehouse render` on the API Gateway developer guide's documented examples (input and
 * output as the guide prints them), run through the real CLI binary as a pipeline would.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const BIN = join(__dirname, "..", "..", "bin", "gatehouse.mjs");

function render(spec: object): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [BIN, "render", "--spec", "-"], { input: JSON.stringify(spec), encoding: "utf8", timeout: 30_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

const json = (s: string) => JSON.parse(s);

describe("gatehouse render on the developer guide's examples", () => {
  it("api-gateway-mapping-variable-examples, example 3: params and $input.json('$')", () => {
    const r = render({
      template: `{ "name" : "$input.params('name')", "body" : $input.json('$') }`,
      body: `{"Price":"249.99","Age":"6"}`,
      params: { querystring: { name: "Bella", type: "dog" } },
    });
    expect(r.status).toBe(0);
    expect(json(r.stdout)).toEqual({ name: "Bella", body: { Price: "249.99", Age: "6" } });
  });

  it("example 4: $input.json('$.Age') keeps the JSON quotes", () => {
    const r = render({
      template: `{ "name" : "$input.params('name')", "body" : $input.json('$.Age') }`,
      body: `{"Price":"249.99","Age":"6"}`,
      params: { querystring: { name: "Bella" } },
    });
    expect(json(r.stdout)).toEqual({ name: "Bella", body: "6" });
  });

  it("example 5: path parameter, size() of $input.path, and escapeJavaScript of $input.json", () => {
    const body = `{"things":{"1":{},"2":{},"3":{}}}`;
    const plain = render({
      template: `{ "id" : "$input.params('id')", "count" : "$input.path('$.things').size()", "things" : $input.json('$.things') }`,
      body,
      params: { path: { id: "123" } },
    });
    expect(json(plain.stdout)).toEqual({ id: "123", count: "3", things: { "1": {}, "2": {}, "3": {} } });
    const escaped = render({
      template: `{ "id" : "$input.params('id')", "count" : "$input.path('$.things').size()", "things" : "$util.escapeJavaScript($input.json('$.things'))" }`,
      body,
      params: { path: { id: "123" } },
    });
    expect(json(escaped.stdout)).toEqual({ id: "123", count: "3", things: `{"1":{},"2":{},"3":{}}` });
  });

  it("api-gateway-mapping-template-reference: $util.parseJson of an error message", () => {
    const r = render({
      template: `#set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))\n{ "errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0] }`,
      body: JSON.stringify({ errorMessage: JSON.stringify({ key1: "var1", key2: { arr: [1, 2, 3] } }) }),
    });
    expect(json(r.stdout)).toEqual({ errorMessageObjKey2ArrVal: 1 });
  });

  it("getting-started-lambda-non-proxy-integration: path, query, header and body", () => {
    const r = render({
      template: `#set($inputRoot = $input.path('$'))\n{\n  "city": "$input.params('city')",\n  "time": "$input.params('time')",\n  "day":  "$input.params('day')",\n  "name" : "$inputRoot.callerName"\n}`,
      body: `{ "callerName": "John" }`,
      params: { path: { city: "Seattle" }, querystring: { time: "morning" }, header: { day: "Wednesday" } },
    });
    expect(json(r.stdout)).toEqual({ city: "Seattle", time: "morning", day: "Wednesday", name: "John" });
  });

  it("how-to-mock-integration: the request template picks the status code", () => {
    const template = `{\n  #if( $input.params('scope') == "internal" )\n    "statusCode": 200\n  #else\n    "statusCode": 500\n  #end\n}`;
    expect(json(render({ template, params: { querystring: { scope: "internal" } } }).stdout)).toEqual({ statusCode: 200 });
    expect(json(render({ template, params: { querystring: { scope: "public" } } }).stdout)).toEqual({ statusCode: 500 });
  });

  it("reports a template error with its line and column, exit 1", () => {
    const r = render({ template: `{\n  "a": #if($x\n}` });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/\d+:\d+/);
  });
});
