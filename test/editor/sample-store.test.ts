/** Issue #14 item 5: the preview's sample request survives a save (the editor remounts), per method, side and content type. */
import { describe, expect, it } from "vitest";
import { defaultSample } from "@/components/editor/preview-input";
import { createSampleStore, sampleKey } from "@/components/editor/sample-store";

const petGet = { httpMethod: "GET", resourcePath: "/pets/{petId}" };

describe("sampleKey", () => {
  it("tells methods, sides and content types apart, and does not depend on the saved template", () => {
    const keys = new Set([
      sampleKey({ kind: "request", contentType: "application/json", method: petGet }),
      sampleKey({ kind: "response", contentType: "application/json", method: petGet }),
      sampleKey({ kind: "request", contentType: "application/xml", method: petGet }),
      sampleKey({ kind: "request", contentType: "application/json", method: { httpMethod: "POST", resourcePath: "/pets/{petId}" } }),
      sampleKey({ kind: "request", contentType: "application/json", method: { httpMethod: "GET", resourcePath: "/pets" } }),
      sampleKey({ kind: "gateway", contentType: "application/json" }),
    ]);
    expect(keys.size).toBe(6);
    expect(sampleKey({ kind: "request", contentType: "application/json", method: { ...petGet } })).toBe(
      sampleKey({ kind: "request", contentType: "application/json", method: petGet }),
    );
  });
});

describe("createSampleStore", () => {
  it("returns what was written for a key, and nothing for another", () => {
    const store = createSampleStore();
    const typed = { ...defaultSample(petGet), path: "petId=rex-7", body: '{"name":"Rex"}' };
    store.set("a", typed);
    expect(store.get("a")).toEqual(typed);
    expect(store.get("b")).toBeUndefined();
  });

  it("forgets the least recently written key past its limit", () => {
    const store = createSampleStore(2);
    const s = defaultSample(petGet);
    store.set("a", s);
    store.set("b", s);
    store.set("a", { ...s, body: "again" }); // a is now the most recent
    store.set("c", s);
    expect(store.size).toBe(2);
    expect(store.get("b")).toBeUndefined();
    expect(store.get("a")?.body).toBe("again");
    expect(store.get("c")).toBeDefined();
  });
});
