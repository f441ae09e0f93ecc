import { describe, expect, it } from "vitest";
import { apiKeyCreateSchema, apiKeyUpdateSchema, generateApiKeyValue, viewOfApiKey } from "./rules";

const fields = (input: unknown) => {
  const r = apiKeyCreateSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("API key rules", () => {
  it("generates 40 alphanumeric characters, different each time", () => {
    const values = new Set(Array.from({ length: 50 }, () => generateApiKeyValue()));
    expect(values.size).toBe(50);
    for (const v of values) expect(v).toMatch(/^[A-Za-z0-9]{40}$/);
  });

  it("accepts a given value of 20 to 128 letters and digits, and generates one when left out or empty", () => {
    expect(fields({ name: "a", value: "a".repeat(20) })).toEqual([]);
    expect(fields({ name: "a", value: "Z9".repeat(64) })).toEqual([]);
    expect(apiKeyCreateSchema.parse({ name: "a", value: "" }).value).toBeUndefined();
    expect(apiKeyCreateSchema.parse({ name: "a" })).toEqual({ name: "a", description: "", enabled: true, value: undefined, tags: {} });
  });

  it("names every bad field at once, without repeating the value", () => {
    const secret = "short-secret!";
    const issues = fields({ name: "  ", value: secret, description: "d".repeat(1025), tags: { "aws:owner": "x", ok: "v".repeat(257) } });
    expect(issues).toEqual([
      "name: Name is required",
      "description: A description is at most 1024 characters",
      "value: An API key must be 20 to 128 characters",
      "value: An API key may hold only letters and digits",
      "tags.ok: A tag value is at most 256 characters",
      "tags.aws:owner: Tag keys starting with aws: are reserved",
    ]);
    expect(issues.join()).not.toContain(secret);
  });

  it("refuses values of 19 and 129 characters, and spaces or symbols", () => {
    expect(fields({ name: "a", value: "a".repeat(19) })).toEqual(["value: An API key must be 20 to 128 characters"]);
    expect(fields({ name: "a", value: "a".repeat(129) })).toEqual(["value: An API key must be 20 to 128 characters"]);
    expect(fields({ name: "a", value: `${"a".repeat(20)} b` })).toEqual(["value: An API key may hold only letters and digits"]);
    expect(fields({ name: "n".repeat(1025), value: "a".repeat(20) })).toEqual(["name: A name is at most 1024 characters"]);
  });

  it("never changes a value on update, and never shows it in a view", () => {
    expect(apiKeyUpdateSchema.parse({ name: "a", value: "b".repeat(30) })).not.toHaveProperty("value");
    const row = {
      id: "1",
      name: "a",
      description: "",
      enabled: true,
      tags: {},
      value: "secretsecretsecretsecret",
      createdAt: new Date(0),
      updatedAt: new Date(0),
    };
    expect(JSON.stringify(viewOfApiKey(row))).not.toContain("secretsecret");
  });
});
