/** The Test panel's binary helpers: a file's bytes to base64 and back, byte counts, download names. */
import { describe, expect, it } from "vitest";
import { base64ByteLength, fileToBase64, formatBytes, responseFileName } from "../../components/test-invoke/binary-body";

describe("binary bodies in the Test panel", () => {
  it("encodes a file's exact bytes, including ones UTF-8 would mangle, across the chunk boundary", async () => {
    const bytes = Buffer.alloc(0x8000 * 2 + 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) % 256;
    const encoded = await fileToBase64(new Blob([bytes]));
    expect(Buffer.from(encoded, "base64").equals(bytes)).toBe(true);
    expect(await fileToBase64(new Blob([]))).toBe("");
  });

  it("counts the bytes base64 stands for, padding and line breaks not counted", () => {
    expect(base64ByteLength(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).toString("base64"))).toBe(8);
    expect(base64ByteLength("aGVsbG8=")).toBe(5);
    expect(base64ByteLength("aGVs\nbG8h")).toBe(6);
    expect(base64ByteLength("")).toBe(0);
  });

  it("formats sizes and names downloads by content type", () => {
    expect([formatBytes(1), formatBytes(8), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual(["1 byte", "8 bytes", "2.0 KB", "3.0 MB"]);
    expect(responseFileName("image/png")).toBe("response.png");
    expect(responseFileName("application/pdf; charset=binary")).toBe("response.pdf");
    expect(responseFileName("audio/x-wav")).toBe("response.xwav");
    expect(responseFileName("")).toBe("response.bin");
  });
});
