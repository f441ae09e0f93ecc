/**
 * OpenAPI 3 / Swagger 2 (with API Gateway's `x-amazon-apigateway-*` extensions) → ApiDesign,
 * as `ImportRestApi` reads it:
 * - paths → resources, one per path segment (intermediate segments created without methods);
 * - operations → methods (`x-amazon-apigateway-any-method` → ANY), operationId → operationName;
 * - parameters (`in: path|query|header`, path-level merged under operation-level, local `$ref`s
 *   resolved) → requestParameters `method.request.{path|querystring|header}.NAME: required`;
 * - requestBody / `in: body` schema `$ref` → requestModels; responses → methodResponses
 *   (headers → `method.response.header.X`, schema `$ref` → responseModels);
 * - `x-amazon-apigateway-integration` → integration (lower-case enums upper-cased; `responses`
 *   keyed by selection pattern → integrationResponses keyed by statusCode, the key becoming the
 *   selectionPattern unless it is `default`);
 * - components.schemas / definitions → models (schema as JSON text, references between models
 *   rewritten to API Gateway's model URLs); an inline (non-`$ref`) request or response schema
 *   becomes a generated model (`{Operation}Request`, `{Operation}Response{status}`), as
 *   ImportRestApi makes one; `x-gatehouse-models` (a lossless export) restores a model's
 *   description, content type and non-JSON schema; `x-gatehouse-multivalue` on a parameter
 *   makes it `method.request.multivalue{querystring|header}.NAME`;
 * - the base path (Swagger 2 `basePath`, OpenAPI 3 `servers`) is ignored, prepended or split
 *   as ImportRestApi's `basepath` parameter says (`options.basePath`, default ignore);
 * - security schemes with `x-amazon-apigateway-authorizer` → authorizers (a method using one
 *   becomes CUSTOM or COGNITO_USER_POOLS), `awsSigv4` → AWS_IAM, an `apiKey` scheme without
 *   an authorizer → apiKeyRequired; `x-amazon-apigateway-auth` overrides;
 * - `x-amazon-apigateway-request-validators` (+ root / operation `-request-validator`),
 *   `-gateway-responses`, `-binary-media-types`, `-endpoint-configuration`, `-api-key-source`,
 *   `-minimum-compression-size`, `-policy`.
 * Ids are derived from names and paths, so importing the same file twice gives the same ids.
 *
 * Errors: every problem found is collected (one per model, validator, authorizer, gateway
 * response, operation and API setting, plus AWS's own rules: path part syntax, sibling
 * `{params}`, 300 resources, integration timeout, Lambda POST, selection-pattern regexes,
 * alphanumeric model names, references to models that don't exist) and thrown together as one
 * OpenApiImportError whose `issues` carry a JSON pointer each. Nothing is returned half-read.
 * What API Gateway accepts but a REST API doesn't use (`x-amazon-apigateway-documentation`,
 * `-tag-value`, HTTP-API-only `-cors`, `-importexport-version`, `-integrations`, unknown
 * `x-amazon-apigateway-*` keys, security requirements naming an undefined scheme) is skipped
 * with a warning, as ImportRestApi skips it; with `options.failOnWarnings` every warning is an
 * error instead and nothing is imported.
 */
import { createHash } from "node:crypto";
import {
  type ApiDesign,
  apiDesignSchema,
  authorizerSchema,
  gatewayResponseSchema,
  HTTP_METHODS,
  type Integration,
  modelSchema,
  requestValidatorSchema,
  resourceSchema,
} from "../model/design";
import { modelRefUrl } from "../model/components";
import { checkGatewayResponse } from "../model/gateway-responses";
import { checkIntegration, checkPathPart, MAX_RESOURCES_PER_API } from "../model/rules";
import { runSteps, runStepsYielding, type Steps } from "./steps";

/** One problem in an imported document: where (a JSON pointer, `""` for the whole document) and what. */
export interface ImportIssue {
  pointer: string;
  message: string;
}

export class OpenApiImportError extends Error {
  /** Every problem found, in document order; the first is also `pointer` / `message`. */
  readonly issues: ImportIssue[];
  readonly pointer: string;

  constructor(message: string, pointer: string, more: ImportIssue[] = []) {
    const rest = more.length ? ` (and ${more.length} more problem${more.length === 1 ? "" : "s"})` : "";
    super(`${pointer ? `${pointer}: ` : ""}${message}${rest}`);
    this.name = "OpenApiImportError";
    this.pointer = pointer;
    this.issues = [{ pointer, message }, ...more];
  }

  static of(issues: ImportIssue[]): OpenApiImportError {
    const [first, ...more] = issues;
    return new OpenApiImportError(first.message, first.pointer, more);
  }
}

/** What an import produced: the design, and what was skipped (never an error). */
export interface ImportResult {
  design: ApiDesign;
  warnings: ImportIssue[];
  /** API-level settings the document sets (what a `merge` import takes from it). */
  settings: ApiSetting[];
}

/** How a base path (Swagger 2 `basePath`, OpenAPI 3 `servers`) becomes resources, as ImportRestApi's `basepath` parameter says. */
export type BasePathMode = "ignore" | "prepend" | "split";
export const BASE_PATH_MODES = ["ignore", "prepend", "split"] as const;

export interface ImportOptions {
  /**
   * `ignore` (AWS's default): paths are relative to the host, the base path is dropped;
   * `prepend`: the base path's segments become resources above every path (`/v1` + `/pets` → `/v1/pets`);
   * `split`: the first segment is taken as the stage name and dropped, the rest is prepended.
   */
  basePath?: BasePathMode;
  /** Like ImportRestApi / PutRestApi `failOnWarnings=true`: every warning becomes an error and nothing is imported. */
  failOnWarnings?: boolean;
}

export type ApiSetting = "description" | "binaryMediaTypes" | "minimumCompressionSize" | "apiKeySource" | "policy";

