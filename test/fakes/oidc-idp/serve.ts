/**
 * Runs the test-double OpenID Connect provider for browser end-to-end tests:
 *   npx tsx test/fakes/oidc-idp/serve.ts --port 5402 --client-id gatehouse --client-secret s3cret \
 *     --redirect http://127.0.0.1:3402/auth/oidc/callback
 * Prints `FAKE_IDP_ISSUER=http://127.0.0.1:5402` when ready; serves its discovery document at
 * /.well-known/openid-configuration.
 */
import { startFakeIdp } from "./idp";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const idp = await startFakeIdp({
  port: Number(arg("--port") ?? 5400),
  host: arg("--host") ?? "127.0.0.1",
  clients: [
    { clientId: arg("--client-id") ?? "gatehouse", clientSecret: arg("--client-secret") ?? "gatehouse-test-secret", redirectUris: [arg("--redirect") ?? ""] },
  ],
});
console.log(`FAKE_IDP_ISSUER=${idp.issuer}`);

const stop = async () => {
  await idp.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
