/**
 * The API-level components methods point at: models (JSON Schema draft 4), request validators and
 * authorizers. Pure operations: a design in, a new design out, or a ValidationError listing what
 * API Gateway would reject (CreateModel, CreateRequestValidator, CreateAuthorizer) — and, unlike
 * AWS, a refusal to delete what a method or another model still uses, naming where.
 */
import Ajv from "ajv-draft-04";
import type { ApiDesign, Authorizer, Model, RequestValidator } from "./design";
import { NotFoundError, ValidationError, type FieldIssue } from "../errors";
import { newEntityId } from "./ids";
import { isLambdaFunctionArn, lambdaInvocationUri, parseLambdaInvocationUri } from "./lambda-uri";

import {
  AUTHORIZER_TYPES,
  authorizerUsages,
  DEFAULT_AUTHORIZER_TTL,
  DRAFT_04_META,
  MODEL_REF,
  methodsOf,
  modelRefUrl,
  modelUsages,
  refsIn,
  requestValidatorUsages,
} from "./component-usages";

export {
  AUTHORIZER_TYPES,
  authorizerUsages,
  DEFAULT_AUTHORIZER_TTL,
  DRAFT_04_META,
  functionArnOfUri,
  MODEL_REF,
  modelRefUrl,
  modelUsages,
  referencedModelNames,
  requestValidatorUsages,
} from "./component-usages";

function usedBy(uses: string[]): string {
  const shown = uses.slice(0, 8).join(", ");
  return uses.length > 8 ? `${shown} and ${uses.length - 8} more` : shown;
}

// ---------------------------------------------------------------------------------------------
// Models
// ---------------------------------------------------------------------------------------------

export interface ModelInput {
  name: string;
  contentType?: string;
  description?: string;
  schema: string;
}

const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*\/[A-Za-z0-9*][A-Za-z0-9!#$&^_.+*-]*$/;

/**
 * A model's schema as API Gateway checks it: JSON, a valid JSON Schema draft 4, and every `$ref`
 * either local (`#/definitions/X`) or a model of this API by its AWS URL. `selfName` is the name
 * the model will have (its own URL resolves to itself). Used by the pure operations and, as the
 * user types, by the schema editor.
 */
export function checkModelSchema(design: ApiDesign, schemaText: string, selfName?: string, field = "model.schema"): FieldIssue[] {
  if (!schemaText.trim()) return [{ field, message: "Enter the model's JSON schema" }];
  let schema: unknown;
  try {
    schema = JSON.parse(schemaText);
  } catch (e) {
    return [{ field, message: `Invalid JSON: ${(e as Error).message}` }];
  }
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) {
    return [{ field, message: "A model's schema must be a JSON object (JSON Schema draft 4)" }];
  }
  const declared = (schema as Record<string, unknown>).$schema;
  if (declared !== undefined && (typeof declared !== "string" || declared.replace(/#?$/, "#") !== DRAFT_04_META)) {
    return [{ field, message: `Models use JSON Schema draft 4: $schema must be ${DRAFT_04_META}` }];
  }

  const issues: FieldIssue[] = [];
  const known = new Set(design.models.map((m) => m.name));
  if (selfName) known.add(selfName);
  for (const ref of refsIn(schema)) {
    if (ref.startsWith("#")) continue;
    const m = MODEL_REF.exec(ref);
    if (!m) {
      issues.push({ field, message: `$ref ${ref}: refer to this API's models as ${modelRefUrl("ModelName")}, or to #/definitions/… inside this schema` });
    } else if (!known.has(decodeURIComponent(m[1]))) {
      issues.push({ field, message: `$ref ${ref}: there is no model named ${decodeURIComponent(m[1])} in this API` });
    }
  }
  if (issues.length) return issues;

  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: false });
  if (!ajv.validateSchema(schema as object)) {
    return (ajv.errors ?? [])
      .slice(0, 10)
      .map((e) => ({ field, message: `Not a valid JSON Schema draft 4: ${e.instancePath || "(top level)"} ${e.message ?? "is invalid"}` }));
  }
  // Compile with the other models registered under their names, so `$ref`s resolve as AWS resolves them.
  for (const other of design.models) {
    if (other.name === selfName) continue;
    try {
      ajv.addSchema(rewriteModelRefs(JSON.parse(other.schema)) as object, modelKey(other.name));
    } catch {
      // Another model that is not valid (an old import) cannot be referenced; compiling below says so.
    }
  }
  try {
    const own = rewriteModelRefs(schema) as Record<string, unknown>;
    if (selfName) ajv.addSchema(own, modelKey(selfName));
    ajv.compile(selfName ? { $ref: modelKey(selfName) } : own);
  } catch (e) {
    issues.push({ field, message: `Not a valid JSON Schema draft 4: ${(e as Error).message}` });
  }
  return issues;
}

