"use server";
/** Saved test cases and runs: parse the arguments (zod), check the role, call lib/testcase, revalidate. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { consoleJobs, runTestsAsJob } from "@/lib/jobs";
import { invokeCapabilities } from "@/lib/restapi/test-invoke";
import {
  deleteTestCase,
  listTestCases,
  saveTestCase,
  runTestCasesSchema,
  saveTestCaseSchema,
  type RunTestCasesInput,
  type SaveTestCaseInput,
} from "@/lib/testcase/index";

const apiIdSchema = z.string().min(1);
const filterSchema = z.object({ resourcePath: z.string().min(1), httpMethod: z.string().min(1) }).optional();

const revalidate = (apiId: string) => {
  revalidatePath(`/apis/${apiId}/tests`);
  revalidatePath(`/apis/${apiId}/history`);
};

export async function listTestCasesAction(restApiId: string, filter?: { resourcePath: string; httpMethod: string }) {
  return runAction("read", async ({ db, actor }) => listTestCases(db, actor, apiIdSchema.parse(restApiId), filterSchema.parse(filter)));
}

export async function saveTestCaseAction(restApiId: string, input: SaveTestCaseInput) {
  return runAction("invoke.test", async ({ db, actor }) => {
    const id = apiIdSchema.parse(restApiId);
    const saved = await saveTestCase(db, actor, id, saveTestCaseSchema.parse(input));
    revalidate(id);
    return saved;
  });
}

export async function deleteTestCaseAction(restApiId: string, testCaseId: string) {
  return runAction("invoke.test", async ({ db, actor }) => {
    const id = apiIdSchema.parse(restApiId);
    const deleted = await deleteTestCase(db, actor, id, z.string().min(1).parse(testCaseId));
    revalidate(id);
    return deleted;
  });
}

export async function runTestCasesAction(restApiId: string, input: RunTestCasesInput) {
  return runAction("invoke.test", async ({ actor }) => {
    const id = apiIdSchema.parse(restApiId);
    // A job on any instance's worker: the suite runs to its end even if this request goes away.
    const report = await runTestsAsJob(await consoleJobs(), actor, { restApiId: id, run: runTestCasesSchema.parse(input) });
    revalidatePath(`/apis/${id}/history`);
    return report;
  });
}

/** Whether the API is bound to an AWS connection (the Test panel offers "Call the authorizer on AWS" only then). */
export async function invokeCapabilitiesAction(restApiId: string) {
  return runAction("read", async ({ db, actor }) => invokeCapabilities(db, actor, apiIdSchema.parse(restApiId)));
}
