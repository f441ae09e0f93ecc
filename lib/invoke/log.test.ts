import { describe, expect, it } from "vitest";
import { ExecutionLog, javaDate, javaMap, logBody, logHeaders, MAX_LOGGED_HEADERS, MAX_LOGGED_VALUE, truncate } from "./log";

describe("execution log format", () => {
  it("prints timestamps as Java Date.toString() in UTC", () => {
    expect(javaDate(new Date(Date.UTC(2017, 7, 31, 1, 7, 25)))).toBe("Thu Aug 31 01:07:25 UTC 2017");
    // Day of month and time are zero-padded; January and Sunday are the first names.
    expect(javaDate(new Date(Date.UTC(2023, 0, 1, 9, 5, 3)))).toBe("Sun Jan 01 09:05:03 UTC 2023");
  });

  it("prints maps as Java Map.toString()", () => {
    expect(javaMap({ city: "Seattle" })).toBe("{city=Seattle}");
    expect(javaMap({ a: "1", b: "x y" })).toBe("{a=1, b=x y}");
    expect(javaMap({})).toBe("{}");
  });

  it("prints an empty body as (null)", () => {
    expect(logBody("")).toBe("(null)");
    expect(logBody('{"a":1}')).toBe('{"a":1}');
  });

  it("cuts long values with [TRUNCATED]", () => {
    const long = "x".repeat(MAX_LOGGED_VALUE + 5);
    expect(logBody(long)).toBe("x".repeat(MAX_LOGGED_VALUE) + " [TRUNCATED]");
    expect(truncate("short")).toBe("short");
    const headers = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`h${i}`, "v".repeat(20)]));
    const logged = logHeaders(headers);
    expect(logged.endsWith(" [TRUNCATED]")).toBe(true);
    expect(logged.length).toBe(MAX_LOGGED_HEADERS + " [TRUNCATED]".length);
  });

  it("masks Authorization but keeps its last characters", () => {
    expect(logHeaders({ Authorization: "Bearer abcdef338c72", day: "Wednesday" })).toBe("{Authorization=****338c72, day=Wednesday}");
  });

  it("writes the header line and one timestamped line per message", () => {
    let t = Date.UTC(2017, 7, 31, 1, 7, 25);
    const log = new ExecutionLog("req-9", () => new Date((t += 1000)));
    log.add("Starting execution for request: req-9");
    log.add("Method completed with status: 200");
    expect(log.toString()).toBe(
      "Execution log for request req-9\n" +
        "Thu Aug 31 01:07:26 UTC 2017 : Starting execution for request: req-9\n" +
        "Thu Aug 31 01:07:27 UTC 2017 : Method completed with status: 200\n",
    );
    expect(log.messages()).toEqual(["Starting execution for request: req-9", "Method completed with status: 200"]);
  });
});
