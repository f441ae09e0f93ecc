/**
 * The design of one REST API, shaped as API Gateway shapes it (RestApi → Resource →
 * Method → Integration …) so that push, import and OpenAPI map field for field.
 * One JSON document per API: it is what a deployment snapshots and what diffs compare.
 */
import { z } from "zod";
import { AUTHORIZATION_TYPES, ENDPOINT_TYPES, HTTP_METHODS, INTEGRATION_TYPES, PASSTHROUGH_BEHAVIORS } from "./design-constants";

export { AUTHORIZATION_TYPES, ENDPOINT_TYPES, HTTP_METHODS, INTEGRATION_TYPES, PASSTHROUGH_BEHAVIORS };

export type HttpMethod = (typeof HTTP_METHODS)[number];
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

const stringMap = z.record(z.string(), z.string());

export const integrationResponseSchema = z.object({
  statusCode: z.string(),
  /** Java regex matched against the backend status (HTTP) or Lambda errorMessage; absent = default response. */
  selectionPattern: z.string().optional(),
  responseParameters: stringMap.default({}),
  responseTemplates: stringMap.default({}),
  contentHandling: z.enum(["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]).optional(),
});

export const integrationSchema = z.object({
  type: z.enum(INTEGRATION_TYPES),
  /** The backend's HTTP method (AWS calls it integrationHttpMethod). Not used by MOCK. */
  httpMethod: z.string().optional(),
  uri: z.string().optional(),
  connectionType: z.enum(["INTERNET", "VPC_LINK"]).optional(),
  connectionId: z.string().optional(),
  credentials: z.string().optional(),
  requestParameters: stringMap.default({}),
  requestTemplates: stringMap.default({}),
  passthroughBehavior: z.enum(PASSTHROUGH_BEHAVIORS).default("WHEN_NO_MATCH"),
  contentHandling: z.enum(["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]).optional(),
  timeoutInMillis: z.number().int().default(29000),
  cacheNamespace: z.string().optional(),
  cacheKeyParameters: z.array(z.string()).default([]),
  tlsConfig: z.object({ insecureSkipVerification: z.boolean() }).optional(),
  /** Keyed by statusCode, as AWS keys them. */
  integrationResponses: z.record(z.string(), integrationResponseSchema).default({}),
});

export const methodResponseSchema = z.object({
  statusCode: z.string(),
  responseParameters: z.record(z.string(), z.boolean()).default({}),
  responseModels: stringMap.default({}),
});

export const methodSchema = z.object({
  httpMethod: z.enum(HTTP_METHODS),
  authorizationType: z.enum(AUTHORIZATION_TYPES).default("NONE"),
  authorizerId: z.string().optional(),
  authorizationScopes: z.array(z.string()).default([]),
  apiKeyRequired: z.boolean().default(false),
  operationName: z.string().optional(),
  /** `method.request.{path|querystring|header}.NAME` → required. */
  requestParameters: z.record(z.string(), z.boolean()).default({}),
  requestModels: stringMap.default({}),
  requestValidatorId: z.string().optional(),
  methodResponses: z.record(z.string(), methodResponseSchema).default({}),
  integration: integrationSchema.optional(),
});

export const resourceSchema = z.object({
  id: z.string(),
  /** null only for the root resource "/". */
  parentId: z.string().nullable(),
  /** "" for the root; otherwise one path segment: `pets`, `{id}`, `{proxy+}`. */
  pathPart: z.string(),
  methods: z.record(z.string(), methodSchema).default({}),
});

export const modelSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  contentType: z.string().default("application/json"),
  schema: z.string(),
});

export const requestValidatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  validateRequestBody: z.boolean().default(false),
  validateRequestParameters: z.boolean().default(false),
});

export const authorizerSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(["TOKEN", "REQUEST", "COGNITO_USER_POOLS"]),
  authorizerUri: z.string().optional(),
  authorizerCredentials: z.string().optional(),
  identitySource: z.string().optional(),
  identityValidationExpression: z.string().optional(),
  authorizerResultTtlInSeconds: z.number().int().optional(),
  providerARNs: z.array(z.string()).default([]),
});

export const gatewayResponseSchema = z.object({
  responseType: z.string(),
  statusCode: z.string().optional(),
  responseParameters: stringMap.default({}),
  responseTemplates: stringMap.default({}),
});

export const apiDesignSchema = z.object({
  name: z.string(),
  description: z.string().default(""),
  endpointType: z.enum(ENDPOINT_TYPES).default("REGIONAL"),
  binaryMediaTypes: z.array(z.string()).default([]),
  minimumCompressionSize: z.number().int().nullable().default(null),
  apiKeySource: z.enum(["HEADER", "AUTHORIZER"]).default("HEADER"),
  policy: z.string().nullable().default(null),
  disableExecuteApiEndpoint: z.boolean().default(false),
  resources: z.array(resourceSchema),
  models: z.array(modelSchema).default([]),
  requestValidators: z.array(requestValidatorSchema).default([]),
  authorizers: z.array(authorizerSchema).default([]),
  gatewayResponses: z.array(gatewayResponseSchema).default([]),
});

export type IntegrationResponse = z.infer<typeof integrationResponseSchema>;
export type Integration = z.infer<typeof integrationSchema>;
export type MethodResponse = z.infer<typeof methodResponseSchema>;
export type Method = z.infer<typeof methodSchema>;
export type Resource = z.infer<typeof resourceSchema>;
export type Model = z.infer<typeof modelSchema>;
export type RequestValidator = z.infer<typeof requestValidatorSchema>;
export type Authorizer = z.infer<typeof authorizerSchema>;
export type GatewayResponse = z.infer<typeof gatewayResponseSchema>;
export type ApiDesign = z.infer<typeof apiDesignSchema>;

/** Parses a stored or imported design, filling AWS's defaults. Throws ZodError on bad shape. */
export function parseDesign(value: unknown): ApiDesign {
  return apiDesignSchema.parse(value);
}