const modelKey = (name: string) => `gatehouse:model:${encodeURIComponent(name)}`;

/** AWS model URLs → keys this check registered; ids dropped so that models never clash. */
function rewriteModelRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteModelRefs);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "$ref" && typeof v === "string" && MODEL_REF.test(v)) {
      const [, name, fragment] = MODEL_REF.exec(v)!;
      out[k] = modelKey(decodeURIComponent(name)) + (fragment ?? "");
    } else if (k === "$schema" || k === "id") {
    } else {
      out[k] = rewriteModelRefs(v);
    }
  }
  return out;
}

export function checkModel(design: ApiDesign, input: ModelInput, selfId?: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const name = input.name.trim();
  if (!name) issues.push({ field: "model.name", message: "Name is required" });
  else if (!/^[a-zA-Z0-9]+$/.test(name))
    issues.push({ field: "model.name", message: "Model name must be alphanumeric: letters and digits only, no spaces, dashes or underscores" });
  else if (design.models.some((m) => m.name === name && m.id !== selfId))
    issues.push({ field: "model.name", message: `A model named ${name} already exists in this API` });
  const contentType = (input.contentType ?? "application/json").trim();
  if (!MEDIA_TYPE.test(contentType)) issues.push({ field: "model.contentType", message: "Content type must be a media type such as application/json" });
  issues.push(...checkModelSchema(design, input.schema, name || undefined));
  return issues;
}

function modelOrThrow(design: ApiDesign, modelId: string): Model {
  const model = design.models.find((m) => m.id === modelId);
  if (!model) throw new NotFoundError(`Model ${modelId}`);
  return model;
}

function normalizedModel(id: string, input: ModelInput): Model {
  const description = input.description?.trim();
  return {
    id,
    name: input.name.trim(),
    contentType: (input.contentType ?? "application/json").trim(),
    schema: input.schema,
    ...(description ? { description } : {}),
  };
}

export function createModel(design: ApiDesign, input: ModelInput): { design: ApiDesign; model: Model } {
  const issues = checkModel(design, input);
  if (issues.length) throw new ValidationError(issues);
  const next = structuredClone(design);
  const model = normalizedModel(newEntityId(), input);
  next.models.push(model);
  return { design: next, model };
}

/**
 * Changes a model. A rename carries its references along: method request and response models and
 * other models' `$ref` URLs (rewritten in place, keeping their formatting) now name the new name.
 * AWS cannot rename a model, so a push replaces it; the references move with it.
 */
export function updateModel(
  design: ApiDesign,
  modelId: string,
  changes: Partial<ModelInput>,
): { design: ApiDesign; model: Model; renamedReferences: string[] } {
  const current = modelOrThrow(design, modelId);
  const input: ModelInput = {
    name: changes.name ?? current.name,
    contentType: changes.contentType ?? current.contentType,
    description: changes.description ?? current.description,
    schema: changes.schema ?? current.schema,
  };
  const issues = checkModel(design, input, modelId);
  if (issues.length) throw new ValidationError(issues);
  const next = structuredClone(design);
  const model = normalizedModel(modelId, input);
  next.models = next.models.map((m) => (m.id === modelId ? model : m));
  const renamedReferences = current.name !== model.name ? modelUsages(design, current.name) : [];
  if (current.name !== model.name) renameModelReferences(next, current.name, model.name);
  return { design: next, model, renamedReferences };
}

function renameModelReferences(design: ApiDesign, from: string, to: string): void {
  for (const { method } of methodsOf(design)) {
    for (const [ct, name] of Object.entries(method.requestModels)) if (name === from) method.requestModels[ct] = to;
    for (const response of Object.values(method.methodResponses)) {
      for (const [ct, name] of Object.entries(response.responseModels)) if (name === from) response.responseModels[ct] = to;
    }
  }
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const url = new RegExp(`(https?://apigateway\\.amazonaws\\.com/restapis/[^/"]+/models/)${escaped}(?=["#])`, "g");
  for (const other of design.models) other.schema = other.schema.replace(url, `$1${to}`);
}

/** Refused while a method or another model still uses it (AWS refuses too: "Cannot delete model"), naming each use. */
export function deleteModel(design: ApiDesign, modelId: string): ApiDesign {
  const model = modelOrThrow(design, modelId);
  const uses = modelUsages(design, model.name);
  if (uses.length) {
    throw new ValidationError([{ field: "modelId", message: `Model ${model.name} is still used by ${usedBy(uses)}; remove those references first` }]);
  }
  const next = structuredClone(design);
  next.models = next.models.filter((m) => m.id !== modelId);
  return next;
}

