/**
 * API keys as API Gateway validates them (CreateApiKey / UpdateApiKey, and the import file):
 * a value of 20–128 alphanumeric characters, given or generated; a name of at most 1024
 * characters; tags as AWS allows them everywhere (key ≤ 128 of [a-zA-Z0-9 +-=._:/@], not `aws:`,
 * value ≤ 256). Plain data in, plain data out; the services decide what is written.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";

export const API_KEY_VALUE_MIN = 20;
export const API_KEY_VALUE_MAX = 128;
export const API_KEY_NAME_MAX = 1024;
/** AWS generates 40 characters; so do we. */
const GENERATED_LENGTH = 40;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A fresh key value, uniformly drawn from the alphanumerics (rejection sampling keeps it unbiased). */
export function generateApiKeyValue(length = GENERATED_LENGTH): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 × 62: bytes above it would favour the first letters.
      if (byte < 248 && out.length < length) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
    }
  }
  return out;
}

/** The message never repeats the value: it is a secret, and errors end up in logs and toasts. */
export const apiKeyValueSchema = z
  .string()
  .min(API_KEY_VALUE_MIN, `An API key must be ${API_KEY_VALUE_MIN} to ${API_KEY_VALUE_MAX} characters`)
  .max(API_KEY_VALUE_MAX, `An API key must be ${API_KEY_VALUE_MIN} to ${API_KEY_VALUE_MAX} characters`)
  .regex(/^[A-Za-z0-9]+$/, "An API key may hold only letters and digits");

const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;

/** Why a tag key is refused, or null. (Checked by hand: zod's record keys report only "Invalid key".) */
function tagKeyProblem(key: string): string | null {
  if (key.length === 0) return "A tag key is required";
  if (key.length > 128) return "A tag key is at most 128 characters";
  if (!TAG_KEY.test(key)) return "A tag key may hold letters, digits, spaces and _ . : / = + - @";
  if (key.toLowerCase().startsWith("aws:")) return "Tag keys starting with aws: are reserved";
  return null;
}

export const tagsSchema = z
  .record(z.string(), z.string().max(256, "A tag value is at most 256 characters"))
  .superRefine((tags, ctx) => {
    const keys = Object.keys(tags);
    if (keys.length > 50) ctx.addIssue({ code: "custom", path: [], message: "At most 50 tags" });
    for (const key of keys) {
      const problem = tagKeyProblem(key);
      if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
    }
  })
  .default({});

const nameSchema = z.string().trim().min(1, "Name is required").max(API_KEY_NAME_MAX, `A name is at most ${API_KEY_NAME_MAX} characters`);
const descriptionSchema = z.string().max(1024, "A description is at most 1024 characters").default("");

/** Creation: the value is given or, when left out (or empty), generated. */
export const apiKeyCreateSchema = z.object({
  name: nameSchema,
  description: descriptionSchema,
  enabled: z.boolean().default(true),
  value: z.preprocess((v) => (v === "" || v === null ? undefined : v), apiKeyValueSchema.optional()),
  tags: tagsSchema,
});

/** What may change afterwards (AWS never changes a key's value: a new value is a new key). */
export const apiKeyUpdateSchema = apiKeyCreateSchema.omit({ value: true });

export type ApiKeyCreateInput = z.input<typeof apiKeyCreateSchema>;
export type ApiKeyUpdateInput = z.input<typeof apiKeyUpdateSchema>;

/** A key as anyone but its creator (once) and an admin (on request) sees it: everything but the value. */
export interface ApiKeyView {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  tags: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

/** Takes a row and leaves its value behind. */
export function viewOfApiKey(row: Omit<ApiKeyView, "tags"> & { tags: unknown }): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    enabled: row.enabled,
    tags: (row.tags ?? {}) as Record<string, string>,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What the history records of a key: its settings, never its value. */
export function auditOfApiKey(row: { name: string; description: string; enabled: boolean; tags: unknown }) {
  return { name: row.name, description: row.description, enabled: row.enabled, tags: row.tags };
}
