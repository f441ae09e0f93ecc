/**
 * Stage: CreateStage, GetStage(s), UpdateStage (settings, method settings, access logs), DeleteStage —
 * how AWS answered. Canary facts are in canary.ts.
 * Sources: "rec <test>/<step>" = /work/shared/reference/aws-recorded/control-plane-api.json or
 * control-plane-canary.json (requests in LocalStack's tests/aws/services/apigateway/
 * test_apigateway_api.py::TestApiGatewayStage and test_apigateway_canary.py); "doc" = AWS's API
 * reference; "issue" = an AWS answer quoted in a public issue. Where AWS's exact message is not known
 * the fact says so and checks status and code only (message as a loose pattern).
 */
import { expect } from "vitest";
import type { Fact } from "../run-facts";
import { AWS_STAGE_PATHS } from "../../fakes/fake-apigateway/stage-patch";
import { STAGE, badRequest, getDev, updateDev } from "./stage-given";

const invalidPath = (path: string) => badRequest(`Invalid method setting path: ${path}. Must be one of: ${AWS_STAGE_PATHS}`);
const noMethodSetting = (key: string) => badRequest(`Cannot remove method setting ${key} because there is no method setting for this method `);
const ACCESS_LOG_PATHS = "Invalid accessLogSettings path. Must be one of : [/accessLogSettings/destinationArn, /accessLogSettings/format]";
const LOG_GROUP = "arn:aws:logs:us-east-1:111111111111:log-group:gatehouse-access";

/** A new stage's fields as AWS returns them (rec test_stage_access_log_settings/create-stage). */
const NEW_STAGE = {
  stageName: STAGE,
  cacheClusterEnabled: false,
  cacheClusterStatus: "NOT_AVAILABLE",
  tracingEnabled: false,
  methodSettings: {},
  createdDate: expect.any(Number),
  lastUpdatedDate: expect.any(Number),
};

export const createStageFacts: Fact[] = [
  {
    name: "a new stage answers with cache off, NOT_AVAILABLE, tracing off and empty methodSettings",
    source: "rec test_stage_access_log_settings/create-stage",
    op: "CreateStage",
    input: (ids) => ({ restApiId: ids.api, stageName: STAGE, deploymentId: ids.dep1, description: "dev stage" }),
    status: 201,
    returns: (ids) => ({ ...NEW_STAGE, deploymentId: ids.dep1, description: "dev stage" }),
    absent: ["canarySettings", "accessLogSettings", "variables", "webAclArn"],
  },
  {
    name: "stage variables come back as sent",
    source: "rec test_create_canary_deployment_with_stage/create-stage",
    op: "CreateStage",
    input: (ids) => ({ restApiId: ids.api, stageName: STAGE, deploymentId: ids.dep1, variables: { testVar: "default" } }),
    status: 201,
    returns: { variables: { testVar: "default" } },
  },
  {
    name: "a deployment id that does not exist is refused",
    source: "issue aws/chalice#1839 (CreateStage: 'BadRequestException: Deployment id does not exist')",
    op: "CreateStage",
    input: (ids) => ({ restApiId: ids.api, stageName: STAGE, deploymentId: "nosuch" }),
    ...badRequest("Deployment id does not exist"),
  },
  {
    name: "a second stage of the same name is a ConflictException",
    source: "issue hashicorp/terraform-provider-aws#1153 ('ConflictException: Stage already exists')",
    given: async (w) => void (await w.send("CreateStage", { restApiId: w.ids.api, stageName: STAGE, deploymentId: w.ids.dep1 })),
    op: "CreateStage",
    input: (ids) => ({ restApiId: ids.api, stageName: STAGE, deploymentId: ids.dep1 }),
    status: 409,
    error: { code: "ConflictException", message: "Stage already exists" },
  },
  {
    name: "an 11th stage is over the 10-stages-per-API quota: LimitExceededException, status 429 (message not recorded)",
    source: "doc API Gateway quotas ('Stages per API: 10'); LimitExceededException is 429 in the API reference's error list",
    given: async (w) => {
      for (let i = 0; i < 10; i++) await w.send("CreateStage", { restApiId: w.ids.api, stageName: `s${i}`, deploymentId: w.ids.dep1 });
    },
    op: "CreateStage",
    input: (ids) => ({ restApiId: ids.api, stageName: "eleventh", deploymentId: ids.dep1 }),
    status: 429,
    error: { code: "LimitExceededException", message: /stage/i },
  },
  {
    name: "a cache size outside AWS's list is refused (message not recorded)",
    source: "doc Stage.cacheClusterSize: 0.5 | 1.6 | 6.1 | 13.5 | 28.4 | 58.2 | 118 | 237",
    op: "CreateStage",
    input: (ids) => ({ restApiId: ids.api, stageName: STAGE, deploymentId: ids.dep1, cacheClusterEnabled: true, cacheClusterSize: "2" }),
    ...badRequest(/cache cluster size/i),
  },
  {
    name: "a stage name outside [A-Za-z0-9_-] is refused (message not recorded)",
    source: "doc CreateStage stageName: 'alphanumeric characters, hyphens, and underscores', at most 128",
    op: "CreateStage",
    input: (ids) => ({ restApiId: ids.api, stageName: "dev stage!", deploymentId: ids.dep1 }),
    ...badRequest(/./),
  },
];

