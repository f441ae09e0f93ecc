import { describe, expect, it } from "vitest";
import { completionEntries, hoverDoc, referenceAt, stageVariableEntries, VTL_CATALOG } from "@/components/editor/vtl-catalog";
import { diagnose, substitutionDiagnostics } from "@/components/editor/template-diagnostics";

describe("catalog", () => {
  it("offers $input, $util, $context, $stageVariables and directives", () => {
    const keys = VTL_CATALOG.map((e) => e.key);
    for (const k of ["$input.json", "$input.path", "$util.escapeJavaScript", "$context.identity.sourceIp", "$stageVariables", "#foreach"])
      expect(keys).toContain(k);
    for (const e of VTL_CATALOG) expect(e.doc.length, e.label).toBeGreaterThan(10);
    expect(VTL_CATALOG.find((e) => e.key === "$input.json")).toMatchObject({
      label: "$input.json(path)",
      insert: "\\$input.json('\\$${1}')",
      kind: "function",
    });
    expect(VTL_CATALOG.find((e) => e.key === "$util.base64Encode")?.insert).toBe("\\$util.base64Encode(${1})");
    expect(VTL_CATALOG.find((e) => e.label === "$context.authorizer.claims.{name}")?.insert).toBe("\\$context.authorizer.claims.${1:name}");
    // Access-log-only fields are not offered in mapping templates.
    expect(keys).not.toContain("$context.integration.error");
  });

  it("completes this API's stage variables, and only $context/$stageVariables for gateway responses", () => {
    expect(stageVariableEntries(["b", "a", "a"]).map((e) => e.label)).toEqual(["$stageVariables.a", "$stageVariables.b"]);
    const sub = completionEntries("substitution", ["env"]).map((e) => e.key);
    expect(sub).toContain("$stageVariables.env");
    expect(sub).toContain("$context.error.messageString");
    expect(sub.some((k) => k.startsWith("$input") || k.startsWith("$util") || k.startsWith("#"))).toBe(false);
    expect(completionEntries("vtl", []).some((e) => e.key === "$util.escapeJavaScript")).toBe(true);
  });

  it("finds the reference under the cursor", () => {
    const line = `  "id": "$input.params('petId')", "ip": "$!{context.identity.sourceIp}"`;
    expect(referenceAt(line, line.indexOf("$input") + 3)?.text).toBe("$input.params");
    expect(referenceAt(line, line.indexOf("$!{") + 5)?.text).toBe("$context.identity.sourceIp");
    expect(referenceAt(line, 2)).toBeNull();
    expect(referenceAt("#foreach($x in $l)", 3)?.text).toBe("#foreach");
  });

  it("documents references on hover, and flags unknown functions and stage variables", () => {
    expect(hoverDoc("$input.json")?.title).toBe("$input.json(path)");
    expect(hoverDoc("$context.identity.sourceIp")?.doc).toMatch(/IP/);
    expect(hoverDoc("$context.authorizer.claims.email")?.title).toBe("$context.authorizer.claims.email");
    expect(hoverDoc("$context.responseOverride.header.X-A")?.doc).toMatch(/response header/);
    expect(hoverDoc("#foreach")?.doc).toMatch(/1,000/);
    expect(hoverDoc("$util.escapeJson")?.doc).toMatch(/ignores it silently/);
    expect(hoverDoc("$input.bodyx")?.doc).toMatch(/ignores it silently/);
    expect(hoverDoc("$stageVariables.env", ["env"])?.title).toBe("$stageVariables.env");
    expect(hoverDoc("$stageVariables.nope", ["env"])?.doc).toMatch(/not defined/);
    expect(hoverDoc("$stageVariables.nope")?.doc).toMatch(/stage variable/i);
    expect(hoverDoc("$myVar")).toBeNull();
  });
});

describe("diagnostics", () => {
  it("are empty for a template that parses and lints clean", () => {
    expect(diagnose('{"a": "$input.params(\'x\')"}', { contentType: "application/json" })).toEqual([]);
  });

  it("report a parse error at its line and column", () => {
    const [d] = diagnose('{\n  "a": 1\n}\n#if($input.params("x") == "1"');
    expect(d).toMatchObject({ severity: "error", line: 4, code: "parse" });
    expect(d.column).toBeGreaterThan(1);
    expect(d.endLine > d.line || d.endColumn > d.column).toBe(true);
  });

  it("warn about AWS traps, sorted by position", () => {
    const list = diagnose(
      [
        '{"pet": "$input.json(\'$\')",',
        ' "name": "$util.escapeJavaScript($input.path(\'$.n\'))",',
        ' "x": "$util.fooBar(1)", "env": "$stageVariables.nope"}',
      ].join("\n"),
      {
        contentType: "application/json",
        stageVariableNames: ["env"],
      },
    );
    const codes = list.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(["input-json-in-quotes", "escape-javascript-in-json", "unknown-util-function", "undefined-stage-variable"]));
    expect(list.map((d) => d.line)).toEqual([...list.map((d) => d.line)].sort((a, b) => a - b));
    // Stage variables are only checked when the API has stages.
    expect(diagnose('"$stageVariables.nope"').map((d) => d.code)).not.toContain("undefined-stage-variable");
  });

  it("in substitution mode: no VTL parse errors, a note on what is sent as written", () => {
    expect(diagnose("#if(", { mode: "substitution" }).filter((d) => d.severity === "error")).toEqual([]);
    const notes = substitutionDiagnostics('{"m":$context.error.messageString,"b":"$input.body"}\n#if(x)');
    expect(notes.map((n) => [n.line, n.column, n.severity])).toEqual([
      [1, 40, "info"],
      [2, 1, "info"],
    ]);
    expect(diagnose('{"m":$context.error.messageString,"s":"$stageVariables.a"}', { mode: "substitution" })).toEqual([]);
  });
});
