/**
 * Models, validators, authorizers and CORS through the one audited edit path, on both databases:
 * each accepted command is one version and one audit row; a refused one writes neither.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { parseDesign } from "../../lib/model/design";
import { ValidationError } from "../../lib/errors";
import { findResourceByPath } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";
import { actorsOfEveryRole } from "../helpers/actors";
import { seedDemo } from "../../lib/db/seed";

describe.each(DATABASE_KINDS)("component commands on %s", (kind) => {
  let db: TestDatabase;
  const actors = {} as Record<Role, Actor>;
  const p = () => db.handle.prisma;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    Object.assign(actors, (await actorsOfEveryRole(p())).actors);
  });
  afterAll(() => db?.drop());

  it("one audited entry per command, CORS included; a refused delete writes nothing", async () => {
    const row = await createRestApi(p(), actors.editor, { name: "Components" });
    let version = row.version;
    const run = async (command: unknown) => {
      const r = await editDesign(p(), actors.editor, row.id, version, command);
      version = r.version;
      return r.design;
    };
    let design = await run({ type: "addResourcePath", path: "/pets" });
    const pets = findResourceByPath(design, "/pets")!.id;
    design = await run({ type: "createRequestValidator", validator: { name: "all", validateRequestBody: true, validateRequestParameters: true } });
    const validatorId = design.requestValidators[0].id;
    await run({ type: "putMethod", resourceId: pets, method: { httpMethod: "GET", requestValidatorId: validatorId } });
    await run({ type: "putIntegration", resourceId: pets, httpMethod: "GET", integration: { type: "MOCK" } });

    const auditsBefore = await p().auditEvent.count({ where: { restApiId: row.id } });
    design = await run({ type: "enableCors", resourceId: pets, cors: { allowOrigin: "*", allowMethods: ["GET", "OPTIONS"], allowHeaders: ["Content-Type"] } });
    expect(Object.keys(findResourceByPath(design, "/pets")!.methods).sort()).toEqual(["GET", "OPTIONS"]);
    const events = await p().auditEvent.findMany({ where: { restApiId: row.id }, orderBy: { createdAt: "asc" } });
    expect(events).toHaveLength(auditsBefore + 1);
    expect(events.at(-1)).toMatchObject({
      action: "cors.enable",
      entityType: "cors",
      entityId: "/pets",
      summary: "Enabled CORS on /pets: 6 created, 0 updated",
    });

    const stored = await p().restApi.findUniqueOrThrow({ where: { id: row.id } });
    const e = await rejection(editDesign(p(), actors.editor, row.id, version, { type: "deleteRequestValidator", validatorId }), ValidationError);
    expect(e.issues).toEqual([
      { field: "validatorId", message: "Request validator all is used by GET /pets; choose another validator (or none) on those methods first" },
    ]);
    const after = await p().restApi.findUniqueOrThrow({ where: { id: row.id } });
    expect(after.version).toBe(stored.version);
    expect(parseDesign(after.design)).toEqual(parseDesign(stored.design));
    expect(await p().auditEvent.count({ where: { restApiId: row.id } })).toBe(auditsBefore + 1);
  });
});
