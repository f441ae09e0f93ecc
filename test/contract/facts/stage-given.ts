/**
 * Setups for the stage, canary and deployment facts: the API LocalStack's canary tests build (GET on
 * the root with a MOCK integration), then deployments and a stage, with their ids in `world.ids`
 * (api, root, dep1, dep2, canaryDep; the stage is always "dev").
 */
import type { World } from "../run-facts";
import { withMethod } from "./given";

export const STAGE = "dev";

/** withMethod + one deployment (`ids.dep1`). */
export async function withDeployment(world: World): Promise<void> {
  await withMethod(world);
  world.ids.dep1 = (await world.send("CreateDeployment", { restApiId: world.ids.api })).id;
}

/** withDeployment + stage "dev" on it, described "dev stage", with variable testVar=default. */
export async function withStage(world: World): Promise<void> {
  await withDeployment(world);
  await world.send("CreateStage", {
    restApiId: world.ids.api,
    stageName: STAGE,
    deploymentId: world.ids.dep1,
    description: "dev stage",
    variables: { testVar: "default" },
  });
}

/** withStage + a second deployment (`ids.dep2`) no stage points at. */
export async function withTwoDeployments(world: World): Promise<void> {
  await withStage(world);
  world.ids.dep2 = (await world.send("CreateDeployment", { restApiId: world.ids.api })).id;
}

/** withStage + a canary deployment on "dev" (`ids.canaryDep`): 50 %, testVar overridden to "canary". */
export async function withCanary(world: World): Promise<void> {
  await withStage(world);
  const canarySettings = { percentTraffic: 50, stageVariableOverrides: { testVar: "canary" } };
  world.ids.canaryDep = (await world.send("CreateDeployment", { restApiId: world.ids.api, stageName: STAGE, canarySettings })).id;
}

/** An API with GET /pets/{id} (MOCK) besides the root GET, deployed to stage "dev". */
export async function withPetsStage(world: World): Promise<void> {
  await withMethod(world);
  const restApiId = world.ids.api;
  const pets = await world.send("CreateResource", { restApiId, parentId: world.ids.root, pathPart: "pets" });
  const petId = await world.send("CreateResource", { restApiId, parentId: pets.id, pathPart: "{id}" });
  const key = { restApiId, resourceId: petId.id, httpMethod: "GET" };
  await world.send("PutMethod", { ...key, authorizationType: "NONE" });
  await world.send("PutIntegration", { ...key, type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
  world.ids.dep1 = (await world.send("CreateDeployment", { restApiId, stageName: STAGE })).id;
}

/** UpdateStage input on "dev" with these operations. */
export const updateDev =
  (...patchOperations: Record<string, string>[]) =>
  (ids: Record<string, string>) => ({ restApiId: ids.api, stageName: STAGE, patchOperations });

/** GetStage input for "dev". */
export const getDev = (ids: Record<string, string>) => ({ restApiId: ids.api, stageName: STAGE });

export const badRequest = (message: string | RegExp) => ({ status: 400, error: { code: "BadRequestException", message } });
