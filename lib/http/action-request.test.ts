/** Server-action bodies Next cannot decode are found before Next (400), and what React's encodeReply writes passes. */
import { describe, expect, it } from "vitest";
import { actionRequestProblem, isActionRequest, isCrossOriginAction } from "./action-request";

const fetchAction = (contentType = "text/plain;charset=UTF-8") => new Headers({ "next-action": "7f00", "content-type": contentType });
const bytes = (text: string) => new TextEncoder().encode(text).buffer as ArrayBuffer;
const multipart = (parts: Record<string, string>, boundary = "b") =>
  bytes(
    Object.entries(parts)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join("") + `--${boundary}--\r\n`,
  );

describe("actionRequestProblem", () => {
  it.each([['["pets",1,{"a":[true,null]}]'], ['["$$K1 is text","$undefined","$NaN","$-0","$D2020-01-01T00:00:00.000Z","$n123","$T","$K1"]'], ["[]"]])(
    "passes what encodeReply writes: %s",
    async (text) => {
      expect(await actionRequestProblem(fetchAction(), bytes(text))).toBeUndefined();
    },
  );

  it("passes a form's multipart body, references resolved", async () => {
    const body = multipart({ "0": '["$K1","$2"]', "1_email": "a@example.com", "2": '{"x":"$@3"}', "3": '"done"' });
    expect(await actionRequestProblem(fetchAction("multipart/form-data; boundary=b"), body)).toBeUndefined();
  });

  it.each([
    ['[{"', /not valid JSON/],
    ['["$@1"]', /leads nowhere/],
    ['["$Q0x"]', /leads nowhere/],
    ['["$F0"]', /leads nowhere/],
    ['["$B0"]', /leads nowhere|wrong kind/],
    ['["$nabc"]', /leads nowhere/],
    [`[${"[".repeat(20_000)}${"]".repeat(20_000)}]`, /nested/],
  ])("refuses %s", async (text, reason) => {
    expect(await actionRequestProblem(fetchAction(), bytes(text.slice(0, 100_000)))).toMatch(reason);
  });

  it("refuses bytes that are not UTF-8, and multipart bodies that do not parse", async () => {
    expect(await actionRequestProblem(fetchAction(), new Uint8Array([0x5b, 0x22, 0xc3, 0x28, 0x22, 0x5d]).buffer)).toMatch(/UTF-8/);
    expect(await actionRequestProblem(fetchAction("multipart/form-data; boundary="), bytes("garbage"))).toMatch(/multipart/);
    expect(await actionRequestProblem(fetchAction("multipart/form-data; boundary=b"), multipart({ "1": "x" }))).toMatch(/field "0"/);
    expect(await actionRequestProblem(new Headers({ "content-type": "multipart/form-data; boundary=fuzz" }), bytes("--fuzz\r\nbroken"))).toMatch(/multipart/);
  });

  it("leaves other requests alone", async () => {
    expect(isActionRequest("GET", fetchAction())).toBe(false);
    expect(isActionRequest("POST", new Headers({ "content-type": "application/json" }))).toBe(false);
    expect(await actionRequestProblem(new Headers({ "content-type": "application/json" }), bytes("{"))).toBeUndefined();
  });
});

describe("isCrossOriginAction", () => {
  const from = (origin?: string) => new Headers({ host: "console.example:3000", ...(origin === undefined ? {} : { origin }) });
  it("refuses other and opaque origins, not the console's own or none", () => {
    expect(isCrossOriginAction(from("http://console.example:3000"))).toBe(false);
    expect(isCrossOriginAction(from())).toBe(false);
    for (const origin of ["null", "http://evil.example", "file://", "not a url"]) expect(isCrossOriginAction(from(origin)), origin).toBe(true);
  });
});
