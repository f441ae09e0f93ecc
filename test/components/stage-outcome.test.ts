/** What a stage action did, as the stage page says it: the hook's failure, or the outcome and AWS's part. */
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StageOutcomeNote } from "../../components/stages/stage-outcome";

const render = (props: Parameters<typeof StageOutcomeNote>[0]) => renderToStaticMarkup(h(StageOutcomeNote, props));

describe("stage outcome", () => {
  it("says an action waits for approval, and what AWS did", () => {
    const html = render({ outcome: { status: "requested", summary: "Promote stage dev to prod", awsMessage: "Not on AWS yet" }, failure: null });
    expect(html).toContain('role="status"');
    expect(html).toContain("Waiting for approval: Promote stage dev to prod");
    expect(html).toContain('data-testid="aws-outcome">Not on AWS yet<');
  });

  it("shows the failure instead of an earlier outcome, pointing at the fields when it names them", () => {
    const html = render({
      outcome: { status: "applied", summary: "old" },
      failure: { ok: false, status: 400, error: "Some fields are not valid", fieldErrors: { "canarySettings.percentTraffic": "x" } },
      fieldShown: (field: string) => field.startsWith("canarySettings."),
    });
    expect(html).toContain('data-testid="stage-error"');
    expect(html).toContain("Some fields are not valid: see the messages next to them.");
    expect(html).not.toContain("Done: old");
  });

  it("spells out a message for a field the panel does not show (a promotion refused for its deployment)", () => {
    const html = render({
      outcome: null,
      failure: { ok: false, status: 400, error: "Some fields are not valid", fieldErrors: { deploymentId: "The stage already runs that deployment" } },
    });
    expect(html).toContain("The stage already runs that deployment");
    expect(html).not.toContain("see the messages next to them");
  });

  it("offers a reload when someone else saved first", () => {
    const html = render({ outcome: null, failure: { ok: false, status: 409, error: "The stage changed since you opened it" }, onReload: () => {} });
    expect(html).toContain("The stage changed since you opened it");
    expect(html).toContain(">Reload</button>");
  });

  it("says nothing before any action", () => {
    expect(render({ outcome: undefined, failure: null })).toBe("");
  });
});
