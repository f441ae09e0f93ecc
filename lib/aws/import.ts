/**
 * Live API Gateway → Gatehouse: the inverse of what `push.ts` writes. Pure functions: a LiveApi
 * (GetRestApi + GetResources embed=methods + models/validators/authorizers/gateway responses)
 * becomes an ApiDesign, and an AWS Stage becomes a Gatehouse stage's variables and settings.
 *
 * Entity ids in the design are the AWS ids (resources, validators, authorizers, models), so a
 * method's authorizerId / requestValidatorId keep pointing at the right entity. Values AWS fills
 * in by itself and push treats as "not set" are dropped, so that push(import(live)) plans no call:
 * the `Empty` / `Error` models every API gets (unless edited), `cacheNamespace` equal to the
 * resource's own id, `tlsConfig.insecureSkipVerification: false`. Defaults AWS reports and a
 * design may leave unset (`connectionType: INTERNET`, an authorizer's 300 s TTL) are kept as
 * live has them; `withAwsDefaults` fills them into a design before the two are compared.
 */
import type { Stage as AwsStage } from "@aws-sdk/client-api-gateway";
import { createHash } from "node:crypto";
import { type ApiDesign, ENDPOINT_TYPES, parseDesign } from "../model/design";
import { resourcePath } from "../model/tree";
import { canonicalJson } from "../snapshot/snapshot";
import { sameJsonText, withModelRefPlaceholder } from "./diff";
import type { LiveApi } from "./live";
import { methodSettingKeyFromAws } from "./stage-sync";

/** The schemas API Gateway gives the two models it adds to every new REST API. */
export const BUILT_IN_MODEL_SCHEMAS: Record<string, string> = {
  Empty: '{"$schema":"http://json-schema.org/draft-04/schema#","title":"Empty Schema","type":"object"}',
  Error: '{"$schema":"http://json-schema.org/draft-04/schema#","title":"Error Schema","type":"object","properties":{"message":{"type":"string"}}}',
};

export const BUILT_IN_MODEL_DESCRIPTIONS: Record<string, string> = {
  Empty: "This is a default empty schema model",
  Error: "This is a default error schema model",
};

// biome-ignore lint/suspicious/noExplicitAny: AWS answers read field by field, each checked where it is used
type Json = Record<string, any>;

/** String maps as the design holds them: AWS answers `null` for an empty template. */
function strings(m: Record<string, unknown> | undefined | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m ?? {})) out[k] = v === null || v === undefined ? "" : String(v);
  return out;
}

function bools(m: Record<string, unknown> | undefined | null): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [k, v] of Object.entries(m ?? {})) out[k] = v === true;
  return out;
}

function defined<T extends Json>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === null) delete o[k];
  return o;
}

function integrationOf(i: Json, resourceId: string): Json {
  const mock = i.type === "MOCK";
  const responses: Json = {};
  for (const [code, r] of Object.entries<Json>(i.integrationResponses ?? {}))
    responses[code] = defined({
      statusCode: r.statusCode ?? code,
      selectionPattern: r.selectionPattern,
      responseParameters: strings(r.responseParameters),
      responseTemplates: strings(r.responseTemplates),
      contentHandling: r.contentHandling,
    });
  return defined({
    type: i.type,
    httpMethod: mock ? undefined : i.httpMethod,
    uri: mock ? undefined : i.uri,
    connectionType: mock ? undefined : i.connectionType,
    connectionId: i.connectionId,
    credentials: i.credentials,
    requestParameters: strings(i.requestParameters),
    requestTemplates: strings(i.requestTemplates),
    passthroughBehavior: i.passthroughBehavior,
    contentHandling: i.contentHandling,
    timeoutInMillis: i.timeoutInMillis,
    cacheNamespace: i.cacheNamespace && i.cacheNamespace !== resourceId ? i.cacheNamespace : undefined,
    cacheKeyParameters: i.cacheKeyParameters ?? [],
    tlsConfig: i.tlsConfig?.insecureSkipVerification ? { insecureSkipVerification: true } : undefined,
    integrationResponses: responses,
  });
}

