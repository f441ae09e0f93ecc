import { expect } from "vitest";

/** Awaits a promise that must reject with `kind`, and returns the error for further checks. */
export async function rejection<E extends Error>(promise: Promise<unknown>, kind: new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(kind);
    return e as E;
  }
  throw new Error(`expected ${kind.name}, but it resolved`);
}
