/** A server with a sign-in setting wrong stops at start, naming the variable, before it opens the database. */
import { afterEach, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function startWith(env: Record<string, string>): Promise<string> {
  vi.stubEnv("NEXT_RUNTIME", "nodejs");
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Error(`exit ${code}`);
  });
  const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
  const { register } = await import("../../instrumentation");
  await expect(register()).rejects.toThrow("exit 1");
  return logged.mock.calls.flat().join(" ");
}

it("refuses a role map naming no role, with the variable named", async () => {
  const message = await startWith({
    GATEHOUSE_OIDC_ISSUER: "https://idp.example.com",
    GATEHOUSE_OIDC_CLIENT_ID: "gatehouse",
    GATEHOUSE_OIDC_CLIENT_SECRET: "secret",
    GATEHOUSE_OIDC_ROLE_MAP: "devs=superuser",
  });
  expect(message).toContain("GATEHOUSE_OIDC_ROLE_MAP");
  expect(message).toContain('"superuser" is not a role');
});

it("refuses password sign-in off without single sign-on", async () => {
  const message = await startWith({ GATEHOUSE_PASSWORD_SIGN_IN: "off" });
  expect(message).toContain("GATEHOUSE_PASSWORD_SIGN_IN");
  expect(message).toContain("nobody could sign in");
});
