/**
 * Integrations and integration responses: PutIntegration, UpdateIntegration, DeleteIntegration,
 * PutIntegrationResponse, UpdateIntegrationResponse, DeleteIntegrationResponse — how AWS answered.
 * Sources as in rest-api.ts; "doc" facts come from AWS's API reference (Integration shape,
 * patch operations) where the recordings hold no answer.
 */
import type { Fact } from "../run-facts";
import { rootGet } from "./given";

const bad = (message: string) => ({ status: 400, error: { code: "BadRequestException", message } });
const notFound = (message: string) => ({ status: 404, error: { code: "NotFoundException", message } });
const update =
  (...patchOperations: Record<string, string>[]) =>
  (ids: Record<string, string>) => ({ ...rootGet(ids), patchOperations });
const response = (ids: Record<string, string>) => ({ ...rootGet(ids), statusCode: "200" });

export const integrationFacts: Fact[] = [
  {
    name: "PutIntegration fills AWS's defaults; timeoutInMillis is a number",
    source: "rec test_lifecycle_method_response/get-method (methodIntegration), test_create_integration_with_vpc_link/put-integration-vpc-link",
    op: "PutIntegration",
    input: (ids) => ({ ...rootGet(ids), type: "HTTP", integrationHttpMethod: "GET", uri: "http://example.com/pets" }),
    status: 201,
    returns: (ids) => ({
      type: "HTTP",
      httpMethod: "GET",
      passthroughBehavior: "WHEN_NO_MATCH",
      timeoutInMillis: 29000,
      cacheKeyParameters: [],
      cacheNamespace: ids.root,
      connectionType: "INTERNET",
    }),
  },
  {
    name: "an integration type outside AWS's enum is a ValidationException",
    source: "rec test_put_integration_wrong_type/put-integration-wrong-type",
    op: "PutIntegration",
    input: (ids) => ({ ...rootGet(ids), type: "HTTPS_PROXY" }),
    status: 400,
    error: {
      code: "ValidationException",
      message:
        "1 validation error detected: Value 'HTTPS_PROXY' at 'putIntegrationInput.type' failed to satisfy constraint: Member must satisfy enum value set: [HTTP, MOCK, AWS_PROXY, HTTP_PROXY, AWS]",
    },
  },
  {
    name: "PutIntegration on a method the resource lacks is a 404",
    source: "rec test_put_integration_response_validation/put-integration-wrong-method",
    op: "PutIntegration",
    input: (ids) => ({ ...rootGet(ids), httpMethod: "POST", type: "MOCK" }),
    ...notFound("Invalid Method identifier specified"),
  },
  {
    name: "request templates are patched with the content type's `/` escaped as ~1",
    source: "doc UpdateIntegration / patch-operations (`/requestTemplates/application~1json`)",
    op: "UpdateIntegration",
    input: update(
      { op: "replace", path: "/requestTemplates/application~1json", value: '{"statusCode": 201}' },
      { op: "add", path: "/requestTemplates/text~1plain", value: "x" },
    ),
    status: 200,
    returns: { requestTemplates: { "application/json": '{"statusCode": 201}', "text/plain": "x" } },
  },
  {
    name: "/requestTemplates/application/json unescaped is refused",
    source: "rec test_update_method_validation/wrong-path-request-models (same rule for every map path); issue #12",
    op: "UpdateIntegration",
    input: update({ op: "add", path: "/requestTemplates/application/json", value: "{}" }),
    ...bad("Invalid patch path /requestTemplates/application/json"),
  },
  {
    name: "timeoutInMillis is replaced and answered as a number",
    source: "doc Integration (timeoutInMillis: Integer, 50–29000)",
    op: "UpdateIntegration",
    input: update({ op: "replace", path: "/timeoutInMillis", value: "5000" }),
    status: 200,
    returns: { timeoutInMillis: 5000 },
  },
  {
    name: "a replace of the stage-variable connection id keeps the rest",
    source: "rec test_create_integration_with_vpc_link/update-integration-vpc-link",
    given: async (w) => {
      await w.send("PutIntegration", {
        ...rootGet(w.ids),
        type: "HTTP_PROXY",
        integrationHttpMethod: "GET",
        uri: "http://nlb.example.com",
        connectionType: "VPC_LINK",
        connectionId: "${stageVariables.vpcLinkId}",
      });
    },
    op: "UpdateIntegration",
    input: update({ op: "replace", path: "/connectionId", value: "${stageVariables.vpcLinkIdBeta}" }),
    status: 200,
    returns: { connectionType: "VPC_LINK", connectionId: "${stageVariables.vpcLinkIdBeta}", timeoutInMillis: 29000, type: "HTTP_PROXY" },
  },
  {
    name: "tlsConfig has one patch path, /tlsConfig/insecureSkipVerification, answered as a boolean",
    source: "doc TlsConfig (insecureSkipVerification: Boolean, the only member)",
    given: async (w) => {
      await w.send("PutIntegration", { ...rootGet(w.ids), type: "HTTP", integrationHttpMethod: "GET", uri: "https://example.com" });
    },
    op: "UpdateIntegration",
    input: update({ op: "replace", path: "/tlsConfig/insecureSkipVerification", value: "true" }),
    status: 200,
    returns: { tlsConfig: { insecureSkipVerification: true } },
  },
  {
    name: "any other /tlsConfig path is refused",
    source: "doc TlsConfig; issue #12 (the fake accepted any /tlsConfig/* path)",
    op: "UpdateIntegration",
    input: update({ op: "replace", path: "/tlsConfig/serverNameToVerify", value: "example.com" }),
    ...bad("Invalid patch path /tlsConfig/serverNameToVerify"),
  },
  {
    name: "cache key parameters are added and removed with the parameter in the path",
    source: "doc UpdateIntegration / patch-operations (`/cacheKeyParameters/{parameter}`, as Terraform's provider sends it)",
    given: async (w) => {
      await w.send("PutIntegration", { ...rootGet(w.ids), type: "HTTP", integrationHttpMethod: "GET", uri: "https://example.com" });
    },
    op: "UpdateIntegration",
    input: update({ op: "add", path: "/cacheKeyParameters/method.request.querystring.q" }),
    status: 200,
    returns: { cacheKeyParameters: ["method.request.querystring.q"] },
    followedBy: [
      // AWS always answers the list, empty or not (rec test_lifecycle_method_response/get-method)
      {
        op: "UpdateIntegration",
        input: update({ op: "remove", path: "/cacheKeyParameters/method.request.querystring.q" }),
        status: 200,
        returns: { cacheKeyParameters: [] },
      },
      {
        op: "UpdateIntegration",
        input: update({ op: "add", path: "/cacheKeyParameters", value: "method.request.querystring.q" }),
        ...bad("Invalid patch path /cacheKeyParameters"),
      },
    ],
  },
  {
    name: "GetIntegration of a method without one is a 404",
    source: "rec test_get_integration_non_existent/get-integration-no-integration",
    given: async (w) => {
      await w.send("PutMethod", { ...rootGet(w.ids), httpMethod: "POST", authorizationType: "NONE" });
    },
    op: "GetIntegration",
    input: (ids) => ({ ...rootGet(ids), httpMethod: "POST" }),
    ...notFound("Invalid Integration identifier specified"),
  },
];

