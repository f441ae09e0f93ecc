/** Lints, diagnostics and the completion/hover catalog: each lint fires, and stays quiet when it should. */
import { describe, expect, it } from "vitest";
import {
  catalogChildren,
  CONTEXT_ENTRIES,
  type Diagnostic,
  diagnoseTemplate,
  lintRegex,
  lintTemplate,
  lookupCatalog,
  renderTemplate,
  TEMPLATE_CATALOG,
} from "./index";
import type { LintOptions } from "./lint";
import { javaPatternError } from "./regex-lint";

const codes = (t: string, o: LintOptions = {}) => lintTemplate(t, o).map((d) => d.code);
/** The source text a diagnostic covers (single-line diagnostics). */
function covered(t: string, d: Diagnostic): string {
  const line = t.split("\n")[d.line - 1];
  expect(d.endLine).toBe(d.line);
  return line.slice(d.column - 1, d.endColumn - 1);
}

describe("escape-javascript-in-json", () => {
  it("fires for escapeJavaScript output inside a JSON string, pointing at the reference", () => {
    const t = `{\n  "name": "$util.escapeJavaScript($input.path('$.name'))"\n}`;
    const ds = lintTemplate(t);
    expect(ds.map((d) => d.code)).toEqual(["escape-javascript-in-json"]);
    expect(ds[0].severity).toBe("warning");
    expect(ds[0].line).toBe(2);
    expect(covered(t, ds[0])).toBe("$util.escapeJavaScript($input.path('$.name'))");
    expect(ds[0].message).toContain(`.replaceAll("\\\\'","'")`);
  });
  it("fires for a variable #set from escapeJavaScript and printed in a string", () => {
    expect(codes(`#set($n = $util.escapeJavaScript($input.params('n')))\n{"n": "$n"}`)).toEqual(["escape-javascript-in-json"]);
  });
  it("fires in formal notation and after other text in the same string", () => {
    expect(codes(`{"msg": "Hello ${"$"}{util.escapeJavaScript($x)}!"}`)).toEqual(["escape-javascript-in-json"]);
  });
  it("does not fire with the documented .replaceAll fix", () => {
    expect(codes(`{"name": "$util.escapeJavaScript($input.path('$.name')).replaceAll("\\\\'","'")"}`)).toEqual([]);
    expect(codes(`#set($n = $util.escapeJavaScript($x).replaceAll("\\\\'","'"))\n{"n": "$n"}`)).toEqual([]);
  });
  it("does not fire outside a JSON string, after reassignment, for literals without ', or for non-JSON content", () => {
    expect(codes(`{"n": $util.escapeJavaScript($x)}`)).toEqual([]);
    expect(codes(`{"a": "x", "b": 1}\n$util.escapeJavaScript($x)`)).toEqual([]);
    expect(codes(`#set($n = $util.escapeJavaScript($x))\n#set($n = "plain")\n{"n": "$n"}`)).toEqual([]);
    expect(codes(`{"n": "$util.escapeJavaScript('abc')"}`)).toEqual([]);
    expect(codes(`<n>"$util.escapeJavaScript($x)"</n>`, { contentType: "application/xml" })).toEqual([]);
    expect(codes(`{"n": "$util.escapeJavaScript($x)"}`, { contentType: "application/vnd.api+json" })).toEqual(["escape-javascript-in-json"]);
  });
  it('tracks escaped quotes in the text: \\" does not end the string', () => {
    expect(codes(`{"a": "say \\"$util.escapeJavaScript($x)\\""}`)).toEqual(["escape-javascript-in-json"]);
    expect(codes(`{"a": "x\\\\", "b": $util.escapeJavaScript($x)}`)).toEqual([]);
  });
  it("the warned-about output really is invalid JSON, and the fix is valid", () => {
    const body = `{"name":"O'Brien"}`;
    const bad = renderTemplate({
      template: `{"name": "$util.escapeJavaScript($input.path('$.name'))"}`,
      body,
      params: { path: {}, querystring: {}, header: {} },
      context: {},
      stageVariables: {},
    });
    expect(() => JSON.parse(bad.output)).toThrow();
    const good = renderTemplate({
      template: `{"name": "$util.escapeJavaScript($input.path('$.name')).replaceAll("\\\\'","'")"}`,
      body,
      params: { path: {}, querystring: {}, header: {} },
      context: {},
      stageVariables: {},
    });
    expect(JSON.parse(good.output)).toEqual({ name: "O'Brien" });
  });
});

