/**
 * Contract-test runner: states how AWS answered a control-plane call, then checks that the fake
 * (test/fakes/fake-apigateway) answers the same, through the real `@aws-sdk/client-api-gateway`.
 *
 * A fact is one request (SDK operation + input) and AWS's answer: the HTTP status, and either the
 * error (`name` on the SDK error = AWS's error code, and the exact message) or the fields AWS
 * returned, compared on the wire JSON (so `expect.any(Boolean)` catches a boolean sent as "true").
 * Facts are written in our own words in `test/contract/facts/*.ts`, each naming its `source`
 * (a recorded AWS answer or a page of AWS's API reference).
 *
 * Other implementations: with CONTRACT_ENDPOINT=http://127.0.0.1:5055 (moto, LocalStack, or unset for the fake)
 * the same facts run against that endpoint instead, each on a new REST API, to see where it
 * disagrees with AWS (`world.fake` is then undefined; state nothing fake-specific in a fact).
 *
 * Usage (one describe block per list; each fact runs on a fresh fake, after `given`):
 *
 *   runFacts("UpdateModel", modelFacts, { given: withApi });
 *
 * where `withApi(world)` creates what the facts need and stores ids in `world.ids`, and an input
 * may be a function of those ids: `input: (ids) => ({ restApiId: ids.api, modelName: "Pet" })`.
 */
import { Readable } from "node:stream";
import * as sdk from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiGatewayClient } from "../../lib/aws/client";
import { type FakeApiGateway, startFakeApiGateway } from "../fakes/fake-apigateway";

export type Ids = Record<string, string>;
type Input = Record<string, unknown>;

export interface World {
  client: sdk.APIGatewayClient;
  /** Undefined when the facts run against CONTRACT_ENDPOINT. */
  fake: FakeApiGateway;
  ids: Ids;
  /** Sends one SDK command straight to the fake (no limiter, no retry); throws AWS's error. */
  send<T = any>(operation: string, input: Input): Promise<T>;
}

export interface Step {
  /** SDK operation name without `Command`, e.g. "UpdateRestApi". */
  op: string;
  input: Input | ((ids: Ids) => Input);
  /** AWS's HTTP status. */
  status: number;
  /** For a refusal: the error code (`name` on the SDK error) and AWS's exact message. */
  error?: { code: string; message: string | RegExp | ((ids: Ids) => string) };
  /** For a success: fields of the wire JSON answer (`toMatchObject`; matchers allowed). */
  returns?: Record<string, unknown> | ((ids: Ids) => Record<string, unknown>);
  /** Fields AWS leaves out of its answer. */
  absent?: string[];
}

export interface Fact extends Step {
  /** What AWS does, in words: the test's name. */
  name: string;
  /** Where the fact comes from: `recording <test>/<step>` or an AWS API reference page. */
  source: string;
  /** Extra setup before this fact's call (after the list's `given`). */
  given?: (world: World) => Promise<void>;
  /** Calls after the first one, e.g. a read-back. */
  followedBy?: Step[];
}

export interface RunFactsOptions {
  /** Setup before every fact, on an empty fake (e.g. create an API and store its id in `ids.api`). */
  given?: (world: World) => Promise<void>;
}

export function runFacts(title: string, facts: Fact[], options: RunFactsOptions = {}): void {
  describe(title, () => {
    let fake: FakeApiGateway;
    let client: sdk.APIGatewayClient;
    const world = {} as World;

    beforeAll(async () => {
      process.env.AWS_ACCESS_KEY_ID ??= "AKIDCONTRACTTESTS";
      process.env.AWS_SECRET_ACCESS_KEY ??= "contract-secret";
      const endpoint = process.env.CONTRACT_ENDPOINT;
      // Quotas off: these tests state what AWS answers, not how fast it lets us ask.
      if (!endpoint) fake = await startFakeApiGateway({ quotas: false, totalQuota: null });
      client = createApiGatewayClient({ region: "us-east-1", endpointUrl: endpoint ?? fake.url });
      captureWireBodies(client);
      Object.assign(world, { client, fake, send: (op: string, input: Input) => sendCommand(client, op, input) });
    });
    afterAll(async () => {
      client?.destroy();
      await fake?.close();
    });
    beforeEach(async () => {
      fake?.reset({ state: true });
      world.ids = {};
      await options.given?.(world);
    });

    for (const fact of facts) {
      it(`${fact.name} (${fact.op})`, async () => {
        await fact.given?.(world);
        for (const step of [fact, ...(fact.followedBy ?? [])]) await checkStep(world, step);
      });
    }
  });
}

export async function sendCommand<T = any>(client: sdk.APIGatewayClient, operation: string, input: Input): Promise<T> {
  const Command = (sdk as unknown as Record<string, new (input: unknown) => any>)[`${operation}Command`];
  if (!Command) throw new Error(`No SDK command ${operation}Command`);
  return client.send(new Command(input)) as Promise<T>;
}

async function checkStep(world: World, step: Step): Promise<void> {
  const input = typeof step.input === "function" ? step.input(world.ids) : step.input;
  const label = `${step.op} ${JSON.stringify(input)}`;
  let error: any;
  try {
    await world.send(step.op, input);
  } catch (e) {
    error = e;
  }
  if (step.error) {
    expect(error, `${label} should fail`).toBeDefined();
    expect({ status: error.$metadata?.httpStatusCode, code: error.name }, label).toEqual({ status: step.status, code: step.error.code });
    const message = typeof step.error.message === "function" ? step.error.message(world.ids) : step.error.message;
    if (message instanceof RegExp) expect(error.message, label).toMatch(message);
    else expect(error.message, label).toBe(message);
    return;
  }
  if (error) throw new Error(`${label} should succeed but failed: ${error.name}: ${error.message}`);
  const wire = lastWire.get(world.client);
  expect(wire?.status, label).toBe(step.status);
  const body = (wire?.body ?? {}) as Record<string, unknown>;
  const returns = typeof step.returns === "function" ? step.returns(world.ids) : step.returns;
  if (returns) expect(body, label).toMatchObject(returns);
  for (const field of step.absent ?? []) expect(body, `${label}: AWS leaves ${field} out`).not.toHaveProperty(field);
}

/** The last answer each client got, as sent on the wire (status and JSON body, before the SDK parses it). */
const lastWire = new WeakMap<object, { status: number; body: unknown }>();

/**
 * Keeps a copy of every response body: the middleware sits inside the SDK's deserializer, reads
 * the body and hands the deserializer an identical stream.
 */
function captureWireBodies(client: sdk.APIGatewayClient) {
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const response = out.response as { statusCode: number; body: AsyncIterable<Uint8Array> };
      const chunks: Buffer[] = [];
      for await (const chunk of response.body) chunks.push(Buffer.from(chunk));
      const text = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      lastWire.set(client, { status: response.statusCode, body });
      response.body = Readable.from([Buffer.from(text, "utf8")]);
      return out;
    },
    { step: "deserialize", priority: "low", name: "contractWireCapture" },
  );
}
