/**
 * FAKE API Gateway: gateway responses as AWS answers them (facts: test/contract/facts/gateway-response.ts).
 * Only customised types are stored; every read lists all 21 types, the untouched ones as their
 * default (`defaultResponse: true`) — or, when the family's DEFAULT_4XX/DEFAULT_5XX is customised,
 * as that customisation (status, parameters, templates), still `defaultResponse: true`.
 */
import { DEFAULT_STATUS_BY_TYPE } from "./gateway-response-types";
import { FakeApiError, type Handler, api, notFound, paginate, patch, pick } from "./handlers";
import { GATEWAY_RESPONSE_SPEC } from "./entity-specs";
import { validationMessage } from "./entity-patch";
import type { FakeRestApi, Json } from "./state";

const DEFAULT_TEMPLATES = { "application/json": '{"message":$context.error.messageString}' };

/** In the order AWS's ValidationException lists them. */
const ENUM_ORDER = [
  "REQUEST_TOO_LARGE",
  "RESOURCE_NOT_FOUND",
  "AUTHORIZER_CONFIGURATION_ERROR",
  "MISSING_AUTHENTICATION_TOKEN",
  "BAD_REQUEST_BODY",
  "INVALID_SIGNATURE",
  "INVALID_API_KEY",
  "BAD_REQUEST_PARAMETERS",
  "AUTHORIZER_FAILURE",
  "UNAUTHORIZED",
  "INTEGRATION_TIMEOUT",
  "ACCESS_DENIED",
  "DEFAULT_4XX",
  "DEFAULT_5XX",
  "WAF_FILTERED",
  "QUOTA_EXCEEDED",
  "THROTTLED",
  "API_CONFIGURATION_ERROR",
  "UNSUPPORTED_MEDIA_TYPE",
  "INTEGRATION_FAILURE",
  "EXPIRED_TOKEN",
];

function checkType(type: string) {
  if (!(type in DEFAULT_STATUS_BY_TYPE))
    throw new FakeApiError(
      400,
      "ValidationException",
      validationMessage([`Value '${type}' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [${ENUM_ORDER.join(", ")}]`]),
    );
}

function builtIn(type: string): Json {
  const status = DEFAULT_STATUS_BY_TYPE[type];
  return {
    responseType: type,
    defaultResponse: true,
    responseParameters: {},
    responseTemplates: { ...DEFAULT_TEMPLATES },
    ...(status ? { statusCode: status } : {}),
  };
}

/** What AWS answers for `type` on this API. */
function answer(a: FakeRestApi, type: string): Json {
  const own = a.gatewayResponses.get(type);
  if (own) return structuredClone(own);
  const family = DEFAULT_STATUS_BY_TYPE[type]?.startsWith("5") ? "DEFAULT_5XX" : DEFAULT_STATUS_BY_TYPE[type] ? "DEFAULT_4XX" : undefined;
  const parent = family ? a.gatewayResponses.get(family) : undefined;
  const base = builtIn(type);
  if (!parent) return base;
  return {
    ...base,
    ...(parent.statusCode ? { statusCode: parent.statusCode } : {}),
    responseParameters: structuredClone(parent.responseParameters ?? {}),
    responseTemplates: structuredClone(parent.responseTemplates ?? {}),
  };
}

/** A customised response as AWS stores it: missing parts take the type's defaults. */
function customised(type: string, body: Json): Json {
  const base = builtIn(type);
  return { ...base, ...pick(body, ["statusCode", "responseParameters", "responseTemplates"]), defaultResponse: false };
}

export const gatewayResponseHandlers: Record<string, Handler> = {
  GetGatewayResponses: (s, r) => {
    const a = api(s, r.params.restApiId);
    return {
      status: 200,
      body: paginate(
        Object.keys(DEFAULT_STATUS_BY_TYPE)
          .sort()
          .map((t) => answer(a, t)),
        r.query,
      ),
    };
  },
  GetGatewayResponse: (s, r) => {
    checkType(r.params.responseType);
    return { status: 200, body: answer(api(s, r.params.restApiId), r.params.responseType) };
  },
  PutGatewayResponse: (s, r) => {
    checkType(r.params.responseType);
    const a = api(s, r.params.restApiId);
    const g = customised(r.params.responseType, r.body);
    a.gatewayResponses.set(g.responseType, g);
    return { status: 201, body: structuredClone(g) };
  },
  UpdateGatewayResponse: (s, r) => {
    checkType(r.params.responseType);
    const a = api(s, r.params.restApiId);
    const g = structuredClone(a.gatewayResponses.get(r.params.responseType) ?? customised(r.params.responseType, {}));
    patch(g, r.body, GATEWAY_RESPONSE_SPEC, "updateGatewayResponseInput");
    g.responseParameters ??= {};
    g.responseTemplates ??= {};
    a.gatewayResponses.set(g.responseType, g);
    return { status: 200, body: structuredClone(g) };
  },
  DeleteGatewayResponse: (s, r) => {
    checkType(r.params.responseType);
    const a = api(s, r.params.restApiId);
    if (!a.gatewayResponses.delete(r.params.responseType)) throw notFound("Gateway response type not defined on api");
    return { status: 202 };
  },
};