function methodOf(verb: string, m: Json, resourceId: string): Json {
  const methodResponses: Json = {};
  for (const [code, r] of Object.entries<Json>(m.methodResponses ?? {}))
    methodResponses[code] = { statusCode: r.statusCode ?? code, responseParameters: bools(r.responseParameters), responseModels: strings(r.responseModels) };
  return defined({
    httpMethod: verb,
    authorizationType: m.authorizationType ?? "NONE",
    authorizerId: m.authorizerId,
    authorizationScopes: m.authorizationScopes ?? [],
    apiKeyRequired: m.apiKeyRequired ?? false,
    operationName: m.operationName,
    requestParameters: bools(m.requestParameters),
    requestModels: strings(m.requestModels),
    requestValidatorId: m.requestValidatorId,
    methodResponses,
    integration: m.methodIntegration ? integrationOf(m.methodIntegration, resourceId) : undefined,
  });
}

/** True for Empty / Error exactly as API Gateway created them (push never deletes those either). */
export function isUntouchedBuiltInModel(m: { name?: string; schema?: string; contentType?: string }): boolean {
  const schema = m.name ? BUILT_IN_MODEL_SCHEMAS[m.name] : undefined;
  return !!schema && (m.contentType ?? "application/json") === "application/json" && sameJsonText(m.schema, schema);
}

/** The live REST API as a Gatehouse design. */
export function liveToDesign(live: LiveApi): ApiDesign {
  const a = live.restApi as Json;
  const type = a.endpointConfiguration?.types?.[0];
  const resources = live.resources.map((r) => {
    const methods: Json = {};
    for (const [verb, m] of Object.entries<Json>(r.resourceMethods ?? {})) methods[verb] = methodOf(verb, m, r.id!);
    return { id: r.id!, parentId: r.path === "/" ? null : (r.parentId ?? null), pathPart: r.path === "/" ? "" : (r.pathPart ?? ""), methods };
  });
  const design = parseDesign({
    name: a.name ?? "",
    description: a.description ?? "",
    endpointType: (ENDPOINT_TYPES as readonly string[]).includes(type) ? type : "EDGE",
    binaryMediaTypes: a.binaryMediaTypes ?? [],
    minimumCompressionSize: typeof a.minimumCompressionSize === "number" ? a.minimumCompressionSize : null,
    apiKeySource: a.apiKeySource ?? "HEADER",
    policy: a.policy || null,
    disableExecuteApiEndpoint: a.disableExecuteApiEndpoint ?? false,
    resources,
    models: live.models
      .filter((m) => !isUntouchedBuiltInModel(m))
      .map((m) =>
        defined({
          id: m.id ?? m.name!,
          name: m.name!,
          description: m.description,
          contentType: m.contentType ?? "application/json",
          schema: withModelRefPlaceholder(m.schema ?? "", a.id),
        }),
      ),
    requestValidators: live.requestValidators.map((v) => ({
      id: v.id!,
      name: v.name ?? "",
      validateRequestBody: v.validateRequestBody ?? false,
      validateRequestParameters: v.validateRequestParameters ?? false,
    })),
    authorizers: live.authorizers.map((x) =>
      defined({
        id: x.id!,
        name: x.name!,
        type: x.type,
        authorizerUri: x.authorizerUri,
        authorizerCredentials: x.authorizerCredentials,
        identitySource: x.identitySource,
        identityValidationExpression: x.identityValidationExpression,
        authorizerResultTtlInSeconds: x.authorizerResultTtlInSeconds,
        providerARNs: x.providerARNs ?? [],
      }),
    ),
    gatewayResponses: live.gatewayResponses.map((g) =>
      defined({
        responseType: g.responseType as string,
        statusCode: g.statusCode,
        responseParameters: strings(g.responseParameters),
        responseTemplates: strings(g.responseTemplates),
      }),
    ),
  });
  // Parents before children, root first: the order a person reads the tree in.
  const paths = new Map(design.resources.map((r) => [r.id, resourcePath(design, r)]));
  design.resources.sort((x, y) => (paths.get(x.id)! < paths.get(y.id)! ? -1 : paths.get(x.id)! > paths.get(y.id)! ? 1 : 0));
  return design;
}

