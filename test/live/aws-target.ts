/**
 * Where `npm run test:aws` runs: a real account (credentials from the SDK's default chain, e.g.
 * AWS_PROFILE), LocalStack or moto (GATEHOUSE_TEST_AWS_ENDPOINT=http://…), or a moto server it
 * starts itself (GATEHOUSE_TEST_AWS_ENDPOINT=moto). Without a Region or credentials it refuses to
 * run, saying what is missing; credentials are only resolved, never printed or stored.
 */
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { isMotoEndpoint } from "./moto-gaps";
import { startMotoServer } from "./moto-server";

export interface AwsTarget {
  region: string;
  /** Control-plane endpoint override; undefined for real AWS. */
  endpoint?: string;
  profile?: string;
  /** moto answers differently from AWS in places (MOTO.md): some steps take a detour or are skipped there. */
  isMoto: boolean;
  /** How the first push sends the API (GATEHOUSE_TEST_AWS_STRATEGY); later pushes change it in place, per entity. */
  strategy: PushStrategyName;
  /** One line for the log: "real AWS (eu-west-1)", "moto at http://127.0.0.1:5000". */
  label: string;
  /** Stops what resolving the target started (a moto server). */
  stop(): Promise<void>;
}

const STRATEGIES = ["per-entity", "put-rest-api", "auto"] as const;
export type PushStrategyName = (typeof STRATEGIES)[number];

export class AwsTargetRefused extends Error {
  constructor(reason: string) {
    super(
      `npm run test:aws refuses to run: ${reason}\n` +
        "It creates, changes and deletes a throwaway REST API, so it needs somewhere to do that:\n" +
        "  real AWS:   AWS_PROFILE=<profile> (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) AWS_REGION=<region> npm run test:aws\n" +
        "  LocalStack: GATEHOUSE_TEST_AWS_ENDPOINT=http://localhost:4566 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 npm run test:aws\n" +
        "  moto:       GATEHOUSE_TEST_AWS_ENDPOINT=moto AWS_REGION=us-east-1 npm run test:aws  (starts python3 -m moto.server itself)\n" +
        "See docs/testing-against-aws.md.",
    );
    this.name = "AwsTargetRefused";
  }
}

async function credentialsResolve(profile: string | undefined): Promise<string | null> {
  try {
    const provider = fromNodeProviderChain(profile ? { profile } : {});
    const creds = await Promise.race([provider(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out after 15 s")), 15_000))]);
    return creds.accessKeyId ? null : "the credential chain returned no access key";
  } catch (e) {
    return (e as Error).message.split("\n")[0];
  }
}

export async function resolveAwsTarget(env: NodeJS.ProcessEnv = process.env): Promise<AwsTarget> {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) throw new AwsTargetRefused("no Region: set AWS_REGION.");
  const strategy = (env.GATEHOUSE_TEST_AWS_STRATEGY || "per-entity") as PushStrategyName;
  if (!STRATEGIES.includes(strategy)) throw new AwsTargetRefused(`GATEHOUSE_TEST_AWS_STRATEGY must be one of ${STRATEGIES.join(", ")} (got "${strategy}").`);
  let endpoint = env.GATEHOUSE_TEST_AWS_ENDPOINT || undefined;
  let stop = async () => {};
  if (endpoint === "moto") {
    const moto = await startMotoServer();
    endpoint = moto.url;
    stop = moto.stop;
    // moto accepts any credentials; dummy ones keep a developer's real keys out of it.
    env.AWS_ACCESS_KEY_ID = "moto-test";
    env.AWS_SECRET_ACCESS_KEY = "moto-test";
    delete env.AWS_SESSION_TOKEN;
    delete env.AWS_PROFILE;
  }
  const profile = env.AWS_PROFILE || undefined;
  const missing = await credentialsResolve(profile);
  if (missing) {
    await stop();
    throw new AwsTargetRefused(`no AWS credentials${profile ? ` for profile ${profile}` : ""} (${missing}).`);
  }
  const isMoto = await isMotoEndpoint(endpoint);
  const label = endpoint ? `${isMoto ? "moto" : "endpoint"} at ${endpoint} (${region})` : `real AWS (${region}${profile ? `, profile ${profile}` : ""})`;
  return { region, endpoint, profile, isMoto, strategy, label: `${label}, first push ${strategy}`, stop };
}
