/**
 * The OpenAPI 3 description of /api/v1, served at /api/v1/openapi.json. A test checks that every
 * route under app/api/v1 is described here and every path here has a route, so the two agree.
 */
const error = { $ref: "#/components/responses/Error" };
const refusals = { "400": error, "401": error, "403": error, "404": error };
const apiId = { name: "apiId", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const stageName = { name: "stageName", in: "path", required: true, schema: { type: "string", pattern: "^[A-Za-z0-9_-]{1,128}$" } };
const json = (schema: object) => ({ content: { "application/json": { schema } } });
const stageAction = {
  type: "object",
  required: ["status", "summary"],
  properties: { status: { type: "string", enum: ["applied", "requested"] }, requestId: { type: "string" }, summary: { type: "string" } },
};

export const API_V1_DOCUMENT = {
  openapi: "3.0.3",
  info: {
    title: "Gatehouse pipeline API",
    version: "1",
    description:
      "For pipelines: list APIs and stages, deploy, promote (an approval request on protected stages), read history. " +
      "Authenticate with an access token created in the console (Account → Access tokens): `Authorization: Bearer gh_pat_…`. " +
      "A token acts as its owner with its role, never above the owner's current role; every change is audited as the owner.",
  },
  servers: [{ url: "/api/v1" }],
  security: [{ accessToken: [] }],
  paths: {
    "/apis": {
      get: {
        operationId: "listApis",
        summary: "The workspace's REST APIs",
        responses: { "200": json({ type: "array", items: { $ref: "#/components/schemas/Api" } }), ...refusals },
      },
    },
    "/apis/{apiId}/stages": {
      get: {
        operationId: "listStages",
        summary: "An API's stages",
        parameters: [apiId],
        responses: { "200": json({ type: "array", items: { $ref: "#/components/schemas/Stage" } }), ...refusals },
      },
    },
    "/apis/{apiId}/deployments": {
      post: {
        operationId: "deploy",
        summary: "Snapshot the draft as a deployment; with stageName, point that stage at it",
        parameters: [apiId],
        requestBody: json({
          type: "object",
          additionalProperties: false,
          properties: { description: { type: "string", maxLength: 1024 }, stageName: stageName.schema },
        }),
        responses: {
          "201": json({
            type: "object",
            required: ["deploymentId"],
            properties: { deploymentId: { type: "string" }, stage: { nullable: true, ...stageAction } },
          }),
          "409": error,
          ...refusals,
        },
      },
    },
    "/apis/{apiId}/stages/{stageName}/promote": {
      post: {
        operationId: "promote",
        summary: "Point the stage at the deployment another stage runs (an approval request when the stage is protected)",
        parameters: [apiId, stageName],
        requestBody: json({ type: "object", required: ["from"], properties: { from: stageName.schema } }),
        responses: { "200": json(stageAction), "409": error, ...refusals },
      },
    },
    "/history": {
      get: {
        operationId: "history",
        summary: "The audit history, newest first",
        parameters: ["apiId", "actor", "action", "entityType", "entity", "from", "to", "limit"].map((name) => ({
          name,
          in: "query",
          required: false,
          schema: { type: "string" },
        })),
        responses: { "200": json({ type: "array", items: { type: "object" } }), ...refusals },
      },
    },
  },
  components: {
    securitySchemes: { accessToken: { type: "http", scheme: "bearer", description: "An access token (gh_pat_…)" } },
    responses: {
      Error: {
        description:
          "Refused: 401 TokenMissing/TokenInvalid/TokenExpired/TokenRevoked, 403 Forbidden, 400 ValidationError (fieldErrors), 404 NotFound, 409 Conflict",
        ...json({
          type: "object",
          required: ["message"],
          properties: { message: { type: "string" }, code: { type: "string" }, fieldErrors: { type: "object", additionalProperties: { type: "string" } } },
        }),
      },
    },
    schemas: {
      Api: {
        type: "object",
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          description: { type: "string", nullable: true },
          version: { type: "integer" },
          awsRestApiId: { type: "string", nullable: true },
          updatedAt: { type: "string", format: "date-time" },
        },
      },
      Stage: {
        type: "object",
        properties: {
          name: { type: "string" },
          protected: { type: "boolean" },
          deploymentId: { type: "string", nullable: true },
          deploymentDescription: { type: "string", nullable: true },
          variables: { type: "object", additionalProperties: { type: "string" } },
        },
      },
    },
  },
} as const;
