/**
 * FAKE API Gateway: which patch paths and ops AWS takes on each REST API entity, and how it
 * words the refusals (facts: test/contract/facts/*.ts). Used with applyEntityPatch.
 */
import type { EntityPatchSpec, MapRule } from "./entity-patch";

const PARAM_NOT_FOUND = "Invalid parameter name specified";
const CONTENT_TYPE_NOT_FOUND = "Content-Type specified was not found";
const params = (kind: MapRule["kind"]): MapRule => ({ kind, missingKey: PARAM_NOT_FOUND });
const byContentType: MapRule = { kind: "stringMap", missingKey: CONTENT_TYPE_NOT_FOUND };
const str = { kind: "string" } as const;
const bool = { kind: "bool" } as const;

const COMPRESSION = "Invalid minimum compression size, must be between 0 and 10485760";

export const REST_API_SPEC: EntityPatchSpec = {
  style: "path",
  scalars: {
    name: str,
    description: { kind: "string", ops: ["replace", "remove"] },
    minimumCompressionSize: { kind: "int", check: (v) => (/^\d+$/.test(v) && Number(v) <= 10485760 ? undefined : COMPRESSION) },
    apiKeySource: str,
    policy: str,
    disableExecuteApiEndpoint: bool,
  },
  lists: ["binaryMediaTypes"],
};

export const METHOD_SPEC: EntityPatchSpec = {
  style: "path",
  scalars: { authorizationType: str, authorizerId: str, apiKeyRequired: bool, requestValidatorId: str, operationName: str },
  maps: { requestParameters: params("boolMap"), requestModels: byContentType },
  valueLists: ["authorizationScopes"],
};

export const METHOD_RESPONSE_SPEC: EntityPatchSpec = {
  style: "path",
  maps: { responseParameters: params("boolMap"), responseModels: byContentType },
};

export const INTEGRATION_SPEC: EntityPatchSpec = {
  style: "path",
  scalars: {
    httpMethod: str,
    uri: str,
    connectionType: str,
    connectionId: str,
    credentials: str,
    passthroughBehavior: str,
    contentHandling: str,
    timeoutInMillis: { kind: "int" },
    cacheNamespace: str,
  },
  maps: { requestParameters: params("stringMap"), requestTemplates: byContentType },
  lists: ["cacheKeyParameters"],
  nested: { "tlsConfig/insecureSkipVerification": "bool" },
};

export const INTEGRATION_RESPONSE_SPEC: EntityPatchSpec = {
  style: "path",
  scalars: { selectionPattern: str, contentHandling: str },
  maps: { responseParameters: params("stringMap"), responseTemplates: byContentType },
};

export const MODEL_SPEC: EntityPatchSpec = { style: "field", scalars: { description: str, schema: str } };

export const VALIDATOR_SPEC: EntityPatchSpec = { style: "field", scalars: { name: str, validateRequestParameters: bool, validateRequestBody: bool } };

export const RESOURCE_SPEC: EntityPatchSpec = { style: "field", scalars: { parentId: str, pathPart: str } };

export const AUTHORIZER_SPEC: EntityPatchSpec = {
  style: "path",
  scalars: {
    name: str,
    type: str,
    authType: str,
    authorizerUri: str,
    authorizerCredentials: str,
    identitySource: str,
    identityValidationExpression: str,
    authorizerResultTtlInSeconds: { kind: "int" },
  },
  valueLists: ["providerARNs"],
};

export const GATEWAY_RESPONSE_SPEC: EntityPatchSpec = {
  style: "path",
  wrongOpIsInvalidPath: true,
  scalars: { statusCode: str },
  maps: {
    responseParameters: { kind: "stringMap", missingKey: PARAM_NOT_FOUND, nullValue: "Invalid null or empty value in responseParameters" },
    responseTemplates: { kind: "stringMap", missingKey: CONTENT_TYPE_NOT_FOUND, nullValue: "Invalid null or empty value in responseTemplates" },
  },
};