export const readStageFacts: Fact[] = [
  {
    name: "GetStages with a deploymentId lists only the stages on that deployment",
    source: "rec test_get_stages_filters_by_deployment_id/stages-deploy1",
    given: async (w) => {
      w.ids.dep2 = (await w.send("CreateDeployment", { restApiId: w.ids.api })).id;
      await w.send("CreateStage", { restApiId: w.ids.api, stageName: "stage1", deploymentId: w.ids.dep1 });
      await w.send("CreateStage", { restApiId: w.ids.api, stageName: "stage2", deploymentId: w.ids.dep2 });
    },
    op: "GetStages",
    input: (ids) => ({ restApiId: ids.api, deploymentId: ids.dep1 }),
    status: 200,
    returns: (ids) => ({ item: [{ stageName: "stage1", deploymentId: ids.dep1, methodSettings: {}, cacheClusterStatus: "NOT_AVAILABLE" }] }),
  },
  {
    name: "GetStages without a filter lists every stage of the API, each in GetStage's shape",
    source: "rec test_get_stages_filters_by_deployment_id/all-stages",
    given: async (w) => {
      w.ids.dep2 = (await w.send("CreateDeployment", { restApiId: w.ids.api })).id;
      await w.send("CreateStage", { restApiId: w.ids.api, stageName: "stage1", deploymentId: w.ids.dep1 });
      await w.send("CreateStage", { restApiId: w.ids.api, stageName: "stage2", deploymentId: w.ids.dep2 });
    },
    op: "GetStages",
    input: (ids) => ({ restApiId: ids.api }),
    status: 200,
    returns: (ids) => ({
      item: [
        { stageName: "stage1", deploymentId: ids.dep1, cacheClusterEnabled: false, tracingEnabled: false, createdDate: expect.any(Number) },
        { stageName: "stage2", deploymentId: ids.dep2, cacheClusterEnabled: false, tracingEnabled: false, createdDate: expect.any(Number) },
      ],
    }),
  },
  {
    name: "GetStage of an unknown stage is a 404 (message by analogy with the recorded 'Invalid <Entity> identifier specified')",
    source: "rec test_integration_response_wrong_resource et al. (Invalid Resource/Method/Integration identifier specified)",
    op: "GetStage",
    input: (ids) => ({ restApiId: ids.api, stageName: "nosuch" }),
    status: 404,
    error: { code: "NotFoundException", message: "Invalid Stage identifier specified" },
  },
  {
    name: "DeleteStage answers 202 and the stage is gone",
    source: "doc DeleteStage (202 Accepted); GetStage then 404",
    given: async (w) => void (await w.send("CreateStage", { restApiId: w.ids.api, stageName: STAGE, deploymentId: w.ids.dep1 })),
    op: "DeleteStage",
    input: getDev,
    status: 202,
    followedBy: [{ op: "GetStage", input: getDev, status: 404, error: { code: "NotFoundException", message: "Invalid Stage identifier specified" } }],
  },
];

