import { describe, expect, it } from "vitest";
import { parseDesign } from "../../model/design";
import type { LiveApi } from "../live";
import { planContext } from "./context";
import { planRestApi } from "./rest-api";

const design = (extra: Record<string, unknown> = {}) => parseDesign({ name: "pets", resources: [{ id: "root", parentId: null, pathPart: "" }], ...extra });

function live(restApi: LiveApi["restApi"]): LiveApi {
  return { restApi: { id: "a1b2c3", ...restApi }, resources: [], models: [], requestValidators: [], authorizers: [], gatewayResponses: [] };
}

describe("planRestApi", () => {
  it("creates the API when nothing is live, binding its id and leaving out what the design leaves unset", () => {
    const calls = planRestApi(planContext(design({ binaryMediaTypes: ["image/png"], endpointType: "EDGE" }), null));
    expect(calls).toEqual([
      {
        operation: "CreateRestApi",
        target: "API pets",
        description: "Create REST API pets",
        kind: "create",
        binds: "restApi",
        params: { name: "pets", binaryMediaTypes: ["image/png"], apiKeySource: "HEADER", endpointConfiguration: { types: ["EDGE"] } },
      },
    ]);
  });

  it("plans nothing when the live API's settings are the design's (AWS's defaults standing in for missing fields)", () => {
    const policy = '{"Version":"2012-10-17","Statement":[]}';
    const ctx = planContext(
      design({ policy }),
      live({ name: "pets", endpointConfiguration: { types: ["REGIONAL"] }, policy: '{ "Statement": [], "Version": "2012-10-17" }' }),
    );
    expect(planRestApi(ctx)).toEqual([]);
  });

  it("patches only the settings that differ, the endpoint type by replacing the live one in the path", () => {
    const ctx = planContext(
      design({ description: "Pet store", binaryMediaTypes: ["image/png"], minimumCompressionSize: 1024, disableExecuteApiEndpoint: true }),
      live({ name: "old", binaryMediaTypes: ["application/pdf"], endpointConfiguration: { types: ["EDGE"] } }),
    );
    expect(planRestApi(ctx)).toEqual([
      {
        operation: "UpdateRestApi",
        target: "API pets",
        description: "Update API settings (name, description, binaryMediaTypes, minimumCompressionSize, disableExecuteApiEndpoint, endpointConfiguration)",
        kind: "update",
        params: {
          restApiId: "a1b2c3",
          patchOperations: [
            { op: "replace", path: "/name", value: "pets" },
            { op: "replace", path: "/description", value: "Pet store" },
            { op: "add", path: "/binaryMediaTypes/image~1png" },
            { op: "remove", path: "/binaryMediaTypes/application~1pdf" },
            { op: "replace", path: "/minimumCompressionSize", value: "1024" },
            { op: "replace", path: "/disableExecuteApiEndpoint", value: "true" },
            { op: "replace", path: "/endpointConfiguration/types/EDGE", value: "REGIONAL" },
          ],
        },
      },
    ]);
  });

  it("clears a live policy the design no longer has", () => {
    const ctx = planContext(design(), live({ name: "pets", endpointConfiguration: { types: ["REGIONAL"] }, policy: '{"Statement":[]}' }));
    expect(planRestApi(ctx)[0].params.patchOperations).toEqual([{ op: "replace", path: "/policy", value: undefined }]);
  });
});