describe("input-json-in-quotes", () => {
  it("fires for $input.json wrapped in quotes", () => {
    const t = `{"a": "$input.json('$.a')"}`;
    const ds = lintTemplate(t);
    expect(ds.map((d) => d.code)).toEqual(["input-json-in-quotes"]);
    expect(covered(t, ds[0])).toBe("$input.json('$.a')");
  });
  it("fires for a variable #set from $input.json", () => {
    expect(codes(`#set($j = $input.json('$'))\n{"a": "$j"}`)).toEqual(["input-json-in-quotes"]);
  });
  it("does not fire unquoted, inside escapeJavaScript (the documented form), or for $input.path", () => {
    expect(codes(`{"a": $input.json('$.a'), "b": "$input.path('$.b')"}`)).toEqual([]);
    expect(codes(`{"things": "$util.escapeJavaScript($input.json('$.things'))"}`)).toEqual(["escape-javascript-in-json"]);
    expect(codes(`#set($x = "$input.json('$')")`)).toEqual([]);
    expect(codes(`<a>"$input.json('$.a')"</a>`, { contentType: "application/xml" })).toEqual([]);
  });
});

describe("input-path-as-condition", () => {
  it("fires for $input.path (or a variable #set from it) tested on its own in #if / #elseif", () => {
    const t = `#if($input.path('$.name'))yes#end`;
    const ds = lintTemplate(t);
    expect(ds.map((d) => [d.code, d.severity])).toEqual([["input-path-as-condition", "info"]]);
    expect(covered(t, ds[0])).toBe("$input.path('$.name')");
    expect(codes(`#set($n = $input.path('$.n'))#if(!$n)none#elseif($n && $x)x#end`)).toEqual(["input-path-as-condition", "input-path-as-condition"]);
  });
  it("does not fire for comparisons, method calls on the value, or a variable set to something else since", () => {
    expect(codes(`#if($input.path('$.n') != "")a#end#if($input.path('$.l').size() > 0)b#end#if($input.path('$.s') == 'x')c#end`)).toEqual([]);
    expect(codes(`#set($n = $input.path('$.n'))#set($n = "x")#if($n)a#end`)).toEqual([]);
  });
  it("what it warns about is real: a missing field takes the #if branch", () => {
    expect(
      renderTemplate({
        template: `#if($input.path('$.name'))present#{else}absent#end`,
        body: "{}",
        params: { path: {}, querystring: {}, header: {} },
        context: {},
        stageVariables: {},
      }).output,
    ).toBe("present");
  });
});

describe("unknown $util / $input members", () => {
  it("fires for unknown $util functions with a suggestion, pointing at the name", () => {
    const t = `$util.escapeJavascript($x)`;
    const [d, ...rest] = lintTemplate(t);
    expect(rest).toEqual([]);
    expect(d.code).toBe("unknown-util-function");
    expect(covered(t, d)).toBe("escapeJavascript");
    expect(d.message).toContain("Did you mean $util.escapeJavaScript()?");
    expect(codes(`$util.toJson($x)`)).toEqual(["unknown-util-function"]);
    expect(codes(`$util.urlEncode`)).toEqual(["unknown-util-function"]);
    expect(codes(`$util.base64Encode($a, $b)`)).toEqual(["unknown-util-function"]);
    expect(codes(`#if($util.nope($x))#end`)).toEqual(["unknown-util-function"]);
  });
  it("fires for unknown or misused $input members", () => {
    expect(codes(`$input.param('a')`)).toEqual(["unknown-input-member"]);
    expect(lintTemplate(`$input.param('a')`)[0].message).toContain("Did you mean $input.params()?");
    expect(codes(`$input.params.header`)).toEqual(["unknown-input-member"]);
    expect(codes(`$input.json('$', 1)`)).toEqual(["unknown-input-member"]);
    expect(codes(`$input.bodyy`)).toEqual(["unknown-input-member"]);
  });
  it("does not fire for the documented functions, nested use, or Object methods", () => {
    const t = `$util.escapeJavaScript($x) $util.parseJson($s).a $util.urlEncode($x) $util.urlDecode($x) $util.base64Encode($x) $util.base64Decode($x) $util.toString()
$input.body $input.json('$') $input.path('$').a $input.params() $input.params('x') $input.params().header.get('h') $input.getBody()`;
    expect(codes(t)).toEqual([]);
  });
  it("the unknown function really renders nothing", () => {
    const r = renderTemplate({
      template: `[$util.escapeJavascript("a")]`,
      body: "",
      params: { path: {}, querystring: {}, header: {} },
      context: {},
      stageVariables: {},
    });
    expect(r.output).toBe("[]");
  });
});

