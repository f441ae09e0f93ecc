/**
 * Reading a design from a file, whatever it is: a Gatehouse design or snapshot (an ApiDesign, or
 * `{ "design": … }` / `{ "snapshot": … }` around one), or an OpenAPI 3 / Swagger 2 document in
 * JSON or YAML with API Gateway's `x-amazon-apigateway-*` extensions. Errors name the file and,
 * where they can, the line and column or the JSON pointer of what is wrong.
 */
import { readFileSync, statSync } from "node:fs";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { ZodError } from "zod";
import { type ApiDesign, parseDesign } from "../model/design";
import { importOpenApi, isOpenApiDocument, OpenApiImportError } from "./import";
import { documentDepthProblem, documentSizeProblem, MAX_YAML_ALIASES } from "./limits";

export class DesignLoadError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    /** JSON pointer of the offending value, when known. */
    readonly pointer?: string,
  ) {
    super(`${file}: ${pointer ? `at ${pointer}: ` : ""}${detail}`);
    this.name = "DesignLoadError";
  }
}

const escapePointer = (k: PropertyKey) => String(k).replace(/~/g, "~0").replace(/\//g, "~1");

function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return `line ${line}, column ${column}`;
}

/**
 * Where a JSON syntax error is, when JSON.parse's message doesn't say (Node 20 often doesn't):
 * JSON is YAML, and the YAML parser reports line and column.
 */
function jsonErrorPlace(text: string): string {
  try {
    parseYaml(text, { prettyErrors: true });
  } catch (e) {
    const pos = e instanceof YAMLParseError ? e.linePos?.[0] : undefined;
    if (pos) return ` (line ${pos.line}, column ${pos.col})`;
  }
  return "";
}

/**
 * Parses JSON, or YAML when the file is .yaml/.yml or doesn't look like JSON. Any failure —
 * syntax, an alias bomb, nesting deeper than a document needs — is a DesignLoadError.
 */
export function parseDocumentText(text: string, file: string): unknown {
  const doc = parseDocumentSyntax(text, file);
  const tooDeep = documentDepthProblem(doc);
  if (tooDeep) throw new DesignLoadError(file, tooDeep);
  return doc;
}

/** parseDocumentText without the depth check (for a caller that checks depth in steps). */
export function parseDocumentSyntax(text: string, file: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  const yamlName = /\.ya?ml$/i.test(file);
  if (!yamlName && (trimmed.startsWith("{") || trimmed.startsWith("[") || /\.json$/i.test(file))) {
    try {
      return JSON.parse(trimmed);
    } catch (e) {
      const message = (e as Error).message;
      const at = /position (\d+)/.exec(message);
      const where = at ? ` (${lineColumn(trimmed, Number(at[1]))})` : jsonErrorPlace(trimmed);
      throw new DesignLoadError(file, `invalid JSON${where}: ${message.replace(/\s*\n\s*/g, " ")}`);
    }
  }
  try {
    return parseYaml(trimmed, { prettyErrors: true, maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    const pos = e instanceof YAMLParseError ? e.linePos?.[0] : undefined;
    const where = pos ? ` (line ${pos.line}, column ${pos.col})` : "";
    // Not only YAMLParseError: an alias bomb is a ReferenceError, deep nesting a RangeError.
    throw new DesignLoadError(file, `invalid YAML${where}: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
  }
}

/** A document file's text, refused before it is read when it is over API Gateway's 6 MB. */
export function readDocumentFile(path: string): string {
  try {
    const tooBig = documentSizeProblem(statSync(path).size);
    if (tooBig) throw new DesignLoadError(path, tooBig);
    return readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof DesignLoadError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new DesignLoadError(path, err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory, not a file" : err.message);
  }
}

/**
 * Turns a parsed document into a design: OpenAPI documents are imported, Gatehouse documents
 * (bare or wrapped in `design` / `snapshot`) are validated and get AWS's defaults filled in.
 */
export function designFromDocument(doc: unknown, file = "(input)"): ApiDesign {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new DesignLoadError(file, "expected a JSON object: a Gatehouse design or snapshot, or an OpenAPI 3 / Swagger 2 document");
  }
  if (isOpenApiDocument(doc)) {
    try {
      return importOpenApi(doc);
    } catch (e) {
      if (e instanceof OpenApiImportError) throw new DesignLoadError(file, e.message.slice(e.pointer ? e.pointer.length + 2 : 0), e.pointer || undefined);
      throw e;
    }
  }
  const obj = doc as Record<string, unknown>;
  let design: unknown = doc;
  let base = "";
  for (const wrapper of ["design", "snapshot"]) {
    if (!("resources" in obj) && typeof obj[wrapper] === "object" && obj[wrapper] !== null) {
      design = obj[wrapper];
      base = `/${wrapper}`;
      break;
    }
  }
  if (!Array.isArray((design as Record<string, unknown>).resources)) {
    throw new DesignLoadError(
      file,
      'not a design: expected "resources" (a Gatehouse design), "design" or "snapshot" (a wrapped one), or "openapi" / "swagger" (an OpenAPI document)',
      base || undefined,
    );
  }
  let parsed: ApiDesign;
  try {
    parsed = parseDesign(design);
  } catch (e) {
    if (e instanceof ZodError) {
      const issue = e.issues[0];
      throw new DesignLoadError(file, issue.message, `${base}/${issue.path.map(escapePointer).join("/")}`);
    }
    throw e;
  }
  checkTree(parsed, file, base);
  return parsed;
}

/** One root, every parent present, no cycles: what a path can be computed from. */
function checkTree(design: ApiDesign, file: string, base: string): void {
  const ids = new Map<string, number>();
  design.resources.forEach((r, i) => {
    if (ids.has(r.id)) throw new DesignLoadError(file, `duplicate resource id ${JSON.stringify(r.id)}`, `${base}/resources/${i}/id`);
    ids.set(r.id, i);
  });
  const roots = design.resources.filter((r) => r.parentId === null);
  if (roots.length !== 1) throw new DesignLoadError(file, `expected exactly one root resource (parentId null), found ${roots.length}`, `${base}/resources`);
  design.resources.forEach((r, i) => {
    if (r.parentId !== null && !ids.has(r.parentId))
      throw new DesignLoadError(file, `parent ${JSON.stringify(r.parentId)} does not exist`, `${base}/resources/${i}/parentId`);
    const seen = new Set<string>();
    for (let cur = r; cur.parentId !== null; cur = design.resources[ids.get(cur.parentId)!]) {
      if (seen.has(cur.id)) throw new DesignLoadError(file, `resource tree has a cycle through ${JSON.stringify(cur.id)}`, `${base}/resources/${i}/parentId`);
      seen.add(cur.id);
    }
  });
}

/** Reads a design from a Gatehouse JSON file or an OpenAPI 3 / Swagger 2 JSON or YAML file. */
export function loadDesignFile(path: string): ApiDesign {
  return designFromDocument(parseDocumentText(readDocumentFile(path), path), path);
}
