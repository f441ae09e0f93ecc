/**
 * What `$input.path` and `$input.json` give for a path the payload does not have, and for a JSON
 * `null`, and how those values behave in `#if`, `#set`, `#foreach` and method calls.
 *
 * AWS's facts this encodes:
 * - A missing path is an empty String. AWS's own Kinesis tutorial defaults a missing field with
 *   `#if($input.path('$.ShardCount') == '') 5 #else $input.path('$.ShardCount') #end`
 *   (developer guide, "Tutorial: Create a REST API as an Amazon Kinesis proxy"), and
 *   `$input.json` of a path with no match is `""` (LocalStack's maintainers checked it in the
 *   AWS console, localstack/localstack PR #12774 and its unit tests).
 * - A JSON `null` is Java's null: `$input.json` prints `null`, the reference prints nothing
 *   (API Gateway's quiet null references), `#if` is false and `== $null` is true.
 * Everything else follows from Velocity 1.7's rules for those two Java values (test/velocity
 * checks the same templates against Apache Velocity 1.7): a String is never `== $null`, null is
 * never `== ""`, and any non-null, non-Boolean value is true in `#if`.
 */
import { describe, expect, it } from "vitest";
import { renderTemplate } from "./index";

const BODY = `{"a":null,"s":"x","empty":"","arr":[1,null,"z"],"o":{"n":null}}`;

const out = (template: string, body = BODY) =>
  renderTemplate({ template, body, params: { path: {}, querystring: {}, header: {} }, context: {}, stageVariables: {} }).output;

const yesNo = (condition: string) => out(`#if(${condition})yes#{else}no#end`);

describe("$input.path of a missing path: an empty String", () => {
  it("compares equal to \"\" and '' (AWS's Kinesis tutorial default), not to $null", () => {
    expect(yesNo(`$input.path('$.missing') == ""`)).toBe("yes");
    expect(yesNo(`$input.path('$.missing') == ''`)).toBe("yes");
    expect(yesNo(`$input.path('$.o.missing') == ""`)).toBe("yes");
    expect(yesNo(`$input.path('$.arr[7]') == ""`)).toBe("yes");
    expect(yesNo(`$input.path('$.missing') != ""`)).toBe("no");
    expect(yesNo(`$input.path('$.missing') == $null`)).toBe("no");
  });

  it("prints nothing and behaves as a String", () => {
    expect(out(`[$input.path('$.missing')]`)).toBe("[]");
    expect(out(`[$input.path('$.missing').length()|$input.path('$.missing').isEmpty()]`)).toBe("[0|true]");
    expect(out(`[$input.path('$.missing').toUpperCase()]`)).toBe("[]");
  });

  it("is true in #if, as every non-null String is in Velocity 1.7", () => {
    expect(yesNo(`$input.path('$.missing')`)).toBe("yes");
    expect(yesNo(`$input.path('$.missing') && $input.path('$.missing') != ""`)).toBe("no");
  });

  it("is set by #set (a null would leave the old value in place)", () => {
    expect(out(`#set($v = "old")#set($v = $input.path('$.missing'))[$v]`)).toBe("[]");
  });

  it("reads the same when the payload is a JSON scalar, not an object", () => {
    expect(out(`[$input.path('$.message')]`, `"#foobar123"`)).toBe("[]");
    expect(out(`$input.json('$.message')`, `"#foobar123"`)).toBe(`""`);
  });

  it('$input.json gives the JSON text "" (two quotes), escaped as \\"\\"', () => {
    expect(out(`$input.json('$.missing')`)).toBe(`""`);
    expect(out(`$util.escapeJavaScript($input.json('$.missing'))`)).toBe(`\\"\\"`);
    expect(out(`{"v": $input.json('$.o.missing')}`)).toBe(`{"v": ""}`);
  });

  it("an indefinite path with no match is still an empty JSON array", () => {
    expect(out(`$input.json('$.arr[?(@ == "nope")]')|$input.path('$..nope').size()`)).toBe("[]|0");
  });
});

describe("$input.path of a JSON null: Java's null", () => {
  it('compares equal to $null, not to ""', () => {
    expect(yesNo(`$input.path('$.a') == $null`)).toBe("yes");
    expect(yesNo(`$input.path('$.o.n') == $null`)).toBe("yes");
    expect(yesNo(`$input.path('$.a') == ""`)).toBe("no");
    expect(yesNo(`$input.path('$.a') != ""`)).toBe("yes");
  });

  it("prints nothing, is false in #if, and $input.json prints null", () => {
    expect(out(`[$input.path('$.a')]`)).toBe("[]");
    expect(yesNo(`$input.path('$.a')`)).toBe("no");
    expect(out(`$input.json('$.a')|$input.json('$.o')`)).toBe(`null|{"n":null}`);
  });

  it("calls on it yield null, and #set keeps the old value (Velocity's null #set)", () => {
    expect(out(`[$input.path('$.a').length()]`)).toBe("[]");
    expect(out(`#set($v = "old")#set($v = $input.path('$.a'))[$v]`)).toBe("[old]");
  });

  it("stays apart from an empty string in the payload", () => {
    expect(yesNo(`$input.path('$.empty') == ""`)).toBe("yes");
    expect(yesNo(`$input.path('$.empty') == $null`)).toBe("no");
    expect(out(`$input.json('$.empty')`)).toBe(`""`);
  });
});

describe("inside #foreach", () => {
  it("null items print nothing and compare equal to $null", () => {
    expect(out(`#foreach($i in $input.path('$.arr'))[$i#if($i == $null) null#end]#end`)).toBe("[1][ null][z]");
  });

  it("reading a missing field per item resets the variable each time", () => {
    const body = `{"items":[{"x":"first"},{},{"x":null}]}`;
    const template = `#foreach($it in $input.path('$.items'))#set($x = $input.path("$.items[$foreach.index].x"))[$x]#end`;
    // Item 1 has no x: an empty String, so #set replaces "first". Item 2's x is null: #set keeps "".
    expect(out(template, body)).toBe("[first][][]");
  });

  it("a missing array gives nothing to iterate", () => {
    expect(out(`#foreach($i in $input.path('$.missing'))[$i]#end|`)).toBe("|");
  });
});
