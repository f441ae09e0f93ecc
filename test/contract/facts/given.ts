/**
 * Setups shared by the contract facts: each creates, through the SDK, what a group of facts
 * needs and stores the ids in `world.ids` (api, root, res, auth, val).
 */
import type { World } from "../run-facts";

/** A REST API (`ids.api`) and its root resource (`ids.root`). */
export async function withApi(world: World): Promise<void> {
  const api = await world.send("CreateRestApi", { name: "contract", description: "contract facts" });
  world.ids.api = api.id;
  world.ids.root = api.rootResourceId;
}

/** withApi + GET on the root with a MOCK integration (the request LocalStack's tests make). */
export async function withMethod(world: World): Promise<void> {
  await withApi(world);
  const key = { restApiId: world.ids.api, resourceId: world.ids.root, httpMethod: "GET" };
  await world.send("PutMethod", { ...key, authorizationType: "NONE" });
  await world.send("PutIntegration", { ...key, type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
}

/** withMethod + method response 200 with a header and a model, and its integration response. */
export async function withResponses(world: World): Promise<void> {
  await withMethod(world);
  const key = { restApiId: world.ids.api, resourceId: world.ids.root, httpMethod: "GET", statusCode: "200" };
  await world.send("PutMethodResponse", {
    ...key,
    responseParameters: { "method.response.header.my-header": false },
    responseModels: { "application/json": "Empty" },
  });
  await world.send("PutIntegrationResponse", { ...key, selectionPattern: "", responseTemplates: { "application/json": '"created"' } });
}

/** The key of the root's GET method, for inputs. */
export const rootGet = (ids: Record<string, string>) => ({ restApiId: ids.api, resourceId: ids.root, httpMethod: "GET" });
