/** The form primitives: labels tied to controls, errors described and findable, disabled controls that look disabled. */
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Button } from "../../components/ui/button";
import { Checkbox, Field, SelectField, TextAreaField } from "../../components/ui/field";
import { FormError, fieldsShown } from "../../components/ui/form-error";

const attr = (html: string, tag: string, name: string) => new RegExp(`<${tag}[^>]*\\s${name}="([^"]*)"`).exec(html)?.[1];

describe("fields", () => {
  it("ties the label to the input and describes the input by its error, which names its field", () => {
    const html = renderToStaticMarkup(h(Field, { label: "Stage name", name: "stage.name", error: "Stage name only allows a-zA-Z0-9_", hint: "dev" }));
    const id = attr(html, "input", "id");
    expect(attr(html, "label", "for")).toBe(id);
    expect(attr(html, "input", "aria-invalid")).toBe("true");
    expect(attr(html, "input", "aria-describedby")).toBe(`${id}-error`);
    expect(html).toContain(`id="${id}-error" class="mt-1 text-xs text-red-600" data-field-error="stage.name">Stage name only allows a-zA-Z0-9_</p>`);
    expect(html).not.toContain(">dev<"); // the hint gives way to the error
  });

  it("describes the input by its hint when there is no error", () => {
    const html = renderToStaticMarkup(h(Field, { label: "Region", name: "region", hint: "e.g. us-east-1" }));
    expect(attr(html, "input", "aria-describedby")).toBe(`${attr(html, "input", "id")}-hint`);
    expect(attr(html, "input", "aria-invalid")).toBe("false");
  });

  it("greys disabled controls so a viewer sees they cannot edit them", () => {
    for (const el of [
      h(Field, { label: "A", disabled: true }),
      h(SelectField, { label: "B", options: ["x"], disabled: true }),
      h(TextAreaField, { label: "C", disabled: true }),
    ]) {
      const html = renderToStaticMarkup(el);
      expect(html).toContain("disabled=");
      expect(html).toContain("disabled:bg-slate-100");
    }
  });

  it("renders select options from strings and value/label pairs, and a textarea with its label", () => {
    const select = renderToStaticMarkup(
      h(SelectField, { label: "Role", name: "role", options: ["viewer", { value: "a", label: "Admin" }], defaultValue: "a" }),
    );
    expect(select).toContain('<option value="viewer">viewer</option>');
    expect(select).toContain('<option value="a" selected="">Admin</option>');
    const area = renderToStaticMarkup(h(TextAreaField, { label: "Stage variables (name=value per line)", name: "stage.variables", mono: true }));
    expect(attr(area, "label", "for")).toBe(attr(area, "textarea", "id"));
    expect(area).toContain("font-mono");
  });

  it("wraps a checkbox in its label", () => {
    const html = renderToStaticMarkup(h(Checkbox, { label: "Canary uses the stage cache", checked: true, readOnly: true }));
    expect(html).toMatch(/^<label[^>]*><input type="checkbox"[^>]*checked=""[^>]*\/><span>Canary uses the stage cache<\/span><\/label>$/);
  });
});

describe("Button", () => {
  it("is a plain button unless it says submit, and is disabled and busy while pending", () => {
    expect(attr(renderToStaticMarkup(h(Button, null, "Save")), "button", "type")).toBe("button");
    expect(attr(renderToStaticMarkup(h(Button, { type: "submit" }, "Save")), "button", "type")).toBe("submit");
    const pending = renderToStaticMarkup(h(Button, { pending: true }, "Save"));
    expect(pending).toContain('disabled=""');
    expect(pending).toContain('aria-busy="true"');
    expect(renderToStaticMarkup(h(Button, null, "Save"))).not.toContain("aria-busy");
  });
});

describe("FormError", () => {
  it("shows a form-level failure as an alert, and nothing without one", () => {
    expect(renderToStaticMarkup(h(FormError, { failure: null }))).toBe("");
    const html = renderToStaticMarkup(h(FormError, { failure: { status: 403, error: "Your role cannot do this" } }));
    expect(html).toContain('role="alert"');
    expect(html).toContain("Your role cannot do this");
    expect(html).not.toContain("Reload");
  });

  it("with field errors the form shows, points at the fields instead of repeating a message, or stays quiet", () => {
    const failure = { status: 400, error: "Some fields are not valid", fieldErrors: { name: "Name is required" } };
    expect(renderToStaticMarkup(h(FormError, { failure, fieldShown: fieldsShown("name") }))).toBe("");
    expect(renderToStaticMarkup(h(FormError, { failure, fieldShown: fieldsShown("name"), fieldsNote: true }))).toContain("see the messages next to them");
  });

  it("by default spells every field's message out: a form that does not say which fields it shows never hides a refusal", () => {
    // A deployment refused for its design, from a form that shows only a description, said nothing at all.
    const failure = {
      status: 400,
      error: "design: The REST API doesn't contain any methods",
      fieldErrors: { design: "The REST API doesn't contain any methods" },
    };
    expect(renderToStaticMarkup(h(FormError, { failure }))).toContain("The REST API doesn&#x27;t contain any methods");
    expect(renderToStaticMarkup(h(FormError, { failure, fieldShown: fieldsShown("description") }))).toContain("The REST API doesn&#x27;t contain any methods");
  });

  it("spells out the messages of fields the form does not show (found by a promotion refused for its deployment)", () => {
    const failure = {
      status: 400,
      error: "Some fields are not valid",
      fieldErrors: { deploymentId: "The stage already runs that deployment", name: "Name is required" },
    };
    const html = renderToStaticMarkup(h(FormError, { failure, fieldsNote: true, fieldShown: (f: string) => f === "name" }));
    expect(html).toContain("The stage already runs that deployment");
    expect(html).not.toContain("Name is required");
    expect(html).toContain("Other fields: see the messages next to them.");
    const none = renderToStaticMarkup(h(FormError, { failure, fieldShown: () => false }));
    expect(none).toContain("The stage already runs that deployment Name is required");
  });

  it("offers a reload on a 409 when the form can reload", () => {
    const failure = { status: 409, error: "Someone else saved first" };
    expect(renderToStaticMarkup(h(FormError, { failure, onReload: () => {} }))).toContain(">Reload</button>");
    expect(renderToStaticMarkup(h(FormError, { failure }))).not.toContain("Reload");
  });
});
