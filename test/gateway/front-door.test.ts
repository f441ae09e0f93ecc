/**
 * What the server answers before Next for requests Next cannot take (issue #16 item 11): TRACE
 * (fetch's Request refuses the method; Next answered 500) and paths Next cannot percent-decode
 * (500 on /gw and on signed-in console pages). e2e/body-limits.spec.ts checks the real server.
 */
import { describe, expect, it } from "vitest";
import { frontDoorAnswer } from "../../scripts/front-door.mjs";

describe("front door", () => {
  it("answers TRACE (and any verb a REST API method cannot have) on the local gateway as API Gateway answers a verb no method defines: 403 Missing Authentication Token", () => {
    for (const [method, url] of [
      ["TRACE", "/gw/abc/prod/pets"],
      ["TRACE", "/gw/abc/prod"],
      ["trace", "/gw"],
      ["PROPFIND", "/gw/abc/prod/pets"],
      ["PURGE", "/gw/abc/prod/pets"],
    ]) {
      const answer = frontDoorAnswer(method, url);
      expect([answer?.status, answer?.body], url).toEqual([403, '{"message":"Missing Authentication Token"}']);
      expect(answer?.headers["x-amzn-ErrorType"]).toBe("MissingAuthenticationTokenException");
      expect(answer?.headers["x-amzn-RequestId"]).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("answers TRACE, TRACK and CONNECT on console paths with 405 and the methods it takes", () => {
    for (const method of ["TRACE", "trace", "TRACK", "CONNECT"]) {
      const answer = frontDoorAnswer(method, "/apis/x");
      expect(answer?.status, method).toBe(405);
      expect(answer?.headers.Allow).toContain("GET");
      expect(JSON.parse(answer!.body)).toMatchObject({ code: "MethodNotAllowed" });
    }
  });

  it("answers 400 Bad Request, in API Gateway's shape, to a /gw path with malformed percent-encoding", () => {
    for (const url of ["/gw/abc/prod/pets/%zz", "/gw/abc/prod/x%", "/gw/abc/prod/%C3%28", "/gw/%zz/prod/pets"]) {
      const answer = frontDoorAnswer("GET", url);
      expect([answer?.status, answer?.body], url).toEqual([400, '{"message":"Bad Request"}']);
      expect(answer?.headers["x-amzn-ErrorType"]).toBe("BadRequestException");
    }
  });

  it("answers 400 to a console path Next cannot decode", () => {
    expect(frontDoorAnswer("GET", "/apis/%zz")?.status).toBe(400);
  });

  it("hands everything else to Next: well-formed escapes, malformed query strings (parsed leniently), ordinary methods", () => {
    for (const [method, url] of [
      ["GET", "/gw/abc/prod/pets/%20a%2Fb"],
      ["GET", "/gw/abc/prod/pets?q=%zz&r=%"],
      ["POST", "/gw/abc/prod/pets"],
      ["OPTIONS", "/gw/abc/prod/pets"],
      ["GET", "/apis/x?next=%zz"],
      ["DELETE", "/apis/x"],
    ]) {
      expect(frontDoorAnswer(method, url), `${method} ${url}`).toBeNull();
    }
  });
});
