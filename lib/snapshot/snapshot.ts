/**
 * Deployments are immutable, content-addressed snapshots of a design. The hash is taken
 * over canonical JSON (sorted keys) so that the same design always hashes the same,
 * whatever order its maps were edited in.
 */
import { createHash } from "node:crypto";
import { type ApiDesign, parseDesign } from "../model/design";

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** Normalises a design for snapshotting: defaults filled, resources in id order. */
export function normaliseDesign(design: ApiDesign): ApiDesign {
  const parsed = parseDesign(structuredClone(design));
  parsed.resources.sort((a, b) => a.id.localeCompare(b.id));
  return parsed;
}

export function contentHash(design: ApiDesign): string {
  return createHash("sha256")
    .update(canonicalJson(normaliseDesign(design)))
    .digest("hex");
}
