import { describe, expect, it } from "vitest";
import { newestSeen, parseSeen, unreadCount } from "./unread";

const items = [{ at: "2026-12-07T10:00:00.000Z" }, { at: "2026-12-07T09:00:00.000Z" }, { at: "2026-12-06T23:59:59.999Z" }];

describe("notifications read state", () => {
  it("counts everything as unread until something was seen, then only what came after", () => {
    expect(unreadCount(items, null)).toBe(3);
    expect(unreadCount(items, "2026-12-07T09:00:00.000Z")).toBe(1);
    expect(unreadCount(items, "2026-12-07T10:00:00.000Z")).toBe(0);
    expect(unreadCount([], null)).toBe(0);
  });

  it("remembers the newest item once opened, never going back in time", () => {
    expect(newestSeen(items, null)).toBe("2026-12-07T10:00:00.000Z");
    expect(newestSeen(items, "2026-12-08T00:00:00.000Z")).toBe("2026-12-08T00:00:00.000Z");
    expect(newestSeen([], null)).toBeNull();
    expect(unreadCount(items, newestSeen(items, null))).toBe(0);
  });

  it("ignores a stored value it did not write", () => {
    expect(parseSeen("2026-12-07T10:00:00.000Z")).toBe("2026-12-07T10:00:00.000Z");
    for (const bad of [null, "", "yesterday", "2026-13-45T99:00:00.000Z", "9999"]) expect(parseSeen(bad)).toBeNull();
  });
});
