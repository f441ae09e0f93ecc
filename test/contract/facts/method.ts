/**
 * Methods and method responses: PutMethod, GetMethod, UpdateMethod, DeleteMethod,
 * PutMethodResponse, UpdateMethodResponse, DeleteMethodResponse — how AWS answered.
 * Sources as in rest-api.ts ("rec <test>/<step>" in control-plane-api.json).
 */
import { expect } from "vitest";
import type { Fact } from "../run-facts";
import { rootGet } from "./given";

const bad = (message: string) => ({ status: 400, error: { code: "BadRequestException", message } });
const notFound = (message: string) => ({ status: 404, error: { code: "NotFoundException", message } });
const update =
  (...patchOperations: Record<string, string>[]) =>
  (ids: Record<string, string>) => ({ ...rootGet(ids), patchOperations });
const updateResponse =
  (...patchOperations: Record<string, string>[]) =>
  (ids: Record<string, string>) => ({ ...rootGet(ids), statusCode: "200", patchOperations });

export const putMethodFacts: Fact[] = [
  {
    name: "PutMethod answers the method with apiKeyRequired as a boolean",
    source: "rec test_method_lifecycle/put-base-method-response",
    op: "PutMethod",
    input: (ids) => ({ ...rootGet(ids), httpMethod: "ANY", authorizationType: "NONE" }),
    status: 201,
    returns: { httpMethod: "ANY", authorizationType: "NONE", apiKeyRequired: false },
  },
  {
    name: "request parameters keep their required flags as booleans",
    source: "rec test_method_request_parameters/put-method-request-params-response",
    op: "PutMethod",
    input: (ids) => ({
      ...rootGet(ids),
      authorizationType: "NONE",
      requestParameters: { "method.request.querystring.q": true, "method.request.header.h": false },
    }),
    status: 201,
    returns: { requestParameters: { "method.request.querystring.q": true, "method.request.header.h": false } },
  },
  {
    name: "PutMethod on an unknown API answers as for an unknown resource",
    source: "rec test_put_method_validation/wrong-api",
    op: "PutMethod",
    input: (ids) => ({ ...rootGet(ids), restApiId: "fake-api", authorizationType: "NONE" }),
    ...notFound("Invalid Resource identifier specified"),
  },
  {
    name: "a parameter name used in two locations is refused",
    source: "rec test_method_request_parameters/req-params-same-name",
    op: "PutMethod",
    input: (ids) => ({
      ...rootGet(ids),
      authorizationType: "NONE",
      requestParameters: { "method.request.querystring.optional": false, "method.request.header.optional": false },
    }),
    ...bad("Parameter names must be unique across querystring, header and path"),
  },
  {
    name: "an unknown HTTP method is refused",
    source: "rec test_put_method_validation/wrong-method",
    op: "PutMethod",
    input: (ids) => ({ ...rootGet(ids), httpMethod: "WRONG", authorizationType: "NONE" }),
    ...bad("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY"),
  },
  {
    name: "CUSTOM without an authorizer is refused",
    source: "rec test_put_method_validation/missing-authorizer-id",
    op: "PutMethod",
    input: (ids) => ({ ...rootGet(ids), authorizationType: "CUSTOM" }),
    ...bad("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer."),
  },
  {
    name: "an unknown request validator is refused",
    source: "rec test_put_method_validation/invalid-request-validator",
    op: "PutMethod",
    input: (ids) => ({ ...rootGet(ids), authorizationType: "NONE", requestValidatorId: "fake-validator" }),
    ...bad("Invalid Request Validator identifier specified"),
  },
  {
    name: "an unknown model is refused",
    source: "rec test_put_method_validation/invalid-model-name",
    op: "PutMethod",
    input: (ids) => ({ ...rootGet(ids), authorizationType: "NONE", requestModels: { "application/json": "petModel" } }),
    ...bad("Invalid model identifier specified: petModel"),
  },
  {
    name: "DeleteMethod answers 204; a second delete is a 404",
    source: "rec test_method_lifecycle/del-base-method-response, delete-deleted-method-response",
    given: async (w) => void (await w.send("PutMethod", { ...rootGet(w.ids), authorizationType: "NONE" })),
    op: "DeleteMethod",
    input: rootGet,
    status: 204,
    followedBy: [{ op: "DeleteMethod", input: rootGet, ...notFound("Invalid Method identifier specified") }],
  },
];

const withGet = async (w: { send: (op: string, i: Record<string, unknown>) => Promise<any>; ids: Record<string, string> }) => {
  await w.send("PutMethod", { ...rootGet(w.ids), authorizationType: "NONE", apiKeyRequired: true });
};

