import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";
import { swaggerPetStore } from "./petstore.fixture";
import { diffDesigns } from "../snapshot/diff";
import { DesignLoadError, loadDesignFile } from "./load";
import { generateDesign } from "../snapshot/sample-design";

const dir = mkdtempSync(join(tmpdir(), "gatehouse-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: unknown) => {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content, null, 2));
  return file;
};
const loadError = (file: string) => {
  try {
    loadDesignFile(file);
  } catch (e) {
    return e as DesignLoadError;
  }
  throw new Error("expected an error");
};

describe("loadDesignFile", () => {
  const design = generateDesign({ resources: 9, seed: 5 });

  it("reads a bare design, and one wrapped in design or snapshot, filling defaults", () => {
    const bare = loadDesignFile(write("bare.json", design));
    expect(diffDesigns(design, bare).summary.identical).toBe(true);
    expect(diffDesigns(design, loadDesignFile(write("wrapped.json", { design, version: 3 }))).summary.identical).toBe(true);
    expect(diffDesigns(design, loadDesignFile(write("snap.json", { snapshot: design, contentHash: "x" }))).summary.identical).toBe(true);
    const minimal = loadDesignFile(write("min.json", { name: "Min", resources: [{ id: "r", parentId: null, pathPart: "" }] }));
    expect(minimal).toMatchObject({ endpointType: "REGIONAL", apiKeySource: "HEADER", models: [], resources: [{ methods: {} }] });
  });

  it("reads OpenAPI as JSON and as YAML, to the same design", () => {
    const fromJson = loadDesignFile(write("petstore.json", swaggerPetStore));
    const fromYaml = loadDesignFile(write("petstore.yaml", toYaml(swaggerPetStore)));
    expect(fromYaml).toEqual(fromJson);
    expect(fromJson.resources.length).toBe(6);
  });

  it("names the file and the line and column of a JSON syntax error", () => {
    const e = loadError(write("broken.json", '{\n  "name": "x",\n  "resources": [\n}'));
    expect(e).toBeInstanceOf(DesignLoadError);
    expect(e.message).toMatch(/broken\.json: invalid JSON \(line 4, column 1\)/);
  });

  it("names the line of a YAML syntax error", () => {
    expect(loadError(write("broken.yaml", "openapi: 3.0.0\npaths:\n  /a: [unclosed\n")).message).toMatch(/broken\.yaml: invalid YAML \(line \d+, column \d+\)/);
  });

  it("gives a JSON pointer for an invalid design, wrapper included", () => {
    const bad = structuredClone(design);
    (bad.resources[2].methods.GET as { httpMethod: string }).httpMethod = "FETCH";
    const e = loadError(write("bad.json", { design: bad }));
    expect(e.pointer).toBe("/design/resources/2/methods/GET/httpMethod");
    expect(e.message).toContain("bad.json: at /design/resources/2/methods/GET/httpMethod:");
  });

  it("rejects broken resource trees and unknown documents", () => {
    const orphan = {
      name: "x",
      resources: [
        { id: "r", parentId: null, pathPart: "" },
        { id: "a", parentId: "ghost", pathPart: "a" },
      ],
    };
    expect(loadError(write("orphan.json", orphan))).toMatchObject({ pointer: "/resources/1/parentId", detail: 'parent "ghost" does not exist' });
    const twoRoots = {
      name: "x",
      resources: [
        { id: "r", parentId: null, pathPart: "" },
        { id: "s", parentId: null, pathPart: "" },
      ],
    };
    expect(loadError(write("roots.json", twoRoots)).detail).toContain("exactly one root");
    expect(loadError(write("other.json", { hello: "world" })).detail).toContain("not a design");
    expect(loadError(write("array.json", [1, 2])).detail).toContain("expected a JSON object");
    expect(loadError(join(dir, "missing.json")).message).toBe(`${join(dir, "missing.json")}: no such file`);
  });

  it("passes OpenAPI errors on with their pointer", () => {
    const doc = structuredClone(swaggerPetStore) as Record<string, any>;
    doc.paths["/pets"].get["x-amazon-apigateway-integration"].passthroughBehavior = "sometimes";
    const e = loadError(write("bad-openapi.json", doc));
    expect(e.pointer).toBe("/paths/~1pets/get/x-amazon-apigateway-integration/passthroughBehavior");
    expect(e.message).toContain(
      'bad-openapi.json: at /paths/~1pets/get/x-amazon-apigateway-integration/passthroughBehavior: must be one of when_no_match, when_no_templates, never (got "sometimes")',
    );
  });
});

describe("documents a client can send to hurt the reader", () => {
  /** A "billion laughs": nine levels of aliases, each nine of the one above (9⁹ strings once expanded). */
  const aliasBomb = ["openapi: 3.0.1", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    .concat(["b", "c", "d", "e", "f", "g", "h", "i"].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefghi"[i]}`).join(",")}]`))
    .join("\n");

  it("refuses a YAML alias bomb with a load error, not a crash", () => {
    const error = loadError(write("bomb.yaml", aliasBomb));
    expect(error).toBeInstanceOf(DesignLoadError);
    expect(error.detail).toMatch(/alias/i);
  });

  it("refuses a file over 6 MB before reading it, saying the limit", () => {
    const file = join(dir, "huge.yaml");
    writeFileSync(file, "");
    truncateSync(file, 7 * 1024 * 1024); // sparse: no 7 MB written
    const error = loadError(file);
    expect(error).toBeInstanceOf(DesignLoadError);
    expect(error.detail).toMatch(/7\.0 MB.*6 MB/);
  });

  it("refuses nesting deeper than a document needs, in JSON and YAML", () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    expect(loadError(write("deep.json", `{"openapi":"3.0.1","x":${deep}}`)).detail).toMatch(/nested/);
    expect(loadError(write("deep.yaml", `openapi: 3.0.1\nx: ${deep}\n`)).detail).toMatch(/nested|YAML/);
  });
});
