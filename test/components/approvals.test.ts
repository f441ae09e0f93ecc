/**
 * Approvals people don't miss (issue #14 item 7): the header's count, the approvals page's table,
 * and each request's link to the diff of what it would change (on the stage page and in the list),
 * in the diff page's own query format.
 */
import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { ApprovalsNavLink } from "../../components/approvals/approvals-nav-link";
import { WaitingRequestsTable, type WaitingRequestView } from "../../components/approvals/waiting-requests";
import { changeRequestDiffHref } from "../../components/stages/change-request-diff";
import { ChangeRequests } from "../../components/stages/stage-panels";
import { diffRefText, parseDiffRef } from "../../lib/stage/insights";

// ChangeRequests is a client component calling server actions through the one action hook:
// rendering it needs neither, only what the hook reads while rendering.
vi.mock("@/app/(console)/apis/[apiId]/stages/actions", () => ({}));
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh() {} }) }));
vi.mock("@tanstack/react-query", () => ({ useQueryClient: () => ({}) }));

const API = "7f3c2a10-0000-4000-8000-000000000001";
const NOW = "5d1e8b20-0000-4000-8000-000000000002";
const NEXT = "9a4b6c30-0000-4000-8000-000000000003";

/** What the diff page would compare for a link: its `a` and `b` as app/(console)/apis/[apiId]/stages/diff reads them. */
function diffPair(href: string) {
  const url = new URL(href, "http://console");
  expect(url.pathname).toBe(`/apis/${API}/stages/diff`);
  return [diffRefText(parseDiffRef(url.searchParams.get("a") ?? undefined, "a")), diffRefText(parseDiffRef(url.searchParams.get("b") ?? undefined, "b"))];
}

const request = (over: Partial<WaitingRequestView> = {}): WaitingRequestView => ({
  id: "r1",
  restApiId: API,
  apiName: "Pet Store",
  stageName: "prod",
  summary: "Promote stage dev to prod: deployment 9a4b6c30",
  requestedByEmail: "deployer@example.com",
  createdAt: "2026-12-07T09:15:00.000Z",
  stageDeploymentId: NOW,
  requestedDeploymentId: NEXT,
  ...over,
});

describe("a request's diff link", () => {
  it("compares the stage as it runs now with the deployment the request would make it run", () => {
    expect(diffPair(changeRequestDiffHref(API, "prod", NEXT))).toEqual(["stage:prod", `deployment:${NEXT}`]);
  });

  it("keeps a stage name with URL-special characters whole", () => {
    expect(diffPair(changeRequestDiffHref(API, "a&b=c", NEXT))).toEqual(["stage:a&b=c", `deployment:${NEXT}`]);
  });

  it("is on each request on the stage page, with who asked and when", () => {
    const html = renderToStaticMarkup(
      h(ChangeRequests, {
        apiId: API,
        canDecide: true,
        requests: [
          {
            id: "r1",
            stageName: "prod",
            summary: "Roll stage prod back",
            requestedByEmail: "a@example.com",
            createdAt: "2026-12-07T09:15:00.000Z",
            mine: false,
            requestedDeploymentId: NEXT,
          },
        ],
      }),
    );
    expect(html).toContain("Requested by a@example.com · 2026-12-07 09:15 UTC");
    const href = /<a [^>]*data-testid="change-request-diff"[^>]*href="([^"]+)"[^>]*>What it would change</.exec(html)?.[1];
    expect(href).toBeDefined();
    expect(diffPair(href!.replaceAll("&amp;", "&"))).toEqual(["stage:prod", `deployment:${NEXT}`]);
    expect(html).toContain(">Approve</button>");
  });
});

describe("the approvals page's table", () => {
  it("shows the API, stage, what it would change with its diff, who asked, when, and where to approve", () => {
    const html = renderToStaticMarkup(h(WaitingRequestsTable, { requests: [request()], empty: "Nothing", testId: "approvals-for-you" }));
    expect(html).toContain(`href="/apis/${API}/stages">Pet Store</a>`);
    expect(html).toContain(">prod</td>");
    expect(html).toContain("Promote stage dev to prod: deployment 9a4b6c30");
    expect(html).toContain("Compare 5d1e8b20 (runs now) with 9a4b6c30");
    expect(html).toContain(`href="${changeRequestDiffHref(API, "prod", NEXT).replaceAll("&", "&amp;")}"`);
    expect(html).toContain("deployer@example.com");
    expect(html).toContain("2026-12-07 09:15 UTC");
    expect(html).toContain(`href="/apis/${API}/stages/prod">Approve or reject on the stage</a>`);
  });

  it("says why a request is not this person's to approve", () => {
    const html = renderToStaticMarkup(
      h(WaitingRequestsTable, { requests: [request({ notYours: "You asked for it" })], empty: "Nothing", testId: "approvals-others" }),
    );
    expect(html).toContain(">Open the stage</a>");
    expect(html).toContain("You asked for it");
    expect(html).not.toContain("Approve or reject");
  });

  it("says when nothing waits", () => {
    const html = renderToStaticMarkup(h(WaitingRequestsTable, { requests: [], empty: "Nothing waits for your approval.", testId: "approvals-for-you" }));
    expect(html).toBe('<p class="text-sm text-slate-500" data-testid="approvals-for-you">Nothing waits for your approval.</p>');
  });
});

describe("the header's approvals link", () => {
  it("carries the number waiting for this person, read out as such", () => {
    const html = renderToStaticMarkup(h(ApprovalsNavLink, { waiting: 2 }));
    expect(html).toContain('href="/approvals"');
    expect(html).toContain('data-testid="approvals-waiting">2<span class="sr-only"> waiting for you</span></span>');
  });

  it("shows no badge when nothing waits", () => {
    const html = renderToStaticMarkup(h(ApprovalsNavLink, { waiting: 0 }));
    expect(html).toContain(">Approvals</a>");
    expect(html).not.toContain("approvals-waiting");
  });
});
