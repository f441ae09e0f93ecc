/**
 * GET /apis/{apiId}/diff?from=&to=: the console's comparison (lib/stage/insights `compare`, over the
 * one diff engine in lib/snapshot) of any two of the draft, a stage and a deployment.
 */
import { z } from "zod";
import type { Actor } from "../audit/mutate";
import type { Db } from "../db/client";
import { compare, diffRefText, parseDiffRef, type ResolvedSide } from "../stage/insights";
import { parse } from "./parse";

const side = z.string({ message: "Required: draft, stage:NAME or deployment:ID" }).min(1, "Required: draft, stage:NAME or deployment:ID");
const DiffQuery = z.object({ from: side, to: side }).strict();

const sideOf = (s: Omit<ResolvedSide, "design">) => ({ ref: diffRefText(s.ref), label: s.label, deploymentId: s.deploymentId ?? null });

/** The design diff of `from` → `to`; with two stages, also how their deployment, variables and settings differ. */
export async function diffSides(db: Db, actor: Actor, apiId: string, query: Record<string, string>) {
  const input = parse(DiffQuery, query);
  const result = await compare(db, actor.workspaceId, apiId, parseDiffRef(input.from, "from"), parseDiffRef(input.to, "to"));
  return { from: sideOf(result.a), to: sideOf(result.b), design: result.design, stage: result.stage ?? null };
}
