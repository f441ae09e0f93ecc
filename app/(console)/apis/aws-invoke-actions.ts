"use server";
/** "Run on AWS too": the action over `lib/restapi/aws-test-invoke.ts` (TestInvokeMethod, compared and recorded). */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { type AwsTestInvokeOutcome, type LocalInvokeAnswer, testInvokeOnAwsAndRecord } from "@/lib/restapi/aws-test-invoke";
import type { TestInvokeInput } from "@/lib/restapi/test-invoke";

export type { AwsTestInvokeOutcome } from "@/lib/restapi/aws-test-invoke";

export async function awsTestInvokeAction(restApiId: string, request: TestInvokeInput, local?: LocalInvokeAnswer) {
  return runAction("invoke.test", async ({ db, actor }): Promise<AwsTestInvokeOutcome> => {
    const id = z.string().parse(restApiId);
    const outcome = await testInvokeOnAwsAndRecord(db, actor, id, request, local);
    revalidatePath(`/apis/${id}/history`);
    return outcome;
  });
}
