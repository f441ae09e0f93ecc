/**
 * RestApi: CreateRestApi, GetRestApi(s), UpdateRestApi, DeleteRestApi — how AWS answered.
 * Sources: "rec <test>/<step>" = /work/shared/reference/aws-recorded/control-plane-api.json
 * (requests in LocalStack's tests/aws/services/apigateway/test_apigateway_api.py);
 * "doc" = AWS API Gateway API reference.
 */
import { expect } from "vitest";
import { FAKE_ACCOUNT_ID } from "../../fakes/fake-apigateway";
import type { Fact } from "../run-facts";

const api = (ids: Record<string, string>) => ({ restApiId: ids.api });
const patch =
  (...patchOperations: Record<string, string>[]) =>
  (ids: Record<string, string>) => ({ restApiId: ids.api, patchOperations });
const bad = (message: string) => ({ status: 400, error: { code: "BadRequestException", message } });

export const createRestApiFacts: Fact[] = [
  {
    name: "a new API answers with its defaults: HEADER key source, EDGE on ipv4, execute-api endpoint on",
    source: "rec test_create_rest_api_with_optional_params/create-only-name, test_list_and_delete_apis/create-rest-api-1",
    op: "CreateRestApi",
    input: { name: "only-name" },
    status: 201,
    returns: {
      id: expect.any(String),
      name: "only-name",
      rootResourceId: expect.any(String),
      apiKeySource: "HEADER",
      disableExecuteApiEndpoint: false,
      endpointConfiguration: { types: ["EDGE"], ipAddressType: "ipv4" },
      createdDate: expect.any(Number),
    },
    absent: ["description", "binaryMediaTypes", "minimumCompressionSize"],
  },
  {
    name: "a PRIVATE API defaults to dualstack",
    source: "rec test_create_rest_api_verify_defaults/create-with-private-default",
    op: "CreateRestApi",
    input: { name: "private", endpointConfiguration: { types: ["PRIVATE"] } },
    status: 201,
    returns: { endpointConfiguration: { types: ["PRIVATE"], ipAddressType: "dualstack" } },
  },
  {
    name: "an empty description is refused",
    source: "rec test_create_rest_api_with_optional_params/create-empty-desc",
    op: "CreateRestApi",
    input: { name: "x", description: "" },
    ...bad("Description cannot be an empty string"),
  },
  {
    name: "a negative minimumCompressionSize is refused",
    source: "rec test_create_rest_api_with_optional_params/string-compression-size",
    op: "CreateRestApi",
    input: { name: "x", minimumCompressionSize: -1 },
    ...bad("Invalid minimum compression size, must be between 0 and 10485760"),
  },
  {
    name: "two endpoint types are refused",
    source: "rec test_create_rest_api_with_endpoint_configuration/create-with-two-types",
    op: "CreateRestApi",
    input: { name: "x", endpointConfiguration: { types: ["EDGE", "REGIONAL"] } },
    ...bad("Cannot create an api with multiple Endpoint Types."),
  },
  {
    name: "a PRIVATE API on ipv4 is refused",
    source: "rec test_create_rest_api_private_type/create-with-private-type-and-ipv4-ip-address-type",
    op: "CreateRestApi",
    input: { name: "x", endpointConfiguration: { types: ["PRIVATE"], ipAddressType: "ipv4" } },
    ...bad("Only dualstack ipAddressType is supported for Private APIs."),
  },
  {
    name: "an endpoint type outside AWS's enum is a ValidationException",
    source: "rec test_create_rest_api_verify_defaults/create-with-empty-ip-address-type-and-wrong-type",
    op: "CreateRestApi",
    input: { name: "x", endpointConfiguration: { types: ["wrong"] } },
    status: 400,
    error: {
      code: "ValidationException",
      message:
        "1 validation error detected: Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [PRIVATE, EDGE, REGIONAL]]",
    },
  },
  {
    name: "an empty list of endpoint types is refused",
    source: "rec test_create_rest_api_with_endpoint_configuration/create-with-empty-types",
    op: "CreateRestApi",
    input: { name: "x", endpointConfiguration: { types: [] } },
    ...bad("REGIONAL Configuration and EDGE Configuration cannot be both DISABLED."),
  },
  {
    name: "binaryMediaTypes are kept as given, an empty list is left out",
    source: "rec test_create_rest_api_with_binary_media_types/create-with-binary-media",
    op: "CreateRestApi",
    input: { name: "bin", binaryMediaTypes: ["image/png"] },
    status: 201,
    returns: { binaryMediaTypes: ["image/png"] },
  },
];

