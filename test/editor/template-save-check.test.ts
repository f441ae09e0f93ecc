/** Issue #14 item 5: a template the editor marks as broken must not save silently. */
import { describe, expect, it } from "vitest";
import { saveWarning, templateErrors } from "@/components/editor/template-save-check";

const broken = ["{", '  "id": "$input.params(\'petId\')"', "}", "#if($input.params('petId') == \"0\""].join("\n");

describe("templateErrors", () => {
  it("finds the parse error the editor marks, by content type, and nothing in good templates", () => {
    const found = templateErrors({ "application/json": broken, "application/xml": "<pet>$input.params('petId')</pet>" });
    expect(found).toHaveLength(1);
    expect(found[0].contentType).toBe("application/json");
    expect(found[0].errors.map((e) => [e.severity, e.line])).toEqual([["error", 4]]);
  });

  it("does not count warnings (the editor's lints for AWS traps) as errors", () => {
    expect(templateErrors({ "application/json": `{"pet": "$input.json('$')"}` })).toEqual([]);
  });
});

describe("saveWarning", () => {
  it("says nothing when there is no error", () => {
    expect(saveWarning(templateErrors({ "application/json": '{"id": "$input.params(\'petId\')"}' }))).toBeNull();
    expect(saveWarning([])).toBeNull();
  });

  it("counts the errors, says where, and that saving stays possible but requests fail", () => {
    expect(saveWarning(templateErrors({ "application/json": broken }))).toBe(
      '1 template error (application/json line 4). Saving is allowed, as on AWS, but requests that run this template fail with 500 "Internal server error" until fixed.',
    );
    const two = saveWarning(templateErrors({ "application/json": broken, "text/plain": "#set($x = )" }));
    expect(two).toMatch(/^2 template errors \(application\/json line 4; text\/plain line 1\)\. Saving is allowed/);
    expect(two).toContain("these templates");
  });
});
