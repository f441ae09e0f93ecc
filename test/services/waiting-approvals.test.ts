/**
 * Approvals waiting for a person (issue #14 item 7), on both databases: the header's count and the
 * approvals page list only pending requests on the actor's workspace that they may approve: a
 * deployer or admin who did not ask for it. Decided requests and other workspaces never count.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { parseDesign } from "../../lib/model/design";
import { findResourceByPath } from "../../lib/model/tree";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { createStage } from "../../lib/stage/service";
import { addCanary, promoteStage, rollbackStage, updateStageSettings } from "../../lib/stage/changes";
import { approveChangeRequest, pendingRequestsInWorkspace, rejectChangeRequest, waitingApprovalsFor } from "../../lib/stage/approvals";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { actorsOfEveryRole } from "../helpers/actors";

describe.each(DATABASE_KINDS)("approvals waiting for a person on %s", (kind) => {
  let db: TestDatabase;
  const actors = {} as Record<Role, Actor>;
  let secondDeployer: Actor;
  let outsider: Actor;
  const p = () => db.handle.prisma;

  async function addDeployer(workspaceId: string, email: string): Promise<Actor> {
    const user = await p().user.create({ data: { email, name: email, passwordHash: "unused" } });
    await p().membership.create({ data: { workspaceId, userId: user.id, role: "deployer" } });
    return { userId: user.id, email, workspaceId, role: "deployer" };
  }

  /** An API with two deployments (d1, then d2 adding POST /pets), stages dev (d2) and prod (d1), prod protected. */
  async function protectedApi(actor: { editor: Actor; deployer: Actor; admin: Actor }, name: string) {
    const row = await createRestApi(p(), actor.editor, { name });
    let version = row.version;
    let design = parseDesign(row.design);
    const run = async (c: unknown) => ({ version, design } = await editDesign(p(), actor.editor, row.id, version, c));
    await run({ type: "addResourcePath", path: "/pets" });
    const pets = findResourceByPath(design, "/pets")!.id;
    await run({ type: "putMethod", resourceId: pets, method: { httpMethod: "GET" } });
    await run({ type: "putIntegration", resourceId: pets, httpMethod: "GET", integration: { type: "MOCK" } });
    const d1 = (await createDeployment(p(), actor.deployer, row.id, { description: "one" })).id;
    await run({ type: "putMethod", resourceId: pets, method: { httpMethod: "POST" } });
    await run({ type: "putIntegration", resourceId: pets, httpMethod: "POST", integration: { type: "MOCK" } });
    const d2 = (await createDeployment(p(), actor.deployer, row.id, { description: "two" })).id;
    await createStage(p(), actor.deployer, row.id, { name: "dev", deploymentId: d2 });
    const prod = await createStage(p(), actor.deployer, row.id, { name: "prod", deploymentId: d1 });
    await updateStageSettings(p(), actor.admin, row.id, "prod", prod.version, { protected: true, variables: {} });
    return { id: row.id, d1, d2 };
  }

  const ids = async (actor: Actor) => (await waitingApprovalsFor(p(), actor)).map((r) => r.id).sort();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    const everyRole = await actorsOfEveryRole(p());
    Object.assign(actors, everyRole.actors);
    secondDeployer = await addDeployer(everyRole.workspaceId, "second@example.com");
    const other = await p().workspace.create({ data: { name: "Elsewhere", slug: "elsewhere" } });
    outsider = await addDeployer(other.id, "outsider@example.com");
  });
  afterAll(() => db?.drop());

  it("counts a request for every deployer and admin but its requester, never for editors or viewers", async () => {
    const api = await protectedApi(actors, "Waiting");
    const asked = await promoteStage(p(), actors.deployer, api.id, "dev", "prod");
    expect(asked.status).toBe("requested");

    const [forAdmin] = await waitingApprovalsFor(p(), actors.admin);
    expect(forAdmin).toMatchObject({
      id: asked.requestId,
      restApiId: api.id,
      apiName: "Waiting",
      stageName: "prod",
      summary: `Promote stage dev to prod: deployment ${api.d2.slice(0, 8)}`,
      requestedByEmail: "deployer@example.com",
      stageDeploymentId: api.d1,
      requestedDeploymentId: api.d2,
      mine: false,
    });
    expect(forAdmin.createdAt).toBeInstanceOf(Date);
    expect(await ids(secondDeployer)).toEqual([asked.requestId]);
    for (const actor of [actors.deployer, actors.editor, actors.viewer, outsider]) expect(await ids(actor)).toEqual([]);

    // The workspace list still shows it to its requester, marked as theirs; to the other workspace, nothing.
    expect((await pendingRequestsInWorkspace(p(), actors.deployer)).map((r) => [r.id, r.mine])).toEqual([[asked.requestId, true]]);
    expect(await pendingRequestsInWorkspace(p(), outsider)).toEqual([]);

    // Decided: waiting for no one.
    await approveChangeRequest(p(), secondDeployer, api.id, asked.requestId!);
    for (const actor of [actors.admin, secondDeployer, actors.deployer]) expect(await ids(actor)).toEqual([]);
  });

  it("knows the requester by email too, whatever its case (an account re-created under the same address)", async () => {
    const api = await protectedApi(actors, "Same person");
    const asked = await rollbackStage(p(), actors.admin, api.id, "prod", api.d2);
    const sameAddress: Actor = { ...actors.admin, userId: null, email: actors.admin.email.toUpperCase() };
    expect(await ids(sameAddress)).toEqual([]);
    expect(await ids(secondDeployer)).toEqual([asked.requestId]);
    await rejectChangeRequest(p(), actors.admin, api.id, asked.requestId!);
    expect(await ids(secondDeployer)).toEqual([]);
  });

  it("lists each person's share across APIs, and names a canary's deployment as what the request would run", async () => {
    const a = await protectedApi(actors, "First");
    const b = await protectedApi(actors, "Second");
    const byDeployer = await promoteStage(p(), actors.deployer, a.id, "dev", "prod");
    const canary = await addCanary(p(), secondDeployer, b.id, "prod", { deploymentId: b.d2, percentTraffic: 10 });
    expect(canary.status).toBe("requested");

    expect(await ids(actors.deployer)).toEqual([canary.requestId]);
    expect(await ids(secondDeployer)).toEqual([byDeployer.requestId]);
    expect(await ids(actors.admin)).toEqual([byDeployer.requestId, canary.requestId].sort());
    const forDeployer = await waitingApprovalsFor(p(), actors.deployer);
    expect(forDeployer[0]).toMatchObject({ apiName: "Second", stageDeploymentId: b.d1, requestedDeploymentId: b.d2 });

    // A rejected or cancelled request leaves every list.
    await rejectChangeRequest(p(), actors.admin, b.id, canary.requestId!, "not this week");
    await rejectChangeRequest(p(), actors.deployer, a.id, byDeployer.requestId!);
    expect(await ids(actors.admin)).toEqual([]);
    expect(await pendingRequestsInWorkspace(p(), actors.admin)).toEqual([]);
  });
});
