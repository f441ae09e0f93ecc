/**
 * Issue #14 item 5: saving a template reset the sample-request inputs (the designer remounts its
 * cards with the saved design). A preview mounted afresh for the same method shows what the user
 * typed; for another method it starts from that method's defaults.
 */
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { defaultSample } from "@/components/editor/preview-input";
import { PREVIEW_SAMPLES, sampleKey } from "@/components/editor/sample-store";
import { TemplatePreview } from "@/components/editor/template-preview";

const petGet = { httpMethod: "GET", resourcePath: "/pets/{petId}" };
const props = { template: "$input.params('petId')", mode: "vtl" as const, contentType: "application/json", method: petGet, kind: "request" as const };

describe("TemplatePreview's sample request", () => {
  it("is what the user typed for this method when the preview is mounted again (after a save)", () => {
    const typed = { ...defaultSample(petGet), path: "petId=rex-7", querystring: "limit=3", body: '{"name":"Rex"}' };
    PREVIEW_SAMPLES.set(sampleKey({ kind: "request", contentType: "application/json", method: petGet }), typed);
    const html = renderToStaticMarkup(h(TemplatePreview, props));
    expect(html).toContain("petId=rex-7");
    expect(html).toContain("limit=3");
    expect(html).toContain("{&quot;name&quot;:&quot;Rex&quot;}");
    // The first render already uses it: the output is the template rendered against the typed sample.
    expect(html).toMatch(/data-testid="template-preview-output"[^>]*>rex-7</);
  });

  it("starts from the method's defaults for a method nobody typed a sample for", () => {
    const html = renderToStaticMarkup(h(TemplatePreview, { ...props, method: { httpMethod: "DELETE", resourcePath: "/owners/{ownerId}" } }));
    expect(html).toContain("ownerId=");
    expect(html).not.toContain("petId=rex-7");
    expect(html).toContain("/owners/{ownerId}");
  });
});