// ---------------------------------------------------------------------------------------------
// Request validators
// ---------------------------------------------------------------------------------------------

export interface RequestValidatorInput {
  name: string;
  validateRequestBody?: boolean;
  validateRequestParameters?: boolean;
}

export function checkRequestValidator(design: ApiDesign, input: RequestValidatorInput, selfId?: string): FieldIssue[] {
  const name = input.name.trim();
  if (!name) return [{ field: "validator.name", message: "Name is required" }];
  if (name.length > 1024) return [{ field: "validator.name", message: "Name must be at most 1024 characters" }];
  if (design.requestValidators.some((v) => v.name === name && v.id !== selfId)) {
    return [{ field: "validator.name", message: `A request validator named ${name} already exists in this API` }];
  }
  return [];
}

function validatorOrThrow(design: ApiDesign, validatorId: string): RequestValidator {
  const validator = design.requestValidators.find((v) => v.id === validatorId);
  if (!validator) throw new NotFoundError(`Request validator ${validatorId}`);
  return validator;
}

export function createRequestValidator(design: ApiDesign, input: RequestValidatorInput): { design: ApiDesign; validator: RequestValidator } {
  const issues = checkRequestValidator(design, input);
  if (issues.length) throw new ValidationError(issues);
  const next = structuredClone(design);
  const validator: RequestValidator = {
    id: newEntityId(),
    name: input.name.trim(),
    validateRequestBody: input.validateRequestBody ?? false,
    validateRequestParameters: input.validateRequestParameters ?? false,
  };
  next.requestValidators.push(validator);
  return { design: next, validator };
}

export function updateRequestValidator(
  design: ApiDesign,
  validatorId: string,
  changes: Partial<RequestValidatorInput>,
): { design: ApiDesign; validator: RequestValidator } {
  const current = validatorOrThrow(design, validatorId);
  const merged = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  const issues = checkRequestValidator(design, merged, validatorId);
  if (issues.length) throw new ValidationError(issues);
  const validator: RequestValidator = { ...merged, name: merged.name.trim() };
  const next = structuredClone(design);
  next.requestValidators = next.requestValidators.map((v) => (v.id === validatorId ? validator : v));
  return { design: next, validator };
}

export function deleteRequestValidator(design: ApiDesign, validatorId: string): ApiDesign {
  const validator = validatorOrThrow(design, validatorId);
  const uses = requestValidatorUsages(design, validatorId);
  if (uses.length) {
    throw new ValidationError([
      {
        field: "validatorId",
        message: `Request validator ${validator.name} is used by ${usedBy(uses)}; choose another validator (or none) on those methods first`,
      },
    ]);
  }
  const next = structuredClone(design);
  next.requestValidators = next.requestValidators.filter((v) => v.id !== validatorId);
  return next;
}

// ---------------------------------------------------------------------------------------------
// Authorizers
// ---------------------------------------------------------------------------------------------

export const MAX_AUTHORIZERS_PER_API = 10;
export const MAX_AUTHORIZER_TTL = 3600;

export interface AuthorizerInput {
  name: string;
  type: Authorizer["type"];
  /** TOKEN/REQUEST: the Lambda function; the authorizerUri is built from it as AWS builds it. */
  functionArn?: string;
  /** TOKEN/REQUEST: a full Lambda invocation URI, as an import carries it (functionArn wins when both are given). */
  authorizerUri?: string;
  authorizerCredentials?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds?: number;
  providerARNs?: string[];
}

const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_\-/]+$/;
const USER_POOL_ARN = /^arn:aws[a-z-]*:cognito-idp:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:userpool\/[A-Za-z0-9_-]+$/;
const HEADER_SOURCE = /^method\.request\.header\.[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const REQUEST_SOURCE =
  /^(?:method\.request\.(?:header|querystring|multivalueheader|multivaluequerystring)\.[^\s,]+|stageVariables\.[A-Za-z0-9_]+|context\.[A-Za-z0-9_.]+)$/;

/** What the input becomes as stored: fields that do not apply to the type are dropped, AWS's default TTL filled. */
export function normalizeAuthorizer(id: string, input: AuthorizerInput): Authorizer {
  const trimmed = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);
  const lambda = input.type !== "COGNITO_USER_POOLS";
  const functionArn = trimmed(input.functionArn);
  const out: Authorizer = {
    id,
    name: input.name.trim(),
    type: input.type,
    identitySource: trimmed(input.identitySource)
      ?.split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .join(", "),
    authorizerResultTtlInSeconds: input.authorizerResultTtlInSeconds ?? DEFAULT_AUTHORIZER_TTL,
    providerARNs: lambda ? [] : (input.providerARNs ?? []).map((a) => a.trim()).filter(Boolean),
  };
  if (lambda) {
    const uri = functionArn ? lambdaInvocationUri(functionArn) : trimmed(input.authorizerUri);
    if (uri) out.authorizerUri = uri;
    const credentials = trimmed(input.authorizerCredentials);
    if (credentials) out.authorizerCredentials = credentials;
  }
  const expression = input.type === "TOKEN" ? trimmed(input.identityValidationExpression) : undefined;
  if (expression) out.identityValidationExpression = expression;
  if (!out.identitySource) delete out.identitySource;
  return out;
}