export const updateMethodFacts: Fact[] = [
  {
    name: "map keys are added with `/` escaped as ~1; flags come back as booleans",
    source: "rec test_update_method/update-method-add",
    given: withGet,
    op: "UpdateMethod",
    input: update(
      { op: "add", path: "/requestParameters/method.request.querystring.optional", value: "true" },
      { op: "add", path: "/requestModels/application~1json", value: "Empty" },
    ),
    status: 200,
    returns: { requestModels: { "application/json": "Empty" }, requestParameters: { "method.request.querystring.optional": true } },
    followedBy: [
      {
        // rec test_update_method/update-method-replace
        op: "UpdateMethod",
        input: update(
          { op: "replace", path: "/operationName", value: "ReplacedOperationName" },
          { op: "replace", path: "/apiKeyRequired", value: "false" },
          { op: "replace", path: "/authorizationType", value: "AWS_IAM" },
          { op: "replace", path: "/requestParameters/method.request.querystring.optional", value: "false" },
        ),
        status: 200,
        returns: {
          operationName: "ReplacedOperationName",
          apiKeyRequired: false,
          authorizationType: "AWS_IAM",
          requestParameters: { "method.request.querystring.optional": false },
        },
      },
      {
        // rec test_update_method/update-method-remove: emptied maps are left out
        op: "UpdateMethod",
        input: update(
          { op: "remove", path: "/requestParameters/method.request.querystring.optional" },
          { op: "remove", path: "/requestModels/application~1json" },
        ),
        status: 200,
        absent: ["requestParameters", "requestModels"],
      },
    ],
  },
  {
    name: "authorization scopes are added and removed with the scope in the value",
    source: "doc API Gateway developer guide, Cognito user pool authorizer: update-method op=add,path=/authorizationScopes,value=<scope>",
    given: async (w) => {
      const auth = await w.send("CreateAuthorizer", {
        restApiId: w.ids.api,
        name: "pool",
        type: "COGNITO_USER_POOLS",
        providerARNs: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc"],
        identitySource: "method.request.header.Authorization",
      });
      await w.send("PutMethod", { ...rootGet(w.ids), authorizationType: "COGNITO_USER_POOLS", authorizerId: auth.id });
    },
    op: "UpdateMethod",
    input: update({ op: "add", path: "/authorizationScopes", value: "email" }, { op: "add", path: "/authorizationScopes", value: "openid" }),
    status: 200,
    returns: { authorizationScopes: ["email", "openid"] },
    followedBy: [
      {
        op: "UpdateMethod",
        input: update({ op: "remove", path: "/authorizationScopes", value: "email" }),
        status: 200,
        returns: { authorizationScopes: ["openid"] },
      },
      { op: "UpdateMethod", input: update({ op: "add", path: "/authorizationScopes/email" }), ...bad("Invalid patch path /authorizationScopes/email") },
    ],
  },
  {
    name: "/requestModels/application/json with the `/` unescaped is refused",
    source: "rec test_update_method_validation/wrong-path-request-models",
    given: withGet,
    op: "UpdateMethod",
    input: update({ op: "add", path: "/requestModels/application/json", value: "Empty" }),
    ...bad("Invalid patch path /requestModels/application/json"),
  },
  {
    name: "a whole map (/requestParameters) is not a patch path",
    source: "rec test_update_method_validation/wrong-path-request-parameters",
    given: withGet,
    op: "UpdateMethod",
    input: update({ op: "replace", path: "/requestParameters", value: "method.request.querystring.optional=false" }),
    ...bad("Invalid patch path /requestParameters"),
  },
  {
    name: "/httpMethod is not a patch path",
    source: "rec test_update_method_validation/unsupported-path",
    given: withGet,
    op: "UpdateMethod",
    input: update({ op: "add", path: "/httpMethod", value: "PUT" }),
    ...bad("Invalid patch path /httpMethod"),
  },
  ...["/operationName", "/requestValidatorId"].map(
    (path): Fact => ({
      name: `${path} only takes replace`,
      source: "rec test_update_method_validation/unsupported-operation, unsupported-operation-2",
      given: withGet,
      op: "UpdateMethod",
      input: update({ op: "add", path, value: "x" }),
      ...bad("Invalid patch operation specified. Must be one of: [replace]"),
    }),
  ),
  {
    name: "apiKeyRequired takes any text: what is not 'true' is false",
    source: "rec test_update_method_validation/wrong-value-type",
    given: withGet,
    op: "UpdateMethod",
    input: update({ op: "replace", path: "/apiKeyRequired", value: "whatever" }),
    status: 200,
    returns: { apiKeyRequired: false },
  },
  {
    name: "an authorizer id on a method that is not CUSTOM is ignored",
    source: "rec test_update_method_validation/skip-auth-id-with-wrong-type",
    given: withGet,
    op: "UpdateMethod",
    input: update({ op: "replace", path: "/authorizerId", value: "abc123" }),
    status: 200,
    returns: { authorizationType: "NONE" },
    absent: ["authorizerId"],
  },
  {
    name: "CUSTOM with an authorizer id the API lacks is refused",
    source: "rec test_update_method_validation/wrong-auth-id",
    given: withGet,
    op: "UpdateMethod",
    input: update({ op: "replace", path: "/authorizationType", value: "CUSTOM" }, { op: "replace", path: "/authorizerId", value: "abc123" }),
    ...bad("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer."),
  },
  {
    name: "CUSTOM without an authorizer is refused",
    source: "rec test_update_method_validation/wrong-auth-type",
    given: withGet,
    op: "UpdateMethod",
    input: update({ op: "replace", path: "/authorizationType", value: "CUSTOM" }),
    ...bad("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer."),
  },
  {
    name: "an unknown request validator is refused",
    source: "rec test_update_method_validation/wrong-req-validator-id",
    given: withGet,
    op: "UpdateMethod",
    input: update({ op: "replace", path: "/requestValidatorId", value: "fake-id" }),
    ...bad("Invalid Request Validator identifier specified"),
  },
  {
    name: "UpdateMethod of a method the resource lacks is a 404",
    source: "rec test_update_method_validation/method-does-not-exist",
    op: "UpdateMethod",
    input: update({ op: "replace", path: "/operationName", value: "x" }),
    ...notFound("Invalid Method identifier specified"),
  },
];

