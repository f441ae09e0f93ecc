/**
 * API keys and usage plans through their services (#13 items 1, 2 and "Bad input"), on both
 * databases: roles, AWS's rules with every bad field named and nothing written, the refusals that
 * name what uses a plan or key (and the detach confirmation), the value shown once and then only to
 * admins, never in the history or its exports, and the CSV import that writes all or nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { historyToCsv, historyToJson, listHistory } from "../../lib/audit/history";
import { createApiKey, deleteApiKey, listApiKeys, revealApiKey, updateApiKey } from "../../lib/apikey/service";
import { importApiKeys } from "../../lib/apikey/import";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { ForbiddenError, GatehouseError, ValidationError } from "../../lib/errors";
import { parseDesign } from "../../lib/model/design";
import { findResourceByPath } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { createStage } from "../../lib/stage/service";
import {
  addApiStage,
  attachApiKey,
  createUsagePlan,
  deleteUsagePlan,
  detachApiKey,
  getUsagePlan,
  listUsagePlans,
  removeApiStage,
  updateUsagePlan,
} from "../../lib/usage-plan/service";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { actorsOfEveryRole } from "../helpers/actors";
import { rejection } from "../helpers/rejection";

const GIVEN = "GivenValue0123456789abcdefXYZ";
const IMPORTED = "ImportedValue0123456789abcdef";

describe.each(DATABASE_KINDS)("API keys and usage plans on %s", (kind) => {
  let db: TestDatabase;
  let workspaceId: string;
  let actors: Record<Role, Actor>;
  let apiId: string;
  const generated: string[] = [];
  const p = () => db.handle.prisma;
  const counts = async () => ({
    keys: await p().apiKey.count(),
    plans: await p().usagePlan.count(),
    links: await p().usagePlanKey.count(),
    stages: await p().usagePlanStage.count(),
    audits: await p().auditEvent.count(),
  });

  /** Everything a viewer can read of the history, and both exports, as one text. */
  async function history(): Promise<string> {
    const entries = await listHistory(p(), { workspaceId, limit: 5000 });
    return [JSON.stringify(entries.map((e) => ({ ...e, createdAt: 0 }))), historyToCsv(entries), historyToJson(entries)].join("\n");
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    expect(await seedDemo(p())).toBe(true);
    ({ workspaceId, actors } = await actorsOfEveryRole(p()));
    // GET /pets deployed to stages prod and dev.
    const api = await createRestApi(p(), actors.editor, { name: "Pets" });
    apiId = api.id;
    let version = api.version;
    let design = parseDesign(api.design);
    const run = async (c: unknown) => ({ version, design } = await editDesign(p(), actors.editor, api.id, version, c));
    await run({ type: "addResourcePath", path: "/pets" });
    const pets = findResourceByPath(design, "/pets")!.id;
    await run({ type: "putMethod", resourceId: pets, method: { httpMethod: "GET" } });
    await run({ type: "putIntegration", resourceId: pets, httpMethod: "GET", integration: { type: "MOCK" } });
    const d = (await createDeployment(p(), actors.deployer, api.id, { description: "one" })).id;
    await createStage(p(), actors.deployer, api.id, { name: "prod", deploymentId: d });
    await createStage(p(), actors.deployer, api.id, { name: "dev", deploymentId: d });
  });

  afterAll(async () => {
    await db?.drop();
  });

  it("lets deployers and admins edit keys and plans, viewers and editors only read, and only admins reveal", async () => {
    for (const role of ["viewer", "editor"] as const) {
      await rejection(createApiKey(p(), actors[role], { name: "x" }), ForbiddenError);
      await rejection(createUsagePlan(p(), actors[role], { name: "x" }), ForbiddenError);
      await rejection(importApiKeys(p(), actors[role], `name,key\nx,${"a".repeat(20)}`), ForbiddenError);
      expect(await listApiKeys(p(), actors[role])).toEqual([]);
      expect(await listUsagePlans(p(), actors[role])).toEqual([]);
    }
    const { apiKey, value } = await createApiKey(p(), actors.deployer, { name: "by deployer" });
    generated.push(value);
    expect(value).toMatch(/^[A-Za-z0-9]{40}$/);
    await rejection(revealApiKey(p(), actors.deployer, apiKey.id), ForbiddenError);
    expect(await revealApiKey(p(), actors.admin, apiKey.id)).toBe(value);
    const reveal = (await listHistory(p(), { workspaceId, action: "apiKey.reveal" }))[0];
    expect(reveal).toMatchObject({ actorEmail: actors.admin.email, entityId: "by deployer", summary: "Revealed the value of API key by deployer" });
    await deleteApiKey(p(), actors.deployer, apiKey.id);
  });

  it("shows a key's value once: never in the list, and refuses a value that is already a key without repeating it", async () => {
    const created = await createApiKey(p(), actors.admin, { name: "partner", value: GIVEN, tags: { team: "growth" } });
    expect(created.value).toBe(GIVEN);
    const listed = await listApiKeys(p(), actors.viewer);
    expect(listed).toEqual([expect.objectContaining({ name: "partner", enabled: true, tags: { team: "growth" }, usagePlans: [] })]);
    expect(JSON.stringify(listed)).not.toContain(GIVEN);
    const before = await counts();
    const dup = await rejection(createApiKey(p(), actors.admin, { name: "again", value: GIVEN }), GatehouseError);
    expect([dup.status, dup.issues]).toEqual([409, [{ field: "value", message: "Another API key already has this value" }]]);
    expect(dup.message).not.toContain(GIVEN);
    expect(await counts()).toEqual(before);
    const updated = await updateApiKey(p(), actors.deployer, created.apiKey.id, { name: "partner", enabled: false, tags: { team: "growth" } });
    expect(updated.enabled).toBe(false);
    expect(await revealApiKey(p(), actors.admin, created.apiKey.id)).toBe(GIVEN);
  });

  it("refuses a plan with every bad field named, writing nothing", async () => {
    const before = await counts();
    const error = await rejection(
      createUsagePlan(p(), actors.deployer, {
        name: "",
        throttle: { rateLimit: -1, burstLimit: 2 },
        quota: { limit: 10, period: "WEEK", offset: 9 },
        apiStages: [{ apiId, stage: "prod", throttle: { "/pets/FETCH": { rateLimit: 1, burstLimit: 1 } } }],
      }),
      ValidationError,
    );
    expect(error.status).toBe(400);
    expect(error.issues.map((i) => i.field)).toEqual(["name", "throttle.rateLimit", "quota.offset", "apiStages.0.throttle./pets/FETCH"]);
    expect(await counts()).toEqual(before);
  });

  it("requires the API stage to exist and each throttled method to be in its deployment", async () => {
    const before = await counts();
    const noStage = await rejection(createUsagePlan(p(), actors.deployer, { name: "x", apiStages: [{ apiId, stage: "qa" }] }), ValidationError);
    expect(noStage.issues).toEqual([{ field: "apiStages.0.stage", message: "Pets has no stage qa" }]);
    const otherApi = "3f1c2b7e-8d4a-4c1e-9f2a-1b2c3d4e5f60";
    const noApi = await rejection(createUsagePlan(p(), actors.deployer, { name: "x", apiStages: [{ apiId: otherApi, stage: "prod" }] }), ValidationError);
    expect(noApi.issues).toEqual([{ field: "apiStages.0.apiId", message: "That REST API is not in this workspace" }]);
    const noMethod = await rejection(
      createUsagePlan(p(), actors.deployer, {
        name: "x",
        apiStages: [{ apiId, stage: "prod", throttle: { "/pets/POST": { rateLimit: 1, burstLimit: 1 }, "/owners/GET": { rateLimit: 1, burstLimit: 1 } } }],
      }),
      ValidationError,
    );
    expect(noMethod.issues).toEqual([
      { field: "apiStages.0.throttle./pets/POST", message: "Stage prod has no POST on /pets" },
      { field: "apiStages.0.throttle./owners/GET", message: "Stage prod has no GET on /owners" },
    ]);
    expect(await counts()).toEqual(before);
  });

  it("creates, updates, attaches and detaches, with the history naming each change by names", async () => {
    const plan = await createUsagePlan(p(), actors.deployer, {
      name: "Gold",
      throttle: { rateLimit: 100, burstLimit: 200 },
      quota: { limit: 10000, period: "MONTH", offset: 1 },
      apiStages: [{ apiId, stage: "prod", throttle: { "/pets/GET": { rateLimit: 5, burstLimit: 10 } } }],
    });
    expect(plan.apiStages).toEqual([{ apiId, apiName: "Pets", stage: "prod", throttle: { "/pets/GET": { rateLimit: 5, burstLimit: 10 } } }]);
    const key = (await listApiKeys(p(), actors.viewer)).find((k) => k.name === "partner")!;
    const attached = await attachApiKey(p(), actors.deployer, plan.id, key.id);
    expect(attached.keys.map((k) => k.name)).toEqual(["partner"]);
    await rejection(attachApiKey(p(), actors.deployer, plan.id, key.id), GatehouseError);
    const updated = await updateUsagePlan(p(), actors.admin, plan.id, {
      name: "Gold",
      description: "partners",
      quota: null,
      throttle: { rateLimit: 50, burstLimit: 50 },
    });
    expect([updated.quota, updated.throttle, updated.description]).toEqual([null, { rateLimit: 50, burstLimit: 50 }, "partners"]);
    const withDev = await addApiStage(p(), actors.deployer, plan.id, { apiId, stage: "dev" });
    expect(withDev.apiStages.map((s) => s.stage)).toEqual(["prod", "dev"]);
    const withoutDev = await removeApiStage(p(), actors.deployer, plan.id, { apiId, stage: "dev" });
    expect(withoutDev.apiStages.map((s) => s.stage)).toEqual(["prod"]);
    const entries = await listHistory(p(), { workspaceId, entityType: "usagePlan" });
    expect(entries.map((e) => e.action).reverse()).toEqual([
      "usagePlan.create",
      "usagePlan.attachKey",
      "usagePlan.update",
      "usagePlan.addStage",
      "usagePlan.removeStage",
    ]);
    expect(entries.find((e) => e.action === "usagePlan.attachKey")?.after).toEqual({ usagePlan: "Gold", keyName: "partner" });
    expect((await getUsagePlan(p(), actors.viewer, plan.id)).keys.map((k) => k.name)).toEqual(["partner"]);
  });

  it("refuses to let a key reach one stage through two plans", async () => {
    const key = (await listApiKeys(p(), actors.viewer)).find((k) => k.name === "partner")!;
    const silver = await createUsagePlan(p(), actors.deployer, { name: "Silver", apiStages: [{ apiId, stage: "prod" }] });
    const before = await counts();
    const error = await rejection(attachApiKey(p(), actors.deployer, silver.id, key.id), GatehouseError);
    expect(error.status).toBe(409);
    expect(error.message).toContain("API key partner is already in usage plan Gold, which covers the same API stage");
    // The other way round: a plan with the key gaining a stage another of the key's plans covers.
    const bronze = await createUsagePlan(p(), actors.deployer, { name: "Bronze" });
    await attachApiKey(p(), actors.deployer, bronze.id, key.id);
    await rejection(addApiStage(p(), actors.deployer, bronze.id, { apiId, stage: "prod" }), GatehouseError);
    expect((await counts()).stages).toBe(before.stages);
    await detachApiKey(p(), actors.deployer, bronze.id, key.id);
    await deleteUsagePlan(p(), actors.deployer, bronze.id);
    await deleteUsagePlan(p(), actors.deployer, silver.id);
  });

  it("refuses to delete a plan with keys or a key in plans, naming them, unless asked to detach", async () => {
    const gold = (await listUsagePlans(p(), actors.viewer)).find((x) => x.name === "Gold")!;
    const key = (await listApiKeys(p(), actors.viewer)).find((k) => k.name === "partner")!;
    const before = await counts();
    const planRefusal = await rejection(deleteUsagePlan(p(), actors.deployer, gold.id), GatehouseError);
    expect([planRefusal.status, planRefusal.issues]).toEqual([409, [{ field: "apiKeys", message: "partner" }]]);
    expect(planRefusal.message).toContain("Usage plan Gold has an API key attached: partner");
    const keyRefusal = await rejection(deleteApiKey(p(), actors.deployer, key.id), GatehouseError);
    expect([keyRefusal.status, keyRefusal.issues]).toEqual([409, [{ field: "usagePlans", message: "Gold" }]]);
    expect(await counts()).toEqual(before);

    const gone = await deleteUsagePlan(p(), actors.deployer, gold.id, { detach: true });
    expect(gone.detached).toEqual(["partner"]);
    expect((await listApiKeys(p(), actors.viewer)).find((k) => k.name === "partner")?.usagePlans).toEqual([]);
    expect(await p().usagePlanStage.count()).toBe(before.stages - 1);

    const again = await createUsagePlan(p(), actors.deployer, { name: "Gold 2" });
    await attachApiKey(p(), actors.deployer, again.id, key.id);
    expect((await deleteApiKey(p(), actors.deployer, key.id, { detach: true })).detachedFrom).toEqual(["Gold 2"]);
    expect((await getUsagePlan(p(), actors.viewer, again.id)).keys).toEqual([]);
  });

  it("imports AWS's CSV all or nothing, listing every bad row, and overwrites a key with the same value", async () => {
    const plan = await createUsagePlan(p(), actors.deployer, { name: "Imported", apiStages: [{ apiId, stage: "dev" }] });
    const before = await counts();
    const bad = await rejection(
      importApiKeys(
        p(),
        actors.deployer,
        [
          "Name,Key,Description,Enabled,UsagePlanIds",
          `ok,${IMPORTED},fine,TRUE,${plan.id}`,
          "short,abc,,true,",
          `noplan,${IMPORTED}B,,false,"${plan.id},c7y23b"`,
        ].join("\n"),
      ),
      ValidationError,
    );
    expect(bad.issues).toEqual([
      { field: "line 3.key", message: "An API key must be 20 to 128 characters" },
      { field: "line 4.usageplanIds", message: "No usage plan c7y23b in this workspace" },
    ]);
    const unknownPlan = await rejection(
      importApiKeys(p(), actors.deployer, `name,key,usageplanIds\nok,${IMPORTED},c7y23b\nok2,${IMPORTED}B,${plan.id}`),
      ValidationError,
    );
    expect(unknownPlan.issues).toEqual([{ field: "line 2.usageplanIds", message: "No usage plan c7y23b in this workspace" }]);
    expect(await counts()).toEqual(before);

    const first = await importApiKeys(p(), actors.deployer, `key,name,usageplanIds\n${IMPORTED},Imported one,${plan.id}\n${IMPORTED}B,Imported two,`);
    expect(first).toEqual({ created: 2, overwritten: 0 });
    expect((await getUsagePlan(p(), actors.viewer, plan.id)).keys.map((k) => k.name)).toEqual(["Imported one"]);
    const second = await importApiKeys(p(), actors.admin, `name,key,enabled\nRenamed,${IMPORTED},false`);
    expect(second).toEqual({ created: 0, overwritten: 1 });
    const renamed = (await listApiKeys(p(), actors.viewer)).find((k) => k.name === "Renamed")!;
    expect([renamed.enabled, renamed.usagePlans.map((u) => u.name)]).toEqual([false, ["Imported"]]);
    expect(await revealApiKey(p(), actors.admin, renamed.id)).toBe(IMPORTED);
  });

  it("never writes a key's value to the history or its exports", async () => {
    const seen = await history();
    for (const secret of [GIVEN, IMPORTED, `${IMPORTED}B`, ...generated]) expect(seen).not.toContain(secret);
    // What is not secret stays readable.
    for (const kept of ["partner", "Renamed", "Imported two", "apiKey.reveal", "usagePlan.attachKey"]) expect(seen).toContain(kept);
  });
});
