/**
 * Canary: canarySettings in CreateStage, CreateDeployment and UpdateStage, and promotion with `copy` —
 * how AWS answered. "rec <test>/<step>" = /work/shared/reference/aws-recorded/control-plane-canary.json
 * (requests in LocalStack's tests/aws/services/apigateway/test_apigateway_canary.py, TestStageCrudCanary).
 *
 * Note: AWS does NOT refuse canary paths on a stage without a canary: a `replace` creates the canary
 * (rec test_create_canary_deployment_by_stage_update). It refuses `add`, a `copy` (promotion) and a
 * two-segment `remove` there.
 */
import { expect } from "vitest";
import type { Fact } from "../run-facts";
import { AWS_STAGE_PATHS } from "../../fakes/fake-apigateway/stage-patch";
import { STAGE, badRequest, getDev, updateDev } from "./stage-given";

const invalidPath = (path: string) => badRequest(`Invalid method setting path: ${path}. Must be one of: ${AWS_STAGE_PATHS}`);
const noMethodSetting = (key: string) => badRequest(`Cannot remove method setting ${key} because there is no method setting for this method `);
const canaryContent = (detail: string) => badRequest(`Invalid deployment content specified.${detail}`);
const PROMOTE: Record<string, string>[] = [
  { op: "replace", path: "/canarySettings/percentTraffic", value: "0.0" },
  { op: "copy", from: "/canarySettings/deploymentId", path: "/deploymentId" },
  { op: "copy", from: "/canarySettings/stageVariableOverrides", path: "/variables" },
];

/** On withTwoDeployments: stage "dev" on dep1 (testVar=default), dep2 unused. */
export const createStageCanaryFacts: Fact[] = [
  {
    name: "CreateStage with canarySettings returns them with percentTraffic a number and useStageCache false",
    source: "rec test_create_update_stages/create-stage",
    op: "CreateStage",
    input: (ids) => ({
      restApiId: ids.api,
      stageName: "qa",
      deploymentId: ids.dep1,
      canarySettings: { deploymentId: ids.dep2, percentTraffic: 50, stageVariableOverrides: { testVar: "canary" } },
    }),
    status: 201,
    returns: (ids) => ({ canarySettings: { deploymentId: ids.dep2, percentTraffic: 50, stageVariableOverrides: { testVar: "canary" }, useStageCache: false } }),
  },
  {
    name: "CreateStage with a canary above 100 % is refused (message not recorded)",
    source: "doc CanarySettings.percentTraffic: 'the percent (0-100) of traffic diverted to a canary deployment'",
    op: "CreateStage",
    input: (ids) => ({ restApiId: ids.api, stageName: "qa", deploymentId: ids.dep1, canarySettings: { deploymentId: ids.dep2, percentTraffic: 150 } }),
    ...badRequest(/percentTraffic/),
  },
  {
    name: "CreateStage with a canary deployment id that does not exist is refused",
    source: "rec test_create_canary_deployment/bad-canary-deployment-id",
    op: "CreateStage",
    input: (ids) => ({ restApiId: ids.api, stageName: "dev3", deploymentId: ids.dep1, description: "dev stage", canarySettings: { deploymentId: "deploy" } }),
    ...badRequest("Deployment id does not exist"),
  },
];

