/**
 * Resources: GetResources, CreateResource, DeleteResource (and UpdateResource's refusals) — how AWS
 * answered. Sources as in rest-api.ts ("rec <test>/<step>" in control-plane-api.json).
 */
import { expect } from "vitest";
import type { Fact, World } from "../run-facts";

const bad = (message: string) => ({ status: 400, error: { code: "BadRequestException", message } });
const notFound = (message: string) => ({ status: 404, error: { code: "NotFoundException", message } });

/** Adds /pets (ids.pets) under the root. */
async function withPets(world: World) {
  const r = await world.send("CreateResource", { restApiId: world.ids.api, parentId: world.ids.root, pathPart: "pets" });
  world.ids.pets = r.id;
}
/** Adds /{proxy+} (ids.proxy) under the root. */
async function withProxy(world: World) {
  const r = await world.send("CreateResource", { restApiId: world.ids.api, parentId: world.ids.root, pathPart: "{proxy+}" });
  world.ids.proxy = r.id;
}

export const resourceFacts: Fact[] = [
  {
    name: "a new API has only its root resource, with no parentId or pathPart",
    source: "rec test_resource_lifecycle/rest-api-root-resource",
    op: "GetResources",
    input: (ids) => ({ restApiId: ids.api }),
    status: 200,
    returns: (ids) => ({ item: [{ id: ids.root, path: "/" }] }),
  },
  {
    name: "CreateResource answers id, parentId, path and pathPart",
    source: "rec test_resource_lifecycle/create-resource",
    op: "CreateResource",
    input: (ids) => ({ restApiId: ids.api, parentId: ids.root, pathPart: "pets" }),
    status: 201,
    returns: (ids) => ({ id: expect.any(String), parentId: ids.root, path: "/pets", pathPart: "pets" }),
  },
  {
    name: "an unknown parent is a 404",
    source: "rec test_create_resource_parent_invalid/wrong-resource-parent-id",
    op: "CreateResource",
    input: (ids) => ({ restApiId: ids.api, parentId: "fake-resource-id", pathPart: "subpets" }),
    ...notFound("Invalid Resource identifier specified"),
  },
  {
    name: "a path part outside a-zA-Z0-9._- (orders!) is refused with AWS's rule",
    source: "doc CreateResource BadRequestException text (AWS's message states the rule; the recorded proxy tests show the same wording family)",
    op: "CreateResource",
    input: (ids) => ({ restApiId: ids.api, parentId: ids.root, pathPart: "orders!" }),
    ...bad("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."),
  },
  {
    name: "a second sibling with the same name is a 409",
    source: "rec test_update_resource_behaviour/existing-future-sibling-path",
    given: withPets,
    op: "CreateResource",
    input: (ids) => ({ restApiId: ids.api, parentId: ids.root, pathPart: "pets" }),
    status: 409,
    error: { code: "ConflictException", message: "Another resource with the same parent already has this name: pets" },
  },
  {
    name: "a variable sibling of {proxy+} is refused",
    source: "rec test_create_proxy_resource_validation/create-proxy-dynamic-sibling-resource",
    given: withProxy,
    op: "CreateResource",
    input: (ids) => ({ restApiId: ids.api, parentId: ids.root, pathPart: "{dynamic}" }),
    ...bad("A sibling ({proxy+}) of this resource already has a variable path part -- only one is allowed"),
  },
  {
    name: "a child of a greedy resource is refused",
    source: "rec test_create_proxy_resource_validation/create-proxy-static-child-resource",
    given: withProxy,
    op: "CreateResource",
    input: (ids) => ({ restApiId: ids.api, parentId: ids.proxy, pathPart: "child" }),
    ...bad("Cannot create a child of a resource with a greedy path variable: {proxy+}"),
  },
  {
    name: "a static sibling of {proxy+} is allowed",
    source: "rec test_create_proxy_resource/create-proxy-sibling-resource",
    given: withProxy,
    op: "CreateResource",
    input: (ids) => ({ restApiId: ids.api, parentId: ids.root, pathPart: "parent" }),
    status: 201,
    returns: { path: "/parent" },
  },
  {
    name: "DeleteResource answers 202 and deletes the subtree",
    source: "rec test_delete_resource/delete-resource, get-resources, delete-subresource",
    given: async (world) => {
      await withPets(world);
      const sub = await world.send("CreateResource", { restApiId: world.ids.api, parentId: world.ids.pets, pathPart: "subpets" });
      world.ids.sub = sub.id;
    },
    op: "DeleteResource",
    input: (ids) => ({ restApiId: ids.api, resourceId: ids.pets }),
    status: 202,
    followedBy: [
      { op: "GetResources", input: (ids) => ({ restApiId: ids.api }), status: 200, returns: (ids) => ({ item: [{ id: ids.root, path: "/" }] }) },
      { op: "DeleteResource", input: (ids) => ({ restApiId: ids.api, resourceId: ids.sub }), ...notFound("Invalid Resource identifier specified") },
    ],
  },
  {
    name: "UpdateResource: only /parentId and /pathPart exist",
    source: "rec test_update_resource_behaviour/invalid-path-part",
    given: withPets,
    op: "UpdateResource",
    input: (ids) => ({ restApiId: ids.api, resourceId: ids.pets, patchOperations: [{ op: "replace", path: "/invalid", value: "dogs" }] }),
    ...bad("Invalid patch path  '/invalid' specified for op 'replace'. Must be one of: [/parentId, /pathPart]"),
  },
  {
    name: "UpdateResource: /pathPart only takes replace",
    source: "rec test_update_resource_behaviour/add-unsupported",
    given: withPets,
    op: "UpdateResource",
    input: (ids) => ({ restApiId: ids.api, resourceId: ids.pets, patchOperations: [{ op: "add", path: "/pathPart", value: "added-pets" }] }),
    ...bad("Invalid patch path  '/pathPart' specified for op 'add'. Please choose supported operations"),
  },
  {
    name: "UpdateResource: replace /pathPart renames the resource",
    source: "rec test_resource_lifecycle/update-path-part",
    given: withPets,
    op: "UpdateResource",
    input: (ids) => ({ restApiId: ids.api, resourceId: ids.pets, patchOperations: [{ op: "replace", path: "/pathPart", value: "dogs" }] }),
    status: 200,
    returns: (ids) => ({ id: ids.pets, parentId: ids.root, path: "/dogs", pathPart: "dogs" }),
  },
  {
    name: "UpdateResource: the root's pathPart cannot change",
    source: "rec test_update_resource_on_root/update-root-path-part",
    op: "UpdateResource",
    input: (ids) => ({ restApiId: ids.api, resourceId: ids.root, patchOperations: [{ op: "replace", path: "/pathPart", value: "dogs" }] }),
    ...bad("Root resource cannot update its pathPart."),
  },
];
