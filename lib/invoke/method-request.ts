/**
 * Method request: logs the request as AWS does, then applies the method's request validator —
 * required parameters present and not blank, and the body against the model for its content type
 * (JSON Schema draft 4, via ajv-draft-04 when installed).
 */
import type { ApiDesign, Method } from "../model/design";
import { BINARY_LOG } from "./binary";
import type { InvocationContext, ParsedRequest } from "./context";
import { GatewayError } from "./errors";
import { header, mediaType } from "./http";
import { javaMap, logBody, logHeaders } from "./log";

export function missingRequiredParameters(method: Method, request: ParsedRequest, pathParameters: Record<string, string>): string[] {
  const missing: string[] = [];
  for (const [key, required] of Object.entries(method.requestParameters).sort(([a], [b]) => a.localeCompare(b))) {
    if (!required) continue;
    const m = /^method\.request\.(path|querystring|multivaluequerystring|header|multivalueheader)\.(.+)$/.exec(key);
    if (!m) continue;
    const [, where, name] = m;
    const value =
      where === "path" ? pathParameters[name] : where === "header" || where === "multivalueheader" ? header(request.headers, name) : request.querystring[name];
    if (value === undefined || value.trim() === "") missing.push(name);
  }
  return missing;
}

type ValidateFn = ((data: unknown) => boolean) & { errors?: { instancePath?: string; message?: string }[] | null };
type AjvLike = { addSchema(schema: object, key: string): unknown; getSchema(key: string): ValidateFn | undefined };
export type AjvCtor = new (opts: object) => AjvLike;

let ajvCtor: Promise<AjvCtor | null> | null = null;
/** ajv-draft-04 if installed; null tells the caller to skip body validation (and say so in the log). */
async function loadAjv(): Promise<AjvCtor | null> {
  ajvCtor ??= import("ajv-draft-04").then((m) => ((m as { default?: unknown }).default ?? m) as AjvCtor).catch(() => null);
  return ajvCtor;
}

const MODEL_REF = /^https?:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/([^/#]+)(#.*)?$/;
const modelKey = (name: string) => `gatehouse:model:${name}`;

/** AWS models reference each other by URL (`…/restapis/{id}/models/{name}`); point those at our keys. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$ref" && typeof v === "string" && MODEL_REF.test(v)) {
      const [, name, fragment] = MODEL_REF.exec(v)!;
      out[k] = modelKey(name) + (fragment ?? "");
    } else if (k === "$schema" || k === "id" || k === "$id") {
    } else {
      out[k] = rewriteRefs(v);
    }
  }
  return out;
}

/** The built-in models every API has. */
const BUILT_IN_MODELS: Record<string, object> = {
  Empty: { type: "object", title: "Empty Schema" },
  Error: { type: "object", title: "Error Schema", properties: { message: { type: "string" } } },
};

export interface BodyValidation {
  ok: boolean;
  errors: string[];
  skipped?: string;
}

/**
 * One Ajv per set of models, holding every model's schema (models reference each other), so each
 * schema compiles once: a deployed design is frozen and shared by every request to its stage, so
 * its models array is the same object each time. A draft is parsed per request and gets its own.
 */
const ajvByModels = new WeakMap<readonly ApiDesign["models"][number][], AjvLike>();

export function ajvFor(Ajv: AjvCtor, models: ApiDesign["models"]): AjvLike {
  let ajv = ajvByModels.get(models);
  if (ajv) return ajv;
  ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  for (const [name, schema] of Object.entries(BUILT_IN_MODELS)) ajv.addSchema(schema, modelKey(name));
  for (const model of models) {
    try {
      ajv.addSchema(rewriteRefs(JSON.parse(model.schema)) as object, modelKey(model.name));
    } catch {
      // A model that is not JSON cannot be referenced; validation against it fails below.
    }
  }
  ajvByModels.set(models, ajv);
  return ajv;
}

/** Validates a body against a named model of the design. Empty body = `{}` (as AWS treats it). */
export async function validateBody(design: ApiDesign, modelName: string, body: string): Promise<BodyValidation> {
  const Ajv = await loadAjv();
  if (!Ajv) return { ok: true, errors: [], skipped: "ajv-draft-04 is not installed" };
  const ajv = ajvFor(Ajv, design.models);
  let validate: ValidateFn | undefined;
  try {
    validate = ajv.getSchema(modelKey(modelName));
  } catch (e) {
    return { ok: false, errors: [`invalid model schema ${modelName}: ${(e as Error).message}`] };
  }
  if (!validate) return { ok: false, errors: [`model ${modelName} not found`] };
  let data: unknown;
  try {
    data = JSON.parse(body.trim() === "" ? "{}" : body);
  } catch (e) {
    return { ok: false, errors: [`Invalid JSON: ${(e as Error).message}`] };
  }
  if (validate(data)) return { ok: true, errors: [] };
  return { ok: false, errors: (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`.trim()) };
}

export async function methodRequest(ctx: InvocationContext): Promise<void> {
  const request = ctx.request!;
  const method = ctx.method!;
  if (ctx.log.enabled) {
    ctx.log.add(`Method request path: ${javaMap(ctx.pathParameters)}`);
    ctx.log.add(`Method request query string: ${javaMap(request.querystring)}`);
    ctx.log.add(`Method request headers: ${logHeaders(request.headers)}`);
    ctx.log.add(`Method request body before transformations: ${request.binary && request.bodyBytes.length > 0 ? BINARY_LOG : logBody(request.body)}`);
  }

  const validator = method.requestValidatorId ? ctx.design.requestValidators.find((v) => v.id === method.requestValidatorId) : undefined;
  if (!validator) return;
  const contentType = mediaType(header(request.headers, "Content-Type") ?? "application/json");

  if (validator.validateRequestParameters) {
    const missing = missingRequiredParameters(method, request, ctx.pathParameters);
    if (missing.length > 0) {
      const message = `Missing required request parameters: [${missing.join(", ")}]`;
      throw new GatewayError("BAD_REQUEST_PARAMETERS", message, [`Request validation failed: ${message}`], undefined, message);
    }
  }
  if (validator.validateRequestBody) {
    const models = method.requestModels;
    const modelName = Object.entries(models).find(([ct]) => ct.toLowerCase() === contentType)?.[1] ?? models.$default;
    // No model for this content type: AWS does not validate the body.
    if (modelName) {
      const result = await validateBody(ctx.design, modelName, request.body);
      if (result.skipped) {
        ctx.log.add(`Request body validation skipped: ${result.skipped}`);
      } else if (!result.ok) {
        const detail = `[${result.errors.join(", ")}]`;
        throw new GatewayError(
          "BAD_REQUEST_BODY",
          "Invalid request body",
          [`Request body does not match model schema for content type ${contentType}: ${detail}`],
          undefined,
          detail,
        );
      }
    }
  }
  ctx.log.add(`Request validation succeeded for content type ${contentType}`);
}
