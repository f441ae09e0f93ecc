import { describe, expect, it } from "vitest";
import { planDeployment } from "./stage";

const input = { stageName: "dev", deploymentDescription: "Gatehouse 1234abcd" };

describe("planDeployment", () => {
  it("creates the stage with the wanted variables when it does not exist", () => {
    const notes: string[] = [];
    expect(planDeployment({ ...input, stageVariables: { backend: "b" } }, null, false, 3, notes)).toEqual({
      description: "Gatehouse 1234abcd",
      stageExists: false,
      variables: { backend: "b" },
      stagePatchOperations: [],
      upToDate: undefined,
      reuse: undefined,
    });
    expect(notes).toEqual([]);
  });

  it("sets new and changed variables with replace and removes dropped ones on an existing stage", () => {
    const plan = planDeployment({ ...input, stageVariables: { a: "1", b: "new" } }, { deploymentId: "d1", variables: { b: "old", c: "x" } }, true, 1, []);
    expect(plan.stageExists).toBe(true);
    expect(plan.stagePatchOperations).toEqual([
      { op: "replace", path: "/variables/a", value: "1" },
      { op: "replace", path: "/variables/b", value: "new" },
      { op: "remove", path: "/variables/c" },
    ]);
  });

  it("leaves the variables alone when none are given", () => {
    expect(planDeployment(input, { deploymentId: "d1", variables: { c: "x" } }, true, 0, []).stagePatchOperations).toEqual([]);
  });

  it("is up to date when nothing changes and the stage runs the deployment known to hold this design", () => {
    const notes: string[] = [];
    const plan = planDeployment({ ...input, deployedDeploymentId: "d1", reuseDeploymentId: "d2" }, { deploymentId: "d1" }, true, 0, notes);
    expect(plan.upToDate).toEqual({ deploymentId: "d1" });
    expect(plan.reuse).toBeUndefined();
    expect(notes).toEqual(["Stage dev already runs deployment d1 of this design: nothing to send."]);
  });

  it("is not up to date when there are entity calls, another deployment runs, or variables change", () => {
    const known = { ...input, deployedDeploymentId: "d1" };
    expect(planDeployment(known, { deploymentId: "d1" }, true, 1, []).upToDate).toBeUndefined();
    expect(planDeployment(known, { deploymentId: "d9" }, true, 0, []).upToDate).toBeUndefined();
    expect(planDeployment({ ...known, stageVariables: { a: "1" } }, { deploymentId: "d1" }, true, 0, []).upToDate).toBeUndefined();
  });

  it("uses again the deployment a stopped push made, only when there is nothing else to send on a live API", () => {
    const notes: string[] = [];
    const again = { ...input, reuseDeploymentId: "d2" };
    expect(planDeployment(again, { deploymentId: "d1" }, true, 0, notes).reuse).toEqual({ deploymentId: "d2" });
    expect(notes).toEqual(["Deployment d2, made by the push that stopped before pointing the stage at it, is used again."]);
    expect(planDeployment(again, null, true, 2, []).reuse).toBeUndefined();
    expect(planDeployment(again, null, false, 0, []).reuse).toBeUndefined();
  });
});
