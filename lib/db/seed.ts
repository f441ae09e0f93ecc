/**
 * First start: a demo workspace, an admin and a viewer, and a PetStore-like API with a MOCK
 * method, an HTTP method and a path parameter. Everything goes through the audited services,
 * so the demo's history starts at its creation.
 */
import { randomUUID } from "node:crypto";
import type { Db, DbHandle } from "./client";
import { mutate, systemActor, type Actor } from "../audit/mutate";
import { createMember } from "../auth/users";
import { createRestApi, editDesign } from "../restapi/service";
import { findResourceByPath } from "../model/tree";
import type { DesignCommand } from "../model/commands";

export const DEMO_ADMIN_EMAIL = "admin@gatehouse.local";
export const DEMO_VIEWER_EMAIL = "viewer@gatehouse.local";
export function demoPassword(): string {
  return process.env.GATEHOUSE_DEMO_PASSWORD || "gatehouse-demo";
}

export const DEMO_PET_REQUEST_TEMPLATE = `## The MOCK integration answers with the status this template chooses.
#if($input.params('petId') == "0")
{"statusCode": 404}
#else
{"statusCode": 200}
#end`;

export const DEMO_PET_RESPONSE_TEMPLATE = `#set($id = $input.params('petId'))
{
  "id": "$id",
  "type": "dog",
  "price": 249.99,
  "requestId": "$context.requestId",
  "resourcePath": "$context.resourcePath"
}`;

/**
 * The demo seed as a server's start runs it: under the lock migrations take, so instances started
 * at once on an empty database seed it once (the others wait, then find it seeded) instead of
 * racing to create the same workspace and failing their start.
 */
export async function seedOnce(handle: Pick<DbHandle, "prisma" | "sql">, options: { log?: (message: string) => void } = {}): Promise<boolean> {
  return handle.sql.withLock(() => seedDemo(handle.prisma, options));
}

export async function seedDemo(db: Db, options: { log?: (message: string) => void } = {}): Promise<boolean> {
  if ((await db.user.count()) > 0) return false;
  // The workspace's id is chosen here: the system acts in it while creating it.
  const system = systemActor(randomUUID());
  await mutate(db, system, async (tx) => {
    const ws = await tx.workspace.create({ data: { id: system.workspaceId, name: "Demo workspace", slug: "demo" } });
    return {
      result: ws,
      audit: {
        action: "workspace.create",
        entityType: "workspace",
        entityId: ws.slug,
        summary: "Created the demo workspace",
        after: { name: ws.name, slug: ws.slug },
      },
    };
  });
  const password = demoPassword();
  await createMember(db, system, { email: DEMO_ADMIN_EMAIL, name: "Demo Admin", password, role: "admin" });
  await createMember(db, system, { email: DEMO_VIEWER_EMAIL, name: "Demo Viewer", password, role: "viewer" });
  await seedPetStore(db, system);
  options.log?.(`[gatehouse] Seeded the demo workspace. Sign in as ${DEMO_ADMIN_EMAIL} (admin) or ${DEMO_VIEWER_EMAIL} (viewer) with password "${password}".`);
  return true;
}

async function seedPetStore(db: Db, actor: Actor) {
  const api = await createRestApi(db, actor, { name: "PetStore", description: "Demo API: a MOCK method, an HTTP method and a path parameter" });
  let version = api.version;
  let design = (await db.restApi.findUniqueOrThrow({ where: { id: api.id } })).design as never;
  const run = async (command: DesignCommand) => {
    const result = await editDesign(db, actor, api.id, version, command);
    version = result.version;
    design = result.design as never;
  };
  const idOf = (path: string) => findResourceByPath(design, path)!.id;

  await run({ type: "addResourcePath", path: "/pets/{petId}" });
  const pets = idOf("/pets");
  const pet = idOf("/pets/{petId}");

  await run({ type: "putMethod", resourceId: pets, method: { httpMethod: "GET", authorizationType: "NONE", operationName: "ListPets" } });
  await run({ type: "putMethodResponse", resourceId: pets, httpMethod: "GET", response: { statusCode: "200", responseParameters: {}, responseModels: {} } });
  await run({
    type: "putIntegration",
    resourceId: pets,
    httpMethod: "GET",
    integration: { type: "HTTP", httpMethod: "GET", uri: "http://petstore-demo-endpoint.execute-api.com/petstore/pets", timeoutInMillis: 29000 },
  });
  await run({
    type: "putIntegrationResponse",
    resourceId: pets,
    httpMethod: "GET",
    response: { statusCode: "200", responseParameters: {}, responseTemplates: {} },
  });

  await run({
    type: "putMethod",
    resourceId: pet,
    method: { httpMethod: "GET", authorizationType: "NONE", operationName: "GetPet", requestParameters: { "method.request.path.petId": true } },
  });
  for (const statusCode of ["200", "404"]) {
    await run({ type: "putMethodResponse", resourceId: pet, httpMethod: "GET", response: { statusCode, responseParameters: {}, responseModels: {} } });
  }
  await run({
    type: "putIntegration",
    resourceId: pet,
    httpMethod: "GET",
    integration: {
      type: "MOCK",
      requestTemplates: { "application/json": DEMO_PET_REQUEST_TEMPLATE },
      passthroughBehavior: "WHEN_NO_TEMPLATES",
      timeoutInMillis: 29000,
    },
  });
  await run({
    type: "putIntegrationResponse",
    resourceId: pet,
    httpMethod: "GET",
    response: { statusCode: "200", responseParameters: {}, responseTemplates: { "application/json": DEMO_PET_RESPONSE_TEMPLATE } },
  });
  await run({
    type: "putIntegrationResponse",
    resourceId: pet,
    httpMethod: "GET",
    response: {
      statusCode: "404",
      selectionPattern: "404",
      responseParameters: {},
      responseTemplates: { "application/json": `{"message": "Pet $input.params('petId') was not found"}` },
    },
  });
}
