import { describe, expect, it, vi } from "vitest";

describe("GatehouseError across copies of lib/errors", () => {
  it("an error made by another copy of the module (another Next bundle) is still a GatehouseError, with its status and fields", async () => {
    const mine = await import("./errors");
    vi.resetModules();
    const theirs = await import("./errors");
    expect(theirs.GatehouseError).not.toBe(mine.GatehouseError);
    const foreign = new theirs.ValidationError([{ field: "awsRestApiId", message: "Choose a REST API to import" }]);
    expect(foreign).toBeInstanceOf(mine.GatehouseError);
    expect(new theirs.GatehouseError("busy", 409, [], "Conflict")).toBeInstanceOf(mine.GatehouseError);
  });

  it("subclasses keep the ordinary check, and other errors are not GatehouseErrors", async () => {
    const { ConflictError, GatehouseError, NotFoundError, ValidationError } = await import("./errors");
    expect(new ConflictError("x")).toBeInstanceOf(ConflictError);
    expect(new ConflictError("x")).not.toBeInstanceOf(NotFoundError);
    expect(new GatehouseError("x", 400)).not.toBeInstanceOf(ValidationError);
    expect(new Error("x")).not.toBeInstanceOf(GatehouseError);
    expect(null).not.toBeInstanceOf(GatehouseError);
    expect(Object.assign(new Error("x"), { status: 400 })).not.toBeInstanceOf(GatehouseError);
  });
});
