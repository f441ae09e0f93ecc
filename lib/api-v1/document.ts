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
  properties: { status: { type: "string", enum: ["applied", "requested", "unchanged"] }, requestId: { type: "string" }, summary: { type: "string" } },
};
const query = (name: string, description: string, schema: object = { type: "string" }) => ({ name, in: "query", required: false, description, schema });
const flag = { type: "string", enum: ["true", "false"] };
/** ImportRestApi's options, as the console's import form offers them. */
const importSettings = [
  query("basePath", "What to do with the document's base path (default ignore)", { type: "string", enum: ["ignore", "prepend", "split"] }),
  query("failOnWarnings", "Refuse the file when it has warnings", flag),
];
/** The file itself: OpenAPI 3.0 or Swagger 2.0, JSON or YAML, at most 6 MB. */
const openApiFile = {
  required: true,
  content: Object.fromEntries(["application/json", "application/yaml", "text/plain"].map((type) => [type, { schema: { type: "string" } }])),
};
const issues = { type: "array", items: { $ref: "#/components/schemas/Problem" } };

export const API_V1_DOCUMENT = {
  openapi: "3.0.3",
  info: {
    title: "Gatehouse pipeline API",
    version: "1",
    description:
      "For pipelines: list APIs and stages, import OpenAPI, deploy, diff, promote (an approval request on protected stages), push to AWS, " +
      "run the saved tests as a gate, read history. " +
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
      post: {
        operationId: "importNewApi",
        summary: "Create an API from an OpenAPI file (400 InvalidOpenApi lists every problem with its JSON pointer)",
        parameters: [query("name", "The API's name (default: the document's title)"), ...importSettings],
        requestBody: openApiFile,
        responses: {
          "201": json({ type: "object", properties: { id: { type: "string" }, name: { type: "string" }, warnings: issues } }),
          ...refusals,
        },
      },
    },
    "/apis/{apiId}/openapi": {
      put: {
        operationId: "importIntoApi",
        summary: "Import an OpenAPI file into the API's draft (merge or overwrite), or with dryRun say what it would change",
        parameters: [
          apiId,
          query("mode", "merge (default, as PutRestApi) or overwrite", { type: "string", enum: ["merge", "overwrite"] }),
          query("baseVersion", "Refuse (409) if the draft is no longer at this version", { type: "integer", minimum: 1 }),
          query("dryRun", "Write nothing; answer what the import would change", flag),
          ...importSettings,
        ],
        requestBody: openApiFile,
        responses: {
          "200": json({
            type: "object",
            properties: {
              apiId: { type: "string" },
              applied: { type: "boolean" },
              version: { type: "integer" },
              mode: { type: "string" },
              summary: { type: "object" },
              changes: { type: "array", items: { type: "string" } },
              warnings: issues,
            },
          }),
          "409": error,
          ...refusals,
        },
      },
    },
    "/apis/{apiId}/diff": {
      get: {
        operationId: "diff",
        summary: "Compare two of: the draft, a stage, a deployment (with two stages, also their variables and settings)",
        parameters: [apiId, ...["from", "to"].map((name) => ({ ...query(name, "draft, stage:NAME or deployment:ID"), required: true }))],
        responses: {
          "200": json({
            type: "object",
            properties: {
              from: { $ref: "#/components/schemas/DiffSide" },
              to: { $ref: "#/components/schemas/DiffSide" },
              design: { type: "object", description: "summary and entries, as `gatehouse diff --format json` prints" },
              stage: { type: "object", nullable: true },
            },
          }),
          ...refusals,
        },
      },
    },
    "/apis/{apiId}/stages/{stageName}/push": {
      post: {
        operationId: "push",
        summary:
          "Push the stage to AWS through the API's (or the given) AWS connection. The push runs as a job (it goes on if this request is cut off, and the console shows its progress); answers when it has ended",
        parameters: [apiId, stageName],
        requestBody: json({ type: "object", additionalProperties: false, properties: { connectionId: { type: "string", format: "uuid" } } }),
        responses: {
          "200": json({
            type: "object",
            properties: {
              jobId: { type: "string", description: "The push job, as the console and history name it" },
              pushId: { type: "string" },
              awsRestApiId: { type: "string" },
              awsDeploymentId: { type: "string" },
              calls: { type: "integer" },
              entityCalls: { type: "integer" },
            },
          }),
          "409": { ...error, description: "Someone is pushing the stage: the message says who and since when" },
          "502": { ...error, description: "AWS refused a call (code PushFailed): where the push stopped and why" },
          ...refusals,
        },
      },
    },
    "/apis/{apiId}/tests/run": {
      post: {
        operationId: "runTests",
        summary: "Run the API's saved test cases against the draft or a stage (a pipeline's gate: see failed)",
        parameters: [apiId],
        requestBody: json({
          type: "object",
          additionalProperties: false,
          properties: { target: { type: "string", pattern: "^(draft|stage:.+)$", default: "draft" }, ids: { type: "array", items: { type: "string" } } },
        }),
        responses: { "200": json({ $ref: "#/components/schemas/TestRun" }), ...refusals },
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
          "Refused: 401 TokenMissing/TokenInvalid/TokenExpired/TokenRevoked, 403 Forbidden, 400 ValidationError (fieldErrors) or InvalidOpenApi (problems), 404 NotFound, 409 Conflict, 502 PushFailed",
        ...json({
          type: "object",
          required: ["message"],
          properties: {
            message: { type: "string" },
            code: { type: "string" },
            fieldErrors: { type: "object", additionalProperties: { type: "string" } },
            problems: { ...issues, description: "A refused OpenAPI file (InvalidOpenApi): every problem, with its JSON pointer" },
          },
        }),
      },
    },
    schemas: {
      Problem: { type: "object", properties: { pointer: { type: "string" }, message: { type: "string" } } },
      DiffSide: {
        type: "object",
        properties: { ref: { type: "string" }, label: { type: "string" }, deploymentId: { type: "string", nullable: true } },
      },
      TestRun: {
        type: "object",
        properties: {
          target: { type: "string" },
          total: { type: "integer" },
          passed: { type: "integer" },
          failed: { type: "integer" },
          results: {
            type: "array",
            items: {
              type: "object",
              properties: {
                id: { type: "string" },
                name: { type: "string" },
                method: { type: "string" },
                resourcePath: { type: "string" },
                path: { type: "string" },
                passed: { type: "boolean" },
                status: { type: "integer" },
                failures: { type: "array", items: { type: "string" } },
                latencyMs: { type: "number" },
              },
            },
          },
        },
      },
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
          pendingRequest: {
            type: "object",
            nullable: true,
            description: "The change waiting for approval on this stage",
            properties: { id: { type: "string" }, summary: { type: "string" }, requestedBy: { type: "string" } },
          },
        },
      },
    },
  },
} as const;
