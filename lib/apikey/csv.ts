/**
 * API Gateway's API key file (ImportApiKeys, format csv): a header naming `name` and `key`
 * (required) and `description`, `enabled`, `usageplanIds` (optional), case-insensitive, in any
 * order; other columns are ignored. Fields may be quoted with " or ' (so `"id1,id2"` lists several
 * plans); enabled defaults to true. Every bad row is reported with its line and column; the
 * messages never repeat a key's value.
 */
import type { FieldIssue } from "../errors";
import { apiKeyCreateSchema } from "./rules";

export interface ImportedKey {
  line: number;
  name: string;
  value: string;
  description: string;
  enabled: boolean;
  usagePlanIds: string[];
}

const COLUMNS = ["name", "key", "description", "enabled", "usageplanids"] as const;
type Column = (typeof COLUMNS)[number];
/** Names the issues as the file does, so a reader finds the cell. */
const COLUMN_OF_FIELD: Record<string, Column> = { name: "name", value: "key", description: "description", enabled: "enabled" };

/** Splits CSV text into records of fields, each with the line it starts on. Quotes may span lines. */
export function splitCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quote: string | null = null;
  let line = 1;
  let start = 1;
  const src = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quote) {
      if (c === quote && src[i + 1] === quote) {
        field += c;
        i++;
      } else if (c === quote) quote = null;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if ((c === '"' || c === "'") && field === "") quote = c;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && src[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ line: start, fields });
      fields = [];
      field = "";
      start = ++line;
    } else field += c;
  }
  if (field !== "" || fields.length) {
    fields.push(field);
    records.push({ line: start, fields });
  }
  return records.filter((r) => r.fields.some((f) => f.trim() !== ""));
}

function parseEnabled(raw: string | undefined): boolean | null {
  const v = (raw ?? "").trim().toLowerCase();
  if (v === "" || v === "true") return true;
  if (v === "false") return false;
  return null;
}

/** The file's good rows and every problem in the others (the import writes nothing while there is one). */
export function parseApiKeyCsv(text: string): { keys: ImportedKey[]; issues: FieldIssue[] } {
  const [header, ...rows] = splitCsv(text);
  if (!header) return { keys: [], issues: [{ field: "file", message: "The file is empty: it needs a header with name and key" }] };
  const index = new Map<Column, number>();
  header.fields.forEach((h, i) => {
    const name = h.trim().toLowerCase() as Column;
    if (COLUMNS.includes(name) && !index.has(name)) index.set(name, i);
  });
  const missing = (["name", "key"] as const).filter((c) => !index.has(c));
  if (missing.length) return { keys: [], issues: missing.map((c) => ({ field: `line 1.${c}`, message: `The header has no ${c} column` })) };
  if (!rows.length) return { keys: [], issues: [{ field: "file", message: "The file has no keys below its header" }] };
  const keys: ImportedKey[] = [];
  const issues: FieldIssue[] = [];
  const firstLineOfValue = new Map<string, number>();
  for (const row of rows) {
    const cell = (c: Column) => (index.has(c) ? (row.fields[index.get(c)!] ?? "") : "");
    const rowIssues: FieldIssue[] = [];
    const enabled = parseEnabled(cell("enabled"));
    if (enabled === null) rowIssues.push({ field: `line ${row.line}.enabled`, message: "enabled is true or false" });
    const parsed = apiKeyCreateSchema.safeParse({ name: cell("name"), value: cell("key").trim(), description: cell("description"), enabled: enabled ?? true });
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        rowIssues.push({ field: `line ${row.line}.${COLUMN_OF_FIELD[String(i.path[0])] ?? String(i.path[0])}`, message: i.message });
    } else if (!parsed.data.value) rowIssues.push({ field: `line ${row.line}.key`, message: "A key is required" });
    const value = cell("key").trim();
    const earlier = firstLineOfValue.get(value);
    if (value && earlier !== undefined) rowIssues.push({ field: `line ${row.line}.key`, message: `The same key as line ${earlier}` });
    else if (value) firstLineOfValue.set(value, row.line);
    if (rowIssues.length || !parsed.success) {
      issues.push(...rowIssues);
      continue;
    }
    const usagePlanIds = cell("usageplanids")
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean);
    keys.push({ line: row.line, name: parsed.data.name, value, description: parsed.data.description, enabled: parsed.data.enabled, usagePlanIds });
  }
  return { keys, issues };
}
