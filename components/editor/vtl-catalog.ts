/**
 * What the editor offers for completion and hover, built from the engine's catalog
 * (lib/template/catalog.ts: `$input`, `$util`, `$context`, `$stageVariables`, directives) plus this
 * API's stage variable names. Pure (no Monaco); unit-tested in test/editor.
 */
import { lookupCatalog, TEMPLATE_CATALOG, type CatalogEntry as EngineEntry } from "@/lib/template/catalog";

export interface CatalogEntry {
  /** The reference as written without arguments: `$input.json`, `$context.identity.sourceIp`, `#foreach`. */
  key: string;
  /** Shown in the completion list: `$input.json(path)`. */
  label: string;
  /** Monaco snippet syntax (`$` escaped as `\$`). */
  insert: string;
  /** Markdown. */
  doc: string;
  kind: "function" | "property" | "directive" | "variable";
}

/** Snippets that help more than the bare name. */
const SNIPPETS: Record<string, string> = {
  "input.json": "\\$input.json('\\$${1}')",
  "input.path": "\\$input.path('\\$${1}')",
  "input.params": "\\$input.params(${1})",
  "#foreach": "#foreach(\\$${1:item} in \\$${2:list})\n${3}#if(\\$foreach.hasNext),#end\n#end",
  "#if": "#if(${1})\n${2}\n#end",
  "#set": "#set(\\$${1:name} = ${2})",
  "#macro": "#macro(${1:name} \\$${2:arg})\n${3}\n#end",
};

function fromEngine(e: EngineEntry): CatalogEntry {
  const directive = e.kind === "directive";
  const key = directive ? e.path : `$${e.path.replace(/\.\{[^}]+\}$/, "")}`;
  let insert = SNIPPETS[e.path];
  if (!insert) {
    if (directive) insert = e.path;
    else if (e.placeholder) insert = `\\$${e.path.replace(/\{([^}]+)\}/g, (_, n: string) => `\${1:${n}}`)}`;
    else if (e.kind === "method") insert = `\\$${e.path}(${e.arity?.every((a) => a === 0) ? "" : "${1}"})`;
    else insert = `\\$${e.path}`;
  }
  const label = e.placeholder ? `$${e.path}` : e.signature;
  const kind = directive ? "directive" : e.kind === "method" ? "function" : e.kind;
  return { key, label, insert, doc: e.doc, kind };
}

/** The engine's catalog in editor terms; access-log-only `$context` fields are left out (not in mapping templates). */
export const VTL_CATALOG: CatalogEntry[] = TEMPLATE_CATALOG.filter((e) => !e.accessLogOnly).map(fromEngine);

/** `$stageVariables.<name>` entries for this API's stages. */
export function stageVariableEntries(names: string[]): CatalogEntry[] {
  return [...new Set(names)].sort().map((n) => ({
    key: `$stageVariables.${n}`,
    label: `$stageVariables.${n}`,
    insert: `\\$stageVariables.${n}`,
    doc: `Stage variable \`${n}\`, defined on at least one of this API's stages.`,
    kind: "variable",
  }));
}

/** What to offer: everything for VTL; only `$context` and `$stageVariables` for gateway responses (substitution only). */
export function completionEntries(mode: "vtl" | "substitution", stageVariableNames: string[]): CatalogEntry[] {
  const all = [...VTL_CATALOG, ...stageVariableEntries(stageVariableNames)];
  if (mode === "vtl") return all;
  return all.filter((e) => /^\$(context|stageVariables)\b/.test(e.key));
}

/** The `$reference` under a 1-based column of a line, without `!`/`{}`: `$input.json`, `$context.identity.sourceIp`. */
export function referenceAt(line: string, column: number): { text: string; start: number; end: number } | null {
  const re = /\$!?\{?([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*)\}?|#\{?(set|if|elseif|else|end|foreach|break|stop|macro|define|evaluate|literal)\b\}?/g;
  for (const m of line.matchAll(re)) {
    const start = m.index + 1;
    const end = start + m[0].length;
    if (column >= start && column <= end) return { text: m[1] !== undefined ? `$${m[1]}` : `#${m[2]}`, start, end };
  }
  return null;
}

/**
 * Hover documentation for a reference: the catalog entry for it, or for its longest documented
 * prefix (`$input.json('$').size` → `$input.json`); unknown `$util`/`$input` members and stage
 * variables no stage defines are flagged.
 */
export function hoverDoc(reference: string, stageVariableNames?: string[]): { title: string; doc: string } | null {
  const sv = /^\$stageVariables\.([\w-]+)/.exec(reference);
  if (sv) {
    if (stageVariableNames?.includes(sv[1]))
      return { title: `$stageVariables.${sv[1]}`, doc: `Stage variable \`${sv[1]}\`, defined on at least one of this API's stages.` };
    if (stageVariableNames)
      return {
        title: `$stageVariables.${sv[1]}`,
        doc: `Stage variable \`${sv[1]}\` is not defined on any of this API's stages: it renders as an empty string.`,
      };
  }
  if (reference.startsWith("#")) {
    const e = lookupCatalog(reference);
    return e ? { title: e.signature, doc: e.doc } : null;
  }
  const segs = reference.slice(1).split(".");
  for (let n = segs.length; n > 0; n--) {
    const e = lookupCatalog(segs.slice(0, n).join("."));
    if (!e) continue;
    if (n < segs.length && n === 1 && (segs[0] === "util" || segs[0] === "input")) break;
    return { title: e.placeholder ? `$${segs.slice(0, n).join(".")}` : e.signature, doc: e.doc };
  }
  const m = /^\$(util|input)\.([\w-]+)/.exec(reference);
  if (m)
    return { title: `$${m[1]}.${m[2]}`, doc: `Not a \`$${m[1]}\` member API Gateway knows: AWS ignores it silently and renders the reference as written.` };
  return null;
}

/**
 * How a catalog entry is inserted: as a snippet only when it has tab stops or placeholders
 * (`${1}`, `$1`), else as the plain text the user would type (`\$` unescaped). Monaco's
 * `acceptSuggestionOnEnter: "smart"` lets Enter accept only a suggestion that changes the text,
 * and it can only tell for plain-text items: so typing `#else⏎` or `#end⏎` (the suggestion
 * equal to what is typed) inserts the new line instead of swallowing the Enter.
 */
export function completionText(insert: string): { text: string; snippet: boolean } {
  if (/(?<!\\)\$(?:\d|\{)/.test(insert)) return { text: insert, snippet: true };
  return { text: insert.replace(/\\([$}\\])/g, "$1"), snippet: false };
}
