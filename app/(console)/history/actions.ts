"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { revertChange } from "@/lib/audit/revert-service";

/** Reverts a history entry as a new change (editor for design changes; lib/ also requires deployer for stage changes). */
export async function revertChangeAction(auditEventId: string) {
  return runAction("design.edit", async ({ db, actor }) => {
    const result = await revertChange(db, actor, z.string().parse(auditEventId));
    revalidatePath("/history");
    revalidatePath("/apis/[apiId]", "layout");
    return result;
  });
}