describe("$context fields", () => {
  it("reports undocumented and access-log-only fields as info", () => {
    const t = `$context.identity.sourceIP $context.requestid $context.responseLatency`;
    const ds = lintTemplate(t);
    expect(ds.map((d) => [d.severity, d.code])).toEqual([
      ["info", "unknown-context-field"],
      ["info", "unknown-context-field"],
      ["info", "access-log-only-context"],
    ]);
    expect(ds[0].message).toContain("Did you mean $context.identity.sourceIp?");
    expect(covered(t, ds[1])).toBe("requestid");
  });
  it("accepts documented fields, authorizer/claims keys, overrides and map methods", () => {
    const t = `$context.requestId $context.identity.sourceIp $context.authorizer.claims.sub $context.authorizer.tenant $context.authorizer.principalId
#set($context.responseOverride.status = 400)#set($context.requestOverride.header.x = "1")#set($context.responseOverride.header.y = "2")
$context.identity.clientCert.validity.notAfter $context.error.messageString $context.isCanaryRequest $context.identity.keySet()`;
    expect(codes(t)).toEqual([]);
  });
});

describe("undefined-stage-variable", () => {
  it("fires for names the stage does not define, in every notation", () => {
    const t = `$stageVariables.urll ${"$"}{stageVariables['env']} $stageVariables.get("x")`;
    const ds = lintTemplate(t, { stageVariableNames: ["url", "envName"] });
    expect(ds.map((d) => d.code)).toEqual(["undefined-stage-variable", "undefined-stage-variable", "undefined-stage-variable"]);
    expect(ds[0].message).toContain("Did you mean $stageVariables.url?");
    expect(covered(t, ds[0])).toBe("$stageVariables.urll");
  });
  it("does not fire for defined names, or when no names are given", () => {
    expect(codes(`$stageVariables.url ${"$"}{stageVariables.url} $stageVariables['url']`, { stageVariableNames: ["url"] })).toEqual([]);
    expect(codes(`$stageVariables.anything`)).toEqual([]);
  });
});

