/**
 * A valid stored password hash with a small scrypt cost. verifyPassword reads the cost from the
 * stored hash, so tests that check many passwords stay fast on a busy machine; production hashes
 * (hashPassword) keep OWASP's cost.
 */
import { randomBytes, scryptSync } from "node:crypto";

export function cheapPasswordHash(password: string): string {
  const salt = randomBytes(16);
  const [N, r, p] = [1024, 8, 1];
  return ["scrypt", N, r, p, salt.toString("base64"), scryptSync(password, salt, 32, { N, r, p }).toString("base64")].join("$");
}
