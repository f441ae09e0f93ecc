/** The engine runs in the browser (editor previews): no Node-only APIs, and the portable codecs match Node's. */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { base64Decode, base64Encode, utf8Length } from "./escape";

const dir = fileURLToPath(new URL(".", import.meta.url));
const sources = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("browser compatibility", () => {
  it("engine sources use no Node-only APIs", () => {
    expect(sources.length).toBeGreaterThan(5);
    for (const f of sources) {
      const text = readFileSync(dir + f, "utf8");
      expect(text, f).not.toMatch(/\bBuffer\b/);
      expect(text, f).not.toMatch(/\bprocess\./);
      expect(text, f).not.toMatch(/from\s+["']node:/);
      expect(text, f).not.toMatch(/\brequire\(/);
      expect(text, f).not.toMatch(/from\s+["'](fs|path|os|crypto|child_process|util)["']/);
    }
  });

  const samples = ["", "a", "ab", "abc", "abcd", "héllo wörld", "日本語テキスト", "emoji 😀👍🏽", "\u0000\u0001\u007f", "x".repeat(1000) + "é"];
  for (let n = 0; n < 40; n++) {
    let s = "";
    for (let k = 0; k < n; k++) s += String.fromCodePoint([0x41 + ((n * 7 + k) % 50), 0xe9, 0x4e2d, 0x1f600][(n + k) % 4]);
    samples.push(s);
  }

  it("base64Encode matches Node's Buffer on UTF-8", () => {
    for (const s of samples) expect(base64Encode(s), JSON.stringify(s)).toBe(Buffer.from(s, "utf8").toString("base64"));
  });

  it("base64Decode inverts base64Encode, with and without padding", () => {
    for (const s of samples) {
      const enc = base64Encode(s);
      expect(base64Decode(enc)).toBe(s);
      expect(base64Decode(enc.replace(/=+$/, ""))).toBe(s);
    }
  });

  it("utf8Length matches Buffer.byteLength", () => {
    for (const s of samples) expect(utf8Length(s)).toBe(Buffer.byteLength(s, "utf8"));
  });
});