describe("regex arguments", () => {
  const one = (t: string) => {
    const ds = lintTemplate(t);
    expect(ds.length, JSON.stringify(ds)).toBe(1);
    return ds[0];
  };
  it("unescaped . in a literal-looking pattern", () => {
    const t = `$s.split(".")`;
    const d = one(t);
    expect(d.code).toBe("regex-unescaped-dot");
    expect(d.message).toContain("empty array");
    expect(covered(t, d)).toBe(`"."`);
    expect(one(`$ip.replaceAll("10.0.0.1", "x")`).code).toBe("regex-unescaped-dot");
  });
  it("empty alternative with |", () => {
    expect(one(`$s.split("|")`).code).toBe("regex-empty-alternative");
    expect(one(`$s.replaceAll("a|", "")`).code).toBe("regex-empty-alternative");
  });
  it("$ as an anchor", () => {
    expect(one(`$s.replaceAll('$', 'USD')`).code).toBe("regex-dollar-anchor");
    expect(one(`$s.replaceAll('US$ ', 'USD ')`).code).toBe("regex-dollar-anchor");
  });
  it("groups around plain text, unclosed groups and stray )", () => {
    expect(one(`$s.replaceAll("(note)", "")`).code).toBe("regex-group");
    const u = one(`$s.replaceAll("(", "")`);
    expect([u.code, u.severity]).toEqual(["regex-syntax", "error"]);
    expect(u.message).toContain("Unclosed group");
    expect(one(`$s.split(")")`).message).toContain("Unmatched closing ')'");
  });
  it("dangling and misplaced quantifiers", () => {
    for (const c of ["*", "+", "?"]) {
      const d = one(`$s.replaceAll("${c}", " ")`);
      expect([d.code, d.severity]).toEqual(["regex-syntax", "error"]);
      expect(d.message).toContain(`Dangling meta character '${c}'`);
    }
    expect(one(`$s.replaceAll("C++", "cpp")`).code).toBe("regex-quantifier");
    expect(one(`$s.matches("what?")`).code).toBe("regex-quantifier");
    expect(one(`$s.replaceAll("1+1", "2")`).code).toBe("regex-quantifier");
  });
  it("[ and { that Java rejects", () => {
    expect(one(`$s.split("[")`).message).toContain("Unclosed character class");
    expect(one(`$s.replaceAll("{", "")`).message).toContain("Illegal repetition");
  });
  it("Java-source double backslashes", () => {
    const d = one(`$s.split("\\\\.")`);
    expect(d.code).toBe("regex-double-backslash");
    expect(d.message).toContain(`write a single backslash: "\\."`);
    expect(one(`$s.replaceAll("\\\\s+", " ")`).code).toBe("regex-double-backslash");
  });
  it("replacement strings: $ and trailing backslash, group numbers", () => {
    const t = `$s.replaceAll("a", "$")`;
    const d = one(t);
    expect([d.code, d.severity]).toEqual(["regex-replacement", "error"]);
    expect(covered(t, d)).toBe(`"$"`);
    expect(one(`$s.replaceAll("(a)", "$2")`).message).toContain("No group 2");
    expect(one(`$s.replaceFirst("a", '\\')`).message).toContain("character to be escaped is missing");
  });
  it("does not fire for intentional regexes and literal-safe patterns", () => {
    const t = `$s.replaceAll("\\s+", " ") $s.replaceAll(" +", " ") $s.split(",") $s.split("\\.") $s.split("[.]") $s.matches("^[a-z]+$")
$s.replaceAll("(\\w+)@(\\w+)", "$2 at $1") $s.replaceAll("a|b", "") $s.replaceAll(".*x", "") $s.replaceAll("\\\\'","'") $s.replaceFirst("x{2}", "y")
$s.replace(".", "") $s.split($sep) $s.replaceAll("(a|b)", "c") $s.replaceAll("\\$", "USD") $s.replaceAll("abc$", "x")`;
    expect(lintTemplate(t)).toEqual([]);
  });
  it("each pattern the linter says throws really throws when rendered, with Java's message", () => {
    const base = { body: "", params: { path: {}, querystring: {}, header: {} }, context: {}, stageVariables: {} };
    const cases: [string, string][] = [
      ["*", "Dangling meta character '*' near index 0"],
      ["+", "Dangling meta character '+' near index 0"],
      ["?", "Dangling meta character '?' near index 0"],
      ["(", "Unclosed group near index 1"],
      ["[", "Unclosed character class near index 0"],
      ["{", "Illegal repetition near index 1"],
      ["x{a}", "Illegal repetition near index 2"],
    ];
    for (const [p, msg] of cases) {
      expect(lintRegex("replaceAll", p, "")[0]?.severity, p).toBe("error");
      expect(() => renderTemplate({ ...base, template: `#set($s = "abc")$s.replaceAll('${p}', '')` }), p).toThrow(`PatternSyntaxException: ${msg}`);
      // unreached calls (null target) do not throw
      expect(renderTemplate({ ...base, template: `[$nothing.replaceAll('${p}', '')]` }).output).toBe("[]");
    }
    expect(renderTemplate({ ...base, template: `#set($s = "a.b.c")$s.split(".").size()` }).output).toBe("0");
  });
});

describe("Java pattern syntax check", () => {
  // Recorded from java.util.regex.Pattern.compile on OpenJDK 17 (description and index).
  const java: [string, string | null][] = [
    ["x{2}{3}", null],
    ["x{2}?", null],
    ["x{2,}", null],
    ["x{,2}", "Illegal repetition 2"],
    ["[{]", null],
    ["[a-z&&[^b]]", null],
    ["[]a]", null],
    ["[^]a]", null],
    ["\\{", null],
    ["a|*", "Dangling meta character '*' 2"],
    ["(*)", "Dangling meta character '*' 1"],
    ["(a)*", null],
    ["^*", null],
    ["$*", null],
    ["a{1,2}{", "Illegal repetition 7"],
    ["\\Qa{\\E", null],
    ["\\p{Lu}", null],
    ["(?i:abc)", null],
    ["(?<name>a)", null],
    ["(?<=a)b", null],
    ["(?>a)", null],
    ["(?-i)a", null],
    ["a?+", null],
    ["a*+", null],
    ["a+++", "Dangling meta character '+' 3"],
    ["[]", "Unclosed character class 1"],
    ["[]]", null],
    ["]", null],
    ["}", null],
    ["ab(c", "Unclosed group 4"],
    ["ab[c", "Unclosed character class 3"],
    ["ab)", "Unmatched closing ')' 1"],
    ["ab**", "Dangling meta character '*' 3"],
    ["a\\", "Unexpected internal error 2"],
    ["(?", "Unknown inline modifier 2"],
    ["a{2", "Unclosed counted closure 3"],
    ["\\x{41}", null],
  ];
  it.each(java)("%s", (pattern, expected) => {
    const e = javaPatternError(pattern);
    expect(e ? `${e.description} ${e.index}` : null).toBe(expected);
  });
});

