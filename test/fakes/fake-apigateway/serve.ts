/**
 * Runs the FAKE API Gateway control plane for browser end-to-end tests:
 *   npx tsx test/fakes/fake-apigateway/serve.ts --port 4010 [--time-scale 10] [--no-quotas] [--log]
 * Prints `FAKE_APIGATEWAY_URL=http://127.0.0.1:4010` when ready. Point Gatehouse's connection
 * endpointUrl at that URL (any region; dummy credentials are fine, signatures are not checked).
 */
import { startFakeApiGateway } from "./server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const port = Number(arg("--port") ?? process.env.FAKE_APIGATEWAY_PORT ?? 4010);
const timeScale = Number(arg("--time-scale") ?? 1);
const fake = await startFakeApiGateway({
  port,
  host: arg("--host") ?? "127.0.0.1",
  timeScale,
  quotas: process.argv.includes("--no-quotas") ? false : undefined,
  log: process.argv.includes("--log"),
});
console.log(`FAKE_APIGATEWAY_URL=${fake.url}`);

const stop = async () => {
  await fake.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
