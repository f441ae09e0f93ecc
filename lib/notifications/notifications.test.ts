/**
 * The notifications list on both databases: approvals waiting for this person, push outcomes in
 * their workspace only (never another workspace's), drift findings recorded once per finding,
 * newest first, bounded by age and count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../audit/mutate";
import type { Role } from "../auth/roles";
import { createConnection } from "../connection/service";
import { seedDemo } from "../db/seed";
import { createDeployment } from "../deployment/service";
import { parseDesign } from "../model/design";
import { findResourceByPath } from "../model/tree";
import { createRestApi, editDesign } from "../restapi/service";
import { updateStageSettings, promoteStage } from "../stage/changes";
import { createStage } from "../stage/service";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../test/helpers/databases";
import { actorsOfEveryRole } from "../../test/helpers/actors";
import { DRIFT_DETECTED_ACTION, driftSummary, recordDriftFinding, type DriftFinding } from "./drift-finding";
import { notificationsFor } from "./notifications";

describe.each(DATABASE_KINDS)("notifications on %s", (kind) => {
  let db: TestDatabase;
  const actors = {} as Record<Role, Actor>;
  let outsider: Actor;
  const p = () => db.handle.prisma;

  /** An API with a GET /pets deployment d1 and a POST /pets one d2; stages dev (d2) and prod (d1, protected). */
  async function apiWithStages(owner: Record<"editor" | "deployer" | "admin", Actor>, name: string) {
    const row = await createRestApi(p(), owner.editor, { name });
    let version = row.version;
    let design = parseDesign(row.design);
    const run = async (c: unknown) => ({ version, design } = await editDesign(p(), owner.editor, row.id, version, c));
    await run({ type: "addResourcePath", path: "/pets" });
    const pets = findResourceByPath(design, "/pets")!.id;
    await run({ type: "putMethod", resourceId: pets, method: { httpMethod: "GET" } });
    await run({ type: "putIntegration", resourceId: pets, httpMethod: "GET", integration: { type: "MOCK" } });
    const d1 = (await createDeployment(p(), owner.deployer, row.id, { description: "one" })).id;
    await run({ type: "putMethod", resourceId: pets, method: { httpMethod: "POST" } });
    await run({ type: "putIntegration", resourceId: pets, httpMethod: "POST", integration: { type: "MOCK" } });
    const d2 = (await createDeployment(p(), owner.deployer, row.id, { description: "two" })).id;
    const dev = await createStage(p(), owner.deployer, row.id, { name: "dev", deploymentId: d2 });
    const prod = await createStage(p(), owner.deployer, row.id, { name: "prod", deploymentId: d1 });
    await updateStageSettings(p(), owner.admin, row.id, "prod", prod.version, { protected: true, variables: {} });
    return { id: row.id, devId: dev.id };
  }

  /** A finished push row, as lib/stage/push-service.ts leaves one (tests need no AWS for the list). */
  async function pushRow(
    api: { id: string; devId: string },
    connectionId: string,
    actor: Actor,
    status: "succeeded" | "failed" | "running",
    finishedAt: Date | null,
  ) {
    return p().push.create({
      data: {
        restApiId: api.id,
        stageId: api.devId,
        connectionId,
        status,
        plan: {},
        actorId: actor.userId,
        finishedAt,
        error: status === "failed" ? "AccessDenied" : null,
      },
    });
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    const everyRole = await actorsOfEveryRole(p());
    Object.assign(actors, everyRole.actors);
    const other = await p().workspace.create({ data: { name: "Elsewhere", slug: "elsewhere" } });
    const user = await p().user.create({ data: { email: "outsider@example.com", name: "Outsider", passwordHash: "unused" } });
    await p().membership.create({ data: { workspaceId: other.id, userId: user.id, role: "admin" } });
    outsider = { userId: user.id, email: user.email, workspaceId: other.id, role: "admin" };
  });
  afterAll(() => db?.drop());

  it("lists push outcomes of the workspace newest first, with who, which API and stage; never running ones or another workspace's", async () => {
    const ours = await apiWithStages(actors, "Orders");
    const theirs = await apiWithStages({ editor: outsider, deployer: outsider, admin: outsider }, "Secret elsewhere");
    const conn = (await createConnection(p(), actors.admin, { name: "ours", region: "us-east-1", endpointUrl: "http://127.0.0.1:9" })).id;
    const otherConn = (await createConnection(p(), outsider, { name: "theirs", region: "us-east-1", endpointUrl: "http://127.0.0.1:9" })).id;
    const now = new Date();
    const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    const failed = await pushRow(ours, conn, actors.deployer, "failed", ago(5));
    const succeeded = await pushRow(ours, conn, actors.admin, "succeeded", ago(30));
    await pushRow(ours, conn, actors.admin, "running", null);
    await pushRow(ours, conn, actors.admin, "succeeded", ago(8 * 24 * 60)); // older than a week
    const elsewhere = await pushRow(theirs, otherConn, outsider, "succeeded", ago(1));

    const list = (await notificationsFor(p(), actors.viewer, { now })).filter((n) => n.kind === "push");
    expect(list).toEqual([
      {
        kind: "push",
        id: `push:${failed.id}`,
        at: ago(5).toISOString(),
        restApiId: ours.id,
        apiName: "Orders",
        stageName: "dev",
        outcome: "failed",
        by: "deployer@example.com",
        error: "AccessDenied",
      },
      {
        kind: "push",
        id: `push:${succeeded.id}`,
        at: ago(30).toISOString(),
        restApiId: ours.id,
        apiName: "Orders",
        stageName: "dev",
        outcome: "succeeded",
        by: actors.admin.email,
        error: null,
      },
    ]);
    const theirList = await notificationsFor(p(), outsider, { now });
    expect(theirList.map((n) => n.id)).toEqual([`push:${elsewhere.id}`]);
    // A longer window brings the old one back: the age bound is what left it out.
    expect((await notificationsFor(p(), actors.viewer, { now, days: 9 })).filter((n) => n.kind === "push")).toHaveLength(3);
  });

  it("shows a change request to those who may decide it, not to its requester or a viewer", async () => {
    const api = await apiWithStages(actors, "Approvals");
    const asked = await promoteStage(p(), actors.deployer, api.id, "dev", "prod");
    const forAdmin = (await notificationsFor(p(), actors.admin)).filter((n) => n.kind === "approval");
    expect(forAdmin).toEqual([
      expect.objectContaining({
        kind: "approval",
        id: `approval:${asked.requestId}`,
        restApiId: api.id,
        apiName: "Approvals",
        stageName: "prod",
        by: "deployer@example.com",
      }),
    ]);
    for (const actor of [actors.deployer, actors.viewer, outsider])
      expect((await notificationsFor(p(), actor)).filter((n) => n.kind === "approval")).toEqual([]);
  });

  it("records a drift finding once per finding, in the workspace's history, and lists it", async () => {
    const api = await apiWithStages(actors, "Drifting");
    const finding: DriftFinding = {
      restApiId: api.id,
      apiChanges: [{ entity: "method", key: "GET /pets" }],
      stages: [{ stageName: "prod", status: "drifted", paths: ["variables.backend", "tracingEnabled"] }],
      liveHash: "abc",
    };
    expect(await recordDriftFinding(p(), actors.editor, finding)).toBe(true);
    expect(await recordDriftFinding(p(), actors.editor, finding)).toBe(false);
    expect(await recordDriftFinding(p(), actors.editor, { ...finding, stages: [], apiChanges: [] })).toBe(false);
    const rows = await p().auditEvent.findMany({ where: { restApiId: api.id, action: DRIFT_DETECTED_ACTION } });
    expect(rows.map((r) => [r.actorEmail, r.summary])).toEqual([["editor@example.com", driftSummary(finding)]]);
    expect(driftSummary(finding)).toBe("Drift found on AWS: 1 change to the API (method GET /pets); stage prod: 2 settings changed");

    const [drift] = (await notificationsFor(p(), actors.viewer)).filter((n) => n.kind === "drift");
    expect(drift).toMatchObject({ kind: "drift", restApiId: api.id, apiName: "Drifting", summary: driftSummary(finding), by: "editor@example.com" });
    expect((await notificationsFor(p(), outsider)).filter((n) => n.kind === "drift")).toEqual([]);

    // Something else drifted: news again.
    expect(await recordDriftFinding(p(), actors.editor, { ...finding, liveHash: "def", apiGone: true })).toBe(true);
    const drifts = (await notificationsFor(p(), actors.viewer)).filter((n) => n.kind === "drift" && n.restApiId === api.id);
    expect(drifts.map((n) => n.kind === "drift" && n.summary.startsWith("Drift found on AWS: the REST API is gone from AWS"))).toEqual([true, false]);
  });

  it("merges the sources newest first and keeps to the limit; refuses a nonsense window", async () => {
    const all = await notificationsFor(p(), actors.admin);
    expect(all.length).toBeGreaterThan(3);
    expect(all.map((n) => n.at)).toEqual([...all.map((n) => n.at)].sort().reverse());
    expect(new Set(all.map((n) => n.kind))).toEqual(new Set(["approval", "push", "drift"]));
    expect(await notificationsFor(p(), actors.admin, { limit: 2 })).toEqual(all.slice(0, 2));
    await expect(notificationsFor(p(), actors.admin, { days: 0 })).rejects.toThrow(RangeError);
    await expect(notificationsFor(p(), actors.admin, { limit: 1.5 })).rejects.toThrow(RangeError);
  });
});
