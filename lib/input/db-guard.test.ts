/** Which database errors are the client's input (4xx) and which are the server's fault (left as they are). */
import { describe, expect, it } from "vitest";
import { inputErrorFromDatabase } from "./db-guard";

/** The shape Prisma 7 gives a driver adapter's error: PostgreSQL's SQLSTATE in meta.driverAdapterError.cause. */
const prismaError = (code: string, message: string) =>
  Object.assign(new Error("Database error"), {
    code: "P2010",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause: { originalCode: code, originalMessage: message } } },
  });

describe("inputErrorFromDatabase", () => {
  it.each([
    ["22021", 'invalid byte sequence for encoding "UTF8": 0x00', 400, /NUL/],
    ["22P05", "unsupported Unicode escape sequence", 400, /NUL/],
    ["22P02", 'invalid input syntax for type uuid: "zz"', 404, /not a valid id/],
    ["22003", "integer out of range", 400, /out of range/],
    ["23505", "duplicate key value violates unique constraint", 409, /already exists/],
  ])("maps SQLSTATE %s to %i", (code, message, status, text) => {
    const error = inputErrorFromDatabase(prismaError(code, message));
    expect(error?.status).toBe(status);
    expect(error?.message).toMatch(text);
  });

  it("leaves server faults alone", () => {
    expect(inputErrorFromDatabase(prismaError("53300", "too many connections"))).toBeUndefined();
    expect(inputErrorFromDatabase(prismaError("57P01", "terminating connection due to administrator command"))).toBeUndefined();
    expect(inputErrorFromDatabase(new Error("boom"))).toBeUndefined();
    expect(inputErrorFromDatabase(undefined)).toBeUndefined();
  });
});
