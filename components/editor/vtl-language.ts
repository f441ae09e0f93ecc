"use client";
/**
 * VTL for API Gateway in Monaco: highlighting of VTL inside JSON/XML, completion and hover docs
 * for $input, $util, $context and $stageVariables. Each editor tells the language its mode and
 * this API's stage variable names through `setModelContext` (keyed by the model's URI).
 */
import type * as Monaco from "monaco-editor";
import { completionEntries, completionText, hoverDoc, referenceAt, type CatalogEntry } from "./vtl-catalog";

export const VTL_LANGUAGE_ID = "vtl";

export interface VtlModelContext {
  mode: "vtl" | "substitution";
  stageVariableNames: string[];
}

const contexts = new Map<string, VtlModelContext>();

/** Catalog docs are plain text with `code` spans: keep their backslashes (`\'`) literal in Markdown. */
function markdown(doc: string): { value: string } {
  return { value: doc.replace(/\\/g, "\\\\") };
}

export function setModelContext(uri: string, context: VtlModelContext): void {
  contexts.set(uri, context);
}

export function clearModelContext(uri: string): void {
  contexts.delete(uri);
}

function contextOf(model: Monaco.editor.ITextModel): VtlModelContext {
  return contexts.get(model.uri.toString()) ?? { mode: "vtl", stageVariableNames: [] };
}

const REFERENCE = /\$!?\{?[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\}?/;
const DIRECTIVE = /#\{?(?:set|if|elseif|else|end|foreach|break|stop|macro|evaluate|parse|include|define)\b\}?/;

let registered = false;

/** Highlighting: VTL directives and references, inside JSON (keys, strings) or XML (tags, attributes, comments). */
const VTL_TOKENS: Monaco.languages.IMonarchLanguage = {
  defaultToken: "",
  tokenizer: {
    root: [
      [/##.*$/, "comment"],
      [/#\*/, "comment", "@blockComment"],
      [DIRECTIVE, "keyword"],
      [REFERENCE, "variable"],
      // JSON: keys, strings (with VTL references inside highlighted), literals.
      [/"(?:[^"\\$]|\\.)*"(?=\s*:)/, "type"],
      [/"/, "string", "@dstring"],
      [/'/, "string", "@sstring"],
      // XML: comments and tags.
      [/<!--/, "comment", "@xmlComment"],
      [/<\/?[A-Za-z_][\w:.-]*/, "tag", "@xmlTag"],
      [/\b(?:true|false|null)\b/, "keyword"],
      [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, "number"],
      [/[{}[\]()]/, "@brackets"],
      [/[,:]/, "delimiter"],
    ],
    dstring: [
      [REFERENCE, "variable"],
      [DIRECTIVE, "keyword"],
      [/[^"\\$#]+/, "string"],
      [/\\./, "string.escape"],
      [/"/, "string", "@pop"],
      [/[$#]/, "string"],
    ],
    sstring: [
      [REFERENCE, "variable"],
      [/[^'\\$]+/, "string"],
      [/\\./, "string.escape"],
      [/'/, "string", "@pop"],
      [/\$/, "string"],
    ],
    xmlTag: [
      [/\/?>/, "tag", "@pop"],
      [/[\w:.-]+(?==)/, "attribute.name"],
      [/=/, "delimiter"],
      [/"/, "attribute.value", "@dstring"],
      [/'/, "attribute.value", "@sstring"],
      [REFERENCE, "variable"],
      [/\s+/, ""],
    ],
    xmlComment: [
      [/-->/, "comment", "@pop"],
      [/[^-]+/, "comment"],
      [/-/, "comment"],
    ],
    blockComment: [
      [/\*#/, "comment", "@pop"],
      [/[^*]+/, "comment"],
      [/\*/, "comment"],
    ],
  },
};

export function registerVtl(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: VTL_LANGUAGE_ID });
  // Comments only: no auto-closing or auto-indent, so typed (and pasted) templates stay exactly as written.
  monaco.languages.setLanguageConfiguration(VTL_LANGUAGE_ID, { comments: { lineComment: "##", blockComment: ["#*", "*#"] } });
  monaco.languages.setMonarchTokensProvider(VTL_LANGUAGE_ID, VTL_TOKENS);
  registerCompletion(monaco);
  registerHover(monaco);
}

/** Completion of $input, $util, $context, $stageVariables and directives, with the catalog's docs. */
function registerCompletion(monaco: typeof Monaco): void {
  const kindOf = (e: CatalogEntry) =>
    e.kind === "directive"
      ? monaco.languages.CompletionItemKind.Keyword
      : e.kind === "function"
        ? monaco.languages.CompletionItemKind.Function
        : e.kind === "property"
          ? monaco.languages.CompletionItemKind.Property
          : monaco.languages.CompletionItemKind.Variable;

  monaco.languages.registerCompletionItemProvider(VTL_LANGUAGE_ID, {
    triggerCharacters: ["$", ".", "#"],
    provideCompletionItems(model, position) {
      const { mode, stageVariableNames } = contextOf(model);
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const start = line.search(/[$#][\w.!{]*$/);
      if (start < 0 && mode === "substitution") return { suggestions: [] };
      const range = new monaco.Range(position.lineNumber, start >= 0 ? start + 1 : position.column, position.lineNumber, position.column);
      return {
        suggestions: completionEntries(mode, stageVariableNames).map((e, i) => {
          const { text, snippet } = completionText(e.insert);
          return {
            label: e.label,
            kind: kindOf(e),
            insertText: text,
            // Plain text where possible: see completionText (Enter after `#else` must insert a new line).
            insertTextRules: snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
            documentation: markdown(e.doc),
            detail: e.kind === "directive" ? "VTL directive" : "API Gateway",
            sortText: String(i).padStart(4, "0"),
            range,
          };
        }),
      };
    },
  });
}

/** Hover docs from the catalog; in substitution mode, what will not be substituted says so. */
function registerHover(monaco: typeof Monaco): void {
  monaco.languages.registerHoverProvider(VTL_LANGUAGE_ID, {
    provideHover(model, position) {
      const text = model.getLineContent(position.lineNumber);
      const ref = referenceAt(text, position.column);
      if (!ref) return null;
      const { mode, stageVariableNames } = contextOf(model);
      if (mode === "substitution" && !/^\$(context|stageVariables)\./.test(ref.text)) {
        return {
          range: new monaco.Range(position.lineNumber, ref.start, position.lineNumber, ref.end),
          contents: [
            { value: `**${ref.text}**` },
            {
              value: "Not substituted: gateway-response templates are not run through Velocity; only `$context` and `$stageVariables` references are replaced.",
            },
          ],
        };
      }
      const doc = hoverDoc(ref.text, stageVariableNames);
      if (!doc) return null;
      return {
        range: new monaco.Range(position.lineNumber, ref.start, position.lineNumber, ref.end),
        contents: [markdown(`**${doc.title}**`), markdown(doc.doc)],
      };
    },
  });
}