const SETTING_SOURCES: [ApiSetting, (doc: Obj) => boolean][] = [
  ["description", (d) => isObj(d.info) && typeof d.info.description === "string"],
  ["binaryMediaTypes", (d) => d["x-amazon-apigateway-binary-media-types"] !== undefined],
  ["minimumCompressionSize", (d) => d["x-amazon-apigateway-minimum-compression-size"] !== undefined],
  ["apiKeySource", (d) => d["x-amazon-apigateway-api-key-source"] !== undefined],
  ["policy", (d) => d["x-amazon-apigateway-policy"] !== undefined],
];

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function escapePointer(key: string | number): string {
  const text = String(key);
  // Most keys need no escaping; skipping the two replaces matters at thousands of pointers per document.
  if (!text.includes("~") && !text.includes("/")) return text;
  return text.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** A JSON pointer below `base`. Built for every value read (errors name where they are), so kept cheap. */
function ptr(base: string, ...keys: (string | number)[]): string {
  let out = base;
  for (const key of keys) out += `/${escapePointer(key)}`;
  return out;
}

/** Is this an OpenAPI 3 or Swagger 2 document? */
export function isOpenApiDocument(doc: unknown): boolean {
  return isObj(doc) && (typeof doc.openapi === "string" || doc.swagger !== undefined);
}

function stableId(kind: string, key: string): string {
  return createHash("sha1").update(`${kind}:${key}`).digest("hex").slice(0, 10);
}

const OPERATIONS: Record<string, string> = {
  get: "GET",
  put: "PUT",
  post: "POST",
  delete: "DELETE",
  options: "OPTIONS",
  head: "HEAD",
  patch: "PATCH",
  "x-amazon-apigateway-any-method": "ANY",
};

const PARAM_LOCATION: Record<string, string> = { path: "path", query: "querystring", header: "header" };

class Importer {
  readonly v3: boolean;
  readonly validatorIds = new Map<string, string>();
  readonly authorizers = new Map<string, { id: string; type: string }>();
  readonly apiKeySchemes = new Set<string>();
  readonly sigv4Schemes = new Set<string>();
  readonly modelNames = new Set<string>();
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];

  /** Path segments written above every path (from the base path, per ImportOptions.basePath). */
  readonly prefix: string;
  /** Models made from inline schemas: name → schema text (so identical schemas share one model). */
  readonly generated: ApiDesign["models"] = [];
  readonly generatedByName = new Map<string, ApiDesign["models"][number]>();
  /** Per generated-model name asked for: its candidates before `next` are taken; the first of them holding each schema text. */
  private readonly candidateScans = new Map<string, { next: number; firstByText: Map<string, string> }>();

  constructor(
    readonly doc: Obj,
    readonly options: ImportOptions = {},
  ) {
    this.v3 = typeof doc.openapi === "string";
    if (this.v3 && !/^3\.0(\.\d+)?$/.test(doc.openapi as string))
      throw new OpenApiImportError(`unsupported OpenAPI version ${JSON.stringify(doc.openapi)} (expected 3.0.x)`, "/openapi");
    if (!this.v3 && String(doc.swagger) !== "2.0")
      throw new OpenApiImportError(`unsupported Swagger version ${JSON.stringify(doc.swagger)} (expected "2.0")`, "/swagger");
    this.prefix = this.basePathPrefix();
  }

  /**
   * The base path as AWS finds it: Swagger 2's `basePath`; in OpenAPI 3 the first server's
   * `basePath` variable (its default), else the path of the first server URL beyond "/".
   * Returned as what `options.basePath` puts above every path ("" for ignore).
   */
  basePathPrefix(): string {
    const mode = this.options.basePath ?? "ignore";
    if (mode === "ignore") return "";
    let base: unknown;
    if (!this.v3) base = this.doc.basePath;
    else if (Array.isArray(this.doc.servers)) {
      const servers = this.doc.servers.filter(isObj);
      const withVariable = servers.find((s) => isObj(s.variables) && isObj(s.variables.basePath));
      if (withVariable) base = ((withVariable.variables as Obj).basePath as Obj).default;
      else if (servers[0] && typeof servers[0].url === "string") {
        const vars = isObj(servers[0].variables) ? servers[0].variables : {};
        const url = servers[0].url.replace(/\{([^}]+)\}/g, (whole, name: string) =>
          isObj(vars[name]) && typeof vars[name].default === "string" ? (vars[name].default as string) : whole,
        );
        base = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
      }
    }
    if (typeof base !== "string") return "";
    const segments = base.split("/").filter(Boolean);
    return "/" + (mode === "split" ? segments.slice(1) : segments).join("/");
  }

  /** Runs one independent part of the import; its errors are collected and the rest goes on. */
  guard<T>(work: () => T): T | undefined {
    try {
      return work();
    } catch (e) {
      if (!(e instanceof OpenApiImportError)) throw e;
      this.errors.push(...e.issues);
      return undefined;
    }
  }

  /** As guard, for a part read in steps. */
  *guardSteps<T>(steps: Steps<T>): Steps<T | undefined> {
    try {
      return yield* steps;
    } catch (e) {
      if (!(e instanceof OpenApiImportError)) throw e;
      this.errors.push(...e.issues);
      return undefined;
    }
  }

  warn(message: string, pointer: string): void {
    this.warnings.push({ pointer, message });
  }

  /** Follows a local `$ref` (`#/components/parameters/limit`). */
  deref(value: unknown, at: string, seen = new Set<string>()): { value: unknown; at: string } {
    if (!isObj(value) || typeof value.$ref !== "string") return { value, at };
    const ref = value.$ref;
    if (!ref.startsWith("#/")) throw new OpenApiImportError(`only local $ref are supported, not ${JSON.stringify(ref)}`, ptr(at, "$ref"));
    if (seen.has(ref)) throw new OpenApiImportError(`circular $ref ${ref}`, ptr(at, "$ref"));
    seen.add(ref);
    let target: unknown = this.doc;
    for (const raw of ref.slice(2).split("/")) {
      const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObj(target) ? target[key] : undefined;
      if (target === undefined) throw new OpenApiImportError(`$ref ${ref} points at nothing`, ptr(at, "$ref"));
    }
    return this.deref(target, ref.slice(1), seen);
  }

  /** The model a schema refers to: `#/components/schemas/Pet` or `#/definitions/Pet` → `Pet`. Inline schemas have none. */
  modelName(schema: unknown, at: string): string | undefined {
    if (!isObj(schema) || typeof schema.$ref !== "string") return undefined;
    const m = /^#\/(?:components\/schemas|definitions)\/(.+)$/.exec(schema.$ref);
    if (!m) throw new OpenApiImportError(`a model reference must point at ${this.v3 ? "#/components/schemas/NAME" : "#/definitions/NAME"}`, ptr(at, "$ref"));
    const name = decodeURIComponent(m[1]).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!this.modelNames.has(name))
      throw new OpenApiImportError(`model ${JSON.stringify(name)} is not defined in ${this.v3 ? "components.schemas" : "definitions"}`, ptr(at, "$ref"));
    return name;
  }

  /**
   * The model for a request or response schema: a `$ref` names a defined model; an inline schema
   * becomes a generated model, as ImportRestApi creates one for it. Generated names are
   * `{Operation}Request` / `{Operation}Response{status}` (the operationId in PascalCase, else the
   * verb and path: `PostPetsPetIdRequest`), suffixed 2, 3… when taken by a different schema;
   * an identical inline schema of the same operation reuses its model. An empty schema has none.
   */
  schemaModel(schema: unknown, at: string, name: string): string | undefined {
    if (schema === undefined || schema === null) return undefined;
    if (!isObj(schema)) throw new OpenApiImportError("a schema must be an object", at);
    if (typeof schema.$ref === "string") return this.modelName(schema, at);
    if (Object.keys(schema).length === 0) return undefined;
    const text = JSON.stringify(this.modelRefs(schema, at), null, 2);
    // Candidates are name, name2, name3 …; the first one holding this schema is reused, else the
    // first free one is taken. Names only ever get taken, so each name's scan resumes where it
    // stopped: a document with thousands of inline schemas (or one operationId used everywhere)
    // costs one step per schema, not one pass over every model made so far.
    let scan = this.candidateScans.get(name);
    if (!scan) this.candidateScans.set(name, (scan = { next: 1, firstByText: new Map() }));
    const known = scan.firstByText.get(text);
    if (known) return known;
    for (; ; scan.next++) {
      const candidate = scan.next === 1 ? name : `${name}${scan.next}`;
      if (!this.modelNames.has(candidate)) break;
      const existing = this.generatedByName.get(candidate);
      if (existing && !scan.firstByText.has(existing.schema)) scan.firstByText.set(existing.schema, candidate);
      if (existing?.schema === text) {
        scan.next++;
        return candidate;
      }
    }
    const candidate = scan.next === 1 ? name : `${name}${scan.next}`;
    scan.next++;
    scan.firstByText.set(text, candidate);
    const model = { id: stableId("model", candidate), name: candidate, contentType: "application/json", schema: text };
    this.modelNames.add(candidate);
    this.generated.push(model);
    this.generatedByName.set(candidate, model);
    return candidate;
  }

  /**
   * `x-gatehouse-models` (written by a lossless export): what OpenAPI can't say about a model,
   * its description, content type and a schema that isn't JSON. AWS ignores the extension.
   */
  *gatehouseModels(models: ApiDesign["models"]): Steps<void> {
    const at = "/x-gatehouse-models";
    const extra = this.doc["x-gatehouse-models"];
    if (extra === undefined) return;
    if (!isObj(extra)) throw new OpenApiImportError("must be an object keyed by model name", at);
    const byName = new Map<string, ApiDesign["models"][number]>();
    for (const m of models) if (!byName.has(m.name)) byName.set(m.name, m);
    for (const [name, def] of Object.entries(extra)) {
      this.guard(() => {
        const mAt = ptr(at, name);
        const model = byName.get(name);
        if (!model) throw new OpenApiImportError(`model ${JSON.stringify(name)} is not defined in ${this.v3 ? "components.schemas" : "definitions"}`, mAt);
        if (!isObj(def)) throw new OpenApiImportError("must be an object", mAt);
        const description = this.str(def.description, ptr(mAt, "description"));
        const contentType = this.str(def.contentType, ptr(mAt, "contentType"));
        const schemaText = this.str(def.schemaText, ptr(mAt, "schemaText"));
        if (description !== undefined) model.description = description;
        if (contentType !== undefined) model.contentType = contentType;
        if (schemaText !== undefined) model.schema = schemaText;
      });
      yield;
    }
  }

  str(v: unknown, at: string): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw new OpenApiImportError(`must be a string, got ${JSON.stringify(v)}`, at);
    return v;
  }

  strMap(v: unknown, at: string): Record<string, string> {
    if (v === undefined || v === null) return {};
    if (!isObj(v)) throw new OpenApiImportError("must be an object of strings", at);
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v)) {
      if (typeof x !== "string") throw new OpenApiImportError(`must be a string, got ${JSON.stringify(x)}`, ptr(at, k));
      out[k] = x;
    }
    return out;
  }

  strArray(v: unknown, at: string): string[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new OpenApiImportError("must be an array of strings", at);
    return v as string[];
  }

  upper(v: unknown, at: string, allowed: readonly string[]): string | undefined {
    if (v === undefined || v === null) return undefined;
    const choices = allowed.map((a) => a.toLowerCase()).join(", ");
    if (typeof v !== "string") throw new OpenApiImportError(`must be one of ${choices}`, at);
    const u = v.toUpperCase();
    if (!allowed.includes(u)) throw new OpenApiImportError(`must be one of ${choices} (got ${JSON.stringify(v)})`, at);
    return u;
  }

  num(v: unknown, at: string): number | undefined {
    if (v === undefined || v === null) return undefined;
    const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
    if (typeof n !== "number" || !Number.isInteger(n)) throw new OpenApiImportError(`must be an integer, got ${JSON.stringify(v)}`, at);
    return n;
  }

  *models(): Steps<ApiDesign["models"]> {
    const at = this.v3 ? "/components/schemas" : "/definitions";
    const schemas = this.v3 ? (isObj(this.doc.components) ? this.doc.components.schemas : undefined) : this.doc.definitions;
    if (schemas === undefined) return [];
    if (!isObj(schemas)) throw new OpenApiImportError("must be an object of schemas", at);
    // Names first, so that references between operations and models can be checked in any order.
    for (const name of Object.keys(schemas)) this.modelNames.add(name);
    const out: ApiDesign["models"] = [];
    for (const [name, schema] of Object.entries(schemas)) {
      this.guard(() => {
        if (!/^[A-Za-z0-9]+$/.test(name)) throw new OpenApiImportError("a model name must be alphanumeric (API Gateway refuses other names)", ptr(at, name));
        if (!isObj(schema)) throw new OpenApiImportError("a schema must be an object", ptr(at, name));
        out.push({
          id: stableId("model", name),
          name,
          contentType: "application/json",
          schema: JSON.stringify(this.modelRefs(schema, ptr(at, name)), null, 2),
        });
      });
      yield;
    }
    return out;
  }

  /**
   * A model's schema with its references to other models rewritten as API Gateway stores them:
   * `#/components/schemas/Pet` (or `#/definitions/Pet`) → `https://apigateway.amazonaws.com/restapis/{restapi_id}/models/Pet`,
   * as ImportRestApi does. A reference to a model the document doesn't define is an error.
   */
  modelRefs(node: unknown, at: string): unknown {
    if (Array.isArray(node)) return node.map((n, i) => this.modelRefs(n, ptr(at, i)));
    if (!isObj(node)) return node;
    const out: Obj = {};
    for (const [k, v] of Object.entries(node)) {
      const m = k === "$ref" && typeof v === "string" ? /^#\/(?:components\/schemas|definitions)\/(.+)$/.exec(v) : null;
      if (m) {
        const name = decodeURIComponent(m[1]).replace(/~1/g, "/").replace(/~0/g, "~");
        if (!this.modelNames.has(name))
          throw new OpenApiImportError(`model ${JSON.stringify(name)} is not defined in ${this.v3 ? "components.schemas" : "definitions"}`, ptr(at, k));
        out[k] = modelRefUrl(name);
      } else out[k] = this.modelRefs(v, ptr(at, k));
    }
    return out;
  }

  *validators(): Steps<ApiDesign["requestValidators"]> {
    const at = "/x-amazon-apigateway-request-validators";
    const v = this.doc["x-amazon-apigateway-request-validators"];
    if (v === undefined) return [];
    if (!isObj(v)) throw new OpenApiImportError("must be an object of validators", at);
    const out: ApiDesign["requestValidators"] = [];
    for (const [name, def] of Object.entries(v)) {
      this.guard(() => {
        const vAt = ptr(at, name);
        if (!isObj(def)) throw new OpenApiImportError("a validator must be an object", vAt);
        for (const key of ["validateRequestBody", "validateRequestParameters"]) {
          if (def[key] !== undefined && typeof def[key] !== "boolean") throw new OpenApiImportError("must be true or false", ptr(vAt, key));
        }
        const id = stableId("validator", name);
        this.validatorIds.set(name, id);
        out.push({ id, name, validateRequestBody: def.validateRequestBody === true, validateRequestParameters: def.validateRequestParameters === true });
      });
      yield;
    }
    return out;
  }

  *authorizersAndSchemes(): Steps<ApiDesign["authorizers"]> {
    const at = this.v3 ? "/components/securitySchemes" : "/securityDefinitions";
    const schemes = this.v3 ? (isObj(this.doc.components) ? this.doc.components.securitySchemes : undefined) : this.doc.securityDefinitions;
    if (schemes === undefined) return [];
    if (!isObj(schemes)) throw new OpenApiImportError("must be an object of security schemes", at);
    const out: ApiDesign["authorizers"] = [];
    for (const [name, raw] of Object.entries(schemes)) {
      this.guard(() => {
        const sAt = ptr(at, name);
        const scheme = this.deref(raw, sAt).value;
        if (!isObj(scheme)) throw new OpenApiImportError("a security scheme must be an object", sAt);
        const auth = scheme["x-amazon-apigateway-authorizer"];
        if (auth === undefined) {
          if (String(scheme["x-amazon-apigateway-authtype"]).toLowerCase() === "awssigv4") this.sigv4Schemes.add(name);
          else if (scheme.type === "apiKey") this.apiKeySchemes.add(name);
          else
            this.warn(
              `security scheme of type ${JSON.stringify(scheme.type)} has no API Gateway counterpart; methods using it get no authorization from it`,
              sAt,
            );
          return;
        }
        const aAt = ptr(sAt, "x-amazon-apigateway-authorizer");
        if (!isObj(auth)) throw new OpenApiImportError("must be an object", aAt);
        const type = this.upper(auth.type ?? "token", ptr(aAt, "type"), ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"]) as
          | "TOKEN"
          | "REQUEST"
          | "COGNITO_USER_POOLS";
        const id = stableId("authorizer", name);
        let identitySource = this.str(auth.identitySource, ptr(aAt, "identitySource"));
        // A token authorizer's source is the scheme's header when the extension doesn't say.
        if (identitySource === undefined && type !== "REQUEST" && scheme.in === "header" && typeof scheme.name === "string")
          identitySource = `method.request.header.${scheme.name}`;
        const providerARNs = this.strArray(auth.providerARNs, ptr(aAt, "providerARNs")) ?? [];
        if (type === "COGNITO_USER_POOLS" && providerARNs.length === 0) throw new OpenApiImportError("a cognito_user_pools authorizer needs providerARNs", aAt);
        const authorizerUri = this.str(auth.authorizerUri, ptr(aAt, "authorizerUri"));
        if (type !== "COGNITO_USER_POOLS" && !authorizerUri) throw new OpenApiImportError(`a ${type.toLowerCase()} authorizer needs an authorizerUri`, aAt);
        const ttl = this.num(auth.authorizerResultTtlInSeconds, ptr(aAt, "authorizerResultTtlInSeconds"));
        if (ttl !== undefined && (ttl < 0 || ttl > 3600))
          throw new OpenApiImportError("must be between 0 and 3600 seconds", ptr(aAt, "authorizerResultTtlInSeconds"));
        this.authorizers.set(name, { id, type });
        out.push({
          id,
          name,
          type,
          authorizerUri,
          authorizerCredentials: this.str(auth.authorizerCredentials, ptr(aAt, "authorizerCredentials")),
          identitySource,
          identityValidationExpression: this.str(auth.identityValidationExpression, ptr(aAt, "identityValidationExpression")),
          authorizerResultTtlInSeconds: ttl,
          providerARNs,
        });
      });
      yield;
    }
    return out;
  }

  *gatewayResponses(): Steps<ApiDesign["gatewayResponses"]> {
    const at = "/x-amazon-apigateway-gateway-responses";
    const g = this.doc["x-amazon-apigateway-gateway-responses"];
    if (g === undefined) return [];
    if (!isObj(g)) throw new OpenApiImportError("must be an object of gateway responses keyed by response type", at);
    const out: ApiDesign["gatewayResponses"] = [];
    for (const [type, def] of Object.entries(g)) {
      this.guard(() => {
        const gAt = ptr(at, type);
        if (!isObj(def)) throw new OpenApiImportError("a gateway response must be an object", gAt);
        const status = def.statusCode === undefined ? undefined : String(def.statusCode);
        const response = {
          responseType: type,
          statusCode: status,
          responseParameters: this.strMap(def.responseParameters, ptr(gAt, "responseParameters")),
          responseTemplates: this.strMap(def.responseTemplates, ptr(gAt, "responseTemplates")),
        };
        const issues = checkGatewayResponse(response);
        if (issues.length) {
          throw OpenApiImportError.of(
            issues.map((i) => {
              const field = i.field.replace(/^gatewayResponse\./, "");
              const where =
                field === "responseType"
                  ? gAt
                  : field === "statusCode"
                    ? ptr(gAt, "statusCode")
                    : ptr(gAt, "responseParameters", field.replace(/^responseParameters\./, ""));
              return { pointer: where, message: i.message };
            }),
          );
        }
        out.push(response);
      });
      yield;
    }
    return out;
  }

  integration(raw: unknown, at: string): Integration {
    if (!isObj(raw)) throw new OpenApiImportError("must be an object", at);
    const type = this.upper(raw.type, ptr(at, "type"), ["MOCK", "HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY"]);
    if (!type) throw new OpenApiImportError("type is required (mock, http, http_proxy, aws or aws_proxy)", at);
    const responses: Integration["integrationResponses"] = {};
    /** statusCode → the key it was read from, to point at the right response when a rule fails. */
    const responseKeys = new Map<string, string>();
    if (raw.responses !== undefined) {
      const rAt = ptr(at, "responses");
      if (!isObj(raw.responses)) throw new OpenApiImportError("must be an object keyed by selection pattern", rAt);
      for (const [pattern, def] of Object.entries(raw.responses)) {
        const pAt = ptr(rAt, pattern);
        if (!isObj(def)) throw new OpenApiImportError("an integration response must be an object", pAt);
        if (def.statusCode === undefined) throw new OpenApiImportError("statusCode is required", pAt);
        const statusCode = String(def.statusCode);
        if (responses[statusCode]) throw new OpenApiImportError(`two integration responses have status ${statusCode}`, pAt);
        responseKeys.set(statusCode, pattern);
        responses[statusCode] = {
          statusCode,
          selectionPattern: pattern === "default" ? undefined : pattern,
          responseParameters: this.strMap(def.responseParameters, ptr(pAt, "responseParameters")),
          responseTemplates: this.strMap(def.responseTemplates, ptr(pAt, "responseTemplates")),
          contentHandling: this.upper(def.contentHandling, ptr(pAt, "contentHandling"), ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]) as
            | "CONVERT_TO_BINARY"
            | undefined,
        };
      }
    }
    const tls = raw.tlsConfig;
    if (tls !== undefined && !isObj(tls)) throw new OpenApiImportError("must be an object", ptr(at, "tlsConfig"));
    for (const key of ["payloadFormatVersion", "integrationSubtype", "integrationTarget"]) {
      if (raw[key] !== undefined) this.warn(`${key} is for HTTP APIs; a REST API ignores it`, ptr(at, key));
    }
    const integration: Integration = {
      type: type as Integration["type"],
      httpMethod: this.str(raw.httpMethod, ptr(at, "httpMethod"))?.toUpperCase(),
      uri: this.str(raw.uri, ptr(at, "uri")),
      connectionType: this.upper(raw.connectionType, ptr(at, "connectionType"), ["INTERNET", "VPC_LINK"]) as "INTERNET" | undefined,
      connectionId: this.str(raw.connectionId, ptr(at, "connectionId")),
      credentials: this.str(raw.credentials, ptr(at, "credentials")),
      requestParameters: this.strMap(raw.requestParameters, ptr(at, "requestParameters")),
      requestTemplates: this.strMap(raw.requestTemplates, ptr(at, "requestTemplates")),
      passthroughBehavior: (this.upper(raw.passthroughBehavior, ptr(at, "passthroughBehavior"), ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"]) ??
        "WHEN_NO_MATCH") as "WHEN_NO_MATCH",
      contentHandling: this.upper(raw.contentHandling, ptr(at, "contentHandling"), ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]) as "CONVERT_TO_BINARY" | undefined,
      timeoutInMillis: this.num(raw.timeoutInMillis, ptr(at, "timeoutInMillis")) ?? 29000,
      cacheNamespace: this.str(raw.cacheNamespace, ptr(at, "cacheNamespace")),
      cacheKeyParameters: this.strArray(raw.cacheKeyParameters, ptr(at, "cacheKeyParameters")) ?? [],
      tlsConfig: isObj(tls) ? { insecureSkipVerification: tls.insecureSkipVerification === true } : undefined,
      integrationResponses: responses,
    };
    if (integration.connectionType === "VPC_LINK" && !integration.connectionId) throw new OpenApiImportError("a VPC_LINK integration needs a connectionId", at);
    // AWS's own rules (timeout range, URI, Lambda POST, selection-pattern regexes), pointed back into the document.
    const issues = checkIntegration(integration, "integration");
    if (issues.length) {
      throw OpenApiImportError.of(
        issues.map((i) => {
          const parts = i.field.split(".").slice(1);
          if (parts[0] === "integrationResponses" && parts[1])
            return { pointer: ptr(at, "responses", responseKeys.get(parts[1]) ?? parts[1]), message: i.message };
          if (parts[0] === "integrationResponses") return { pointer: ptr(at, "responses"), message: i.message };
          return { pointer: parts.length ? ptr(at, parts[0]) : at, message: i.message };
        }),
      );
    }
    return integration;
  }

  /** An operation → a method; its parts are read in document order (request, responses, authorization, validator, integration). */
  method(verb: string, op: Obj, at: string, pathParams: unknown[], pathParamsAt: string, path: string) {
    const base = pascalCase(typeof op.operationId === "string" ? op.operationId : "") || pascalCase(verb.toLowerCase()) + pascalCase(path);
    const request = this.methodRequest(op, at, pathParams, pathParamsAt, base);
    const methodResponses = this.methodResponses(op, at, base);
    const authorization = this.authorization(op, at);
    const requestValidatorId = this.requestValidatorId(op, at);
    for (const key of Object.keys(op)) {
      if (key.startsWith("x-amazon-apigateway-") && !OPERATION_EXTENSIONS.has(key))
        this.warn(`${key} is not an API Gateway extension for REST API methods; ignored`, ptr(at, key));
    }
    const integration = op["x-amazon-apigateway-integration"];
    return {
      httpMethod: verb,
      ...authorization,
      operationName: this.str(op.operationId, ptr(at, "operationId")),
      requestParameters: request.requestParameters,
      requestModels: request.requestModels,
      requestValidatorId,
      methodResponses,
      integration: integration === undefined ? undefined : this.integration(integration, ptr(at, "x-amazon-apigateway-integration")),
    };
  }

  /**
   * Path-level parameters then the operation's (`in: path|query|header` → requestParameters), and
   * the request body's schema (Swagger 2 `in: body`, OpenAPI 3 requestBody) → requestModels.
   */
  methodRequest(op: Obj, at: string, pathParams: unknown[], pathParamsAt: string, base: string) {
    const requestParameters: Record<string, boolean> = {};
    const requestModels: Record<string, string> = {};
    const consumes = (Array.isArray(op.consumes) ? op.consumes : Array.isArray(this.doc.consumes) ? this.doc.consumes : ["application/json"]) as string[];
    const params: [unknown, string][] = pathParams.map((p, i) => [p, ptr(pathParamsAt, i)]);
    if (op.parameters !== undefined) {
      if (!Array.isArray(op.parameters)) throw new OpenApiImportError("must be an array of parameters", ptr(at, "parameters"));
      op.parameters.forEach((p, i) => params.push([p, ptr(at, "parameters", i)]));
    }
    for (const [raw, pAt] of params) {
      const { value: p, at: resolvedAt } = this.deref(raw, pAt);
      if (!isObj(p)) throw new OpenApiImportError("a parameter must be an object", pAt);
      if (typeof p.name !== "string" || !p.name) throw new OpenApiImportError("a parameter needs a name", resolvedAt);
      if (p.in === "body") {
        const model = this.schemaModel(p.schema, ptr(resolvedAt, "schema"), `${base}Request`);
        if (model) for (const ct of consumes) requestModels[ct] = model;
        continue;
      }
      const where = PARAM_LOCATION[String(p.in)];
      if (!where) {
        if (p.in !== "cookie" && p.in !== "formData")
          throw new OpenApiImportError(`must be one of path, query, header, body, formData, cookie (got ${JSON.stringify(p.in)})`, ptr(resolvedAt, "in"));
        this.warn(`${p.in} parameters have no API Gateway counterpart; ignored`, resolvedAt);
        continue;
      }
      // A lossless export marks AWS's multi-value forms (`?tag=a&tag=b`, repeated headers) with x-gatehouse-multivalue.
      const multi = p["x-gatehouse-multivalue"] === true && where !== "path" ? `multivalue${where}` : where;
      requestParameters[`method.request.${multi}.${p.name}`] = p.in === "path" ? true : p.required === true;
    }
    if (op.requestBody !== undefined) {
      const { value: body, at: bAt } = this.deref(op.requestBody, ptr(at, "requestBody"));
      if (isObj(body) && isObj(body.content)) {
        for (const [ct, media] of Object.entries(body.content)) {
          const model = isObj(media) ? this.schemaModel(media.schema, ptr(bAt, "content", ct, "schema"), `${base}Request`) : undefined;
          if (model) requestModels[ct] = model;
        }
      }
    }
    return { requestParameters, requestModels };
  }

  /** responses keyed by status code → methodResponses (headers → responseParameters, schemas → responseModels); `default` has no counterpart. */
  methodResponses(op: Obj, at: string, base: string) {
    const methodResponses: Record<string, { statusCode: string; responseParameters: Record<string, boolean>; responseModels: Record<string, string> }> = {};
    if (op.responses === undefined) return methodResponses;
    const produces = (Array.isArray(op.produces) ? op.produces : Array.isArray(this.doc.produces) ? this.doc.produces : ["application/json"]) as string[];
    const rAt = ptr(at, "responses");
    if (!isObj(op.responses)) throw new OpenApiImportError("must be an object keyed by status code", rAt);
    for (const [status, raw] of Object.entries(op.responses)) {
      if (status === "default") continue; // API Gateway method responses are per status code
      if (!/^[1-5]\d{2}$/.test(status)) throw new OpenApiImportError(`${JSON.stringify(status)} is not an HTTP status code`, ptr(rAt, status));
      const { value: r, at: sAt } = this.deref(raw, ptr(rAt, status));
      const responseParameters: Record<string, boolean> = {};
      const responseModels: Record<string, string> = {};
      if (isObj(r)) {
        if (isObj(r.headers)) {
          for (const [h, def] of Object.entries(r.headers)) responseParameters[`method.response.header.${h}`] = isObj(def) && def.required === true;
        }
        if (this.v3 && isObj(r.content)) {
          for (const [ct, media] of Object.entries(r.content)) {
            const model = isObj(media) ? this.schemaModel(media.schema, ptr(sAt, "content", ct, "schema"), `${base}Response${status}`) : undefined;
            if (model) responseModels[ct] = model;
          }
        } else if (!this.v3 && r.schema !== undefined) {
          const model = this.schemaModel(r.schema, ptr(sAt, "schema"), `${base}Response${status}`);
          if (model) for (const ct of produces) responseModels[ct] = model;
        }
      }
      methodResponses[status] = { statusCode: status, responseParameters, responseModels };
    }
    return methodResponses;
  }

  /**
   * The operation's security (else the document's): an authorizer's scheme → CUSTOM or
   * COGNITO_USER_POOLS with its scopes, `awsSigv4` → AWS_IAM, an API key scheme → apiKeyRequired;
   * `x-amazon-apigateway-auth` overrides the type.
   */
  authorization(op: Obj, at: string) {
    let authorizationType = "NONE";
    let authorizerId: string | undefined;
    let authorizationScopes: string[] = [];
    let apiKeyRequired = false;
    const security = op.security ?? this.doc.security;
    const secAt = op.security !== undefined ? ptr(at, "security") : "/security";
    if (security !== undefined) {
      if (!Array.isArray(security)) throw new OpenApiImportError("must be an array of security requirements", secAt);
      security.forEach((req, i) => {
        if (!isObj(req)) throw new OpenApiImportError("a security requirement must be an object", ptr(secAt, i));
        for (const [name, scopes] of Object.entries(req)) {
          const auth = this.authorizers.get(name);
          if (auth) {
            authorizationType = auth.type === "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM";
            authorizerId = auth.id;
            if (Array.isArray(scopes)) authorizationScopes = scopes.filter((s): s is string => typeof s === "string");
          } else if (this.sigv4Schemes.has(name)) authorizationType = "AWS_IAM";
          else if (this.apiKeySchemes.has(name)) apiKeyRequired = true;
          // AWS's own request-validation sample names an `api_key` scheme it never defines; ImportRestApi warns and goes on.
          else this.warn(`security scheme ${JSON.stringify(name)} is not defined; ignored`, ptr(secAt, i, name));
        }
      });
    }
    const authExt = op["x-amazon-apigateway-auth"];
    if (authExt !== undefined) {
      const aAt = ptr(at, "x-amazon-apigateway-auth");
      if (!isObj(authExt)) throw new OpenApiImportError("must be an object with a type", aAt);
      const type = this.upper(authExt.type, ptr(aAt, "type"), ["NONE", "AWS_IAM"]);
      if (type) {
        authorizationType = type;
        if (type === "NONE" || type === "AWS_IAM") authorizerId = undefined;
      }
    }
    return { authorizationType, authorizerId, authorizationScopes, apiKeyRequired };
  }

  /** The operation's `x-amazon-apigateway-request-validator` (else the document's), which must be defined. */
  requestValidatorId(op: Obj, at: string): string | undefined {
    const validatorName = op["x-amazon-apigateway-request-validator"] ?? this.doc["x-amazon-apigateway-request-validator"];
    if (validatorName === undefined) return undefined;
    const vAt =
      op["x-amazon-apigateway-request-validator"] !== undefined ? ptr(at, "x-amazon-apigateway-request-validator") : "/x-amazon-apigateway-request-validator";
    const id = this.validatorIds.get(String(validatorName));
    if (!id) throw new OpenApiImportError(`request validator ${JSON.stringify(validatorName)} is not in x-amazon-apigateway-request-validators`, vAt);
    return id;
  }

  *resources(): Steps<ApiDesign["resources"]> {
    const root = { id: stableId("resource", "/"), parentId: null as string | null, pathPart: "", methods: {} as Record<string, unknown> };
    const byPath = new Map<string, typeof root>([["/", root]]);
    const list = [root];
    const ensure = (path: string, at: string): typeof root => {
      const known = byPath.get(path);
      if (known) return known;
      const cut = path.lastIndexOf("/");
      const parent = ensure(cut === 0 ? "/" : path.slice(0, cut), at);
      const pathPart = path.slice(cut + 1);
      if (!pathPart) throw new OpenApiImportError("a path can't have an empty segment", at);
      // The same rules as adding a resource by hand: syntax, one {param} per parent, {proxy+} last, 300 resources.
      const issues = checkPathPart({ resources: list } as unknown as ApiDesign, parent.id, pathPart);
      if (issues.length) throw OpenApiImportError.of(issues.map((i) => ({ pointer: at, message: `${pathPart}: ${i.message}` })));
      const r = { id: stableId("resource", path), parentId: parent.id, pathPart, methods: {} };
      byPath.set(path, r);
      list.push(r);
      return r;
    };
    const paths = this.doc.paths ?? {};
    if (!isObj(paths)) throw new OpenApiImportError("must be an object of paths", "/paths");
    for (const [rawPath, rawItem] of Object.entries(paths)) {
      const at = ptr("/paths", rawPath);
      if (rawPath.startsWith("x-")) continue; // specification extensions on the Paths object
      this.guard(() => {
        if (!rawPath.startsWith("/")) throw new OpenApiImportError("a path must start with /", at);
        const trimmed = rawPath.length > 1 ? rawPath.replace(/\/+$/, "") : rawPath;
        const path = this.prefix.length > 1 ? (trimmed === "/" ? this.prefix : this.prefix + trimmed) : trimmed;
        const { value: item } = this.deref(rawItem, at);
        if (!isObj(item)) throw new OpenApiImportError("a path item must be an object", at);
        if (list.length >= MAX_RESOURCES_PER_API && !byPath.has(path)) {
          throw new OpenApiImportError(`An API can have at most ${MAX_RESOURCES_PER_API} resources`, at);
        }
        const resource = ensure(path, at);
        const pathParams = Array.isArray(item.parameters) ? item.parameters : [];
        for (const [key, op] of Object.entries(item)) {
          const verb = OPERATIONS[key];
          if (!verb) {
            if (key.startsWith("x-amazon-apigateway-")) this.warn(`${key} is not an API Gateway extension for paths; ignored`, ptr(at, key));
            continue;
          }
          const opAt = ptr(at, key);
          this.guard(() => {
            if (!isObj(op)) throw new OpenApiImportError("an operation must be an object", opAt);
            if (!(HTTP_METHODS as readonly string[]).includes(verb)) return;
            resource.methods[verb] = this.method(verb, op, opAt, pathParams, ptr(at, "parameters"), path);
          });
        }
      });
      yield;
    }
    return list as ApiDesign["resources"];
  }

  api(): Obj {
    const d = this.doc;
    const info = isObj(d.info) ? d.info : {};
    const out: Obj = {
      name: typeof info.title === "string" && info.title ? info.title : "Imported API",
      description: typeof info.description === "string" ? info.description : "",
    };
    this.guard(() => {
      // Swagger 2 puts it at the root; for OpenAPI 3 AWS documents it on a Server object (the root is read too).
      let endpoint = d["x-amazon-apigateway-endpoint-configuration"];
      let eAt = "/x-amazon-apigateway-endpoint-configuration";
      if (endpoint === undefined && this.v3 && Array.isArray(d.servers)) {
        const i = d.servers.findIndex((s) => isObj(s) && s["x-amazon-apigateway-endpoint-configuration"] !== undefined);
        if (i >= 0) {
          endpoint = (d.servers[i] as Obj)["x-amazon-apigateway-endpoint-configuration"];
          eAt = ptr("/servers", i, "x-amazon-apigateway-endpoint-configuration");
        }
      }
      if (endpoint === undefined) return;
      if (!isObj(endpoint)) throw new OpenApiImportError("must be an object", eAt);
      if (endpoint.types !== undefined) {
        if (!Array.isArray(endpoint.types) || endpoint.types.length !== 1)
          throw new OpenApiImportError("must be an array of one endpoint type (edge, regional or private)", ptr(eAt, "types"));
        out.endpointType = this.upper(endpoint.types[0], ptr(eAt, "types", 0), ["EDGE", "REGIONAL", "PRIVATE"]);
      }
      if (endpoint.disableExecuteApiEndpoint !== undefined && typeof endpoint.disableExecuteApiEndpoint !== "boolean")
        throw new OpenApiImportError("must be true or false", ptr(eAt, "disableExecuteApiEndpoint"));
      out.disableExecuteApiEndpoint = endpoint.disableExecuteApiEndpoint === true;
      if (endpoint.vpcEndpointIds !== undefined)
        this.warn("Gatehouse designs don't hold a private API's VPC endpoint ids (associate them on the AWS side); ignored", ptr(eAt, "vpcEndpointIds"));
    });
    this.guard(() => {
      out.binaryMediaTypes = this.strArray(d["x-amazon-apigateway-binary-media-types"], "/x-amazon-apigateway-binary-media-types") ?? [];
    });
    this.guard(() => {
      const at = "/x-amazon-apigateway-minimum-compression-size";
      const size = this.num(d["x-amazon-apigateway-minimum-compression-size"], at);
      if (size !== undefined && (size < 0 || size > 10485760)) throw new OpenApiImportError("must be between 0 and 10485760 bytes", at);
      out.minimumCompressionSize = size ?? null;
    });
    this.guard(() => {
      out.apiKeySource = this.upper(d["x-amazon-apigateway-api-key-source"], "/x-amazon-apigateway-api-key-source", ["HEADER", "AUTHORIZER"]);
    });
    this.guard(() => {
      const policy = d["x-amazon-apigateway-policy"];
      if (policy === undefined || policy === null) out.policy = null;
      else if (isObj(policy)) out.policy = JSON.stringify(policy, null, 2);
      else if (typeof policy === "string") {
        try {
          JSON.parse(policy);
        } catch {
          throw new OpenApiImportError("must be an IAM policy document (an object or JSON text)", "/x-amazon-apigateway-policy");
        }
        out.policy = policy;
      } else throw new OpenApiImportError("must be an IAM policy document (an object or JSON text)", "/x-amazon-apigateway-policy");
    });
    for (const key of Object.keys(d)) {
      if (!key.startsWith("x-amazon-apigateway-") || ROOT_EXTENSIONS.has(key)) continue;
      const note = IGNORED_ROOT_EXTENSIONS[key] ?? "is not an API Gateway extension for REST APIs";
      this.warn(`${key} ${note}; ignored`, ptr("", key));
    }
    return out;
  }
}