/** On withStage: stage "dev" on dep1, no canary. */
export const createDeploymentCanaryFacts: Fact[] = [
  {
    name: "a canary deployment keeps the stage on its deployment and makes the new one the canary",
    source: "rec test_create_canary_deployment_with_stage/create-canary-deployment, get-stage",
    op: "CreateDeployment",
    input: (ids) => ({ restApiId: ids.api, stageName: STAGE, canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: "canary" } } }),
    status: 201,
    returns: { id: expect.any(String), createdDate: expect.any(Number) },
    followedBy: [
      {
        op: "GetStage",
        input: getDev,
        status: 200,
        returns: (ids) => ({
          deploymentId: ids.dep1,
          variables: { testVar: "default" },
          canarySettings: {
            deploymentId: expect.not.stringMatching(`^${ids.dep1}$`),
            percentTraffic: 50,
            stageVariableOverrides: { testVar: "canary" },
            useStageCache: false,
          },
        }),
      },
    ],
  },
  {
    name: "a second canary deployment replaces the first canary",
    source: "rec test_create_canary_deployment/get-stage-1",
    given: async (w) => {
      const canarySettings = { percentTraffic: 40, stageVariableOverrides: { testVar: "canary1" } };
      await w.send("CreateDeployment", { restApiId: w.ids.api, stageName: STAGE, canarySettings });
    },
    op: "CreateDeployment",
    input: (ids) => ({ restApiId: ids.api, stageName: STAGE, canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: "canary2" } } }),
    status: 201,
    followedBy: [
      { op: "GetStage", input: getDev, status: 200, returns: { canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: "canary2" } } } },
    ],
  },
  {
    name: "a canary deployment above 100 % is refused (message not recorded)",
    source: "doc CanarySettings.percentTraffic (0-100)",
    op: "CreateDeployment",
    input: (ids) => ({ restApiId: ids.api, stageName: STAGE, canarySettings: { percentTraffic: 150 } }),
    ...badRequest(/percentTraffic/),
  },
  {
    name: "a canary deployment needs a stage name",
    source: "rec test_create_canary_deployment_validation/create-canary-deployment-no-stage",
    op: "CreateDeployment",
    input: (ids) => ({ restApiId: ids.api, canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: "canary" } } }),
    ...canaryContent("Non null and non empty stageName must be provided for canary deployment. Provided value is null"),
  },
  {
    name: "a canary deployment refuses an empty stage name",
    source: "rec test_create_canary_deployment_validation/create-canary-deployment-empty-stage",
    op: "CreateDeployment",
    input: (ids) => ({ restApiId: ids.api, stageName: "", canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: "canary" } } }),
    ...canaryContent("Non null and non empty stageName must be provided for canary deployment. Provided value is "),
  },
  {
    name: "a canary deployment needs an existing stage",
    source: "rec test_create_canary_deployment_validation/create-canary-deployment-non-existing-stage",
    op: "CreateDeployment",
    input: (ids) => ({ restApiId: ids.api, stageName: "non-existing", canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: "canary" } } }),
    ...canaryContent("Stage non-existing must already be created before making a canary release deployment"),
  },
];

/** On withTwoDeployments: stage "dev" on dep1 without canary, dep2 unused. */
export const updateStageNoCanaryFacts: Fact[] = [
  {
    name: "replace /canarySettings/deploymentId on a stage without canary creates one at 0 %",
    source: "rec test_create_canary_deployment_by_stage_update/update-stage-with-deployment",
    op: "UpdateStage",
    input: (ids) => updateDev({ op: "replace", path: "/canarySettings/deploymentId", value: ids.dep2 })(ids),
    status: 200,
    returns: (ids) => ({ deploymentId: ids.dep1, canarySettings: { deploymentId: ids.dep2, percentTraffic: 0, useStageCache: false } }),
  },
  {
    name: "replace /canarySettings/percentTraffic on a stage without canary creates one on the stage's deployment; the percentage is a number",
    source: "rec test_create_canary_deployment_by_stage_update/update-stage-with-percent, get-stage",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/canarySettings/percentTraffic", value: "50" }),
    status: 200,
    returns: (ids) => ({ canarySettings: { deploymentId: ids.dep1, percentTraffic: 50, useStageCache: false } }),
    followedBy: [{ op: "GetStage", input: getDev, status: 200, returns: { canarySettings: { percentTraffic: 50 } } }],
  },
  {
    name: "add on a canary path is refused: canary settings take replace",
    source: "rec test_update_stage_canary_deployment_validation/update-stage-add-deployment",
    op: "UpdateStage",
    input: (ids) => updateDev({ op: "add", path: "/canarySettings/deploymentId", value: ids.dep2 })(ids),
    ...badRequest("Invalid add operation with path: /canarySettings/deploymentId"),
  },
  {
    name: "a canary deployment id that does not exist is refused",
    source: "rec test_update_stage_canary_deployment_validation/update-stage-no-deployment",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/canarySettings/deploymentId", value: "deploy" }),
    ...badRequest("Deployment id does not exist"),
  },
  {
    name: "promotion (copy from the canary) on a stage without canary is refused",
    source: "rec test_update_stage_with_copy_ops/copy-with-no-replace",
    op: "UpdateStage",
    input: updateDev(
      { op: "copy", from: "/canarySettings/stageVariableOverrides", path: "/variables" },
      { op: "copy", from: "/canarySettings/deploymentId", path: "/deploymentId" },
    ),
    ...badRequest("Promotion not available. Canary does not exist."),
  },
  {
    name: "copy only goes from the canary to the stage",
    source: "rec test_update_stage_with_copy_ops/copy-with-bad-statement",
    op: "UpdateStage",
    input: updateDev(
      { op: "copy", path: "/canarySettings/stageVariableOverrides", from: "/variables" },
      { op: "copy", path: "/canarySettings/deploymentId", from: "/deploymentId" },
    ),
    ...badRequest(
      "Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]",
    ),
  },
  {
    name: "the promotion ops on a stage without canary: the replace makes a 0 % canary on the base, the copies then change nothing",
    source: "rec test_update_stage_with_copy_ops/update-stage-with-copy",
    op: "UpdateStage",
    input: updateDev(...PROMOTE),
    status: 200,
    returns: (ids) => ({
      deploymentId: ids.dep1,
      variables: { testVar: "default" },
      canarySettings: { deploymentId: ids.dep1, percentTraffic: 0, useStageCache: false },
    }),
  },
];

