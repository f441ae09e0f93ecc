/**
 * Gateway responses: GetGatewayResponses, PutGatewayResponse, UpdateGatewayResponse,
 * DeleteGatewayResponse — how AWS answered. Sources as in rest-api.ts.
 */
import { expect } from "vitest";
import { FAKE_ACCOUNT_ID } from "../../fakes/fake-apigateway";
import type { Fact, World } from "../run-facts";

const bad = (message: string) => ({ status: 400, error: { code: "BadRequestException", message } });
const DEFAULT_TEMPLATES = { "application/json": '{"message":$context.error.messageString}' };

/** Every response type with the status code of its default (DEFAULT_4XX/5XX have none). */
export const DEFAULT_STATUS: Record<string, string | undefined> = {
  ACCESS_DENIED: "403",
  API_CONFIGURATION_ERROR: "500",
  AUTHORIZER_CONFIGURATION_ERROR: "500",
  AUTHORIZER_FAILURE: "500",
  BAD_REQUEST_BODY: "400",
  BAD_REQUEST_PARAMETERS: "400",
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  EXPIRED_TOKEN: "403",
  INTEGRATION_FAILURE: "504",
  INTEGRATION_TIMEOUT: "504",
  INVALID_API_KEY: "403",
  INVALID_SIGNATURE: "403",
  MISSING_AUTHENTICATION_TOKEN: "403",
  QUOTA_EXCEEDED: "429",
  REQUEST_TOO_LARGE: "413",
  RESOURCE_NOT_FOUND: "404",
  THROTTLED: "429",
  UNAUTHORIZED: "401",
  UNSUPPORTED_MEDIA_TYPE: "415",
  WAF_FILTERED: "403",
};

function defaultResponse(responseType: string) {
  const status = DEFAULT_STATUS[responseType];
  return { responseType, defaultResponse: true, responseParameters: {}, responseTemplates: DEFAULT_TEMPLATES, ...(status ? { statusCode: status } : {}) };
}

/** The list holds exactly these items, in any order (the recordings were sorted by the test). */
function exactly(items: unknown[]) {
  return {
    asymmetricMatch: (actual: unknown) => Array.isArray(actual) && actual.length === items.length && expect.arrayContaining(items).asymmetricMatch(actual),
    toString: () => `exactly these ${items.length} items in any order`,
    toAsymmetricMatcher: () => `exactly ${JSON.stringify(items)}`,
  };
}

const key = (responseType: string) => (ids: Record<string, string>) => ({ restApiId: ids.api, responseType });
const withCustomMissingToken = async (w: World) => {
  await w.send("PutGatewayResponse", {
    ...key("MISSING_AUTHENTICATION_TOKEN")(w.ids),
    statusCode: "404",
    responseParameters: { "gatewayresponse.header.x-request-path": "method.request.path.petId" },
  });
};
const update =
  (type: string, ...patchOperations: Record<string, unknown>[]) =>
  (ids: Record<string, string>) => ({ ...key(type)(ids), patchOperations });

