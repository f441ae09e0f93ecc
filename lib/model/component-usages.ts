/**
 * Where a design's models, validators and authorizers are used, and the authorizer constants the
 * designer's forms show: pure, with no schema validator and no id generator, so client components
 * can import them without Ajv (lib/model/components.ts re-exports them).
 */
import type { ApiDesign } from "./design";
import { parseLambdaInvocationUri } from "./lambda-uri";
import { resourcePath } from "./tree";

// ---------------------------------------------------------------------------------------------
// Where components are used
// ---------------------------------------------------------------------------------------------

/** `https://apigateway.amazonaws.com/restapis/{restapi_id}/models/{model_name}`: how one AWS model refers to another. */
export const MODEL_REF = /^https?:\/\/apigateway\.amazonaws\.com\/restapis\/[^/]+\/models\/([^/#]+)(#.*)?$/;
export const DRAFT_04_META = "http://json-schema.org/draft-04/schema#";

/** The `$ref` a model writes to point at another model of the same API (AWS resolves any restapi id segment to this API). */
export function modelRefUrl(modelName: string, restApiId = "{restapi_id}"): string {
  return `https://apigateway.amazonaws.com/restapis/${restApiId}/models/${modelName}`;
}

export function methodsOf(design: ApiDesign) {
  return design.resources.flatMap((resource) =>
    Object.values(resource.methods).map((method) => ({ label: `${method.httpMethod} ${resourcePath(design, resource)}`, method })),
  );
}

/** Every `$ref` string in a parsed schema. */
export function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

/** Names of the models a schema text refers to by AWS model URL (none when it is not JSON). */
export function referencedModelNames(schemaText: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(schemaText);
  } catch {
    return [];
  }
  const names = refsIn(parsed).flatMap((ref) => {
    const m = MODEL_REF.exec(ref);
    return m ? [decodeURIComponent(m[1])] : [];
  });
  return [...new Set(names)];
}

/** Where a model is used: method request bodies, method responses, and other models' `$ref`s. */
export function modelUsages(design: ApiDesign, modelName: string): string[] {
  const uses: string[] = [];
  for (const { label, method } of methodsOf(design)) {
    for (const [contentType, name] of Object.entries(method.requestModels)) {
      if (name === modelName) uses.push(`${label} request body (${contentType})`);
    }
    for (const response of Object.values(method.methodResponses)) {
      for (const [contentType, name] of Object.entries(response.responseModels)) {
        if (name === modelName) uses.push(`${label} response ${response.statusCode} (${contentType})`);
      }
    }
  }
  for (const other of design.models) {
    if (other.name !== modelName && referencedModelNames(other.schema).includes(modelName)) uses.push(`model ${other.name}`);
  }
  return uses;
}

export function requestValidatorUsages(design: ApiDesign, validatorId: string): string[] {
  return methodsOf(design)
    .filter(({ method }) => method.requestValidatorId === validatorId)
    .map(({ label }) => label);
}

export function authorizerUsages(design: ApiDesign, authorizerId: string): string[] {
  return methodsOf(design)
    .filter(({ method }) => method.authorizerId === authorizerId)
    .map(({ label }) => label);
}

export const DEFAULT_AUTHORIZER_TTL = 300;

export const AUTHORIZER_TYPES = ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"] as const;

/** The Lambda function ARN inside an authorizer URI (what the designer shows instead of the raw URI). */
export function functionArnOfUri(uri: string | undefined): string | undefined {
  return parseLambdaInvocationUri(uri)?.functionArn;
}
