/**
 * Deployment: CreateDeployment, GetDeployment(s) — how AWS answered. Canary deployments are in
 * canary.ts. "rec <test>/<step>" = /work/shared/reference/aws-recorded/control-plane-canary.json
 * (requests in LocalStack's test_apigateway_canary.py); "ref" = /work/shared/reference/aws-api-gateway.md
 * (researched AWS facts, with the developer-guide page it cites).
 */
import { expect } from "vitest";
import type { Fact } from "../run-facts";
import { STAGE, badRequest, getDev } from "./stage-given";

/** On withMethod: GET / with a MOCK integration, nothing deployed. */
export const createDeploymentFacts: Fact[] = [
  {
    name: "a deployment answers with its id and createdDate (a number) only",
    source: "rec test_create_update_stages/create-deployment-1",
    op: "CreateDeployment",
    input: (ids) => ({ restApiId: ids.api }),
    status: 201,
    returns: { id: expect.any(String), createdDate: expect.any(Number) },
    absent: ["description", "apiSummary"],
  },
  {
    name: "a deployment with a new stage name creates that stage on it",
    source: "rec test_update_stage_canary_deployment_validation/get-stage (stage made by CreateDeployment stageName=dev)",
    op: "CreateDeployment",
    input: (ids) => ({ restApiId: ids.api, stageName: STAGE }),
    status: 201,
    followedBy: [
      {
        op: "GetStage",
        input: getDev,
        status: 200,
        returns: {
          stageName: STAGE,
          deploymentId: expect.any(String),
          cacheClusterEnabled: false,
          cacheClusterStatus: "NOT_AVAILABLE",
          methodSettings: {},
          tracingEnabled: false,
        },
        absent: ["description", "variables", "canarySettings"],
      },
    ],
  },
  {
    name: "a deployment with stage variables gives the new stage those variables",
    source: "rec test_update_stage_with_copy_ops/deployment-1 + update-stage-with-copy (variables testVar, testVar2)",
    op: "CreateDeployment",
    input: (ids) => ({ restApiId: ids.api, stageName: STAGE, variables: { testVar: "test", testVar2: "test2" } }),
    status: 201,
    followedBy: [{ op: "GetStage", input: getDev, status: 200, returns: { variables: { testVar: "test", testVar2: "test2" } } }],
  },
  {
    name: "a method without integration cannot be deployed",
    source: "ref §1 Deploy (errors of CreateDeployment)",
    given: async (w) => void (await w.send("PutMethod", { restApiId: w.ids.api, resourceId: w.ids.root, httpMethod: "POST", authorizationType: "NONE" })),
    op: "CreateDeployment",
    input: (ids) => ({ restApiId: ids.api }),
    ...badRequest("No integration defined for method"),
  },
];

/** On withApi: an API with no method at all. */
export const emptyApiDeploymentFacts: Fact[] = [
  {
    name: "an API without methods cannot be deployed",
    source: "ref §1 Deploy (errors of CreateDeployment)",
    op: "CreateDeployment",
    input: (ids) => ({ restApiId: ids.api }),
    ...badRequest("The REST API doesn't contain any methods"),
  },
];

/** On withDeployment: ids.dep1 exists. */
export const readDeploymentFacts: Fact[] = [
  {
    name: "GetDeployments lists each deployment as id + createdDate under item",
    source: "doc GetDeployments (Deployments.item); rec create-deployment shapes",
    op: "GetDeployments",
    input: (ids) => ({ restApiId: ids.api }),
    status: 200,
    returns: (ids) => ({ item: [{ id: ids.dep1, createdDate: expect.any(Number) }] }),
  },
  {
    name: "GetDeployment of an unknown id is a 404 (message by analogy with the recorded 'Invalid <Entity> identifier specified')",
    source: "rec control-plane-api.json: Invalid Resource/Method/Integration identifier specified",
    op: "GetDeployment",
    input: (ids) => ({ restApiId: ids.api, deploymentId: "nosuch" }),
    status: 404,
    error: { code: "NotFoundException", message: "Invalid Deployment identifier specified" },
  },
];
