/**
 * Usage plans as API Gateway validates them (CreateUsagePlan / UpdateUsagePlan): throttle
 * (ThrottleSettings: a non-negative rate in requests per second, a non-negative whole burst),
 * quota (QuotaSettings: a whole limit, a period DAY | WEEK | MONTH and an offset: the day the period
 * starts — 0 for DAY, 0 (Sunday)–6 for WEEK, 0–27 for MONTH so it exists in every month), and API
 * stages with per-method throttles keyed `/resource/path/HTTPMETHOD` (`/pets/GET`, `//GET` for the
 * root, `/*\/*` for every method) as AWS stores them.
 */
import { z } from "zod";

export const QUOTA_PERIODS = ["DAY", "WEEK", "MONTH"] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];
/** The highest offset each period accepts. */
export const MAX_QUOTA_OFFSET: Record<QuotaPeriod, number> = { DAY: 0, WEEK: 6, MONTH: 27 };
const THROTTLE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "*"];
/** AWS's integers are Java ints. */
const MAX_INT = 2_147_483_647;

export const throttleSchema = z.object({
  rateLimit: z.number({ message: "Enter a rate in requests per second" }).finite().min(0, "The rate cannot be negative"),
  burstLimit: z
    .number({ message: "Enter a burst in requests" })
    .int("The burst is a whole number of requests")
    .min(0, "The burst cannot be negative")
    .max(MAX_INT),
});
export type Throttle = z.infer<typeof throttleSchema>;

export const quotaSchema = z
  .object({
    limit: z
      .number({ message: "Enter a number of requests" })
      .int("The quota is a whole number of requests")
      .min(0, "The quota cannot be negative")
      .max(MAX_INT),
    period: z.enum(QUOTA_PERIODS, { message: "The period is DAY, WEEK or MONTH" }),
    offset: z.number().int("The offset is a whole number of days").min(0, "The offset cannot be negative").default(0),
  })
  .superRefine((q, ctx) => {
    const max = MAX_QUOTA_OFFSET[q.period];
    if (q.offset > max) {
      ctx.addIssue({ code: "custom", path: ["offset"], message: max === 0 ? "A DAY quota's offset is 0" : `A ${q.period} quota's offset is 0 to ${max}` });
    }
  });
export type Quota = z.infer<typeof quotaSchema>;

/** `/pets/{id}/GET` → `{ path: "/pets/{id}", method: "GET" }`; null when the key is not of that form. */
export function parseMethodThrottleKey(key: string): { path: string; method: string } | null {
  const cut = key.lastIndexOf("/");
  if (cut <= 0) return null;
  const path = key.slice(0, cut);
  const method = key.slice(cut + 1);
  if (!THROTTLE_METHODS.includes(method)) return null;
  if (path !== "/" && !/^(\/[^/\s]+)+$/.test(path)) return null;
  return { path, method };
}

const methodThrottlesSchema = z.record(z.string(), throttleSchema).superRefine((throttles, ctx) => {
  for (const key of Object.keys(throttles)) {
    if (!parseMethodThrottleKey(key)) {
      ctx.addIssue({ code: "custom", path: [key], message: "A method throttle is keyed /resource/path/HTTPMETHOD, such as /pets/GET" });
    }
  }
});

export const apiStageSchema = z.object({
  apiId: z.string().uuid("Choose a REST API"),
  stage: z.string().trim().min(1, "Choose a stage"),
  throttle: methodThrottlesSchema.default({}),
});
export type ApiStageInput = z.input<typeof apiStageSchema>;
export type ApiStage = z.infer<typeof apiStageSchema>;

export const usagePlanSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(1024, "A name is at most 1024 characters"),
  description: z.string().max(1024, "A description is at most 1024 characters").default(""),
  throttle: throttleSchema.nullish().transform((t) => t ?? null),
  quota: quotaSchema.nullish().transform((q) => q ?? null),
  apiStages: z
    .array(apiStageSchema)
    .default([])
    .superRefine((stages, ctx) => {
      const seen = new Set<string>();
      stages.forEach((s, i) => {
        const key = `${s.apiId}/${s.stage}`;
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "stage"], message: `Stage ${s.stage} is listed twice` });
        seen.add(key);
      });
    }),
});
export type UsagePlanInput = z.input<typeof usagePlanSchema>;
export type UsagePlanSettings = z.infer<typeof usagePlanSchema>;

/** An update names the plan's own settings; its stages change through addApiStage / removeApiStage. */
export const usagePlanUpdateSchema = usagePlanSchema.omit({ apiStages: true });
export type UsagePlanUpdateInput = z.input<typeof usagePlanUpdateSchema>;
