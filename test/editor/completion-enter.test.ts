/**
 * Issue #14 item 4: typing `#else⏎` or `#end⏎` accepted the identical suggestion and lost the new
 * line. Monaco's `acceptSuggestionOnEnter: "smart"` binds Enter to "accept" only when the focused
 * item changes the text, and it can tell only for plain-text items (never for snippets): this is
 * its rule (suggestController.js, the `MakesTextEdit` context key), applied to our items.
 */
import { describe, expect, it } from "vitest";
import { CODE_EDITOR_OPTIONS } from "@/components/editor/editor-options";
import { completionEntries, completionText, VTL_CATALOG } from "@/components/editor/vtl-catalog";

/** Monaco (smart, auto-triggered, no additional edits): does Enter accept the item, or insert a new line? */
function enterAccepts(typed: string, insert: string): boolean {
  const { text, snippet } = completionText(insert);
  if (CODE_EDITOR_OPTIONS.acceptSuggestionOnEnter !== "smart") return true;
  if (snippet || typed.length !== text.length) return true;
  return typed !== text;
}

const insertOf = (key: string) => {
  const e = completionEntries("vtl", ["backend"]).find((c) => c.key === key);
  if (!e) throw new Error(`no catalog entry ${key}`);
  return e.insert;
};

describe("Enter after a complete word", () => {
  it("starts a new line after #else, #end, #break, #stop and #elseif typed in full", () => {
    for (const d of ["#else", "#end", "#break", "#stop", "#elseif"]) expect(enterAccepts(d, insertOf(d)), d).toBe(false);
  });

  it("starts a new line after a complete reference without arguments", () => {
    for (const r of ["$input.body", "$context.requestId", "$context.identity.sourceIp", "$stageVariables.backend"])
      expect(enterAccepts(r, insertOf(r)), r).toBe(false);
  });

  it("still accepts a suggestion that completes or expands what is typed", () => {
    expect(enterAccepts("#els", insertOf("#else"))).toBe(true);
    expect(enterAccepts("#en", insertOf("#end"))).toBe(true);
    expect(enterAccepts("#if", insertOf("#if"))).toBe(true); // the #if … #end skeleton
    expect(enterAccepts("#foreach", insertOf("#foreach"))).toBe(true);
    expect(enterAccepts("$input.json", insertOf("$input.json"))).toBe(true); // adds ('$')
  });
});

describe("completionText", () => {
  it("inserts entries without tab stops as the plain text the user types", () => {
    expect(completionText("#else")).toEqual({ text: "#else", snippet: false });
    expect(completionText("\\$input.body")).toEqual({ text: "$input.body", snippet: false });
    expect(completionText("\\$util.urlEncode()")).toEqual({ text: "$util.urlEncode()", snippet: false });
  });

  it("keeps snippets with tab stops or placeholders as snippets", () => {
    expect(completionText("\\$input.json('\\$${1}')")).toEqual({ text: "\\$input.json('\\$${1}')", snippet: true });
    expect(completionText("#if(${1})\n${2}\n#end").snippet).toBe(true);
    expect(completionText("\\$context.authorizer.claims.${1:name}").snippet).toBe(true);
  });

  it("leaves every catalog entry either a snippet or text free of snippet escapes", () => {
    for (const e of VTL_CATALOG) {
      const { text, snippet } = completionText(e.insert);
      if (!snippet) expect(text, e.key).not.toMatch(/\\[$}\\]/);
      else expect(text, e.key).toBe(e.insert);
    }
  });
});
