/**
 * Where moto 5.2.1 answers differently from AWS, as far as these suites touch it (MOTO.md has the
 * evidence for each). The suites never bend Gatehouse to moto: they detect moto by its endpoint,
 * take a documented detour, and leave out of a comparison exactly the differences listed here.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { callApiGateway } from "../../lib/aws/client";
import { planPush } from "../../lib/aws/push";
import type { ApiDesign } from "../../lib/model/design";
import type { DiffEntry, FieldChange } from "../../lib/snapshot/diff";

/** True when `endpoint` is a moto server (it answers moto's own `/moto-api/` dashboard). */
export async function isMotoEndpoint(endpoint: string | undefined): Promise<boolean> {
  if (!endpoint) return false;
  try {
    const res = await fetch(`${endpoint.replace(/\/$/, "")}/moto-api/`, { signal: AbortSignal.timeout(3_000) });
    return res.ok && /moto/i.test(await res.text());
  } catch {
    return false;
  }
}

/**
 * moto's field-level differences in a read-back (AWS side first):
 * - PutIntegration without `connectionType`: AWS answers `INTERNET`, moto leaves it out.
 * - PutIntegration `cacheKeyParameters`: AWS stores them, moto drops them.
 * - binaryMediaTypes: moto's CreateRestApi ignores them, and its UpdateRestApi reads the item of
 *   `add /binaryMediaTypes/image~1png` from `value` (absent: AWS puts it in the path), storing "".
 */
function isMotoGap(entity: DiffEntry["entity"], change: FieldChange): boolean {
  if (entity === "api") return change.path === "binaryMediaTypes" && Array.isArray(change.after) && change.after.every((t) => t === "");
  if (entity !== "integration") return false;
  if (change.path === "connectionType") return change.before === "INTERNET" && change.after === undefined;
  if (change.path === "cacheKeyParameters")
    return Array.isArray(change.before) && (change.after === undefined || (Array.isArray(change.after) && change.after.length === 0));
  return false;
}

/** A design diff (AWS's expected read-back → moto's) without the differences moto is known to make. */
export function withoutMotoGaps(entries: DiffEntry[]): DiffEntry[] {
  return entries.flatMap((e) => {
    if (e.kind !== "changed") return [e];
    const fields = e.fields.filter((f) => !isMotoGap(e.entity, f));
    return fields.length ? [{ ...e, fields }] : [];
  });
}

/**
 * moto's CreateRestApi makes no `Empty` / `Error` models (AWS adds both to every new API), and
 * moto has no UpdateModel, so a push that starts with CreateRestApi (and then updates the
 * built-in models AWS would have made) cannot run there. The detour: make the API with exactly
 * the CreateRestApi input Gatehouse's own plan would send, then push into it; the push reads
 * the live models instead of assuming AWS's built-ins.
 */
export async function createRestApiAsPlanned(client: APIGatewayClient, design: ApiDesign): Promise<string> {
  const plan = await planPush(client, { design, restApiId: null, stageName: "unused", strategy: "per-entity" });
  const create = plan.calls[0];
  if (create?.operation !== "CreateRestApi") throw new Error(`A plan for a new API starts with ${create?.operation ?? "nothing"}, not CreateRestApi`);
  const created = await callApiGateway<{ id: string }>(client, "CreateRestApi", create.params);
  return created.id;
}
