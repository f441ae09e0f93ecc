import { describe, expect, it } from "vitest";
import { parseDesign } from "../../model/design";
import type { LiveApi } from "../live";
import { planContext } from "./context";
import { planValidatorDeletes, planValidators, validatorIdFor } from "./validators";

const design = (requestValidators: unknown[]) => parseDesign({ name: "pets", resources: [{ id: "root", parentId: null, pathPart: "" }], requestValidators });

function live(requestValidators: LiveApi["requestValidators"]): LiveApi {
  return { restApi: { id: "a1b2c3" }, resources: [], models: [], requestValidators, authorizers: [], gatewayResponses: [] };
}

describe("planValidators", () => {
  it("creates a validator that is not live, bound by name for the methods that use it", () => {
    const ctx = planContext(design([{ id: "v1", name: "body", validateRequestBody: true }]), null);
    expect(planValidators(ctx)).toEqual([
      {
        operation: "CreateRequestValidator",
        target: "validator body",
        description: "Create request validator body",
        kind: "create",
        binds: "validator:body",
        params: { restApiId: { ref: "restApi" }, name: "body", validateRequestBody: true, validateRequestParameters: false },
      },
    ]);
    expect(validatorIdFor(ctx, { requestValidatorId: "v1" } as never)).toEqual({ ref: "validator:body" });
  });

  it("binds the live validator's id and patches only the flags that differ (a missing flag is false)", () => {
    const ctx = planContext(
      design([
        { id: "v1", name: "params", validateRequestParameters: true },
        { id: "v2", name: "same", validateRequestBody: true },
      ]),
      live([
        { id: "lv1", name: "params", validateRequestBody: true },
        { id: "lv2", name: "same", validateRequestBody: true, validateRequestParameters: false },
      ]),
    );
    expect(planValidators(ctx)).toEqual([
      {
        operation: "UpdateRequestValidator",
        target: "validator params",
        description: "Update request validator params",
        kind: "update",
        params: {
          restApiId: "a1b2c3",
          requestValidatorId: "lv1",
          patchOperations: [
            { op: "replace", path: "/validateRequestBody", value: "false" },
            { op: "replace", path: "/validateRequestParameters", value: "true" },
          ],
        },
      },
    ]);
    expect(ctx.bindings).toEqual({ restApi: "a1b2c3", "validator:params": "lv1", "validator:same": "lv2" });
    expect(validatorIdFor(ctx, { requestValidatorId: "v2" } as never)).toBe("lv2");
  });

  it("deletes the live validators the design dropped", () => {
    const ctx = planContext(
      design([{ id: "v1", name: "keep" }]),
      live([
        { id: "lv1", name: "keep" },
        { id: "lv2", name: "gone" },
      ]),
    );
    expect(planValidatorDeletes(ctx)).toEqual([
      {
        operation: "DeleteRequestValidator",
        target: "validator gone",
        description: "Delete request validator gone",
        kind: "delete",
        params: { restApiId: "a1b2c3", requestValidatorId: "lv2" },
      },
    ]);
  });
});

describe("validatorIdFor", () => {
  it("is undefined for a method without a validator and refuses one the design does not have", () => {
    const ctx = planContext(design([]), null);
    expect(validatorIdFor(ctx, {} as never)).toBeUndefined();
    expect(() => validatorIdFor(ctx, { requestValidatorId: "nope" } as never)).toThrow("Method uses request validator nope, which is not in the design");
  });
});
