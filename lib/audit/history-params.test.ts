/** History pages read their filters from the URL: values a filter cannot hold are dropped (the page still answers), never a 500. */
import { describe, expect, it } from "vitest";
import { historyFilterFromParams, historyFilterSchema } from "./history";

describe("historyFilterFromParams", () => {
  it("keeps valid filters", () => {
    expect(historyFilterFromParams({ actor: "admin", limit: "50", from: "2026-01-01", entityType: ["api", "stage"] })).toEqual({
      actor: "admin",
      limit: "50",
      from: "2026-01-01",
      entityType: "api",
    });
  });

  it("drops values the filter cannot hold: NUL bytes, bad numbers and dates, over-long text", () => {
    const filters = historyFilterFromParams({ entityType: "\u0000", limit: "%ZZ", from: "not-a-date", to: "\uFFFD", actor: "x".repeat(400), action: "ok" });
    expect(filters).toEqual({ action: "ok" });
    expect(() => historyFilterSchema.parse(filters)).not.toThrow();
  });
});