/** Facts below run on withStage: stage "dev" on ids.dep1 with testVar=default. */
export const updateStageFacts: Fact[] = [
  {
    name: "settings are replaced with their JSON types (booleans as booleans)",
    source: "doc UpdateStage patch paths /description, /tracingEnabled, /cacheClusterEnabled (in AWS's recorded path list)",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/description", value: "changed" }, { op: "replace", path: "/tracingEnabled", value: "true" }),
    status: 200,
    returns: { description: "changed", tracingEnabled: true },
  },
  {
    name: "the cache size is a string from AWS's list; another size is refused (message not recorded)",
    source: "doc Stage.cacheClusterSize (String, 0.5 | 1.6 | 6.1 | 13.5 | 28.4 | 58.2 | 118 | 237); /cacheClusterSize is in AWS's recorded path list",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/cacheClusterSize", value: "0.5" }),
    status: 200,
    returns: { cacheClusterSize: "0.5" },
    followedBy: [{ op: "UpdateStage", input: updateDev({ op: "replace", path: "/cacheClusterSize", value: "2" }), ...badRequest(/cache/i) }],
  },
  {
    name: "a variable is set with /variables/NAME and removed the same way",
    source: "doc UpdateStage path /variables/{variable_name} (in AWS's recorded path list)",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/variables/url", value: "example.com" }, { op: "remove", path: "/variables/testVar" }),
    status: 200,
    returns: { variables: { url: "example.com" } },
    followedBy: [{ op: "GetStage", input: getDev, status: 200, returns: { variables: { url: "example.com" } } }],
  },
  {
    name: "rollback: /deploymentId points the stage at another deployment",
    source: "doc UpdateStage /deploymentId; developer guide 'roll back a deployment'",
    given: async (w) => void (w.ids.dep2 = (await w.send("CreateDeployment", { restApiId: w.ids.api })).id),
    op: "UpdateStage",
    input: (ids) => updateDev({ op: "replace", path: "/deploymentId", value: ids.dep2 })(ids),
    status: 200,
    returns: (ids) => ({ deploymentId: ids.dep2 }),
  },
  {
    name: "/deploymentId of a deployment that does not exist is refused",
    source: "rec test_update_stage_canary_deployment_validation/update-stage-no-deployment (same message for the canary's deploymentId)",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/deploymentId", value: "deploy" }),
    ...badRequest("Deployment id does not exist"),
  },
  {
    name: "/webAclArn is not an UpdateStage path: refused with AWS's list of paths (WAF is attached with WAFv2 AssociateWebACL)",
    source:
      "rec test_update_stage_canary_deployment_validation/update-stage-canary-settings-bad-path-2: AWS's list of UpdateStage paths has no /webAclArn; the message for /webAclArn itself is by analogy (not recorded); doc Stage.webAclArn is read-only here, set by wafv2 AssociateWebACL",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/webAclArn", value: "arn:aws:wafv2:us-east-1:111111111111:regional/webacl/gatehouse/0000" }),
    ...invalidPath("/webAclArn"),
  },
  {
    name: "a refused operation changes nothing, even after accepted ones in the same call",
    source: "doc UpdateStage (one request, one result); rec update-stage-no-deployment leaves the stage as get-stage shows",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/description", value: "half" }, { op: "replace", path: "/webAclArn", value: "arn" }),
    ...invalidPath("/webAclArn"),
    followedBy: [{ op: "GetStage", input: getDev, status: 200, returns: { description: "dev stage" } }],
  },
];

/** What a new method setting holds besides the field set: every other field at AWS's default, except loggingLevel. */
const SETTING_DEFAULTS = {
  metricsEnabled: false,
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
};
const UPDATE_STAGE_CLI = "doc AWS CLI reference, aws apigateway update-stage, examples 1 and 2 (the answers AWS gave)";