export const gatewayResponseFacts: Fact[] = [
  {
    name: "a new API lists all 21 response types as defaults",
    source: "rec test_gateway_response_crud/get-gateway-responses (all types, untouched ones defaultResponse: true)",
    op: "GetGatewayResponses",
    input: (ids) => ({ restApiId: ids.api, limit: 500 }),
    status: 200,
    returns: { item: exactly(Object.keys(DEFAULT_STATUS).map(defaultResponse)) },
  },
  {
    name: "an untouched type answers its default",
    source: "rec test_gateway_response_crud/get-gateway-response-default",
    op: "GetGatewayResponse",
    input: key("MISSING_AUTHENTICATION_TOKEN"),
    status: 200,
    returns: defaultResponse("MISSING_AUTHENTICATION_TOKEN"),
  },
  {
    name: "a customised type is listed among the defaults with defaultResponse: false",
    source: "rec test_gateway_response_crud/put-gateway-response, get-gateway-responses",
    given: withCustomMissingToken,
    op: "GetGatewayResponses",
    input: (ids) => ({ restApiId: ids.api }),
    status: 200,
    returns: {
      item: exactly(
        Object.keys(DEFAULT_STATUS).map((t) =>
          t === "MISSING_AUTHENTICATION_TOKEN"
            ? {
                responseType: t,
                defaultResponse: false,
                statusCode: "404",
                responseParameters: { "gatewayresponse.header.x-request-path": "method.request.path.petId" },
                responseTemplates: DEFAULT_TEMPLATES,
              }
            : defaultResponse(t),
        ),
      ),
    },
  },
  {
    name: "untouched 5XX types answer a customised DEFAULT_5XX (still defaultResponse: true); 4XX types keep theirs",
    source: "rec test_gateway_response_put/put-gateway-response-default-5xx, put-gateway-response-default-ignored, get-gateway-responses",
    given: async (w) => {
      await w.send("PutGatewayResponse", {
        ...key("DEFAULT_5XX")(w.ids),
        statusCode: "599",
        responseParameters: { "gatewayresponse.header.x-h": "method.request.header.Accept" },
        responseTemplates: { "application/json": "{}" },
      });
      await w.send("PutGatewayResponse", { ...key("AUTHORIZER_FAILURE")(w.ids), responseParameters: { "gatewayresponse.header.foo": "'bar'" } });
    },
    op: "GetGatewayResponses",
    input: (ids) => ({ restApiId: ids.api }),
    status: 200,
    returns: {
      item: expect.arrayContaining([
        {
          responseType: "INTEGRATION_TIMEOUT",
          defaultResponse: true,
          statusCode: "599",
          responseParameters: { "gatewayresponse.header.x-h": "method.request.header.Accept" },
          responseTemplates: { "application/json": "{}" },
        },
        {
          responseType: "AUTHORIZER_FAILURE",
          defaultResponse: false,
          statusCode: "500",
          responseParameters: { "gatewayresponse.header.foo": "'bar'" },
          responseTemplates: DEFAULT_TEMPLATES,
        },
        defaultResponse("ACCESS_DENIED"),
      ]),
    },
  },
  {
    name: "PutGatewayResponse with only a status code fills AWS's default template",
    source: "rec test_gateway_response_put/put-gateway-response-status-only",
    op: "PutGatewayResponse",
    input: (ids) => ({ ...key("MISSING_AUTHENTICATION_TOKEN")(ids), statusCode: "404" }),
    status: 201,
    returns: {
      responseType: "MISSING_AUTHENTICATION_TOKEN",
      defaultResponse: false,
      statusCode: "404",
      responseParameters: {},
      responseTemplates: DEFAULT_TEMPLATES,
    },
  },
  {
    name: "DeleteGatewayResponse answers 202 and the type is back to its default",
    source: "rec test_gateway_response_crud/delete-gateway-response, get-deleted-gw-response",
    given: withCustomMissingToken,
    op: "DeleteGatewayResponse",
    input: key("MISSING_AUTHENTICATION_TOKEN"),
    status: 202,
    followedBy: [
      { op: "GetGatewayResponse", input: key("MISSING_AUTHENTICATION_TOKEN"), status: 200, returns: defaultResponse("MISSING_AUTHENTICATION_TOKEN") },
    ],
  },
  {
    name: "deleting a type that was never set is a 404",
    source: "rec test_gateway_response_validation/delete-gateway-response-not-set",
    op: "DeleteGatewayResponse",
    input: key("DEFAULT_4XX"),
    status: 404,
    error: { code: "NotFoundException", message: "Gateway response type not defined on api" },
  },
  {
    name: "an unknown API is a 404 naming the account",
    source: "rec test_gateway_response_validation/get-gateway-responses-no-api",
    op: "GetGatewayResponses",
    input: { restApiId: "fake-api-id" },
    status: 404,
    error: { code: "NotFoundException", message: `Invalid API identifier specified ${FAKE_ACCOUNT_ID}:fake-api-id` },
  },
  {
    name: "an unknown response type is a ValidationException listing AWS's types",
    source: "rec test_gateway_response_validation/get-gateway-response-wrong-response-type",
    op: "GetGatewayResponse",
    input: key("FAKE_RESPONSE_TYPE"),
    status: 400,
    error: {
      code: "ValidationException",
      message:
        "1 validation error detected: Value 'FAKE_RESPONSE_TYPE' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR, MISSING_AUTHENTICATION_TOKEN, BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY, BAD_REQUEST_PARAMETERS, AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT, ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED, API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN]",
    },
  },
  {
    name: "UpdateGatewayResponse of an untouched type customises it",
    source: "rec test_update_gateway_response/update-gateway-response-not-set",
    op: "UpdateGatewayResponse",
    input: update("DEFAULT_4XX", { op: "replace", path: "/statusCode", value: "444" }),
    status: 200,
    returns: { responseType: "DEFAULT_4XX", defaultResponse: false, statusCode: "444", responseParameters: {}, responseTemplates: DEFAULT_TEMPLATES },
  },
  {
    name: "map keys are replaced and added, content types with `/` escaped",
    source: "rec test_update_gateway_response/update-gateway-response",
    given: async (w) => {
      await w.send("PutGatewayResponse", {
        ...key("DEFAULT_4XX")(w.ids),
        statusCode: "404",
        responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'a.b.c'" },
      });
    },
    op: "UpdateGatewayResponse",
    input: update(
      "DEFAULT_4XX",
      { op: "replace", path: "/statusCode", value: "444" },
      { op: "replace", path: "/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin", value: "'example.com'" },
      { op: "add", path: "/responseTemplates/application~1xml", value: "<m/>" },
    ),
    status: 200,
    returns: {
      statusCode: "444",
      responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'example.com'" },
      responseTemplates: { ...DEFAULT_TEMPLATES, "application/xml": "<m/>" },
    },
  },
  ...(["add", "remove"] as const).map(
    (op): Fact => ({
      name: `/statusCode does not take ${op}`,
      source: `rec test_update_gateway_response/update-gateway-${op}-status-code`,
      op: "UpdateGatewayResponse",
      input: update("DEFAULT_4XX", op === "add" ? { op, path: "/statusCode", value: "444" } : { op, path: "/statusCode" }),
      ...bad("Invalid patch path /statusCode"),
    }),
  ),
  {
    name: "replace of a header the response lacks is a 404",
    source: "rec test_update_gateway_response/update-gateway-replace-invalid-parameter",
    op: "UpdateGatewayResponse",
    input: update("DEFAULT_5XX", { op: "replace", path: "/responseParameters/gatewayresponse.header.Access-Control-Allow-Origin", value: "'example.com'" }),
    status: 404,
    error: { code: "NotFoundException", message: "Invalid parameter name specified" },
  },
  {
    name: "an operation without a path is refused",
    source: "rec test_update_gateway_response/update-gateway-no-path",
    op: "UpdateGatewayResponse",
    input: update("DEFAULT_4XX", { op: "add", value: "'example.com'" }),
    ...bad("Invalid patch path null"),
  },
  {
    name: "an unknown path is refused",
    source: "rec test_update_gateway_response/update-gateway-wrong-path",
    op: "UpdateGatewayResponse",
    input: update("DEFAULT_4XX", { op: "add", path: "/wrongPath", value: "'example.com'" }),
    ...bad("Invalid patch path /wrongPath"),
  },
  {
    name: "replace of a template with no value is refused",
    source: "rec test_update_gateway_response/update-gateway-replace-invalid-parameter-0-none",
    given: async (w) => {
      await w.send("PutGatewayResponse", { ...key("DEFAULT_4XX")(w.ids), responseTemplates: { "application/xml": "<m/>" } });
    },
    op: "UpdateGatewayResponse",
    input: update("DEFAULT_4XX", { op: "replace", path: "/responseTemplates/application~1xml" }),
    ...bad("Invalid null or empty value in responseTemplates"),
  },
];
