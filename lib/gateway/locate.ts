/**
 * Which stage a gateway path addresses. The console serves every deployed stage at
 * `/gw/{api}/{stage}/…` (the API as Gatehouse's id or the AWS REST API id it was pushed to);
 * `gatehouse serve` serves one API's stage at `/{stage}/…`, as execute-api's URLs are shaped.
 */
import type { Db } from "../db/client";
import type { GatewayLocation } from "./exchange";
import { resolveStageTargetCached, type StageTarget } from "./target";

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The path below the first `depth` segments, still percent-encoded (`%2F` stays inside its segment). */
function below(segments: string[], depth: number): string {
  return `/${segments.slice(depth + 1).join("/")}`;
}

/** `/gw/{apiRef}/{stage}/…` against the database's deployed stages (cached, see target.ts). */
export function consoleLocator(dbOf: () => Promise<Db>, cacheMs?: number): (rawPath: string) => Promise<GatewayLocation> {
  return async (rawPath) => {
    const db = await dbOf();
    // ["", "gw", apiRef, stage, ...path]
    const segments = rawPath.split("/");
    const target = await resolveStageTargetCached(db, safeDecode(segments[2] ?? ""), safeDecode(segments[3] ?? ""), cacheMs);
    return { target, below: below(segments, 3) };
  };
}

/** `/{stage}/…` for one resolved stage; any other first segment is an unknown stage (403, as AWS answers). */
export function singleStageLocator(target: StageTarget): (rawPath: string) => Promise<GatewayLocation> {
  return async (rawPath) => {
    const segments = rawPath.split("/");
    return { target: safeDecode(segments[1] ?? "") === target.stageName ? target : null, below: below(segments, 1) };
  };
}
