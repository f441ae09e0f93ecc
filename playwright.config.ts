import { defineConfig } from "@playwright/test";
import { execSync } from "node:child_process";

/** Debian's Chromium (apt-get install chromium): Playwright's own browser download cannot work here. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execSync("command -v chromium || command -v chromium-browser", { encoding: "utf8" }).trim();
  } catch {
    throw new Error("Chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH");
  }
}

const PORT = Number(process.env.E2E_PORT ?? 3200);
export const FAKE_AWS_PORT = Number(process.env.E2E_FAKE_AWS_PORT ?? 4610);
/** The test-double OpenID Connect provider (test/fakes/oidc-idp) the console's single sign-on uses. */
export const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? PORT + 2000);
export const OIDC = {
  issuer: `http://127.0.0.1:${OIDC_PORT}`,
  clientId: "gatehouse-e2e",
  clientSecret: "gatehouse-e2e-client-secret",
  name: "Fake IdP",
};

export default defineConfig({
  testDir: "e2e",
  // Per port: parallel runs on one machine must not clear each other's results.
  outputDir: `test-results/${PORT}`,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      // The FAKE API Gateway control plane (a test double; see test/fakes/fake-apigateway).
      command: `npx tsx test/fakes/fake-apigateway/serve.ts --port ${FAKE_AWS_PORT}`,
      url: `http://127.0.0.1:${FAKE_AWS_PORT}/restapis`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The test-double identity provider (e2e/oidc.spec.ts signs in through it).
      command: `npx tsx test/fakes/oidc-idp/serve.ts --port ${OIDC_PORT} --client-id ${OIDC.clientId} --client-secret ${OIDC.clientSecret} --redirect http://127.0.0.1:${PORT}/auth/oidc/callback`,
      url: `${OIDC.issuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: "node e2e/serve-console.mjs",
      url: `http://127.0.0.1:${PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 600_000,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        HOST: "127.0.0.1",
        // The server's default AWS provider chain: dummy keys, the fake does not check signatures.
        AWS_ACCESS_KEY_ID: "AKIAFAKEE2E000000000",
        AWS_SECRET_ACCESS_KEY: "fake-secret-for-the-fake-control-plane",
        AWS_REGION: "us-east-1",
        // Every test signs in from 127.0.0.1; the fuzz suite alone sends hundreds of sign-in actions.
        GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS: "100000",
        // One JSON line per request would bury the test report; warnings and errors still show.
        GATEHOUSE_LOG_LEVEL: process.env.GATEHOUSE_LOG_LEVEL ?? "warn",
        // Single sign-on beside password sign-in (which every other spec uses).
        GATEHOUSE_OIDC_ISSUER: OIDC.issuer,
        GATEHOUSE_OIDC_CLIENT_ID: OIDC.clientId,
        GATEHOUSE_OIDC_CLIENT_SECRET: OIDC.clientSecret,
        GATEHOUSE_OIDC_NAME: OIDC.name,
        GATEHOUSE_OIDC_SCOPES: "openid email profile groups",
        GATEHOUSE_OIDC_ROLE_MAP: "platform-admins=admin,deployers=deployer,devs=editor",
      },
    },
  ],
});