export const integrationResponseFacts: Fact[] = [
  {
    name: "PutIntegrationResponse keeps an empty selectionPattern",
    source: "rec test_lifecycle_integration_response/put-integration-response",
    op: "PutIntegrationResponse",
    input: (ids) => ({ ...response(ids), selectionPattern: "", responseTemplates: { "application/json": '"created"' } }),
    status: 201,
    returns: { statusCode: "200", selectionPattern: "", responseTemplates: { "application/json": '"created"' } },
  },
  {
    name: "UpdateIntegrationResponse replaces /selectionPattern",
    source: "rec test_lifecycle_integration_response/update-integration-response",
    given: async (w) => {
      await w.send("PutIntegrationResponse", { ...response(w.ids), selectionPattern: "", responseTemplates: { "application/json": '"created"' } });
    },
    op: "UpdateIntegrationResponse",
    input: (ids) => ({ ...response(ids), patchOperations: [{ op: "replace", path: "/selectionPattern", value: "updated-pattern" }] }),
    status: 200,
    returns: { statusCode: "200", selectionPattern: "updated-pattern", responseTemplates: { "application/json": '"created"' } },
    followedBy: [
      {
        // rec …/overwrite-integration-response: a second Put replaces the whole response
        op: "PutIntegrationResponse",
        input: (ids) => ({ ...response(ids), selectionPattern: "overwrite-pattern", responseTemplates: { "application/json": "overwrite" } }),
        status: 201,
        returns: { selectionPattern: "overwrite-pattern", responseTemplates: { "application/json": "overwrite" } },
      },
    ],
  },
  {
    name: "response templates are patched with `/` escaped; unescaped is refused",
    source: "doc UpdateIntegrationResponse (`/responseTemplates/application~1json`); rec wrong-path-request-models (map path rule)",
    given: async (w) => {
      await w.send("PutIntegrationResponse", { ...response(w.ids), selectionPattern: "" });
    },
    op: "UpdateIntegrationResponse",
    input: (ids) => ({ ...response(ids), patchOperations: [{ op: "add", path: "/responseTemplates/application~1json", value: "{}" }] }),
    status: 200,
    returns: { responseTemplates: { "application/json": "{}" } },
    followedBy: [
      {
        op: "UpdateIntegrationResponse",
        input: (ids) => ({ ...response(ids), patchOperations: [{ op: "add", path: "/responseTemplates/application/xml", value: "<a/>" }] }),
        ...bad("Invalid patch path /responseTemplates/application/xml"),
      },
    ],
  },
  {
    name: "a status code that is not [1-5]\\d\\d is a ValidationException",
    source: "rec test_integration_response_invalid_statuscode/put-integration-response-invalid-statusCode",
    op: "PutIntegrationResponse",
    input: (ids) => ({ ...rootGet(ids), statusCode: "wrong", selectionPattern: "", responseTemplates: { "application/json": '"created"' } }),
    status: 400,
    error: {
      code: "ValidationException",
      message:
        "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d",
    },
  },
  {
    name: "PutIntegrationResponse on an unknown API answers as for an unknown resource",
    source: "rec test_integration_response_wrong_api/put-integration-response-wrong-api",
    op: "PutIntegrationResponse",
    input: { restApiId: "wrong-api", resourceId: "dummy-value", httpMethod: "GET", statusCode: "200" },
    ...notFound("Invalid Resource identifier specified"),
  },
  {
    name: "DeleteIntegrationResponse of an unknown status code is a 404",
    source: "rec test_delete_integration_response_errors/non-existent-status-code",
    op: "DeleteIntegrationResponse",
    input: (ids) => ({ ...rootGet(ids), statusCode: "201" }),
    ...notFound("Invalid Response status code specified"),
  },
  {
    name: "DeleteIntegrationResponse on a method the resource lacks names the integration",
    source: "rec test_delete_integration_response_errors/non-existent-method",
    op: "DeleteIntegrationResponse",
    input: (ids) => ({ ...rootGet(ids), httpMethod: "POST", statusCode: "200" }),
    ...notFound("Invalid Integration identifier specified"),
  },
  {
    name: "DeleteIntegrationResponse answers 204",
    source: "rec test_lifecycle_integration_response/delete-integration-response",
    given: async (w) => {
      await w.send("PutIntegrationResponse", { ...response(w.ids), selectionPattern: "" });
    },
    op: "DeleteIntegrationResponse",
    input: response,
    status: 204,
  },
];
