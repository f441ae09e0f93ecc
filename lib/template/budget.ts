/**
 * A render's budget: every template render is bounded in evaluation steps, wall time and string
 * size, so no template (nested `#foreach` loops, a huge `[1..n]` range, a string doubled in a
 * loop) can hold the server's event loop. AWS stops a template at its limits with an error; so
 * does Gatehouse, with a `TemplateError` the invoke pipeline answers as a 500 (configuration
 * error) and logs.
 *
 * Why these numbers: AWS allows 1,000 `#foreach` iterations per loop, and a realistic template
 * (a 1,000-item list with a dozen references per item) takes about 30,000 steps; 1,000,000 steps
 * is 30× that and takes about 0.1–0.4 s here (2 shared cores), so the step budget is what
 * normally stops a runaway render, the same way on every machine. The wall-time bound (500 ms)
 * is the backstop for steps that are individually slow (long strings, big lists) and for a
 * loaded machine: with it, no render holds the event loop for more than half a second, so the
 * console's health check answers within a second while any template runs. A legitimate
 * 1,000-item template takes ~45 ms warm and ~0.3 s on its very first render (cold JIT) on a
 * machine at load 15; it is not lower than 500 ms for that reason. Strings stop at 10 MB, AWS's
 * payload limit, and lists or maps a template grows at 1,000,000 items.
 */
import type { Pos } from "./parser";
import { TemplateError } from "./types";

export interface RenderLimits {
  /** Evaluation steps (one per node, expression, loop iteration; large operations cost more). */
  maxSteps: number;
  /** Wall-clock milliseconds for the whole render. */
  maxMillis: number;
  /** Longest string (in UTF-16 units) a render may build. */
  maxStringLength: number;
  /** Most items a template may grow a list or map to (`addAll`, `put` in loops). */
  maxCollectionSize: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = {
  maxSteps: 1_000_000,
  maxMillis: 500,
  maxStringLength: 10 * 1024 * 1024,
  maxCollectionSize: 1_000_000,
};

/** How many steps pass between two looks at the clock (reading it costs more than a step). */
const CLOCK_EVERY = 1024;

const now = () => performance.now();

function budgetError(what: string, pos?: Pos): TemplateError {
  const where = pos ? ` at line ${pos.line}, column ${pos.column}` : "";
  return new TemplateError(`Template evaluation stopped: ${what}${where}`, pos?.line, pos?.column);
}

export class RenderBudget {
  private steps = 0;
  /** The next step count at which `charge` leaves its fast path: the step limit or a clock read. */
  private nextCheck: number;
  private readonly deadline: number;

  constructor(readonly limits: RenderLimits = DEFAULT_RENDER_LIMITS) {
    this.deadline = now() + limits.maxMillis;
    this.nextCheck = Math.min(CLOCK_EVERY, limits.maxSteps + 1);
  }

  /** Spends `n` steps; throws when the step or time budget is spent. Hot: one add, one compare. */
  charge(n: number, pos?: Pos): void {
    if ((this.steps += n) >= this.nextCheck) this.check(pos);
  }

  private check(pos?: Pos): void {
    if (this.steps > this.limits.maxSteps) {
      throw budgetError(`the render exceeded ${this.limits.maxSteps.toLocaleString("en-US")} evaluation steps`, pos);
    }
    this.checkTime(pos);
    this.nextCheck = Math.min(this.steps + CLOCK_EVERY, this.limits.maxSteps + 1);
  }

  checkTime(pos?: Pos): void {
    if (now() > this.deadline) throw budgetError(`the render took longer than ${this.limits.maxMillis} ms`, pos);
  }

  /** Refuses a string longer than the limit (before it is built, when the length is known). */
  checkLength(length: number, pos?: Pos): void {
    if (length > this.limits.maxStringLength) {
      throw budgetError(
        `a string of ${length.toLocaleString("en-US")} characters exceeds the limit of ${this.limits.maxStringLength.toLocaleString("en-US")}`,
        pos,
      );
    }
  }

  /** Refuses a list or map the template grew past the limit. */
  checkSize(size: number, pos?: Pos): void {
    if (size > this.limits.maxCollectionSize) {
      throw budgetError(
        `a collection of ${size.toLocaleString("en-US")} items exceeds the limit of ${this.limits.maxCollectionSize.toLocaleString("en-US")}`,
        pos,
      );
    }
  }
}

/**
 * Cost in steps of a string method on `s`, charged before it runs. Regex methods scan the string
 * on RE2 (linear, but ~0.2 µs a character with groups: bench/regex.bench.ts), so a character costs
 * half a step: one call can't scan more than 2 M characters (~0.4 s) and a 10 MB body is refused
 * before the scan starts. Other methods copy the string at native speed.
 */
export function stringMethodCost(method: string, s: string): number {
  const regex = method === "matches" || method === "replaceAll" || method === "replaceFirst" || method === "split";
  return 1 + (regex ? s.length >> 1 : s.length >> 8);
}