/** On withCanary: stage "dev" on dep1 (testVar=default), canary ids.canaryDep at 50 % (testVar=canary). */
export const updateStageCanaryFacts: Fact[] = [
  {
    name: "promotion copies the canary's deployment and merges its overrides into the variables; the canary stays at 0 %",
    source: "rec test_update_stage_with_copy_ops/update-stage-with-copy-2",
    given: async (w) => void (await w.send("UpdateStage", updateDev({ op: "replace", path: "/variables/testVar2", value: "test2" })(w.ids))),
    op: "UpdateStage",
    input: updateDev(...PROMOTE),
    status: 200,
    returns: (ids) => ({
      deploymentId: ids.canaryDep,
      variables: { testVar: "canary", testVar2: "test2" },
      canarySettings: { deploymentId: ids.canaryDep, percentTraffic: 0, stageVariableOverrides: { testVar: "canary" }, useStageCache: false },
    }),
  },
  {
    name: "an override is replaced with /canarySettings/stageVariableOverrides/NAME",
    source: "rec test_create_update_stages/update-stage-canary-settings-overrides",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/canarySettings/stageVariableOverrides/testVar", value: "updated" }),
    status: 200,
    returns: { canarySettings: { stageVariableOverrides: { testVar: "updated" }, percentTraffic: 50 } },
  },
  {
    name: "percentTraffic set to 100.0 comes back as the number 100",
    source: "rec test_invoking_canary_deployment/update-stage",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/canarySettings/percentTraffic", value: "100.0" }),
    status: 200,
    returns: { canarySettings: { percentTraffic: 100 } },
  },
  {
    name: "percentTraffic above 100 is refused (message not recorded)",
    source: "doc CanarySettings.percentTraffic (0-100)",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/canarySettings/percentTraffic", value: "150" }),
    ...badRequest(/percentTraffic/),
  },
  {
    name: "remove /canarySettings drops the canary",
    source: "rec test_create_update_stages/update-stage-remove-canary-settings, get-stage-after-remove",
    op: "UpdateStage",
    input: updateDev({ op: "remove", path: "/canarySettings" }),
    status: 200,
    absent: ["canarySettings"],
    followedBy: [{ op: "GetStage", input: getDev, status: 200, absent: ["canarySettings"] }],
  },
  {
    name: "remove /canarySettings/stageVariableOverrides is read as removing a method setting and refused",
    source: "rec test_update_stage_canary_deployment_validation/update-stage-canary-settings-remove-overrides",
    op: "UpdateStage",
    input: updateDev({ op: "remove", path: "/canarySettings/stageVariableOverrides" }),
    ...noMethodSetting("canarySettings/stageVariableOverrides"),
  },
  {
    name: "remove of an unknown canary path is refused the same way",
    source: "rec test_update_stage_canary_deployment_validation/update-stage-canary-settings-bad-path",
    op: "UpdateStage",
    input: updateDev({ op: "remove", path: "/canarySettings/badPath" }),
    ...noMethodSetting("canarySettings/badPath"),
  },
  {
    name: "replace /canarySettings as a whole is refused with AWS's list of paths",
    source: "rec test_update_stage_canary_deployment_validation/update-stage-canary-settings-bad-path-2",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/canarySettings", value: "test" }),
    ...invalidPath("/canarySettings"),
  },
  {
    name: "replace of an unknown canary path is refused with AWS's list of paths",
    source: "rec test_update_stage_canary_deployment_validation/update-stage-canary-settings-replace-bad-path",
    op: "UpdateStage",
    input: updateDev({ op: "replace", path: "/canarySettings/badPath", value: "badPath" }),
    ...invalidPath("/canarySettings/badPath"),
  },
];
