/** The warning next to a template Save button: shown (as a status) when a template has errors, absent otherwise. */
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TemplateSaveWarning } from "@/components/editor/template-save-warning";

describe("TemplateSaveWarning", () => {
  it("tells of the errors a save would keep", () => {
    const html = renderToStaticMarkup(h(TemplateSaveWarning, { templates: { "application/json": "#if($x" } }));
    expect(html).toContain('role="status"');
    expect(html).toContain('data-testid="template-save-warning"');
    expect(html).toContain("1 template error (application/json line 1)");
  });

  it("renders nothing for good templates", () => {
    expect(renderToStaticMarkup(h(TemplateSaveWarning, { templates: { "application/json": '{"ok": true}' } }))).toBe("");
  });
});