describe("diagnoseTemplate", () => {
  it("returns the parse error with 1-based start and exclusive end", () => {
    const t = `{\n  "a": $x.foo(\n}`;
    const [d, ...rest] = diagnoseTemplate(t);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ severity: "error", code: "parse", line: 3, column: 1, endLine: 3, endColumn: 2 });
    expect(d.message).toMatch(/^Encountered "}" at line 3, column 1/);
  });
  it("covers a multi-character token", () => {
    const [d] = diagnoseTemplate(`#set($a = 1 2)`);
    expect(d.code).toBe("parse");
    expect([d.line, d.column, d.endLine, d.endColumn]).toEqual([1, 13, 1, 14]);
    const [e] = diagnoseTemplate(`#if($a == )#end`);
    expect(e.line).toBe(1);
    expect(e.endColumn).toBeGreaterThan(e.column);
  });
  it("returns the lints when the template parses, sorted by position", () => {
    const ds = diagnoseTemplate(`$util.foo()\n{"a": "$input.json('$')"}`, { stageVariableNames: [] });
    expect(ds.map((d) => [d.code, d.line])).toEqual([
      ["unknown-util-function", 1],
      ["input-json-in-quotes", 2],
    ]);
    expect(diagnoseTemplate(`{"ok": $input.json('$')}`)).toEqual([]);
  });
});

describe("catalog", () => {
  // The documented $context fields (API Gateway developer guide, api-gateway-mapping-template-reference),
  // listed here so the test stands on its own in a clean clone.
  it("has every documented $context field", () => {
    const expected = [
      "accountId",
      "apiId",
      "authorizer.claims",
      "authorizer.principalId",
      "awsEndpointRequestId",
      "domainName",
      "domainPrefix",
      "error.message",
      "error.messageString",
      "error.responseType",
      "error.validationErrorString",
      "extendedRequestId",
      "httpMethod",
      "identity.accountId",
      "identity.apiKey",
      "identity.apiKeyId",
      "identity.caller",
      "identity.cognitoAuthenticationProvider",
      "identity.cognitoAuthenticationType",
      "identity.cognitoIdentityId",
      "identity.cognitoIdentityPoolId",
      "identity.principalOrgId",
      "identity.sourceIp",
      "identity.clientCert.clientCertPem",
      "identity.user",
      "identity.userAgent",
      "identity.userArn",
      "path",
      "protocol",
      "requestId",
      "requestOverride.header.{name}",
      "requestOverride.path.{name}",
      "requestOverride.querystring.{name}",
      "responseOverride.header.{name}",
      "responseOverride.status",
      "requestTime",
      "requestTimeEpoch",
      "resourceId",
      "resourcePath",
      "stage",
      "wafResponseCode",
      "webaclArn",
      "integrationLatency",
      "responseLatency",
      "responseLength",
      "status",
      "xrayTraceId",
      "customDomain.basePathMatched",
      "isCanaryRequest",
    ];
    const paths = new Set(CONTEXT_ENTRIES.map((e) => e.path));
    for (const f of expected) {
      expect(paths.has("context." + f), f).toBe(true);
    }
    for (const e of TEMPLATE_CATALOG) expect(e.doc.length, e.path).toBeGreaterThan(10);
  });
  it("serves hover lookups, including placeholder paths", () => {
    expect(lookupCatalog("util.escapeJavaScript")?.signature).toBe("$util.escapeJavaScript(string)");
    expect(lookupCatalog("context.authorizer.claims.email")?.path).toBe("context.authorizer.claims.{name}");
    expect(lookupCatalog("context.requestOverride.header.X-Trace")?.path).toBe("context.requestOverride.header.{name}");
    expect(lookupCatalog("#foreach")?.kind).toBe("directive");
    expect(lookupCatalog("context.nope")).toBeUndefined();
  });
  it("serves completions per level, hiding access-log-only fields by default", () => {
    expect(
      catalogChildren("")
        .map((e) => e.path)
        .sort(),
    ).toEqual(["context", "input", "stageVariables", "util"]);
    expect(catalogChildren("input").map((e) => e.path)).toEqual(["input.body", "input.json", "input.path", "input.params"]);
    const identity = catalogChildren("context.identity").map((e) => e.path);
    expect(identity).toContain("context.identity.sourceIp");
    expect(identity).toContain("context.identity.clientCert");
    expect(identity).not.toContain("context.identity.clientCert.subjectDN");
    expect(catalogChildren("context").map((e) => e.path)).not.toContain("context.responseLatency");
    expect(catalogChildren("context", { includeAccessLogOnly: true }).map((e) => e.path)).toContain("context.responseLatency");
    expect(catalogChildren("#").map((e) => e.path)).toContain("#foreach");
  });
});
