/** Saved test cases: the request, the checks on its response, and what a save takes. */
import { z } from "zod";
import { HTTP_METHODS } from "../model/design";
import { evalJsonPath, JsonPathError } from "../template/json";

const MAX_SAVED_BODY = 256 * 1024;

export const testCaseRequestSchema = z
  .object({
    pathWithQueryString: z
      .string()
      .min(1, "Enter a path such as /pets/1")
      .max(8192)
      .refine((p) => p.startsWith("/"), "The path starts with /"),
    /** One value per name (the last, when a name repeats); rows saved before repeated headers have only this. */
    headers: z.record(z.string(), z.string()).default({}),
    /** Every value of a repeated header, in order (TestInvokeMethod's multiValueHeaders); replayed with `headers`. */
    multiValueHeaders: z
      .record(z.string(), z.array(z.string()).min(1, "A repeated header has at least one value").max(100, "At most 100 values per header"))
      .optional(),
    body: z.string().max(MAX_SAVED_BODY, "A saved request body is limited to 256 KB").default(""),
    /** `body` is the base64 of a binary payload. */
    isBase64Encoded: z.boolean().optional(),
    stageVariables: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((r, ctx) => {
    if (r.isBase64Encoded && !/^[A-Za-z0-9+/]*={0,2}$/.test(r.body.replace(/\s+/g, ""))) {
      ctx.addIssue({ code: "custom", path: ["body"], message: "A binary body is base64 (A–Z, a–z, 0–9, +, /, = padding)" });
    }
  });
export type TestCaseRequest = z.output<typeof testCaseRequestSchema>;

/** Checks a JSONPath parses (Jayway's syntax, as $input.path uses). */
function jsonPathIssue(path: string): string | null {
  if (!path.startsWith("$")) return "A JSON path starts with $, e.g. $.id";
  try {
    evalJsonPath(null, path);
    return null;
  } catch (e) {
    return e instanceof JsonPathError ? e.message : `Invalid JSON path ${path}`;
  }
}

export const bodyJsonCheckSchema = z.object({
  path: z
    .string()
    .trim()
    .min(1, "Enter a JSON path such as $.id")
    .superRefine((p, ctx) => {
      const issue = jsonPathIssue(p);
      if (issue) ctx.addIssue({ code: "custom", message: issue });
    }),
  equals: z.unknown(),
});
export type BodyJsonCheck = z.output<typeof bodyJsonCheckSchema>;

export const expectationsSchema = z.object({
  status: z
    .number({ message: "The expected status is a number" })
    .int("The expected status is a whole number")
    .min(100, "A status is between 100 and 599")
    .max(599, "A status is between 100 and 599")
    .optional(),
  bodyContains: z.array(z.string().min(1, "An empty line checks nothing")).max(50, "At most 50 body checks").optional(),
  bodyJson: z.array(bodyJsonCheckSchema).max(50, "At most 50 JSON path checks").optional(),
  headerEquals: z.record(z.string().min(1), z.string()).optional(),
});
export type Expectations = z.output<typeof expectationsSchema>;

export const testCaseNameSchema = z.string().trim().min(1, "Name the test case").max(128, "At most 128 characters");

export const saveTestCaseSchema = z.object({
  /** Set to update that test case; left out to create one. */
  id: z.uuid("Not a test case id").optional(),
  resourcePath: z
    .string()
    .min(1)
    .refine((p) => p.startsWith("/"), "A resource path starts with /"),
  httpMethod: z.enum(HTTP_METHODS, { message: "Not an HTTP method API Gateway knows" }),
  name: testCaseNameSchema,
  request: testCaseRequestSchema,
  expectations: expectationsSchema.default({}),
});
export type SaveTestCaseInput = z.input<typeof saveTestCaseSchema>;

export const runTargetSchema = z.union([z.literal("draft"), z.object({ stage: z.string().min(1, "Choose a stage") })]);
export type RunTarget = z.output<typeof runTargetSchema>;

export const runTestCasesSchema = z.object({
  target: runTargetSchema,
  filter: z.object({ resourcePath: z.string().min(1), httpMethod: z.string().min(1) }).optional(),
  /** Run just these test cases (e.g. one Run button). */
  ids: z.array(z.uuid()).max(500).optional(),
});
export type RunTestCasesInput = z.input<typeof runTestCasesSchema>;
