/**
 * Integration-response selection patterns are Java regexes matched against what a backend sent
 * (a status, or a Lambda function's error message an attacker may shape): Java syntax, and
 * linear time whatever the pattern (issue #16, item 1).
 */
import { describe, expect, it } from "vitest";
import { patternMatches, selectIntegrationResponse } from "./integration-response";

describe("selection patterns", () => {
  it("read Java syntax: inline flags and POSIX classes", () => {
    expect(patternMatches("(?i).*not found.*", "Pet NOT FOUND")).toBe(true);
    expect(patternMatches("\\p{Digit}{3}", "404")).toBe(true);
    expect(patternMatches("\\p{Digit}{3}", "40x")).toBe(false);
    expect(patternMatches("(?s).*timed out.*", "Task\ntimed out after 3 s")).toBe(true);
  });

  it("a catastrophic pattern against an attacker's error message answers at once", () => {
    const message = "a".repeat(28) + "!";
    const start = performance.now();
    const chosen = selectIntegrationResponse(
      {
        "400": { statusCode: "400", selectionPattern: "(a+)+b", responseTemplates: {}, responseParameters: {} },
        "200": { statusCode: "200", responseTemplates: {}, responseParameters: {} },
      },
      message,
    );
    // The bound: nothing a client sends may hold the event loop for a second.
    expect(performance.now() - start).toBeLessThan(1000);
    expect(chosen?.statusCode).toBe("200");
  });

  it("a pattern needing backtracking (backreference, lookahead) matches nothing", () => {
    expect(patternMatches("(4)\\1\\d", "443")).toBe(false);
    expect(patternMatches("(?=4)\\d+", "404")).toBe(false);
  });
});
