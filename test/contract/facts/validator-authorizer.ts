/**
 * Request validators and authorizers: Create/Get/Update/Delete — how AWS answered.
 * Sources as in rest-api.ts ("rec <test>/<step>" in control-plane-api.json).
 */
import { expect } from "vitest";
import { FAKE_ACCOUNT_ID } from "../../fakes/fake-apigateway";
import type { Fact, World } from "../run-facts";

const bad = (message: string) => ({ status: 400, error: { code: "BadRequestException", message } });
const withValidator = async (w: World) => {
  w.ids.val = (await w.send("CreateRequestValidator", { restApiId: w.ids.api, name: "v1" })).id;
};
const update =
  (...patchOperations: Record<string, string>[]) =>
  (ids: Record<string, string>) => ({ restApiId: ids.api, requestValidatorId: ids.val, patchOperations });
const LAMBDA_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations";

export const validatorFacts: Fact[] = [
  {
    name: "CreateRequestValidator answers both flags as booleans, false by default",
    source: "rec test_request_validator_lifecycle/create-request-validator",
    op: "CreateRequestValidator",
    input: (ids) => ({ restApiId: ids.api, name: "v1" }),
    status: 201,
    returns: { id: expect.any(String), name: "v1", validateRequestBody: false, validateRequestParameters: false },
  },
  {
    name: "CreateRequestValidator on an unknown API is a 400",
    source: "rec test_create_request_validator_invalid_api_id/invalid-create-request-validator",
    op: "CreateRequestValidator",
    input: { restApiId: "api_id", name: "v1" },
    ...bad("Invalid REST API identifier specified"),
  },
  {
    name: "GetRequestValidators on an unknown API is a 404 naming the account",
    source: "rec test_invalid_get_request_validators/get-invalid-request-validators",
    op: "GetRequestValidators",
    input: { restApiId: "api_id" },
    status: 404,
    error: { code: "NotFoundException", message: `Invalid API identifier specified ${FAKE_ACCOUNT_ID}:api_id` },
  },
  {
    name: "replace with a value sets a flag; without a value clears it",
    source: "rec test_request_validator_lifecycle/update-request-validator-with-value, update-request-validator-without-value",
    given: withValidator,
    op: "UpdateRequestValidator",
    input: update({ op: "replace", path: "/validateRequestBody", value: "true" }),
    status: 200,
    returns: { validateRequestBody: true, validateRequestParameters: false },
    followedBy: [
      { op: "UpdateRequestValidator", input: update({ op: "replace", path: "/validateRequestBody" }), status: 200, returns: { validateRequestBody: false } },
    ],
  },
  {
    name: "flags take only replace",
    source: "rec test_invalid_update_request_validator_operations/update-request-validator-invalid-add-operation",
    given: withValidator,
    op: "UpdateRequestValidator",
    input: update({ op: "add", path: "/validateRequestBody", value: "true" }),
    ...bad("Invalid patch path  '/validateRequestBody' specified for op 'add'. Please choose supported operations"),
  },
  {
    name: "an unknown path names the three AWS has",
    source: "rec test_invalid_update_request_validator_operations/update-request-validator-invalid-path",
    given: withValidator,
    op: "UpdateRequestValidator",
    input: update({ op: "replace", path: "/invalidPath", value: "true" }),
    ...bad("Invalid patch path  '/invalidPath' specified for op 'replace'. Must be one of: [/name, /validateRequestParameters, /validateRequestBody]"),
  },
  {
    name: "a blank name is refused",
    source: "rec test_invalid_update_request_validator_operations/update-request-validator-empty-name-value",
    given: withValidator,
    op: "UpdateRequestValidator",
    input: update({ op: "replace", path: "/name" }),
    ...bad("Request Validator name cannot be blank"),
  },
  {
    name: "DeleteRequestValidator answers 202, then Get is a 404",
    source: "rec test_request_validator_lifecycle/delete-request-validator, get-deleted-request-validator",
    given: withValidator,
    op: "DeleteRequestValidator",
    input: (ids) => ({ restApiId: ids.api, requestValidatorId: ids.val }),
    status: 202,
    followedBy: [
      {
        op: "GetRequestValidator",
        input: (ids) => ({ restApiId: ids.api, requestValidatorId: ids.val }),
        status: 404,
        error: { code: "NotFoundException", message: "Invalid Request Validator identifier specified" },
      },
    ],
  },
];

export const authorizerFacts: Fact[] = [
  {
    name: "CreateAuthorizer answers the TTL as a number (300 by default)",
    source: "doc Authorizer (authorizerResultTtlInSeconds: Integer, default 300)",
    op: "CreateAuthorizer",
    input: (ids) => ({ restApiId: ids.api, name: "auth", type: "TOKEN", authorizerUri: LAMBDA_URI, identitySource: "method.request.header.Authorization" }),
    status: 201,
    returns: { id: expect.any(String), name: "auth", type: "TOKEN", authorizerResultTtlInSeconds: 300 },
  },
  {
    name: "GetAuthorizers on an unknown API is a 404 naming the account",
    source: "rec test_authorizer_crud_no_api/wrong-rest-api-id-get-authorizers",
    op: "GetAuthorizers",
    input: { restApiId: "test-fake-rest-id" },
    status: 404,
    error: { code: "NotFoundException", message: `Invalid API identifier specified ${FAKE_ACCOUNT_ID}:test-fake-rest-id` },
  },
  {
    // AWS's quota page: 10 authorizers per API, a hard limit. Its message is not recorded; the
    // code and status are what tells a limit (fail now) from throttling (retry).
    name: "an 11th authorizer is a 429 LimitExceededException, not TooManyRequestsException",
    source: "doc API Gateway quotas (authorizers per API: 10); LimitExceededException (429) in the API reference",
    given: async (w) => {
      for (let n = 0; n < 10; n++)
        await w.send("CreateAuthorizer", {
          restApiId: w.ids.api,
          name: `auth${n}`,
          type: "TOKEN",
          authorizerUri: LAMBDA_URI,
          identitySource: "method.request.header.Authorization",
        });
    },
    op: "CreateAuthorizer",
    input: (ids) => ({ restApiId: ids.api, name: "auth10", type: "TOKEN", authorizerUri: LAMBDA_URI, identitySource: "method.request.header.Authorization" }),
    status: 429,
    error: { code: "LimitExceededException", message: /authorizers/i },
  },
  {
    name: "UpdateAuthorizer replaces the TTL, answered as a number",
    source: "doc UpdateAuthorizer / Authorizer (authorizerResultTtlInSeconds: Integer)",
    given: async (w) => {
      w.ids.auth = (
        await w.send("CreateAuthorizer", {
          restApiId: w.ids.api,
          name: "auth",
          type: "TOKEN",
          authorizerUri: LAMBDA_URI,
          identitySource: "method.request.header.Authorization",
        })
      ).id;
    },
    op: "UpdateAuthorizer",
    input: (ids) => ({ restApiId: ids.api, authorizerId: ids.auth, patchOperations: [{ op: "replace", path: "/authorizerResultTtlInSeconds", value: "60" }] }),
    status: 200,
    returns: { authorizerResultTtlInSeconds: 60 },
  },
];
