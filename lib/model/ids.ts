const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A 10-character lowercase id, the shape AWS uses for resource, model and validator ids. */
export function newEntityId(length = 10): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let id = "";
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}

/** Gatehouse's own rows use UUIDs; anything else can be answered "not found" before a query. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
