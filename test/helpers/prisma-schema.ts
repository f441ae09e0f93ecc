/**
 * A small reader for prisma/schema.prisma: models, their scalar fields with column names,
 * types and optionality, unique/id constraints, and enums. Enough to prove the SQL
 * migrations build the schema Prisma expects, without Prisma's (unavailable) schema engine.
 */
import { readFileSync } from "node:fs";

export interface SchemaField {
  name: string;
  column: string;
  type: string;
  optional: boolean;
  list: boolean;
  nativeType?: string;
  isId: boolean;
  isUnique: boolean;
}

export interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
  compoundIds: string[][];
  compoundUniques: string[][];
}

export interface ParsedSchema {
  models: SchemaModel[];
  enums: Record<string, string[]>;
}

const SCALARS = new Set(["String", "Int", "BigInt", "Boolean", "DateTime", "Json", "Float", "Decimal", "Bytes"]);

export function parsePrismaSchema(path: string): ParsedSchema {
  const text = readFileSync(path, "utf8").replace(/\/\/.*$/gm, "");
  const enums: Record<string, string[]> = {};
  const blocks: { kind: string; name: string; lines: string[] }[] = [];
  // Blocks open with `model X {` / `enum X {` and close with a line holding only `}`
  // (a field's `@default("{}")` must not end one).
  let current: { kind: string; name: string; lines: string[] } | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const open = /^(model|enum)\s+(\w+)\s*\{$/.exec(line);
    if (open) current = { kind: open[1], name: open[2], lines: [] };
    else if (line === "}" && current) {
      blocks.push(current);
      current = null;
    } else if (current && line) current.lines.push(line);
  }
  for (const b of blocks.filter((b) => b.kind === "enum")) enums[b.name] = b.lines;
  const models: SchemaModel[] = [];
  for (const b of blocks.filter((b) => b.kind === "model")) {
    const model: SchemaModel = { name: b.name, table: b.name, fields: [], compoundIds: [], compoundUniques: [] };
    for (const line of b.lines) {
      if (line.startsWith("@@map")) model.table = /"([^"]+)"/.exec(line)![1];
      else if (line.startsWith("@@id")) model.compoundIds.push(listOf(line));
      else if (line.startsWith("@@unique")) model.compoundUniques.push(listOf(line));
      else if (line.startsWith("@@")) continue;
      else {
        const [fieldName, typeToken] = line.split(/\s+/);
        const baseType = typeToken.replace(/[?[\]]/g, "");
        if (!SCALARS.has(baseType) && !enums[baseType]) continue; // relation field
        model.fields.push({
          name: fieldName,
          column: /@map\("([^"]+)"\)/.exec(line)?.[1] ?? fieldName,
          type: baseType,
          optional: typeToken.endsWith("?"),
          list: typeToken.endsWith("[]"),
          nativeType: /@db\.(\w+)/.exec(line)?.[1],
          isId: /@id\b/.test(line),
          isUnique: /@unique\b/.test(line),
        });
      }
    }
    models.push(model);
  }
  return { models, enums };
}

function listOf(line: string): string[] {
  return /\[([^\]]+)\]/
    .exec(line)![1]
    .split(",")
    .map((s) => s.trim());
}

/** The PostgreSQL udt_name Prisma's migrations use for a field. */
export function expectedUdt(field: SchemaField): string {
  if (field.nativeType === "Uuid") return "uuid";
  if (field.nativeType === "Timestamptz") return "timestamptz";
  switch (field.type) {
    case "String":
      return "text";
    case "Int":
      return "int4";
    case "BigInt":
      return "int8";
    case "Boolean":
      return "bool";
    case "DateTime":
      return "timestamp";
    case "Json":
      return "jsonb";
    case "Float":
      return "float8";
    default:
      return field.type; // enums keep their type name
  }
}