/** Method settings, on withPetsStage (GET / and GET /pets/{id}, stage "dev"). */
export const methodSettingFacts: Fact[] = [
  {
    name: "a new override for one method holds every field: the one set, AWS's defaults for the others, no loggingLevel",
    source: `${UPDATE_STAGE_CLI}: replace /~1resourceName/GET/logging/dataTrace=false answers the key ~1resourceName/GET with all nine fields`,
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/~1pets~1{id}/GET/logging/dataTrace", value: "false" }),
    status: 200,
    returns: { methodSettings: { "~1pets~1{id}/GET": SETTING_DEFAULTS } },
    followedBy: [
      {
        op: "GetStage",
        input: getDev,
        status: 200,
        returns: { methodSettings: { "~1pets~1{id}/GET": expect.not.objectContaining({ loggingLevel: expect.anything() }) } },
      },
    ],
  },
  {
    name: "a new */* override likewise: the field set, AWS's defaults for the others",
    source: `${UPDATE_STAGE_CLI}: replace /*/*/logging/dataTrace=true`,
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/*/*/logging/dataTrace", value: "true" }),
    status: 200,
    returns: { methodSettings: { "*/*": { ...SETTING_DEFAULTS, dataTraceEnabled: true } } },
  },
  {
    name: "a setting for all methods is stored under the key */* with its JSON type (rate limit a number)",
    source: "doc Stage.methodSettings ('*/*' for all methods), MethodSetting.throttlingRateLimit (double); CLI update-stage example /*/*/logging/dataTrace",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/*/*/throttling/rateLimit", value: "100" }, { op: "replace", path: "/*/*/metrics/enabled", value: "true" }),
    status: 200,
    returns: { methodSettings: { "*/*": { throttlingRateLimit: 100, metricsEnabled: true } } },
  },
  {
    name: "a setting for one method is stored under the escaped path as sent: ~1pets~1{id}/GET",
    source:
      'AWS CLI examples (aws/aws-cli awscli/examples/apigateway): get-stage output has the key "~1resource/GET", update-stage writes /~1resourceName/GET/logging/dataTrace',
    op: "UpdateStage",
    input: updateDev(
      { op: "replace", path: "/~1pets~1{id}/GET/logging/loglevel", value: "INFO" },
      { op: "replace", path: "/~1pets~1{id}/GET/throttling/burstLimit", value: "20" },
    ),
    status: 200,
    returns: { methodSettings: { "~1pets~1{id}/GET": { loggingLevel: "INFO", throttlingBurstLimit: 20 } } },
    followedBy: [{ op: "GetStage", input: getDev, status: 200, returns: { methodSettings: { "~1pets~1{id}/GET": { loggingLevel: "INFO" } } } }],
  },
  {
    name: "the whole override is removed with remove /{key}",
    source: "doc UpdateStage patch operations (remove /{resourcePath}/{httpMethod}); /work/shared/reference/aws-api-gateway.md §patch paths",
    given: async (w) => void (await w.send("UpdateStage", updateDev({ op: "replace", path: "/~1pets~1{id}/GET/metrics/enabled", value: "true" })(w.ids))),
    op: "UpdateStage",
    input: updateDev({ op: "remove", path: "/~1pets~1{id}/GET" }),
    status: 200,
    returns: { methodSettings: {} },
  },
  {
    name: "removing an override that does not exist is refused",
    source: "rec test_stage_access_log_settings_validation/invalid-path-remove (two-segment remove = remove method setting 'a/b')",
    op: "UpdateStage",
    input: updateDev({ op: "remove", path: "/*/*" }),
    ...noMethodSetting("*/*"),
  },
  {
    name: "a log level other than OFF, ERROR or INFO is refused (message not recorded)",
    source: "doc MethodSetting.loggingLevel: valid values OFF | ERROR | INFO",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/*/*/logging/loglevel", value: "LOUD" }),
    ...badRequest(/loglevel/),
  },
  {
    name: "a rate limit that is not a number is refused (message not recorded)",
    source: "doc MethodSetting.throttlingRateLimit: Double",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/*/*/throttling/rateLimit", value: "fast" }),
    ...badRequest(/rateLimit/),
  },
  {
    name: "an unknown method-setting path is refused with AWS's list of paths (by analogy)",
    source: "rec test_update_stage_canary_deployment_validation/update-stage-canary-settings-replace-bad-path (same message for any unknown path)",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/*/*/metrics/enable", value: "true" }),
    ...invalidPath("/*/*/metrics/enable"),
  },
  {
    name: "the resource path must be one escaped segment: an unescaped /pets/{id}/GET/… is refused",
    source:
      "doc UpdateStage: '/' in a path segment is written ~1; AWS's path list (rec …/update-stage-canary-settings-bad-path-2) has /{resourcePath}/{httpMethod}/… only",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/pets/{id}/GET/metrics/enabled", value: "true" }),
    ...invalidPath("/pets/{id}/GET/metrics/enabled"),
  },
];

