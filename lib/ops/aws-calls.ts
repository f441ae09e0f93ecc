/**
 * Counts every AWS SDK call a client makes, by operation and outcome, and throttles apart: a
 * middleware on the client's own stack, so no call site has to remember to count. The SDK's
 * retries are off in Gatehouse (our limiter retries), so one `send` is one call to AWS.
 */
import { type AwsCallOutcome, recordAwsCall } from "./metrics";

/** Error names AWS uses when it refuses for rate (API Gateway says TooManyRequests, most others Throttling). */
const THROTTLE_NAMES = new Set(["TooManyRequestsException", "ThrottlingException", "Throttling", "ThrottledException", "RequestLimitExceeded"]);

/** True when AWS refused the call for rate: a throttling error name, or HTTP 429. */
export function isThrottle(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as { name?: unknown; $metadata?: { httpStatusCode?: unknown } };
  return (typeof e.name === "string" && THROTTLE_NAMES.has(e.name)) || e.$metadata?.httpStatusCode === 429;
}

export function awsCallOutcome(error: unknown): AwsCallOutcome {
  return error === undefined ? "success" : isThrottle(error) ? "throttled" : "error";
}

type Next = (args: unknown) => Promise<unknown>;
interface MiddlewareStack {
  add(mw: (next: Next, context: { commandName?: string }) => Next, options: Record<string, unknown>): void;
}

/** Adds the counting middleware to an SDK v3 client (`service`: "apigateway", "lambda", "wafv2"…). */
export function countAwsCalls(client: { middlewareStack: unknown }, service: string): void {
  const stack = client.middlewareStack as MiddlewareStack;
  stack.add(
    (next, context) => async (args) => {
      const operation = (context.commandName ?? "unknown").replace(/Command$/, "");
      try {
        const out = await next(args);
        recordAwsCall({ service, operation, outcome: "success" });
        return out;
      } catch (e) {
        recordAwsCall({ service, operation, outcome: awsCallOutcome(e) });
        throw e;
      }
    },
    // Outermost: sees the error as the caller will (after the SDK has turned the answer into one).
    { step: "initialize", priority: "high", name: "gatehouseCountCalls" },
  );
}
