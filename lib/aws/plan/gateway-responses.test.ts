import { describe, expect, it } from "vitest";
import { parseDesign } from "../../model/design";
import type { LiveApi } from "../live";
import { planContext } from "./context";
import { planGatewayResponseDeletes, planGatewayResponses } from "./gateway-responses";

const design = (gatewayResponses: unknown[]) => parseDesign({ name: "pets", resources: [{ id: "root", parentId: null, pathPart: "" }], gatewayResponses });

function live(gatewayResponses: LiveApi["gatewayResponses"]): LiveApi {
  return { restApi: { id: "a1b2c3" }, resources: [], models: [], requestValidators: [], authorizers: [], gatewayResponses };
}

const AWS_DEFAULT_TEMPLATES = { "application/json": '{"message":$context.error.messageString}' };

describe("planGatewayResponses", () => {
  it("customises a response type that is not live", () => {
    const ctx = planContext(design([{ responseType: "UNAUTHORIZED", statusCode: "401", responseTemplates: { "application/json": '{"m":"no"}' } }]), null);
    expect(planGatewayResponses(ctx)).toEqual([
      {
        operation: "PutGatewayResponse",
        target: "gateway response UNAUTHORIZED",
        description: "Customise gateway response UNAUTHORIZED",
        kind: "create",
        params: { restApiId: { ref: "restApi" }, responseType: "UNAUTHORIZED", statusCode: "401", responseTemplates: { "application/json": '{"m":"no"}' } },
      },
    ]);
  });

  it("counts a design without templates equal to a live response holding AWS's default template", () => {
    const ctx = planContext(
      design([{ responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } }]),
      live([
        {
          responseType: "DEFAULT_4XX",
          responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
          responseTemplates: AWS_DEFAULT_TEMPLATES,
        },
      ]),
    );
    expect(planGatewayResponses(ctx)).toEqual([]);
  });

  it("puts a live response again when its status code differs", () => {
    const ctx = planContext(
      design([{ responseType: "THROTTLED", statusCode: "503" }]),
      live([{ responseType: "THROTTLED", statusCode: "429", responseTemplates: AWS_DEFAULT_TEMPLATES }]),
    );
    expect(planGatewayResponses(ctx).map((c) => [c.operation, c.kind, c.description, c.params.statusCode])).toEqual([
      ["PutGatewayResponse", "update", "Update gateway response THROTTLED", "503"],
    ]);
  });
});

describe("planGatewayResponseDeletes", () => {
  it("resets the customised live responses the design dropped to AWS's default", () => {
    const ctx = planContext(
      design([{ responseType: "THROTTLED" }]),
      live([{ responseType: "THROTTLED" }, { responseType: "ACCESS_DENIED", statusCode: "403" }]),
    );
    expect(planGatewayResponseDeletes(ctx)).toEqual([
      {
        operation: "DeleteGatewayResponse",
        target: "gateway response ACCESS_DENIED",
        description: "Reset gateway response ACCESS_DENIED to its default",
        kind: "delete",
        params: { restApiId: "a1b2c3", responseType: "ACCESS_DENIED" },
      },
    ]);
  });
});
