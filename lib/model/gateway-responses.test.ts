import { describe, expect, it } from "vitest";
import { applyCommand, parseDesignCommand } from "./commands";
import { ValidationError } from "../errors";
import { newDesign } from "./operations";

describe("gateway responses", () => {
  const base = newDesign({ name: "A" });

  it("sets, replaces and resets a gateway response, with history entries", () => {
    const put = applyCommand(
      base,
      parseDesignCommand({
        type: "putGatewayResponse",
        response: {
          responseType: "UNAUTHORIZED",
          statusCode: "401",
          responseParameters: { "gatewayresponse.header.WWW-Authenticate": "'Bearer'" },
          responseTemplates: { "application/json": '{"error":"$context.error.messageString"}' },
        },
      }),
    );
    expect(put.action).toBe("gatewayResponse.create");
    expect(put.design.gatewayResponses).toHaveLength(1);
    const again = applyCommand(put.design, parseDesignCommand({ type: "putGatewayResponse", response: { responseType: "UNAUTHORIZED", statusCode: "403" } }));
    expect(again.action).toBe("gatewayResponse.update");
    expect(again.design.gatewayResponses.map((g) => g.statusCode)).toEqual(["403"]);
    const reset = applyCommand(again.design, parseDesignCommand({ type: "deleteGatewayResponse", responseType: "UNAUTHORIZED" }));
    expect(reset.design.gatewayResponses).toEqual([]);
    expect(base.gatewayResponses).toEqual([]);
  });

  it("refuses unknown types, bad status codes and bad header parameter names", () => {
    const run = (response: object) => () => applyCommand(base, parseDesignCommand({ type: "putGatewayResponse", response }));
    expect(run({ responseType: "NOT_A_TYPE" })).toThrow(ValidationError);
    expect(run({ responseType: "THROTTLED", statusCode: "42" })).toThrow(/3-digit/);
    expect(run({ responseType: "THROTTLED", responseParameters: { "method.response.header.X": "'a'" } })).toThrow(/gatewayresponse\.header/);
  });
});