export function checkAuthorizer(design: ApiDesign, input: AuthorizerInput, selfId?: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const name = input.name.trim();
  if (!name) issues.push({ field: "authorizer.name", message: "Name is required" });
  else if (design.authorizers.some((a) => a.name === name && a.id !== selfId)) {
    issues.push({ field: "authorizer.name", message: `An authorizer named ${name} already exists in this API` });
  }
  if (!selfId && design.authorizers.length >= MAX_AUTHORIZERS_PER_API) {
    issues.push({ field: "authorizer.name", message: `An API can have at most ${MAX_AUTHORIZERS_PER_API} authorizers` });
  }
  if (!(AUTHORIZER_TYPES as readonly string[]).includes(input.type)) {
    issues.push({ field: "authorizer.type", message: "Type must be TOKEN, REQUEST or COGNITO_USER_POOLS" });
    return issues;
  }
  const ttl = input.authorizerResultTtlInSeconds ?? DEFAULT_AUTHORIZER_TTL;
  if (!Number.isInteger(ttl) || ttl < 0 || ttl > MAX_AUTHORIZER_TTL) {
    issues.push({
      field: "authorizer.authorizerResultTtlInSeconds",
      message: `Result TTL must be a whole number of seconds from 0 (no caching) to ${MAX_AUTHORIZER_TTL}`,
    });
  }
  const source = input.identitySource?.trim() ?? "";
  const sources = source
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

  if (input.type === "COGNITO_USER_POOLS") return [...issues, ...cognitoAuthorizerIssues(input, source, sources)];
  // TOKEN and REQUEST call a Lambda function.
  issues.push(...lambdaAuthorizerTargetIssues(input));
  if (input.type === "TOKEN") issues.push(...tokenAuthorizerIssues(input, source, sources));
  else issues.push(...requestAuthorizerIssues(input, sources, ttl));
  return issues;
}

/** A TOKEN or Cognito authorizer reads exactly one header. */
function singleHeaderSourceIssues(source: string, sources: string[], kind: string): FieldIssue[] {
  if (!source) {
    return [{ field: "authorizer.identitySource", message: "Enter the header carrying the token, such as method.request.header.Authorization" }];
  }
  if (sources.length !== 1 || !HEADER_SOURCE.test(sources[0])) {
    return [{ field: "authorizer.identitySource", message: `${kind} reads one header: method.request.header.NAME` }];
  }
  return [];
}

function cognitoAuthorizerIssues(input: AuthorizerInput, source: string, sources: string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const arns = (input.providerARNs ?? []).map((a) => a.trim()).filter(Boolean);
  if (arns.length === 0) issues.push({ field: "authorizer.providerARNs", message: "Add at least one Cognito user pool ARN" });
  for (const arn of arns) {
    if (!USER_POOL_ARN.test(arn))
      issues.push({
        field: "authorizer.providerARNs",
        message: `Not a user pool ARN: ${arn} (expected arn:aws:cognito-idp:{region}:{account}:userpool/{id})`,
      });
  }
  issues.push(...singleHeaderSourceIssues(source, sources, "A Cognito authorizer"));
  return issues;
}