export const restApiFacts: Fact[] = [
  {
    name: "an unknown API id is a 404 naming the account and the id",
    source: "rec test_update_rest_api_invalid_api_id/not-found-update-rest-api",
    op: "UpdateRestApi",
    input: { restApiId: "api_id", patchOperations: [{ op: "replace", path: "/apiKeySource", value: "AUTHORIZER" }] },
    status: 404,
    error: { code: "NotFoundException", message: `Invalid API identifier specified ${FAKE_ACCOUNT_ID}:api_id` },
  },
  {
    name: "GetRestApi of an unknown id: the same 404",
    source: "rec test_get_api_case_insensitive/get-api-upper-case",
    op: "GetRestApi",
    input: { restApiId: "NOPE123456" },
    status: 404,
    error: { code: "NotFoundException", message: `Invalid API identifier specified ${FAKE_ACCOUNT_ID}:NOPE123456` },
  },
  {
    name: "binaryMediaTypes items are added with the item, `/` escaped, in the path",
    source: "rec test_update_rest_api_operation_add_remove/update-rest-api-add",
    op: "UpdateRestApi",
    input: patch({ op: "add", path: "/binaryMediaTypes/image~1png" }, { op: "add", path: "/binaryMediaTypes/image~1jpeg" }),
    status: 200,
    returns: { binaryMediaTypes: ["image/png", "image/jpeg"], description: "contract facts" },
    followedBy: [
      {
        // rec …/update-rest-api-replace: replace swaps the item named in the path for the value
        op: "UpdateRestApi",
        input: patch({ op: "replace", path: "/binaryMediaTypes/image~1png", value: "image/gif" }),
        status: 200,
        returns: { binaryMediaTypes: ["image/jpeg", "image/gif"] },
      },
      {
        // rec …/update-rest-api-remove: remove drops the item; remove /description clears it
        op: "UpdateRestApi",
        input: patch({ op: "remove", path: "/binaryMediaTypes/image~1gif" }, { op: "remove", path: "/description" }),
        status: 200,
        returns: { binaryMediaTypes: ["image/jpeg"] },
        absent: ["description"],
      },
    ],
  },
  {
    name: "the item is read from the path only: add /binaryMediaTypes/- stores '-'",
    source: "rec test_update_rest_api_behaviour/update-rest-api-array",
    op: "UpdateRestApi",
    input: patch({ op: "add", path: "/binaryMediaTypes/-", value: "image/png" }),
    status: 200,
    returns: { binaryMediaTypes: ["-"] },
  },
  ...(["add", "replace", "remove"] as const).map(
    (op): Fact => ({
      name: `${op} on /binaryMediaTypes itself (item in the value) is refused`,
      source: `rec test_update_rest_api_behaviour/update-rest-api-${op}-base-path`,
      op: "UpdateRestApi",
      input: patch(op === "remove" ? { op, path: "/binaryMediaTypes" } : { op, path: "/binaryMediaTypes", value: "image/gif" }),
      ...bad("Invalid patch path /binaryMediaTypes"),
    }),
  ),
  {
    name: "minimumCompressionSize is replaced and answered as a number",
    source: "rec test_update_rest_api_compression/enable-compression, set-compression-zero",
    op: "UpdateRestApi",
    input: patch({ op: "replace", path: "/minimumCompressionSize", value: "10" }),
    status: 200,
    returns: { minimumCompressionSize: 10 },
    followedBy: [
      // rec …/disable-compression: an empty value turns compression off (field left out)
      { op: "UpdateRestApi", input: patch({ op: "replace", path: "/minimumCompressionSize", value: "" }), status: 200, absent: ["minimumCompressionSize"] },
      {
        op: "UpdateRestApi",
        input: patch({ op: "replace", path: "/minimumCompressionSize", value: "0" }),
        status: 200,
        returns: { minimumCompressionSize: 0 },
      },
    ],
  },
  {
    name: "minimumCompressionSize below 0 is refused",
    source: "rec test_update_rest_api_compression/set-negative-compression",
    op: "UpdateRestApi",
    input: patch({ op: "replace", path: "/minimumCompressionSize", value: "-1" }),
    ...bad("Invalid minimum compression size, must be between 0 and 10485760"),
  },
  {
    name: "minimumCompressionSize that is not a number is refused",
    source: "rec test_update_rest_api_compression/set-string-compression",
    op: "UpdateRestApi",
    input: patch({ op: "replace", path: "/minimumCompressionSize", value: "test" }),
    ...bad("Invalid minimum compression size, must be between 0 and 10485760"),
  },
  {
    name: "minimumCompressionSize only takes replace",
    source: "rec test_update_rest_api_compression/unsupported-operation",
    op: "UpdateRestApi",
    input: patch({ op: "add", path: "/minimumCompressionSize", value: "10" }),
    ...bad("Invalid patch operation specified. Must be one of: [replace]"),
  },
  {
    name: "an op outside AWS's enum is a ValidationException naming each bad op",
    source: "rec test_update_rest_api_concatenation_of_errors/update-rest-api-wrong-operations-on-type",
    op: "UpdateRestApi",
    input: patch({ op: "wrong", path: "/description", value: "a" }, { op: "wrong", path: "/name", value: "b" }),
    status: 400,
    error: {
      code: "ValidationException",
      message:
        "2 validation errors detected: Value 'wrong' at 'updateRestApiInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]; Value 'wrong' at 'updateRestApiInput.patchOperations.2.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
    },
  },
  {
    name: "the endpoint type is replaced by naming the current type in the path",
    source: "rec test_update_rest_api_ip_address_type/update-rest-api-replace-type; doc UpdateRestApi (patch path /endpointConfiguration/types/{current})",
    op: "UpdateRestApi",
    input: patch({ op: "replace", path: "/endpointConfiguration/types/EDGE", value: "REGIONAL" }),
    status: 200,
    returns: { endpointConfiguration: { types: ["REGIONAL"] } },
  },
  {
    name: "an endpoint type that is not one of AWS's is refused",
    source: "rec test_update_rest_api_ip_address_type/update-rest-api-wrong-type",
    op: "UpdateRestApi",
    input: patch({ op: "replace", path: "/endpointConfiguration/types/EDGE", value: "wrong" }),
    ...bad("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE"),
  },
  {
    // The recordings do not hold this refusal's message; AWS refuses the path (not the current type).
    name: "replacing a type the API does not have is refused",
    source: "doc UpdateRestApi: the path names the current endpoint type (message not recorded)",
    op: "UpdateRestApi",
    input: patch({ op: "replace", path: "/endpointConfiguration/types/REGIONAL", value: "PRIVATE" }),
    status: 400,
    error: { code: "BadRequestException", message: /endpointConfiguration\/types\/REGIONAL/ },
  },
  {
    name: "/endpointConfiguration/types without the current type is refused",
    source: "issue #12 (lenient fake); doc UpdateRestApi",
    op: "UpdateRestApi",
    input: patch({ op: "replace", path: "/endpointConfiguration/types", value: "REGIONAL" }),
    status: 400,
    error: { code: "BadRequestException", message: /endpointConfiguration\/types/ },
  },
  {
    name: "moving to PRIVATE makes the API dualstack; back to ipv4 is refused",
    source: "rec test_update_rest_api_ip_address_type/update-rest-api-replace-type, update-rest-api-replace-to-ipv4-within-private-type",
    op: "UpdateRestApi",
    input: patch({ op: "replace", path: "/endpointConfiguration/types/EDGE", value: "PRIVATE" }),
    status: 200,
    returns: { endpointConfiguration: { types: ["PRIVATE"], ipAddressType: "dualstack" } },
    followedBy: [
      {
        op: "UpdateRestApi",
        input: patch({ op: "replace", path: "/endpointConfiguration/ipAddressType", value: "ipv4" }),
        ...bad("Only dualstack ipAddressType is supported for Private APIs."),
      },
    ],
  },
  {
    name: "an ipAddressType other than ipv4 or dualstack is refused",
    source: "rec test_update_rest_api_ip_address_type/update-rest-api-wrong-ipAddressType",
    op: "UpdateRestApi",
    input: patch({ op: "replace", path: "/endpointConfiguration/ipAddressType", value: "wrong" }),
    ...bad("ipAddressType must be either ipv4 or dualstack."),
  },
  {
    name: "disableExecuteApiEndpoint is answered as a boolean",
    source: "doc RestApi (disableExecuteApiEndpoint: Boolean); rec create-only-name",
    op: "UpdateRestApi",
    input: patch({ op: "replace", path: "/disableExecuteApiEndpoint", value: "true" }),
    status: 200,
    returns: { disableExecuteApiEndpoint: true },
  },
  {
    name: "DeleteRestApi answers 202, then the API is gone",
    source: "rec test_list_and_delete_apis/delete-rest-api, get-rest-api-after-delete",
    op: "DeleteRestApi",
    input: api,
    status: 202,
    followedBy: [{ op: "GetRestApis", input: {}, status: 200, returns: { item: [] } }],
  },
];
