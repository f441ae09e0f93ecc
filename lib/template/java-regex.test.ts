/**
 * Template regexes run in linear time (RE2 via re2js) with Java's syntax and semantics; what only
 * a backtracking engine can run is refused with a clear template error (issue #16, item 1).
 */
import { describe, expect, it } from "vitest";
import { lintTemplate, renderTemplate, TemplateError } from "./index";
import { javaMatchesWhole } from "./java-regex";

function render(template: string, querystring: Record<string, string> = {}) {
  return renderTemplate({ template, body: "", params: { path: {}, querystring, header: {} }, context: {}, stageVariables: {} }).output;
}

/** The issue's own bound: no template may hold the event loop for more than a second. */
function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

describe("catastrophic patterns finish at once", () => {
  const attack = "a".repeat(27) + "!";
  it("matches('(a+)+$') on an attacker's query parameter", () => {
    const { value, ms } = timed(() => render("#set($q = $input.params('q'))$q.matches('(a+)+$')", { q: attack }));
    expect(value).toBe("false");
    expect(ms).toBeLessThan(1000);
  });
  it("replaceAll, replaceFirst and split with nested quantifiers", () => {
    const t = "#set($q = $input.params('q'))$q.replaceAll('(a|aa)+b', 'x')|$q.replaceFirst('(a*)*b', 'x')|$q.split('(a+)+b').size()";
    const { value, ms } = timed(() => render(t, { q: attack }));
    expect(value).toBe(`${attack}|${attack}|1`);
    expect(ms).toBeLessThan(1000);
  });
});

describe("Java semantics on RE2", () => {
  it("keeps groups, named groups, flags and Java-only syntax", () => {
    expect(render(`#set($s = "a1b22")$s.replaceAll("(?<d>\\d+)", '<\${d}>')`)).toBe("a<1>b<22>");
    expect(render(`#set($s = "AbC")$s.matches("(?i)abc") $s.matches("abc") $s.matches("\\p{Alpha}+") $s.matches("\\p{Lower}+")`)).toBe("true false true false");
    expect(render(`#set($s = "a.b")$s.matches("\\Qa.b\\E") $s.replaceAll("\\Q.\\E", "-")`)).toBe("true a-b");
    expect(render(`#set($s = "aaa")$s.matches("a*+") $s.matches("(?>a+)") $s.replaceAll("\\Aa", "x")`)).toBe("true true xaa");
    expect(render(`#set($s = "abc")$s.split("").size() $s.replaceAll("", "-") $s.replaceAll("x*", "_")`)).toBe("3 -a-b-c- _a_b_c_");
    expect(render(`#set($s = "caf\u00e9 \u00e9")$s.replaceAll("\\u00e9", "e") $s.matches("[^a]+")`)).toBe("cafe e false");
  });

  it("translates Java escapes and groups RE2 spells differently", () => {
    const cases: [string, string, boolean][] = [
      ["a\\hb", "a\u00A0b", true],
      ["a\\Hb", "a b", false],
      ["a\\vb", "a\nb", true],
      ["a\\Rb", "a\r\nb", true],
      ["[]a]+", "]a]", true],
      ["x(?i:ab)y", "xABy", true],
      ["x(?i:ab)y", "XABy", false],
      ["\\u0041{2}+", "AA", true],
    ];
    for (const [pattern, value, expected] of cases) expect(javaMatchesWhole(pattern, value), pattern).toBe(expected);
  });

  it("still raises Java's PatternSyntaxException", () => {
    expect(() => render(`#set($s = "x")$s.matches("(")`)).toThrow(/PatternSyntaxException/);
  });

  it.each([
    ["(a)\\1", "a backreference"],
    ["(?<n>a)\\k<n>", "a named backreference"],
    ["a(?=b)", "lookaround"],
    ["(?<!a)b", "lookaround"],
    ["a\\Z", "\\Z"],
  ])("refuses %s, which needs backtracking, with a clear error at the call", (pattern, construct) => {
    const e = (() => {
      try {
        render(`#set($s = "ab")\n$s.replaceAll("${pattern}", "")`);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(TemplateError);
    expect((e as TemplateError).message).toContain(`uses ${construct}`);
    expect((e as TemplateError).message).toContain("linear time");
    expect((e as TemplateError).line).toBe(2);
  });
});

describe("the editor says so before a request does", () => {
  it("flags a pattern that needs backtracking as an error on the pattern", () => {
    const t = `#set($s = "ab")\n$s.replaceAll("(a)\\1", "")`;
    const ds = lintTemplate(t).filter((d) => d.code === "regex-needs-backtracking");
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ severity: "error", line: 2 });
    expect(ds[0].message).toContain("uses a backreference");
    expect(lintTemplate(`$s.replaceAll("(a)b", "")`).map((d) => d.code)).not.toContain("regex-needs-backtracking");
  });
});

describe("JSONPath filter regexes (=~) run on RE2 too", () => {
  const body = JSON.stringify({ items: [{ name: "a".repeat(27) + "!" }, { name: "Tolkien" }] });
  const path = (p: string) =>
    renderTemplate({ template: `$input.json($input.params('p'))`, body, params: { path: {}, querystring: { p }, header: {} }, context: {}, stageVariables: {} })
      .output;
  it("a path from the request with a catastrophic filter answers at once", () => {
    const { value, ms } = timed(() => path("$.items[?(@.name =~ /(a+)+$/)].name"));
    expect(value).toBe("[]");
    expect(ms).toBeLessThan(1000);
  });
  it("keeps Java syntax and flags", () => {
    expect(path("$.items[?(@.name =~ /\\p{Upper}\\p{Lower}+/)].name")).toBe('["Tolkien"]');
    expect(path("$.items[?(@.name =~ /tolk.*/i)].name")).toBe('["Tolkien"]');
  });
});
