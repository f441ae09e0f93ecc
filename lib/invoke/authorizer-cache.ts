/**
 * API Gateway's authorizer result cache: a Lambda authorizer's output (principal, policy, context)
 * kept per authorizer and identity-source values for `authorizerResultTtlInSeconds` (0 = no cache).
 * The cached policy is evaluated again for every request's method ARN, as AWS does — which is why a
 * policy naming only one method denies the caller's other methods until the entry expires.
 */

export interface AuthorizerOutput {
  principalId: string;
  /** The parsed policy statements (see policy.ts). */
  statements: import("./policy").PolicyStatement[];
  /** The context map, values stringified as `$context.authorizer.X` shows them. */
  context: Record<string, string>;
  /** `usageIdentifierKey`: the API key when the API's apiKeySource is AUTHORIZER. */
  usageIdentifierKey?: string;
}

export class AuthorizerCache {
  private readonly entries = new Map<string, { expires: number; output: AuthorizerOutput }>();

  constructor(
    private readonly clock: () => number = () => Date.now(),
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): AuthorizerOutput | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expires <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.output;
  }

  set(key: string, output: AuthorizerOutput, ttlSeconds: number): void {
    if (!(ttlSeconds > 0)) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { expires: this.clock() + ttlSeconds * 1000, output });
  }

  clear(): void {
    this.entries.clear();
  }
}