const withMethodResponse = async (w: { send: (op: string, i: Record<string, unknown>) => Promise<any>; ids: Record<string, string> }) => {
  await w.send("PutMethod", { ...rootGet(w.ids), authorizationType: "NONE" });
  await w.send("PutMethodResponse", {
    ...rootGet(w.ids),
    statusCode: "200",
    responseParameters: { "method.response.header.my-header": false },
    responseModels: { "application/json": "Empty" },
  });
};
const withBareMethodResponse = async (w: { send: (op: string, i: Record<string, unknown>) => Promise<any>; ids: Record<string, string> }) => {
  await w.send("PutMethod", { ...rootGet(w.ids), authorizationType: "NONE" });
  await w.send("PutMethodResponse", { ...rootGet(w.ids), statusCode: "200" });
};

export const methodResponseFacts: Fact[] = [
  {
    name: "UpdateMethodResponse answers 201; removing the last keys leaves only statusCode",
    source: "rec test_update_method_response/remove-update-method-response",
    given: withMethodResponse,
    op: "UpdateMethodResponse",
    input: updateResponse(
      { op: "remove", path: "/responseParameters/method.response.header.my-header" },
      { op: "remove", path: "/responseModels/application~1json" },
    ),
    status: 201,
    returns: { statusCode: "200" },
    absent: ["responseParameters", "responseModels"],
    followedBy: [
      {
        // rec test_update_method_response/add-update-method-response
        op: "UpdateMethodResponse",
        input: updateResponse(
          { op: "add", path: "/responseParameters/method.response.header.my-header", value: "true" },
          { op: "add", path: "/responseModels/application~1json", value: "Empty" },
        ),
        status: 201,
        returns: { statusCode: "200", responseParameters: { "method.response.header.my-header": true }, responseModels: { "application/json": "Empty" } },
      },
    ],
  },
  {
    name: "replace of a header the response lacks is a 404",
    source: "rec test_update_method_wrong_param_names/update-method-response-operation-with-wrong-param-name-1",
    given: withMethodResponse,
    op: "UpdateMethodResponse",
    input: updateResponse({ op: "replace", path: "/responseParameters/wrong", value: "true" }),
    ...notFound("Invalid parameter name specified"),
  },
  {
    name: "remove of a header the response lacks is a 404",
    source: "rec test_update_method_lack_response_parameters_and_models/update-method-response-operation-without-response-parameters",
    given: withBareMethodResponse,
    op: "UpdateMethodResponse",
    input: updateResponse({ op: "remove", path: "/responseParameters/method.response.header.my-header" }),
    ...notFound("Invalid parameter name specified"),
  },
  {
    name: "remove of a content type the response lacks is a 404",
    source: "rec test_update_method_lack_response_parameters_and_models/update-method-response-operation-without-response-models",
    given: withBareMethodResponse,
    op: "UpdateMethodResponse",
    input: updateResponse({ op: "remove", path: "/responseModels/application~1json" }),
    ...notFound("Content-Type specified was not found"),
  },
  {
    name: "an unknown field is an invalid patch path",
    source: "rec test_update_method_lack_response_parameters_and_models/update-method-response-operation-with-wrong-path",
    given: withBareMethodResponse,
    op: "UpdateMethodResponse",
    input: updateResponse({ op: "remove", path: "/wrong/method.response.header.my-header" }),
    ...bad("Invalid patch path /wrong/method.response.header.my-header"),
  },
  {
    name: "an op outside AWS's enum is a ValidationException",
    source: "rec test_update_method_response_wrong_operations/update-method-response-wrong-operation-1",
    given: withMethodResponse,
    op: "UpdateMethodResponse",
    input: updateResponse({ op: "wrong_op", path: "/responseParameters/method.response.header.my-header", value: "true" }),
    status: 400,
    error: {
      code: "ValidationException",
      message:
        "1 validation error detected: Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
    },
  },
  {
    name: "a status code that is not [1-5]\\d\\d is a ValidationException",
    source: "rec test_update_method_response_negative_tests/update-method-response-invalid-statuscode",
    given: withMethodResponse,
    op: "UpdateMethodResponse",
    input: (ids) => ({
      ...rootGet(ids),
      statusCode: "wrong",
      patchOperations: [{ op: "replace", path: "/responseParameters/method.response.header.my-header", value: "true" }],
    }),
    status: 400,
    error: {
      code: "ValidationException",
      message:
        "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d",
    },
  },
  {
    name: "every bad op is named by its 1-based index, valid ones skipped, before a bad status code",
    source:
      "rec test_update_method_response_wrong_operations/update-method-response-wrong-operation-5, test_update_method_response_negative_tests/update-method-response-invalid-statuscode-and-wrong-op",
    given: withMethodResponse,
    op: "UpdateMethodResponse",
    input: (ids) => ({
      ...rootGet(ids),
      statusCode: "wrong",
      patchOperations: [
        { op: "wrong_op", path: "/responseParameters/method.response.header.my-header", value: "true" },
        { op: "remove", path: "/responseModels/application~1json" },
        { op: "wrong_op", path: "/responseModels/application~1json", value: "Empty" },
      ],
    }),
    status: 400,
    error: {
      code: "ValidationException",
      message:
        "3 validation errors detected: Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]; Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.3.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]; Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d",
    },
  },
  {
    name: "an unknown status code is a 404",
    source: "rec test_update_method_response_negative_tests/update-method-response-wrong-statuscode",
    given: withMethodResponse,
    op: "UpdateMethodResponse",
    input: (ids) => ({
      ...rootGet(ids),
      statusCode: "201",
      patchOperations: [{ op: "replace", path: "/responseParameters/method.response.header.my-header", value: "true" }],
    }),
    ...notFound("Invalid Response status code specified"),
  },
  {
    name: "DeleteMethodResponse answers 204",
    source: "rec test_lifecycle_method_response/delete-method-response",
    given: withMethodResponse,
    op: "DeleteMethodResponse",
    input: (ids) => ({ ...rootGet(ids), statusCode: "200" }),
    status: 204,
  },
];

export const testInvokeFacts: Fact[] = [
  {
    name: "TestInvokeMethod on an unknown resource is a 404",
    source: "rec test_invoke_test_method/resource-id-not-found",
    op: "TestInvokeMethod",
    input: (ids) => ({ ...rootGet(ids), resourceId: "invalid_res", httpMethod: "POST", pathWithQueryString: "/pets/123" }),
    ...notFound("Invalid Resource identifier specified"),
  },
  {
    name: "TestInvokeMethod of a method the resource lacks is a 404",
    source: "rec test_invoke_test_method/resource-method-not-found",
    op: "TestInvokeMethod",
    input: (ids) => ({ ...rootGet(ids), httpMethod: "POST", pathWithQueryString: "/" }),
    ...notFound("Invalid Method identifier specified"),
  },
  {
    name: "TestInvokeMethod answers 200 with the status as a number",
    source: "rec test_invoke_test_method/test-invoke-method-get-pets-id (status 200, latency, log)",
    op: "TestInvokeMethod",
    input: (ids) => ({ ...rootGet(ids), pathWithQueryString: "/" }),
    status: 200,
    returns: { status: expect.any(Number), latency: expect.any(Number), log: expect.any(String) },
  },
];