/** `list-pets` → `ListPets`, `/pets/{petId}` → `PetsPetId`: an alphanumeric name part, as API Gateway requires of model names. */
function pascalCase(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

const OPERATION_EXTENSIONS = new Set(["x-amazon-apigateway-integration", "x-amazon-apigateway-auth", "x-amazon-apigateway-request-validator"]);

const ROOT_EXTENSIONS = new Set([
  "x-amazon-apigateway-endpoint-configuration",
  "x-amazon-apigateway-binary-media-types",
  "x-amazon-apigateway-minimum-compression-size",
  "x-amazon-apigateway-api-key-source",
  "x-amazon-apigateway-policy",
  "x-amazon-apigateway-request-validators",
  "x-amazon-apigateway-request-validator",
  "x-amazon-apigateway-gateway-responses",
]);

/** Extensions API Gateway defines that have no place in a REST API design, and why. */
const IGNORED_ROOT_EXTENSIONS: Record<string, string> = {
  "x-amazon-apigateway-documentation": "(documentation parts) is not kept: Gatehouse designs carry no documentation parts",
  "x-amazon-apigateway-tag-value": "is a tag value; Gatehouse does not manage tags",
  "x-amazon-apigateway-importexport-version": "is for HTTP APIs",
  "x-amazon-apigateway-cors": "is for HTTP APIs (use the CORS helper for a REST API)",
  "x-amazon-apigateway-integrations": "is for HTTP APIs",
  "x-amazon-apigateway-endpoint-access-mode": "is not modelled by Gatehouse",
  "x-amazon-apigateway-security-policy": "is not modelled by Gatehouse",
};

/** The import, in steps: one per model, validator, authorizer, gateway response, path and resource validated. */
function* importSteps(doc: unknown, options: ImportOptions): Steps<ImportResult> {
  if (!isOpenApiDocument(doc)) throw new OpenApiImportError('not an OpenAPI document: expected an "openapi": "3.0.x" or "swagger": "2.0" field', "");
  if (options.basePath !== undefined && !(BASE_PATH_MODES as readonly string[]).includes(options.basePath)) {
    throw new OpenApiImportError(`basepath must be ignore, prepend or split (got ${JSON.stringify(options.basePath)})`, "");
  }
  const im = new Importer(doc as Obj, options);
  const models = (yield* im.guardSteps(im.models())) ?? [];
  const requestValidators = (yield* im.guardSteps(im.validators())) ?? [];
  const authorizers = (yield* im.guardSteps(im.authorizersAndSchemes())) ?? [];
  const gatewayResponses = (yield* im.guardSteps(im.gatewayResponses())) ?? [];
  const api = im.api();
  const resources = (yield* im.guardSteps(im.resources())) ?? [];
  for (const model of im.generated) models.push(model); // not push(...): a document can make more models than a call takes arguments
  yield* im.guardSteps(im.gatehouseModels(models));
  // failOnWarnings: AWS rolls the import back and reports the warnings as the error.
  const refused = options.failOnWarnings
    ? im.warnings.map((w) => ({ pointer: w.pointer, message: `${w.message} (a warning, refused because failOnWarnings is set)` }))
    : [];
  if (im.errors.length || refused.length) throw OpenApiImportError.of([...im.errors, ...refused]);
  const settings = SETTING_SOURCES.filter(([, present]) => present(doc as Obj)).map(([name]) => name);
  const design = yield* validatedDesign({ ...api, resources, models, requestValidators, authorizers, gatewayResponses });
  return { design, warnings: im.warnings, settings };
}

const DESIGN_KEYS = Object.keys(apiDesignSchema.shape);
/** The design's lists and the schema of one item: validated an item at a time. */
const DESIGN_LISTS = {
  resources: resourceSchema,
  models: modelSchema,
  requestValidators: requestValidatorSchema,
  authorizers: authorizerSchema,
  gatewayResponses: gatewayResponseSchema,
} as const;

type DesignIssue = { path: PropertyKey[]; message: string };

/**
 * parseDesign, an item at a time (zod over hundreds of resources or thousands of models is the
 * largest single piece of an import): the same design, and the same issues in the same order
 * (the whole design's zod parse reports them key by key, items by index), as the imported
 * design's problems.
 */
function* validatedDesign(value: Obj): Steps<ApiDesign> {
  const lists: Obj = {};
  const issues: DesignIssue[] = [];
  for (const [key, itemSchema] of Object.entries(DESIGN_LISTS)) {
    const items = value[key];
    if (!Array.isArray(items)) continue; // left to the design's own parse (a default, or its issue)
    lists[key] = [];
    for (const [i, item] of items.entries()) {
      const parsed = itemSchema.safeParse(item);
      if (parsed.success) (lists[key] as unknown[]).push(parsed.data);
      else for (const issue of parsed.error.issues) issues.push({ path: [key, i, ...issue.path], message: issue.message });
      yield;
    }
  }
  const emptied = Object.fromEntries(Object.keys(lists).map((key) => [key, []]));
  const rest = apiDesignSchema.safeParse({ ...value, ...emptied });
  if (!rest.success) issues.push(...rest.error.issues);
  if (issues.length) throw designProblems(issues);
  // Spread then the lists: each list keeps its place in the key order the design's parse gives.
  return { ...(rest.data as ApiDesign), ...lists };
}

function designProblems(issues: DesignIssue[]): OpenApiImportError {
  const rank = (issue: DesignIssue) => DESIGN_KEYS.indexOf(String(issue.path[0]));
  return OpenApiImportError.of(
    issues
      .sort((a, b) => rank(a) - rank(b))
      .map((issue) => ({
        pointer: "",
        message: `the imported design is invalid at /${issue.path.map((k) => escapePointer(String(k))).join("/")}: ${issue.message}`,
      })),
  );
}

/**
 * Converts a parsed OpenAPI 3.0 or Swagger 2.0 document into a design, with what was skipped.
 * Throws OpenApiImportError listing every problem found (each with a JSON pointer).
 */
export function importOpenApiDocument(doc: unknown, options: ImportOptions = {}): ImportResult {
  return runSteps(importSteps(doc, options));
}

/**
 * As importOpenApiDocument, handing the event loop back every few milliseconds, for the server:
 * a 6 MB document takes long enough to hold every other request if imported in one go.
 */
export function importOpenApiDocumentYielding(doc: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  return runStepsYielding(importSteps(doc, options));
}

/** Converts a parsed OpenAPI 3.0 or Swagger 2.0 document into a design. Throws OpenApiImportError. */
export function importOpenApi(doc: unknown, options: ImportOptions = {}): ApiDesign {
  return importOpenApiDocument(doc, options).design;
}