/** Access logs, on withStage. Requests inferred from the recorded step names (the LocalStack test is not in the library). */
export const accessLogFacts: Fact[] = [
  {
    name: "destinationArn and format are set one by one",
    source: "rec test_stage_access_log_settings/update-stage-access-log-dest-add, update-stage-access-log-format-add",
    op: "UpdateStage",
    input: updateDev(
      { op: "add", path: "/accessLogSettings/destinationArn", value: LOG_GROUP },
      { op: "replace", path: "/accessLogSettings/format", value: "$context.requestId $context.identity.sourceIp" },
    ),
    status: 200,
    returns: { accessLogSettings: { destinationArn: LOG_GROUP, format: "$context.requestId $context.identity.sourceIp" } },
  },
  {
    name: "remove /accessLogSettings drops both",
    source: "rec test_stage_access_log_settings/update-stage-access-log-remove-all",
    given: async (w) => void (await w.send("UpdateStage", updateDev({ op: "add", path: "/accessLogSettings/destinationArn", value: LOG_GROUP })(w.ids))),
    op: "UpdateStage",
    input: updateDev({ op: "remove", path: "/accessLogSettings" }),
    status: 200,
    absent: ["accessLogSettings"],
  },
  {
    name: "removing destinationArn alone is refused (read as removing a method setting)",
    source: "rec test_stage_access_log_settings_validation/update-stage-access-log-dest-remove",
    given: async (w) => void (await w.send("UpdateStage", updateDev({ op: "add", path: "/accessLogSettings/destinationArn", value: LOG_GROUP })(w.ids))),
    op: "UpdateStage",
    input: updateDev({ op: "remove", path: "/accessLogSettings/destinationArn" }),
    ...noMethodSetting("accessLogSettings/destinationArn"),
  },
  {
    name: "removing the format alone is refused the same way (by the recorded two-segment rule; only remove /accessLogSettings clears a part)",
    source:
      "rec test_stage_access_log_settings_validation/update-stage-access-log-dest-remove, invalid-path-remove (any /a/b remove = method setting a/b); format itself not recorded",
    given: async (w) =>
      void (await w.send(
        "UpdateStage",
        updateDev(
          { op: "add", path: "/accessLogSettings/destinationArn", value: LOG_GROUP },
          { op: "add", path: "/accessLogSettings/format", value: "$context.requestId" },
        )(w.ids),
      )),
    op: "UpdateStage",
    input: updateDev({ op: "remove", path: "/accessLogSettings/format" }),
    ...noMethodSetting("accessLogSettings/format"),
  },
  {
    name: "an empty destinationArn is refused",
    source: "rec test_stage_access_log_settings_validation/update-stage-access-log-destinationArn-empty",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/accessLogSettings/destinationArn", value: "" }),
    ...badRequest("Access Log value must not be empty"),
  },
  {
    name: "an empty format is refused",
    source: "rec test_stage_access_log_settings_validation/update-stage-access-log-format-empty",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/accessLogSettings/format", value: "" }),
    ...badRequest("Access Log value must not be empty"),
  },
  ...["add", "replace"].flatMap((op): Fact[] =>
    ["/accessLogSettings/randomValue", "/accessLogSettings/*", "/accessLogSettings"].map((path) => ({
      name: `${op} ${path} is refused with the two access-log paths`,
      source:
        "rec test_stage_access_log_settings_validation/invalid-path-add, invalid-path-replace, star-and-add, star-and-replace, root-and-add, root-and-replace",
      op: "UpdateStage",
      input: updateDev({ op, path, value: LOG_GROUP }),
      ...badRequest(ACCESS_LOG_PATHS),
    })),
  ),
  ...["randomValue", "*"].map(
    (name): Fact => ({
      name: `remove /accessLogSettings/${name} is refused as a missing method setting`,
      source: "rec test_stage_access_log_settings_validation/invalid-path-remove, star-and-remove",
      op: "UpdateStage",
      input: updateDev({ op: "remove", path: `/accessLogSettings/${name}` }),
      ...noMethodSetting(`accessLogSettings/${name}`),
    }),
  ),
];
