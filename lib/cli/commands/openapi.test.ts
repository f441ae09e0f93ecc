import { REPO_ROOT as root, cliScratch } from "../../../test/helpers/cli";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { importOpenApi } from "../../openapi/import";
import { swaggerPetStore } from "../../openapi/petstore.fixture";
import { diffDesigns } from "../../snapshot/diff";

const { dir, write, gatehouse } = cliScratch("gatehouse-openapi-cli-");

describe("gatehouse openapi", () => {
  it("prints the OpenAPI 3.0 export of a Swagger 2 JSON file, which imports to the same design", () => {
    const r = gatehouse("openapi", write("petstore.json", swaggerPetStore));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const exported = JSON.parse(r.stdout);
    expect(exported.openapi).toBe("3.0.1");
    expect(exported.paths["/pets"].get["x-amazon-apigateway-integration"]).toMatchObject({
      type: "http",
      passthroughBehavior: "when_no_templates",
      timeoutInMillis: 10000,
    });
    expect(diffDesigns(importOpenApi(swaggerPetStore), importOpenApi(exported)).entries).toEqual([]);
  });

  it("prints YAML with --format yaml, and lists what it skipped on stderr", () => {
    const r = gatehouse("openapi", join(root, "lib/openapi/fixtures/aws-petstore.yaml"), "--format", "yaml");
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith("openapi: 3.0.1\n")).toBe(true);
    expect(parseYaml(r.stdout).info.title).toBe("PetStore");
    expect(r.stderr).toContain("warning: /x-amazon-apigateway-documentation:");
  });

  it("exits 1 with every problem and its JSON pointer for an invalid document, printing nothing on stdout", () => {
    const doc = structuredClone(swaggerPetStore) as Record<string, any>;
    doc.paths["/pets"].get["x-amazon-apigateway-integration"].type = "lambda";
    doc.paths["/pets"].post["x-amazon-apigateway-integration"].timeoutInMillis = 40000;
    const r = gatehouse("openapi", write("bad.json", doc));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("is not a valid API definition (2 problems):");
    expect(r.stderr).toContain(
      '  /paths/~1pets/get/x-amazon-apigateway-integration/type: must be one of mock, http, http_proxy, aws, aws_proxy (got "lambda")',
    );
    expect(r.stderr).toContain("  /paths/~1pets/post/x-amazon-apigateway-integration/timeoutInMillis: Timeout must be between 50 ms and 29000 ms");
  });

  it("exits 1 with a clear message for a missing file, a syntax error and a bad --format", () => {
    const missing = gatehouse("openapi", join(dir, "nope.yaml"));
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toBe(`gatehouse openapi: ${join(dir, "nope.yaml")}: no such file\n`);
    const broken = gatehouse("openapi", write("broken.yaml", "openapi: 3.0.1\npaths: [\n"));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.yaml: invalid YAML \(line \d+, column \d+\)/);
    const format = gatehouse("openapi", write("ok.json", swaggerPetStore), "--format", "xml");
    expect(format).toEqual({ code: 1, stdout: "", stderr: 'gatehouse openapi: --format must be json or yaml, not "xml"\n' });
    const basepath = gatehouse("openapi", write("ok2.json", swaggerPetStore), "--basepath", "drop");
    expect(basepath).toEqual({ code: 1, stdout: "", stderr: 'gatehouse openapi: --basepath must be ignore, prepend or split, not "drop"\n' });
  });

  it("--fail-on-warnings turns every warning into a problem with its pointer and exits 1", () => {
    const file = join(root, "lib/openapi/fixtures/aws-petstore.yaml");
    const r = gatehouse("openapi", file, "--fail-on-warnings");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("is not a valid API definition (1 problem):");
    expect(r.stderr).toContain("  /x-amazon-apigateway-documentation: x-amazon-apigateway-documentation (documentation parts) is not kept");
    expect(r.stderr).toContain("(a warning, refused because failOnWarnings is set)");
    // A document without warnings goes through the same with the flag.
    expect(gatehouse("openapi", write("clean.json", swaggerPetStore), "--fail-on-warnings").code).toBe(0);
  });

  it("--basepath prepend puts a Swagger 2 basePath above every path; --aws leaves out the x-gatehouse-* extensions", () => {
    const doc = {
      swagger: "2.0",
      info: { title: "V" },
      basePath: "/v1",
      paths: { "/pets": { get: { responses: {} } } },
      definitions: { Pet: { type: "object" } },
      "x-gatehouse-models": { Pet: { description: "One pet" } },
    };
    const prepended = gatehouse("openapi", write("v1.json", doc), "--basepath", "prepend");
    expect(prepended.code).toBe(0);
    const out = JSON.parse(prepended.stdout);
    expect(Object.keys(out.paths)).toEqual(["/", "/v1", "/v1/pets"]);
    expect(out["x-gatehouse-models"]).toEqual({ Pet: { description: "One pet" } });
    expect(Object.keys(JSON.parse(gatehouse("openapi", write("v1b.json", doc)).stdout).paths)).toEqual(["/", "/pets"]);
    expect(JSON.parse(gatehouse("openapi", write("v1c.json", doc), "--aws").stdout)["x-gatehouse-models"]).toBeUndefined();
  });
});

describe("gatehouse openapi on documents past API Gateway's limits", () => {
  it("refuses a file over 6 MB at once, saying the limit", async () => {
    const { truncateSync } = await import("node:fs");
    const file = write("huge.yaml", "");
    truncateSync(file, 60 * 1024 * 1024); // sparse: the 59 MB YAML of the report took 516 s
    const r = gatehouse("openapi", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/60\.0 MB.*at most 6 MB/);
  });
});