/** The Lambda function a TOKEN or REQUEST authorizer calls (by ARN or URI), and the role it calls it with. */
function lambdaAuthorizerTargetIssues(input: AuthorizerInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const functionArn = input.functionArn?.trim();
  if (functionArn) {
    if (!isLambdaFunctionArn(functionArn)) {
      issues.push({ field: "authorizer.functionArn", message: "Not a Lambda function ARN: expected arn:aws:lambda:{region}:{account}:function:{name}" });
    } else {
      try {
        lambdaInvocationUri(functionArn);
      } catch (e) {
        issues.push({ field: "authorizer.functionArn", message: `Cannot build the authorizer URI: ${(e as Error).message}` });
      }
    }
  } else if (input.authorizerUri?.trim()) {
    if (!parseLambdaInvocationUri(input.authorizerUri)) {
      issues.push({
        field: "authorizer.authorizerUri",
        message: "Invalid authorizer URI: expected arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations",
      });
    }
  } else {
    issues.push({ field: "authorizer.functionArn", message: "Enter the Lambda function's ARN" });
  }
  const credentials = input.authorizerCredentials?.trim();
  if (credentials && !IAM_ROLE_ARN.test(credentials)) {
    issues.push({ field: "authorizer.authorizerCredentials", message: "Not an IAM role ARN: expected arn:aws:iam::{account}:role/{name}" });
  }
  return issues;
}

function tokenAuthorizerIssues(input: AuthorizerInput, source: string, sources: string[]): FieldIssue[] {
  const issues = singleHeaderSourceIssues(source, sources, "A TOKEN authorizer");
  const expression = input.identityValidationExpression?.trim();
  if (expression) {
    try {
      new RegExp(expression);
    } catch (e) {
      issues.push({ field: "authorizer.identityValidationExpression", message: `Not a valid regular expression: ${(e as Error).message}` });
    }
  }
  return issues;
}

function requestAuthorizerIssues(input: AuthorizerInput, sources: string[], ttl: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!sources.length && ttl > 0) {
    issues.push({
      field: "authorizer.identitySource",
      message: "With caching on (TTL above 0) a REQUEST authorizer needs identity sources: they make the cache key",
    });
  }
  const bad = sources.filter((s) => !REQUEST_SOURCE.test(s));
  if (bad.length) {
    issues.push({
      field: "authorizer.identitySource",
      message: `Identity sources are comma-separated method.request.header.X, method.request.querystring.X, stageVariables.X or context.X; not valid: ${bad.join(", ")}`,
    });
  }
  if (input.identityValidationExpression?.trim()) {
    issues.push({ field: "authorizer.identityValidationExpression", message: "Only a TOKEN authorizer has a token validation expression" });
  }
  return issues;
}

function authorizerOrThrow(design: ApiDesign, authorizerId: string): Authorizer {
  const authorizer = design.authorizers.find((a) => a.id === authorizerId);
  if (!authorizer) throw new NotFoundError(`Authorizer ${authorizerId}`);
  return authorizer;
}

export function createAuthorizer(design: ApiDesign, input: AuthorizerInput): { design: ApiDesign; authorizer: Authorizer } {
  const issues = checkAuthorizer(design, input);
  if (issues.length) throw new ValidationError(issues);
  const next = structuredClone(design);
  const authorizer = normalizeAuthorizer(newEntityId(), input);
  next.authorizers.push(authorizer);
  return { design: next, authorizer };
}

/**
 * Replaces an authorizer's settings. Methods point at it by id and say CUSTOM (Lambda) or
 * COGNITO_USER_POOLS, so switching between a Lambda and a Cognito type is refused while used.
 */
export function updateAuthorizer(design: ApiDesign, authorizerId: string, input: AuthorizerInput): { design: ApiDesign; authorizer: Authorizer } {
  const current = authorizerOrThrow(design, authorizerId);
  const issues = checkAuthorizer(design, input, authorizerId);
  const isCognito = (t: string) => t === "COGNITO_USER_POOLS";
  if (isCognito(current.type) !== isCognito(input.type)) {
    const uses = authorizerUsages(design, authorizerId);
    if (uses.length) {
      issues.push({
        field: "authorizer.type",
        message: `${usedBy(uses)} use this authorizer as ${isCognito(current.type) ? "COGNITO_USER_POOLS" : "CUSTOM"} authorization; change those methods before switching to ${input.type}`,
      });
    }
  }
  if (issues.length) throw new ValidationError(issues);
  const next = structuredClone(design);
  const authorizer = normalizeAuthorizer(authorizerId, input);
  next.authorizers = next.authorizers.map((a) => (a.id === authorizerId ? authorizer : a));
  return { design: next, authorizer };
}

export function deleteAuthorizer(design: ApiDesign, authorizerId: string): ApiDesign {
  const authorizer = authorizerOrThrow(design, authorizerId);
  const uses = authorizerUsages(design, authorizerId);
  if (uses.length) {
    throw new ValidationError([
      { field: "authorizerId", message: `Authorizer ${authorizer.name} is used by ${usedBy(uses)}; change their authorization first` },
    ]);
  }
  const next = structuredClone(design);
  next.authorizers = next.authorizers.filter((a) => a.id !== authorizerId);
  return next;
}
