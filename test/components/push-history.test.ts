/** The AWS tab's push list says what a push still in progress or stopped by its server means. */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PushHistory } from "../../components/aws/push-history";

const row = (over: Record<string, unknown>) => ({
  id: "p1",
  startedAt: new Date("2026-12-07T13:50:02Z"),
  finishedAt: null,
  error: null,
  awsRestApiId: null,
  awsDeploymentId: null,
  plan: { calls: [], deployment: { upToDate: false }, summary: {} },
  calls: [],
  stage: { name: "prod" },
  connection: { name: "main", region: "us-east-1" },
  ...over,
});
const render = (over: Record<string, unknown>) => renderToStaticMarkup(createElement(PushHistory, { pushes: [row(over)] as never }));

describe("push history", () => {
  it("names who is pushing and since when while the push runs", () => {
    const html = render({ status: "running", pushingBy: { actorEmail: "ops@example.com", since: new Date("2026-12-07T13:50:02Z") } });
    expect(html).toContain("Pushing by ops@example.com since 2026-12-07 13:50:02 UTC");
  });

  it("shows a push whose server stopped as interrupted, and that pushing again continues it", () => {
    const html = render({ status: "interrupted", pushingBy: null });
    expect(html).toContain(">interrupted<");
    expect(html).toContain("bg-amber-100");
    expect(html).toContain("Push the stage again: it continues from where this one stopped.");
  });
});
