/**
 * FAKE API Gateway: in-memory control-plane state. Entities are stored in the JSON shape the
 * real service returns (REST-JSON, `Accept: application/json`), so handlers can answer with them
 * directly. A test double, not product code.
 */

export type Json = Record<string, any>;

export interface FakeResource {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  /** verb → Method JSON (with `methodResponses` and `methodIntegration{integrationResponses}` embedded). */
  resourceMethods: Record<string, Json>;
}

export interface FakeDeployment {
  id: string;
  description?: string;
  createdDate: number;
  apiSummary: Record<string, Record<string, { authorizationType: string; apiKeyRequired: boolean }>>;
  /** Not in AWS: a copy of the resource tree at deploy time, for test assertions. */
  snapshot: FakeResource[];
}

export interface FakeRestApi {
  api: Json; // RestApi JSON: id, name, description, createdDate, rootResourceId, …
  resources: Map<string, FakeResource>;
  models: Map<string, Json>; // by name
  requestValidators: Map<string, Json>;
  authorizers: Map<string, Json>;
  gatewayResponses: Map<string, Json>; // by responseType, only customised ones (reads add the defaults)
  deployments: Map<string, FakeDeployment>;
  stages: Map<string, Json>;
}

export class FakeState {
  readonly restApis = new Map<string, FakeRestApi>();
  private seed: number;

  constructor(seed = 0x5eed) {
    this.seed = seed >>> 0;
  }

  /** mulberry32: deterministic ids per fake instance. */
  private random(): number {
    let t = (this.seed = (this.seed + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** AWS-shaped ids: 10 lowercase alphanumerics for APIs and root resources, 6 for the rest. */
  newId(length: number): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    let id = "";
    for (let i = 0; i < length; i++) id += alphabet[Math.floor(this.random() * alphabet.length)];
    return id;
  }

  clear() {
    this.restApis.clear();
  }

  /** Test helper: the resource with this full path, if any. */
  resourceByPath(restApiId: string, path: string): FakeResource | undefined {
    const api = this.restApis.get(restApiId);
    if (!api) return undefined;
    return [...api.resources.values()].find((r) => r.path === path);
  }

  /** Test helper: one line per resource/method/response, sorted, for whole-API comparisons. */
  describe(restApiId: string): string[] {
    const api = this.restApis.get(restApiId);
    if (!api) return [];
    const lines: string[] = [];
    for (const r of api.resources.values()) {
      lines.push(`resource ${r.path}`);
      for (const [verb, m] of Object.entries(r.resourceMethods)) {
        lines.push(`method ${verb} ${r.path}`);
        for (const code of Object.keys(m.methodResponses ?? {})) lines.push(`method-response ${verb} ${r.path} ${code}`);
        if (m.methodIntegration) {
          lines.push(`integration ${verb} ${r.path} ${m.methodIntegration.type}`);
          for (const code of Object.keys(m.methodIntegration.integrationResponses ?? {})) lines.push(`integration-response ${verb} ${r.path} ${code}`);
        }
      }
    }
    for (const m of api.models.keys()) lines.push(`model ${m}`);
    for (const v of api.requestValidators.values()) lines.push(`validator ${v.name}`);
    for (const a of api.authorizers.values()) lines.push(`authorizer ${a.name}`);
    for (const g of api.gatewayResponses.keys()) lines.push(`gateway-response ${g}`);
    return lines.sort();
  }
}

// ---------------------------------------------------------------------------------------------
// PATCH (patchOperations): JSON-pointer-like paths, `~1` = `/`, `~0` = `~`. Values are strings on
// the wire. REST API entities are patched by entity-patch.ts (AWS's paths and ops per entity),
// stages by stage-patch.ts.

export interface PatchOperation {
  op: "add" | "remove" | "replace" | "move" | "copy" | "test";
  path: string;
  value?: string;
  from?: string;
}

export function decodePointer(path: string): string[] {
  return path
    .slice(1)
    .split("/")
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
