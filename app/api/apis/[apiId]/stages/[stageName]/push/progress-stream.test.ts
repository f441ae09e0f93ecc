import { describe, expect, it } from "vitest";
import { progressStream } from "./progress-stream";

const decoder = new TextDecoder();
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the push route's progress stream", () => {
  it("delivers every line, then ends", async () => {
    const { stream, finished } = progressStream(async (send) => {
      for (const n of [1, 2, 3]) send({ n });
    });
    const text = await new Response(stream).text();
    expect(
      text
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    ).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    await finished;
  });

  it("keeps running the job to its end when the reader goes away, dropping what it sends after that", async () => {
    const sent: number[] = [];
    const { stream, finished } = progressStream(async (send) => {
      for (const n of [1, 2, 3, 4]) {
        send({ n });
        sent.push(n);
        await tick();
      }
    });
    const reader = stream.getReader();
    expect(JSON.parse(decoder.decode((await reader.read()).value))).toEqual({ n: 1 });
    await reader.cancel();
    await expect(finished).resolves.toBeUndefined();
    expect(sent).toEqual([1, 2, 3, 4]);
  });
});
