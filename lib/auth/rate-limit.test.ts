import { describe, expect, it } from "vitest";
import { signInAttemptsPerAddress } from "./rate-limit";

describe("sign-in attempts per address", () => {
  it("is 30 unless GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS names another positive whole number", () => {
    expect(signInAttemptsPerAddress({})).toBe(30);
    expect(signInAttemptsPerAddress({ GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS: "500" })).toBe(500);
    for (const bad of ["0", "-3", "2.5", "many", ""]) expect(signInAttemptsPerAddress({ GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS: bad })).toBe(30);
  });
});