/**
 * A hash of what a design means on AWS, independent of entity ids: resources keyed by path,
 * validators / authorizers / models by name. Two reads of an unchanged live API hash the same.
 */
export function designFingerprint(design: ApiDesign): string {
  const paths = new Map(design.resources.map((r) => [r.id, resourcePath(design, r)]));
  const validators = new Map(design.requestValidators.map((v) => [v.id, v.name]));
  const authorizers = new Map(design.authorizers.map((v) => [v.id, v.name]));
  const byName = <T extends { id: string; name: string }>(list: T[]) => Object.fromEntries(list.map(({ id: _id, ...rest }) => [rest.name, rest]));
  const resources: Json = {};
  for (const r of design.resources) {
    const methods: Json = {};
    for (const [verb, m] of Object.entries(r.methods))
      methods[verb] = {
        ...m,
        authorizerId: m.authorizerId ? (authorizers.get(m.authorizerId) ?? m.authorizerId) : undefined,
        requestValidatorId: m.requestValidatorId ? (validators.get(m.requestValidatorId) ?? m.requestValidatorId) : undefined,
      };
    resources[paths.get(r.id)!] = methods;
  }
  const { resources: _r, models, requestValidators, authorizers: auths, gatewayResponses, ...settings } = design;
  const doc = {
    settings,
    resources,
    models: byName(models),
    requestValidators: byName(requestValidators),
    authorizers: byName(auths),
    gatewayResponses: Object.fromEntries(gatewayResponses.map((g) => [g.responseType, g])),
  };
  return createHash("sha256").update(canonicalJson(doc)).digest("hex");
}

/** Stage fields that are not settings: identity, pointers, timestamps and what AWS manages. */
const NOT_SETTINGS = new Set([
  "stageName",
  "deploymentId",
  "variables",
  "description",
  "createdDate",
  "lastUpdatedDate",
  "cacheClusterStatus",
  "documentationVersion",
  "tags",
  "$metadata",
]);

/**
 * A live stage as Gatehouse keeps it: variables, and settings in AWS's Stage shape, with
 * method-setting keys in Gatehouse's form (AWS stores `~1pets~1{id}/GET`, Gatehouse `/pets/{id}/GET`),
 * so drift and the next UpdateStage read them as the stage settings editor writes them.
 */
export function stageFromAws(stage: AwsStage): {
  name: string;
  description: string;
  awsDeploymentId: string | null;
  variables: Record<string, string>;
  settings: Json;
} {
  const settings: Json = {};
  for (const [k, v] of Object.entries(stage as Json)) if (!NOT_SETTINGS.has(k) && v !== undefined && v !== null && v !== "") settings[k] = structuredClone(v);
  if (settings.methodSettings && typeof settings.methodSettings === "object")
    settings.methodSettings = Object.fromEntries(Object.entries(settings.methodSettings as Json).map(([k, v]) => [methodSettingKeyFromAws(k), v]));
  return {
    name: stage.stageName!,
    description: stage.description ?? "",
    awsDeploymentId: stage.deploymentId ?? null,
    variables: strings(stage.variables as Record<string, unknown>),
    settings,
  };
}

/**
 * A design as API Gateway will hold it once pushed: the defaults AWS reports filled in
 * (`connectionType: INTERNET` on non-MOCK integrations, a 300 s authorizer cache TTL), so that
 * comparing it with the imported live API shows real differences only.
 */
export function withAwsDefaults(design: ApiDesign): ApiDesign {
  const out = structuredClone(design);
  for (const r of out.resources)
    for (const m of Object.values(r.methods)) if (m.integration && m.integration.type !== "MOCK") m.integration.connectionType ??= "INTERNET";
  for (const a of out.authorizers) a.authorizerResultTtlInSeconds ??= 300;
  return out;
}
