/** The AWS tab's plan says in one line what a push will do, then lists every call with its patch operations. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PlanView } from "../../components/aws/plan-view";

const preview = (deployment: Record<string, unknown>) =>
  ({
    diff: { entries: [] },
    plan: {
      apiName: "Shop",
      stageName: "prod",
      summary: { creates: 0, updates: 1, deletes: 0 },
      strategy: null,
      notes: [],
      calls: [
        {
          operation: "UpdateMethod",
          target: "GET /items",
          params: { patchOperations: [{ op: "replace", path: "/apiKeyRequired", value: "true" }] },
        },
      ],
      deployment: {
        upToDate: false,
        reuse: false,
        stageExists: true,
        stagePatchOperations: [{ op: "replace", path: "/deploymentId", value: "d1" }],
        ...deployment,
      },
    },
  }) as never;

const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&gt;/g, ">");

describe("plan view", () => {
  it("counts the entity calls and the deployment, and lists each call with its patch operations", () => {
    const html = text(renderToStaticMarkup(createElement(PlanView, { preview: preview({}) })));
    expect(html).toContain("1 entity call (0 create, 1 update, 0 delete), then CreateDeployment and the stage update · 3 calls in all");
    expect(html).toContain("UpdateMethod GET /items");
    expect(html).toContain("replace /apiKeyRequired = true");
    expect(html).toContain("CreateDeployment API Shop");
    expect(html).toContain("UpdateStage stage prod");
  });

  it("says when the stage already runs the design, or only needs pointing at the deployment already made", () => {
    expect(text(renderToStaticMarkup(createElement(PlanView, { preview: preview({ upToDate: true }) })))).toContain(
      ", no deployment: the stage already runs this design",
    );
    const reuse = text(renderToStaticMarkup(createElement(PlanView, { preview: preview({ reuse: true }) })));
    expect(reuse).toContain(", then point the stage at the deployment already made · 2 calls in all");
    expect(reuse).not.toContain("CreateDeployment");
  });
});
