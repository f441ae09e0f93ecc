/**
 * GET /apis/{apiId}/diff?from=&to=: the console's comparison (lib/stage/insights `compare`, over the
 * one diff engine in lib/snapshot) of any two of the draft, a stage and a deployment.
 */
import { z } from "zod";
import type { Actor } from "../audit/mutate";
import type { Db } from "../db/client";
import { compare, diffRefText, parseDiffRef, type ResolvedSide } from "../stage/insights";
import { STAGE_NAME_RULE } from "../stage/rules";
import { parse, stageName } from "./parse";

const SIDE_RULE = "Required: draft, stage:NAME or deployment:ID";
/** The console's refs; a stage's name is held to AWS's rule here, so a bad one is this field's error, not a lookup's. */
const side = z
  .string({ message: SIDE_RULE })
  .min(1, SIDE_RULE)
  .refine((ref) => !ref.startsWith("stage:") || stageName.safeParse(ref.slice("stage:".length)).success, STAGE_NAME_RULE);
const DiffQuery = z.object({ from: side, to: side }).strict();

const sideOf = (s: Omit<ResolvedSide, "design">) => ({ ref: diffRefText(s.ref), label: s.label, deploymentId: s.deploymentId ?? null });

/** The design diff of `from` → `to`; with two stages, also how their deployment, variables and settings differ. */
export async function diffSides(db: Db, actor: Actor, apiId: string, query: Record<string, string>) {
  const input = parse(DiffQuery, query);
  const result = await compare(db, actor.workspaceId, apiId, parseDiffRef(input.from, "from"), parseDiffRef(input.to, "to"));
  return { from: sideOf(result.a), to: sideOf(result.b), design: result.design, stage: result.stage ?? null };
}
